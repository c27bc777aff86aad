package slackbot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
)

// engineActions are the button actions the engine answers.
var engineActions = map[string]bool{
	bot.ActAcceptRewrite: true, bot.ActEditRewrite: true, bot.ActKeepAsIs: true,
	bot.ActQuickLog: true, bot.ActUndo: true, bot.ActPickGoal: true,
}

// interactionTeam is the workspace of an interaction (the team object, or
// the view's team for some surfaces).
func interactionTeam(ic slack.InteractionCallback) string {
	switch {
	case ic.Team.ID != "":
		return ic.Team.ID
	case ic.User.TeamID != "":
		return ic.User.TeamID
	}
	return ic.View.TeamID
}

// interaction handles an interactivity payload. The result is the body of
// the acknowledgement: nil for an empty 200, or a view submission response
// (field errors).
func (a *Adapter) interaction(ctx context.Context, ic slack.InteractionCallback) *slack.ViewSubmissionResponse {
	start := time.Now()
	teamID := interactionTeam(ic)
	if teamID == "" || ic.User.ID == "" {
		return nil
	}
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		for _, ba := range ic.ActionCallback.BlockActions {
			if ba != nil {
				a.blockAction(ctx, start, ic, *ba)
			}
		}
	case slack.InteractionTypeViewSubmission:
		switch ic.View.CallbackID {
		case cbNewGoal:
			return a.submitNewGoal(ctx, ic)
		case cbLog:
			return a.submitLog(ctx, ic)
		}
	}
	return nil
}

// fromHome: the press came from the App Home tab (no response_url there).
func fromHome(ic slack.InteractionCallback) bool {
	return ic.Container.Type == "view" || ic.View.Type == slack.VTHomeTab
}

// blockAction routes one button press. Opening a modal must happen while
// the trigger id lives (3 s), so it is done before the acknowledgement;
// engine actions run in the background and answer through the response_url.
func (a *Adapter) blockAction(ctx context.Context, start time.Time, ic slack.InteractionCallback, ba slack.BlockAction) {
	teamID := interactionTeam(ic)
	home := fromHome(ic)
	channel := ic.Channel.ID
	if channel == "" {
		channel = ic.Container.ChannelID
	}
	to := reply{teamID: teamID, channel: channel, user: ic.User.ID, responseURL: ic.ResponseURL, dm: home}
	meta := modalMeta{Channel: channel, ResponseURL: ic.ResponseURL, Home: home}

	switch {
	case ba.ActionID == ActOpenNewGoal:
		req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
		if err := a.openNewGoalModal(ctx, start, ic.TriggerID, req, meta); err != nil {
			a.logErr("views.open (new goal) failed", err, "team", teamID)
		}
		return
	case ba.ActionID == bot.ActCustomLog:
		req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
		lang := a.langOf(ctx, req)
		meta.GoalID = strings.TrimPrefix(strings.TrimSpace(ba.Value), "#")
		title := ""
		if id, err := strconv.ParseInt(meta.GoalID, 10, 64); err == nil {
			if g, err := a.svc.Store.Goal(ctx, teamKey(teamID), id); err == nil {
				title = "#" + meta.GoalID + " " + g.Title
			}
		}
		octx, cancel := context.WithDeadline(ctx, start.Add(triggerLife))
		defer cancel()
		if _, err := a.api.OpenViewContext(octx, ic.TriggerID, logModal(lang, meta, title)); err != nil {
			a.logErr("views.open (log) failed", err, "team", teamID)
		}
		return
	case !engineActions[ba.ActionID]:
		return
	}
	// Edit in Slack: the goal form, while the engine drops the proposal
	// (its "type the goal again" answer is then not needed).
	quiet := false
	if ba.ActionID == bot.ActEditRewrite && ic.TriggerID != "" {
		req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
		quiet = a.openNewGoalModal(ctx, start, ic.TriggerID, req, meta) == nil
	}

	id := ic.TriggerID
	if id == "" {
		id = ba.ActionTs + ":" + ic.User.ID + ":" + ba.ActionID + ":" + ba.Value
	}
	key := eventKey(teamID, "act", id)
	action := &bot.Action{ID: ba.ActionID, Value: ba.Value}
	a.background(func(ctx context.Context) {
		// One press acts once, even when Slack (or a replay) delivers it twice.
		if first, err := a.svc.Store.ClaimEvent(ctx, key, time.Time{}); err != nil {
			a.logErr("claim interaction", err, "team", teamID)
		} else if !first {
			return
		}
		req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
		req.Key = key
		req.Action = action
		req.Direct = isDM(channel)
		rep := a.eng.Handle(ctx, req)
		if !quiet || !rep.OK {
			a.deliver(ctx, to, rep)
		}
		if home {
			a.publishHome(ctx, teamID, ic.Team.Domain, ic.User.ID)
		}
	})
}
