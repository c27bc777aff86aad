package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// pendingProposal is kept between "/goal new" and the Accept / Keep press,
// in the store, so a restart does not lose it.
const pendingProposal = "proposal"

// proposalTTL: an unanswered proposal is forgotten after a week.
const proposalTTL = 7 * 24 * time.Hour

type proposal struct {
	Input   string     `json:"input"`
	Draft   goals.Goal `json:"draft"`
	Missing []string   `json:"missing"`
	Lang    string     `json:"lang"`
	Answers []string   `json:"answers,omitempty"` // dialogue answers, in order
}

func (e *Engine) analyse(ctx context.Context, c *Call, text string) goals.CoachResult {
	ctx = goals.WithTeamID(ctx, c.Actor.Team.ID)
	return e.coach.Coach(ctx, text, goals.AnalyzeOptions{
		Now: c.now, Loc: c.Actor.Team.Location(), Lang: c.Lang, Dates: c.Actor.Team.DateOptions(),
	})
}

// cmdNew creates a goal from one sentence. A complete SMART statement is
// saved at once; otherwise the coach's rewrite is proposed with Accept /
// Edit / Keep as is, or the missing part is asked for.
func (e *Engine) cmdNew(ctx context.Context, c *Call) (Reply, error) {
	text := strings.TrimSpace(c.Args)
	scope := goals.ScopeIndividual
	if w, rest := splitWord(text); isTeamWord(w) {
		scope, text = goals.ScopeTeam, rest
	}
	if scope == goals.ScopeTeam && !c.Actor.Member.IsManager() {
		return e.fail(c.Lang, &goals.Error{Code: goals.EForbidden, Reason: "managers_only"}), nil
	}
	if text == "" {
		return e.startDialogue(ctx, c, scope)
	}
	if len([]rune(text)) > goals.MaxTitleLen {
		return e.fail(c.Lang, refuse("title_too_long")), nil
	}
	res := e.analyse(ctx, c, text)
	draft, missing := goals.DraftGoal(res.Analysis, c.Today())
	draft.Scope = scope
	if len(res.Missing) == 0 && len(missing) == 0 {
		return e.create(ctx, c, draft, res)
	}
	p := proposal{Input: text, Draft: draft, Missing: missing, Lang: c.Lang}
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, err
	}
	lines := analysisLines(res, c.Lang, len(missing) == 0)
	rep := Reply{}
	if len(missing) > 0 {
		// The dialogue asks for what the goal cannot be tracked without.
		lines = append(lines, i18n.T(c.Lang, "proposal", "question", question(missing[0], c.Lang)))
	}
	if len(missing) == 0 {
		lines = append(lines, i18n.T(c.Lang, "proposal_ready"))
		rep.Buttons = []Button{
			{Action: ActAcceptRewrite, Label: i18n.T(c.Lang, "btn_accept")},
			{Action: ActEditRewrite, Label: i18n.T(c.Lang, "btn_edit")},
			{Action: ActKeepAsIs, Label: i18n.T(c.Lang, "btn_keep")},
		}
	} else {
		rep.Buttons = []Button{
			{Action: ActEditRewrite, Label: i18n.T(c.Lang, "btn_edit")},
		}
	}
	rep.Text = strings.Join(lines, "\n")
	return rep, nil
}

func (e *Engine) create(ctx context.Context, c *Call, g goals.Goal, res goals.CoachResult) (Reply, error) {
	g, err := e.svc.CreateGoal(ctx, c.Actor, g)
	if err != nil {
		return Reply{}, err // Handle shows domain refusals and logs the rest
	}
	v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
	if err != nil {
		return Reply{}, err
	}
	lines := []string{i18n.T(c.Lang, "created", "id", g.ID, "title", g.Title), GoalLine(v, c.Lang)}
	if res.FellBack {
		lines = append(lines, i18n.T(c.Lang, "smart_fallback"))
	}
	lines = append(lines, LogHint(v, c.Lang))
	return Reply{
		Text:    strings.Join(lines, "\n"),
		Goals:   []GoalView{v},
		Public:  g.Scope == goals.ScopeTeam,
		Buttons: LogButtons(v, c.Lang),
	}, nil
}

// analysisLines shows the five SMART parts, the rewrite and the first question.
func analysisLines(res goals.CoachResult, lang string, withQuestion bool) []string {
	a := res.Analysis
	mark := func(ok bool, key string) string {
		if ok {
			return "✅ " + i18n.T(lang, key)
		}
		return "❌ " + i18n.T(lang, key)
	}
	parts := strings.Join([]string{
		mark(a.Specific, "smart_specific"), mark(a.Measurable, "smart_measurable"),
		mark(a.Achievable, "smart_achievable"), mark(a.Relevant, "smart_relevant"),
		mark(a.TimeBound, "smart_time_bound"),
	}, "  ")
	lines := []string{i18n.T(lang, "smart_parts", "parts", parts)}
	if len(a.Missing) == 0 {
		lines = append(lines, i18n.T(lang, "smart_complete"))
	}
	if a.Rewrite != "" {
		lines = append(lines, i18n.T(lang, "smart_rewrite", "rewrite", a.Rewrite))
	}
	if withQuestion && len(a.Questions) > 0 {
		lines = append(lines, i18n.T(lang, "proposal", "question", a.Questions[0]))
	}
	if res.FellBack {
		lines = append(lines, i18n.T(lang, "smart_fallback"))
	}
	return lines
}

func (e *Engine) cmdSmart(ctx context.Context, c *Call) (Reply, error) {
	text := strings.TrimSpace(c.Args)
	if text == "" {
		return e.fail(c.Lang, refuse("title_required")), nil
	}
	res := e.analyse(ctx, c, text)
	return Reply{Text: strings.Join(analysisLines(res, c.Lang, true), "\n")}, nil
}

func (e *Engine) loadProposal(ctx context.Context, c *Call) (proposal, error) {
	pd, err := e.svc.Store.Pending(ctx, c.Actor.Team.ID, c.Actor.Member.UserID, pendingProposal, c.now)
	if err != nil {
		if goals.ErrorCode(err) == goals.ENotFound {
			return proposal{}, &goals.Error{Code: goals.ENotFound, Reason: "nothing_pending"}
		}
		return proposal{}, err
	}
	var p proposal
	if err := json.Unmarshal(pd.Data, &p); err != nil {
		return proposal{}, fmt.Errorf("decode proposal: %w", err)
	}
	return p, nil
}

// cmdAccept saves the proposed rewrite.
func (e *Engine) cmdAccept(ctx context.Context, c *Call) (Reply, error) {
	return e.settleProposal(ctx, c, false)
}

// cmdKeep saves the goal with the user's own wording.
func (e *Engine) cmdKeep(ctx context.Context, c *Call) (Reply, error) {
	return e.settleProposal(ctx, c, true)
}

func (e *Engine) settleProposal(ctx context.Context, c *Call, keepWording bool) (Reply, error) {
	p, err := e.loadProposal(ctx, c)
	if err != nil {
		return e.fail(c.Lang, err), nil
	}
	if len(p.Missing) > 0 {
		what := map[string]string{"measurable": "what_target", "time_bound": "what_deadline", "baseline": "what_baseline"}[p.Missing[0]]
		q := map[string]string{"measurable": "need_target", "time_bound": "deadline_required", "baseline": "need_baseline"}[p.Missing[0]]
		return e.fail(c.Lang, refuse("kept_incomplete", "what", i18n.T(c.Lang, what), "question", i18n.T(c.Lang, q))), nil
	}
	g := p.Draft
	if keepWording {
		g.Title = goals.CleanText(p.Input, goals.MaxTitleLen)
	}
	g.ID, g.Start = 0, c.Today()
	rep, err := e.create(ctx, c, g, goals.CoachResult{})
	if err != nil {
		return rep, err
	}
	if rep.Error == nil {
		if err := e.dropProposal(ctx, c); err != nil {
			return Reply{}, fmt.Errorf("clear proposal: %w", err)
		}
	}
	return rep, nil
}

// editProposal drops the proposal and asks for the goal again.
func (e *Engine) editProposal(ctx context.Context, c *Call) (Reply, error) {
	if err := e.dropProposal(ctx, c); err != nil {
		return Reply{}, fmt.Errorf("clear proposal: %w", err)
	}
	return Reply{Text: i18n.T(c.Lang, "edit_prompt")}, nil
}
