package slackbot

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// eventEnvelope is the outer Events API payload (HTTP body, or the payload
// of a Socket Mode events_api envelope). Only what the bot reads is decoded.
type eventEnvelope struct {
	Type      string     `json:"type"`
	Challenge string     `json:"challenge"`
	TeamID    string     `json:"team_id"`
	EventID   string     `json:"event_id"`
	Event     innerEvent `json:"event"`
}

type innerEvent struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	User        string `json:"user"`
	BotID       string `json:"bot_id"`
	Channel     string `json:"channel"`
	ChannelType string `json:"channel_type"`
	Text        string `json:"text"`
	TS          string `json:"ts"`
	ThreadTS    string `json:"thread_ts"`
	Tab         string `json:"tab"`
	Team        string `json:"team"`
}

// event handles an event callback in the background (the caller has
// acknowledged it). A delivery of an event_id already claimed is a retry
// (X-Slack-Retry-Num) or a replay and does nothing.
func (a *Adapter) event(env eventEnvelope, retryNum string) {
	if env.Type != "event_callback" {
		return
	}
	teamID := env.TeamID
	if teamID == "" {
		teamID = env.Event.Team
	}
	ev := env.Event
	if teamID == "" || ev.User == "" {
		return
	}
	switch ev.Type {
	case "app_home_opened":
		if ev.Tab != "" && ev.Tab != "home" {
			return
		}
	case "message":
		// Only what a person typed in a DM with the bot: no bot messages,
		// edits, joins or other subtypes (the bot's own replies come back too).
		if ev.BotID != "" || ev.Subtype != "" || ev.ChannelType != "im" || strings.TrimSpace(ev.Text) == "" {
			return
		}
	case "app_mention":
		if ev.BotID != "" || ev.Subtype != "" {
			return
		}
	default:
		return
	}
	a.background(func(ctx context.Context) {
		if env.EventID != "" {
			first, err := a.svc.Store.ClaimEvent(ctx, "slack:event:"+env.EventID, time.Time{})
			if err != nil {
				a.logErr("claim event", err, "team", teamID, "event", env.EventID)
			} else if !first {
				a.log.Debug("slack: event seen before", "event", env.EventID, "retry", retryNum)
				return
			}
		}
		switch ev.Type {
		case "app_home_opened":
			a.publishHome(ctx, teamID, "", ev.User)
		case "message":
			a.message(ctx, teamID, ev, false)
		case "app_mention":
			a.message(ctx, teamID, ev, true)
		}
	})
}

// mentionRe is a user mention: <@U123> or <@U123|name>.
var mentionRe = regexp.MustCompile(`<@[A-Z0-9]+(\|[^>]*)?>`)

// message answers a DM (plain language is understood there) or a mention
// of the bot in a channel.
func (a *Adapter) message(ctx context.Context, teamID string, ev innerEvent, mention bool) {
	text := ev.Text
	if mention {
		// Drop the leading mention of the bot: "@goalbot log 3" → "log 3".
		if loc := mentionRe.FindStringIndex(text); loc != nil && strings.TrimSpace(text[:loc[0]]) == "" {
			text = text[loc[1]:]
		}
	}
	text = strings.TrimSpace(fromSlack(text))
	for _, p := range []string{"/goal ", "/log "} {
		if strings.HasPrefix(text, p) {
			text = strings.TrimSpace(text[len(p):])
			if p == "/log " {
				text = "log " + text
			}
		}
	}
	if text == "" {
		text = "help"
	}
	req := a.request(ctx, teamID, "", ev.User, "")
	req.Text = text
	req.Direct = true // a DM, or the bot addressed by name
	req.Channel = ev.Channel
	req.Key = eventKey(teamID, "msg", ev.Channel+":"+ev.TS)
	rep := a.eng.Handle(ctx, req)

	thread := ev.ThreadTS
	if mention && thread == "" {
		thread = ev.TS
	}
	to := reply{teamID: teamID, channel: ev.Channel, user: ev.User, threadTS: thread}
	switch {
	case isDM(ev.Channel) || ev.ChannelType == "im":
		err := a.post(ctx, teamID, ev.Channel, "", rep)
		if err != nil {
			a.logErr("DM reply not delivered", err, "team", teamID)
			return
		}
		a.attachFiles(ctx, reply{teamID: teamID, user: ev.User}, rep)
	case rep.Public:
		// A team view in the channel, in the mention's thread.
		_, _, err := a.sender.postRetrying(ctx, ev.Channel, thread, withoutFiles(rep))
		if err != nil {
			a.logErr("mention reply not delivered", err, "team", teamID)
			return
		}
		a.attachFiles(ctx, to, rep)
	default:
		a.deliver(ctx, to, rep)
	}
}
