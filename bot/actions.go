package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// handleAction answers a button press. Adapters pass the platform's
// interaction id as Request.Key, so a press delivered twice logs once.
func (e *Engine) handleAction(ctx context.Context, c *Call) (Reply, error) {
	a := c.Req.Action
	switch a.ID {
	case ActAcceptRewrite:
		return e.cmdAccept(ctx, c)
	case ActKeepAsIs:
		return e.cmdKeep(ctx, c)
	case ActEditRewrite:
		return e.editProposal(ctx, c)
	case ActUndo:
		return e.cmdUndo(ctx, c)
	case ActQuickLog:
		idStr, amt, _ := strings.Cut(a.Value, ":")
		id, err := strconv.ParseInt(idStr, 10, 64)
		if err != nil || id <= 0 {
			return e.fail(c.Lang, refuse("need_goal_id", "cmd", "log")), nil
		}
		if amt == "" {
			amt = "1"
		}
		return e.logText(ctx, c, "#"+strconv.FormatInt(id, 10)+" "+amt)
	case ActPickGoal:
		idStr, text, _ := strings.Cut(a.Value, "|")
		return e.logText(ctx, c, "#"+idStr+" "+text)
	}
	return e.fail(c.Lang, (&goals.Error{Code: goals.EInvalid, Reason: "unknown_command"}).With("cmd", clip(a.ID, 30))), nil
}

func (e *Engine) logText(ctx context.Context, c *Call, text string) (Reply, error) {
	li, err := e.parseLog(ctx, c, text)
	if err != nil {
		return e.fail(c.Lang, withAmount(err, text)), nil
	}
	return e.doLog(ctx, c, li)
}

// plainLanguage understands a message without a command where the bot is
// addressed directly: "3 demos", "今天卖了1.2万". It logs only when the goal
// is certain; otherwise it asks, and nothing is written.
func (e *Engine) plainLanguage(ctx context.Context, c *Call) (Reply, error) {
	text := c.Args
	if rep, handled, err := e.answerDialogue(ctx, c, text); handled || err != nil {
		return rep, err
	}
	if _, _, _, ok := goals.FindAmount(text); !ok {
		return Reply{Text: i18n.T(c.Lang, "plain_no_amount")}, nil
	}
	// A sentence with a deadline (other than "today", which dates a log) or
	// a cadence is a goal, not a log.
	if d, _, _, ok := goals.FindDeadline(text, c.now, c.Actor.Team.Location()); ok && d.After(c.Today()) {
		return e.cmdSmartOffer(ctx, c, text)
	}
	li, err := e.parseLog(ctx, c, text)
	if err != nil {
		return e.fail(c.Lang, withAmount(err, text)), nil
	}
	if _, err := e.svc.ResolveForLog(ctx, c.Actor, li.ref, li.amt.Unit); err != nil {
		cands, lerr := e.svc.LoggableGoals(ctx, c.Actor)
		if lerr != nil || len(cands) == 0 {
			return e.fail(c.Lang, err), nil
		}
		rep := e.fail(c.Lang, refuse("plain_unsure", "amount", li.amt.Raw, "first", cands[0].ID))
		for i, g := range cands {
			if i == 5 {
				break
			}
			rep.Buttons = append(rep.Buttons, Button{
				Action: ActPickGoal, Label: "#" + strconv.FormatInt(g.ID, 10) + " " + clip(g.Title, 24),
				Value: strconv.FormatInt(g.ID, 10) + "|" + li.amt.Raw + " " + li.note,
			})
		}
		return rep, nil
	}
	return e.doLog(ctx, c, li)
}

// cmdSmartOffer treats a goal-like sentence sent without a command as /goal new.
func (e *Engine) cmdSmartOffer(ctx context.Context, c *Call, text string) (Reply, error) {
	c.Args = text
	return e.cmdNew(ctx, c)
}
