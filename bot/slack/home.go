package slackbot

import (
	"context"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// maxHomeGoals bounds the goal cards on the Home tab (two blocks each).
const maxHomeGoals = 25

// HomeView is the App Home tab: the user's goals with quick-log buttons,
// a New goal button, and the team's status. mine and team are the
// engine's answers to `list` and `team`.
func HomeView(mine, team bot.Reply) slack.HomeTabViewRequest {
	lang := mine.Lang
	if lang == "" {
		lang = i18n.EN
	}
	newBtn := slack.NewButtonBlockElement(ActOpenNewGoal, "new", plain(tr(lang, "home_new")))
	newBtn.Style = slack.StylePrimary
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(tr(lang, "home_header"))),
		slack.NewActionBlock("home_new", newBtn),
	}
	switch {
	case !mine.OK && mine.Error != nil:
		blocks = append(blocks, textSections("⚠️ "+escape(mine.Error.Message))...)
	case len(mine.Goals) == 0:
		blocks = append(blocks, textSections(escape(mine.Text))...)
	default:
		// Goals still to work on first; missed, done and archived ones apart.
		open, closed := []bot.GoalView{}, []bot.GoalView{}
		for _, v := range mine.Goals {
			if v.State == goals.StateDone || v.State == goals.StateArchived || v.Status == goals.StatusMissed {
				closed = append(closed, v)
			} else {
				open = append(open, v)
			}
		}
		for i, v := range append(open, closed...) {
			if i == maxHomeGoals {
				blocks = append(blocks, slack.NewContextBlock("home_more", mrkdwn(tr(lang, "home_more", "n", len(mine.Goals)-i))))
				break
			}
			if i == len(open) {
				blocks = append(blocks, slack.NewContextBlock("home_closed", mrkdwn(i18n.T(lang, "list_closed_header"))))
			}
			blocks = append(blocks, goalCard(v, lang))
			if (v.State == "" || v.State == goals.StateActive) && v.Status != goals.StatusMissed {
				id := strconv.FormatInt(v.ID, 10)
				var els []slack.BlockElement
				for _, b := range bot.LogButtons(v, lang) { // level goals: a reading, never +1
					els = append(els, button(b))
				}
				blocks = append(blocks, slack.NewActionBlock("goal_"+id, els...))
			}
		}
	}
	blocks = append(blocks, slack.NewDividerBlock(), slack.NewHeaderBlock(plain(tr(lang, "home_team"))))
	if team.Error != nil {
		blocks = append(blocks, textSections("⚠️ "+escape(team.Error.Message))...)
	} else {
		blocks = append(blocks, textSections(escape(team.Text))...)
	}
	hint := slack.NewContextBlock("home_hint", mrkdwn(tr(lang, "home_hint")))
	if len(blocks) >= maxHomeBlocks {
		blocks = blocks[:maxHomeBlocks-1]
	}
	blocks = append(blocks, hint)
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}, CallbackID: "goalbot_home"}
}

// publishHome renders and publishes the Home tab of user.
func (a *Adapter) publishHome(ctx context.Context, teamID, teamName, userID string) {
	req := a.request(ctx, teamID, teamName, userID, "")
	req.Direct = true
	mine, team := req, req
	mine.Text, team.Text = "list", "team"
	view := HomeView(a.eng.Handle(ctx, mine), a.eng.Handle(ctx, team))
	err := retry(ctx, 3, func() error {
		_, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: userID, View: view})
		return a.sender.classify(ctx, "home:"+userID, err)
	})
	if err != nil {
		a.logErr("views.publish failed", err, "team", teamID, "user", userID)
	}
}
