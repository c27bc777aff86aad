package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// The guided dialogue: `/goal new` with no text, or a statement that lacks a
// number, deadline or baseline, asks for one part at a time. The state is the
// stored proposal, so a restart in the middle loses nothing. Answers arrive as
// plain messages where the bot is addressed directly (DM, private chat,
// console, a reply to the bot in a group).

// stepWhat is the first step of a dialogue started without a statement.
const stepWhat = "what"

func (e *Engine) saveProposal(ctx context.Context, c *Call, p proposal) error {
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode proposal: %w", err)
	}
	if err := e.svc.Store.PutPending(ctx, goals.Pending{
		TeamID: c.Actor.Team.ID, UserID: c.Actor.Member.UserID, Kind: pendingProposal,
		Data: data, Expires: c.now.Add(proposalTTL),
	}); err != nil {
		return fmt.Errorf("store proposal: %w", err)
	}
	return nil
}

// dropProposal forgets the caller's proposal or dialogue; none is no error.
func (e *Engine) dropProposal(ctx context.Context, c *Call) error {
	return e.svc.Store.DeletePending(ctx, c.Actor.Team.ID, c.Actor.Member.UserID, pendingProposal)
}

// startDialogue asks for the goal in the user's words.
func (e *Engine) startDialogue(ctx context.Context, c *Call, scope goals.Scope) (Reply, error) {
	p := proposal{Missing: []string{stepWhat}, Lang: c.Lang}
	p.Draft.Scope = scope
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, err
	}
	return Reply{Text: i18n.T(c.Lang, "ask_what")}, nil
}

// question is the sentence asking for a missing part.
func question(step, lang string) string {
	switch step {
	case stepWhat:
		return i18n.T(lang, "ask_what")
	case "measurable":
		return i18n.T(lang, "ask_target")
	case "time_bound":
		return i18n.T(lang, "ask_deadline")
	case "baseline":
		return i18n.T(lang, "ask_baseline")
	case goals.StepRelativeBase:
		return i18n.T(lang, "ask_current_value")
	}
	return i18n.T(lang, "ask_what")
}

// answerDialogue applies a plain message to the pending proposal's first
// missing part. handled is false when there is no dialogue waiting.
func (e *Engine) answerDialogue(ctx context.Context, c *Call, text string) (rep Reply, handled bool, err error) {
	p, err := e.loadProposal(ctx, c)
	if err != nil || len(p.Missing) == 0 {
		return Reply{}, false, nil
	}
	if w := strings.ToLower(strings.TrimSpace(text)); w == "cancel" || w == "取消" || w == "stop" {
		if err := e.dropProposal(ctx, c); err != nil {
			return Reply{}, true, fmt.Errorf("cancel dialogue: %w", err)
		}
		return Reply{Text: i18n.T(c.Lang, "dialogue_cancelled")}, true, nil
	}
	step := p.Missing[0]
	loc := c.Actor.Team.Location()
	if step != stepWhat {
		// The answers extend the statement, so the final title reads as one sentence.
		p.Answers = append(p.Answers, strings.TrimSpace(text))
	}
	switch step {
	case stepWhat:
		scope := p.Draft.Scope
		if scope == "" {
			scope = goals.ScopeIndividual
		}
		rep, err := e.propose(ctx, c, strings.TrimSpace(text), scope, nil, true)
		return rep, true, err
	case goals.StepRelativeBase:
		a, _, _, ok := goals.FindAmount(text)
		if !ok || p.RelativePct == nil {
			return e.fail(c.Lang, refuse("dialogue_need_number", "question", question(step, c.Lang))), true, nil
		}
		if err := goals.CheckAmount(a.Value); err != nil {
			return e.fail(c.Lang, err), true, nil
		}
		if a.Unit != "" && (p.Draft.Unit == "" || p.Draft.Unit == goals.UnitCount) {
			p.Draft.Unit = a.Unit
		}
		// The current value and the user's percentage make the target.
		p.Draft.Baseline = a.Value
		p.Draft.Target = goals.RelativeTarget(a.Value, *p.RelativePct, p.Draft.Unit)
		p.Missing = p.Missing[1:]
	case "measurable", "baseline":
		a, _, _, err := goals.ScanAmount(text)
		if r := goals.ErrorReason(err); r == "ambiguous_amount" || r == "negative_amount" || r == "amount_too_large" {
			return e.fail(c.Lang, err), true, nil // "1.2 or 12?" rather than "a number, please"
		} else if err != nil {
			return e.fail(c.Lang, refuse("dialogue_need_number", "question", question(step, c.Lang))), true, nil
		}
		if err := goals.CheckAmount(a.Value); err != nil {
			return e.fail(c.Lang, err), true, nil
		}
		if step == "measurable" {
			p.Draft.Target = a.Value
		} else {
			p.Draft.Baseline = a.Value
		}
		if a.Unit != "" && (p.Draft.Unit == "" || p.Draft.Unit == goals.UnitCount) {
			p.Draft.Unit = a.Unit
		}
		if a.Unit == goals.UnitPercent && p.Draft.Kind == goals.KindTotal && p.Draft.Metric == "progress" {
			p.Draft.Kind = goals.KindLevel
		}
		p.Missing = p.Missing[1:]
	case "time_bound":
		d, _, _, serr := goals.ScanDeadlineWith(text, c.now, loc, c.Actor.Team.DateOptions())
		if serr != nil {
			var perr error
			d, perr = goals.ParseDeadlineWith(strings.TrimSpace(text), c.now, loc, c.Actor.Team.DateOptions())
			if perr != nil {
				if goals.ErrorReason(serr) == "date_in_past" || goals.ErrorReason(perr) == "date_in_past" {
					return e.fail(c.Lang, refuse("date_in_past")), true, nil
				}
				return e.fail(c.Lang, refuse("dialogue_need_date", "question", question(step, c.Lang))), true, nil
			}
		}
		if d.Before(c.Today()) {
			return e.fail(c.Lang, refuse("date_in_past")), true, nil
		}
		p.Draft.Deadline = d
		p.Missing = p.Missing[1:]
	default:
		p.Missing = p.Missing[1:]
	}
	if len(p.Missing) > 0 {
		if err := e.saveProposal(ctx, c, p); err != nil {
			return Reply{}, true, err
		}
		return Reply{Text: question(p.Missing[0], c.Lang), Buttons: []Button{}}, true, nil
	}
	if p.Input == "" {
		p.Input = p.Draft.Title
	}
	if len(p.Answers) > 0 {
		full := p.Input + " " + strings.Join(p.Answers, " ")
		if res := e.analyse(ctx, c, full); res.Rewrite != "" {
			if d, missing := goals.DraftGoal(res.Analysis, c.Today()); len(missing) == 0 && d.Target == p.Draft.Target {
				p.Draft.Title = d.Title
			}
		}
	}
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, true, err
	}
	rep, err = e.settleProposal(ctx, c, false)
	if err == nil && rep.Error == nil && step == goals.StepRelativeBase && p.RelativePct != nil {
		pct := strconv.FormatFloat(*p.RelativePct, 'f', -1, 64) + "%"
		if *p.RelativePct > 0 {
			pct = "+" + pct
		}
		working := Amount(p.Draft.Baseline, p.Draft.Unit, c.Lang) + " " + pct + " → " + Amount(p.Draft.Target, p.Draft.Unit, c.Lang)
		rep.Text = i18n.T(c.Lang, "created_working", "working", working) + "\n" + rep.Text
	}
	reason := goals.ErrorReason(err)
	if err == nil && rep.Error != nil {
		reason = rep.Error.Code
	}
	if reason == "target_not_above_baseline" || reason == "target_not_below_baseline" {
		// A target on the wrong side of the start: ask for the target again
		// rather than lose the dialogue.
		p.Missing = []string{"measurable"}
		if err := e.saveProposal(ctx, c, p); err != nil {
			return Reply{}, true, err
		}
		key := "dialogue_target_above"
		if reason == "target_not_below_baseline" {
			key = "dialogue_target_below"
		}
		return e.fail(c.Lang, refuse(key, "baseline", Amount(p.Draft.Baseline, p.Draft.Unit, c.Lang))), true, nil
	}
	return rep, true, err
}
