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

	// What the coach added: the fields it proposed (Keep as is drops them),
	// the relative change a current value completes, the pace alternative
	// (the second Accept), and the team goal Accept links the new one to.
	Suggested   []string `json:"suggested,omitempty"`
	RelativePct *float64 `json:"relative_pct,omitempty"`
	Alternative *float64 `json:"alternative,omitempty"`
	AltTitle    string   `json:"alt_title,omitempty"`
	ParentID    *int64   `json:"parent_id,omitempty"`
	// Parts are the goals of a compound statement the coach split, each
	// complete; "Accept both" creates them.
	Parts []goals.Goal `json:"parts,omitempty"`
}

// Values of the Accept button: the pace alternative, or Accept without the
// link to the team goal.
const (
	acceptPace   = "pace"
	acceptNoLink = "nolink"
	acceptParts  = "parts"
)

func (e *Engine) analyse(ctx context.Context, c *Call, text string) goals.CoachResult {
	return e.analyseAs(ctx, c, text, "")
}

// analyseAs analyses text as a goal of scope ("" reads it from the text):
// a team goal reads the team's history, an individual one the user's.
func (e *Engine) analyseAs(ctx context.Context, c *Call, text string, scope goals.Scope) goals.CoachResult {
	ctx = goals.WithTeamID(ctx, c.Actor.Team.ID)
	o := goals.AnalyzeOptions{
		Now: c.now, Loc: c.Actor.Team.Location(), Lang: c.Lang, Workdays: c.Actor.Member.Workdays, Scope: scope,
		Dates: c.Actor.Team.DateOptions(),
	}
	if h, ok := goals.HistoryFromStore(ctx, e.svc.Store, c.Actor.Team.ID, c.Actor.Member.UserID); ok {
		o.History = h
	}
	team := goals.ScopeTeam
	if gs, err := e.svc.Store.Goals(ctx, goals.GoalFilter{TeamID: c.Actor.Team.ID, Scope: &team}); err == nil {
		o.TeamGoals = gs
	}
	return e.coach.Coach(ctx, text, o)
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
	return e.propose(ctx, c, text, scope, nil, true)
}

// propose answers a goal statement: saved at once when it is SMART as
// written and the coach adds nothing (when saveComplete), otherwise the
// analysis and the proposal, stored so Accept / Edit / Keep as is (or the
// dialogue's answers) can settle it. lead lines come first.
func (e *Engine) propose(ctx context.Context, c *Call, text string, scope goals.Scope, lead []string, saveComplete bool) (Reply, error) {
	var as goals.Scope
	if scope == goals.ScopeTeam {
		as = scope
	}
	res := e.analyseAs(ctx, c, text, as)
	a := res.Analysis
	draft, missing := goals.DraftGoal(a, c.Today())
	draft.Scope = scope
	if a.Scope == goals.ScopeTeam && scope == goals.ScopeIndividual {
		draft.Scope = goals.ScopeIndividual
	}
	if rep, ok, err := e.proposeParts(ctx, c, text, scope, res, lead); ok || err != nil {
		return rep, err
	}
	coachAdds := len(a.Suggested) > 0 || a.Pace != nil || (a.Supports != nil && scope == goals.ScopeIndividual)
	if saveComplete && len(a.Missing) == 0 && len(missing) == 0 && !coachAdds {
		return e.create(ctx, c, draft, res)
	}
	p := proposal{Input: text, Draft: draft, Missing: missing, Lang: c.Lang, Suggested: a.Suggested, RelativePct: a.RelativePct}
	if a.Pace != nil && len(missing) == 0 {
		alt := a.Pace.Alternative
		p.Alternative, p.AltTitle = &alt, strings.TrimRight(goals.CleanText(a.Pace.Rewrite, goals.MaxTitleLen), ".。 ")
	}
	if a.Supports != nil && scope == goals.ScopeIndividual {
		id := a.Supports.ID
		p.ParentID = &id
	}
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, err
	}
	lines := append(lead, analysisLines(res, c.Lang, len(missing) == 0)...)
	rep := Reply{}
	if len(missing) > 0 {
		// The dialogue asks for what the goal cannot be tracked without.
		q := question(missing[0], c.Lang)
		if missing[0] == goals.StepRelativeBase && len(a.Questions) > 0 {
			q = a.Questions[0] // names the metric and the percentage
		}
		key := "proposal"
		if len(a.Missing) == 0 {
			key = "proposal_one_more" // SMART as written; the goal still needs a value
		}
		lines = append(lines, i18n.T(c.Lang, key, "question", q))
		rep.Buttons = []Button{{Action: ActEditRewrite, Label: i18n.T(c.Lang, "btn_edit")}}
		rep.Text = strings.Join(lines, "\n")
		return rep, nil
	}
	lines = append(lines, i18n.T(c.Lang, "proposal_ready"))
	rep.Buttons = []Button{
		{Action: ActAcceptRewrite, Label: i18n.T(c.Lang, "btn_accept")},
		{Action: ActEditRewrite, Label: i18n.T(c.Lang, "btn_edit")},
		{Action: ActKeepAsIs, Label: i18n.T(c.Lang, "btn_keep")},
	}
	if p.Alternative != nil {
		rep.Buttons = append(rep.Buttons, Button{Action: ActAcceptRewrite, Value: acceptPace, Label: a.Pace.Option})
	}
	if p.ParentID != nil {
		rep.Buttons = append(rep.Buttons, Button{Action: ActAcceptRewrite, Value: acceptNoLink, Label: i18n.T(c.Lang, "btn_accept_nolink")})
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
	if g.ParentID != nil {
		lines = append(lines, i18n.T(c.Lang, "created_child", "id", *g.ParentID))
	}
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

// proposeParts offers the two goals of a compound statement the coach
// split, when both are complete: each with its basis, and "Accept both".
// ok is false when there is no such split.
func (e *Engine) proposeParts(ctx context.Context, c *Call, text string, scope goals.Scope, res goals.CoachResult, lead []string) (Reply, bool, error) {
	if len(res.Parts) != 2 {
		return Reply{}, false, nil
	}
	p := proposal{Input: text, Lang: c.Lang}
	lines := append(lead, i18n.T(c.Lang, "smart_split"))
	for _, a := range res.Parts {
		d, missing := goals.DraftGoal(a, c.Today())
		if len(missing) > 0 || a.Rewrite == "" {
			return Reply{}, false, nil // an incomplete part: the usual proposal and questions
		}
		d.Scope = scope
		p.Parts = append(p.Parts, d)
		line := "• " + a.Rewrite
		if a.Basis != "" {
			line += " (" + a.Basis + ")"
		}
		lines = append(lines, line)
	}
	p.Draft = p.Parts[0]
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, true, err
	}
	if res.FellBack {
		lines = append(lines, i18n.T(c.Lang, "smart_fallback"))
	}
	return Reply{Text: strings.Join(lines, "\n"), Buttons: []Button{
		{Action: ActAcceptRewrite, Value: acceptParts, Label: i18n.T(c.Lang, "btn_accept_both")},
		{Action: ActEditRewrite, Label: i18n.T(c.Lang, "btn_edit")},
	}}, true, nil
}

// analysisLines shows the five SMART parts, the rewrite, what the coach
// added (the working of a relative target, the basis of suggested values,
// the pace, the team goal it supports) and the first question.
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
	if len(a.Missing) == 0 && a.Target != nil {
		lines = append(lines, i18n.T(lang, "smart_complete"))
	}
	if a.Rewrite != "" {
		lines = append(lines, i18n.T(lang, "smart_rewrite", "rewrite", a.Rewrite))
	}
	if a.Working != "" {
		lines = append(lines, i18n.T(lang, "smart_working", "working", a.Working))
	}
	if len(a.Suggested) > 0 {
		names := make([]string, 0, len(a.Suggested))
		for _, f := range a.Suggested {
			names = append(names, i18n.T(lang, "field_"+f))
		}
		lines = append(lines, i18n.T(lang, "smart_suggested", "fields", strings.Join(names, i18n.T(lang, "list_sep")), "basis", a.Basis))
	}
	if a.Pace != nil {
		sep := " "
		if goals.IsChinese(lang) {
			sep = ""
		}
		lines = append(lines, "⚠️ "+a.Pace.Note+sep+i18n.T(lang, "smart_pace_choice", "option", a.Pace.Option))
	}
	if a.Supports != nil {
		lines = append(lines, i18n.T(lang, "smart_supports", "id", a.Supports.ID, "title", a.Supports.Title))
	}
	// A proposal or a pace alternative answers the first question itself.
	if withQuestion && len(a.Questions) > 0 && len(a.Suggested) == 0 && a.Pace == nil {
		key := "proposal"
		if len(a.Missing) == 0 {
			key = "proposal_one_more"
		}
		lines = append(lines, i18n.T(lang, key, "question", a.Questions[0]))
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
	if len(p.Parts) > 0 && !keepWording {
		return e.createParts(ctx, c, p)
	}
	if keepWording && len(p.Suggested) > 0 {
		// The user's own statement, without what the coach proposed: what
		// it lacks is asked for, one part at a time.
		if p = keepOwn(p); len(p.Missing) > 0 {
			if err := e.saveProposal(ctx, c, p); err != nil {
				return Reply{}, err
			}
			return Reply{Text: question(p.Missing[0], c.Lang)}, nil
		}
	}
	if len(p.Missing) > 0 {
		what := map[string]string{"measurable": "what_target", "time_bound": "what_deadline", "baseline": "what_baseline", goals.StepRelativeBase: "what_baseline"}[p.Missing[0]]
		q := map[string]string{"measurable": "need_target", "time_bound": "deadline_required", "baseline": "need_baseline", goals.StepRelativeBase: "need_baseline"}[p.Missing[0]]
		return e.fail(c.Lang, refuse("kept_incomplete", "what", i18n.T(c.Lang, what), "question", i18n.T(c.Lang, q))), nil
	}
	g := p.Draft
	if keepWording {
		g.Title = goals.CleanText(p.Input, goals.MaxTitleLen)
	}
	v := ""
	if c.Req.Action != nil {
		v = c.Req.Action.Value
	}
	switch {
	case v == acceptPace && p.Alternative != nil && !keepWording:
		g.Target = *p.Alternative
		if p.AltTitle != "" {
			g.Title = p.AltTitle
		}
	case v == acceptNoLink:
	case p.ParentID != nil && !keepWording:
		pid := *p.ParentID
		g.ParentID = &pid
	}
	g.ID = 0
	if !g.Start.After(c.Today()) { // a goal for a later period keeps its start
		g.Start = c.Today()
	}
	rep, err := e.create(ctx, c, g, goals.CoachResult{})
	if r := goals.ErrorReason(err); r == "target_not_above_baseline" || r == "target_not_below_baseline" {
		if c.Req.Action != nil {
			// No goal yet, so no `/goal edit #id`: say what is wrong with the proposal.
			key := map[string]string{"target_not_above_baseline": "dialogue_target_above", "target_not_below_baseline": "dialogue_target_below"}[r]
			return e.fail(c.Lang, refuse(key, "baseline", Amount(g.Baseline, g.Unit, c.Lang))), nil
		}
	}
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

// keepOwn drops the coach's suggestions from p: the values return to what
// the statement said, and the ones it did not say become the questions.
func keepOwn(p proposal) proposal {
	var missing []string
	for _, f := range p.Suggested {
		switch f {
		case "target":
			p.Draft.Target = 0
			if p.RelativePct != nil {
				missing = append(missing, goals.StepRelativeBase)
			} else {
				missing = append(missing, "measurable")
			}
		case "baseline":
			p.Draft.Baseline = 0
			if p.Draft.Kind == goals.KindLevel && p.RelativePct == nil {
				missing = append(missing, "baseline")
			}
		case "deadline":
			p.Draft.Deadline = goals.Date{}
			missing = append(missing, "time_bound")
		}
	}
	p.Missing = append(missing, p.Missing...)
	p.Suggested, p.Alternative, p.AltTitle = nil, nil, ""
	return p
}

// editProposal drops the proposal and asks for the goal again.
func (e *Engine) editProposal(ctx context.Context, c *Call) (Reply, error) {
	if err := e.dropProposal(ctx, c); err != nil {
		return Reply{}, fmt.Errorf("clear proposal: %w", err)
	}
	return Reply{Text: i18n.T(c.Lang, "edit_prompt")}, nil
}

// createParts creates every goal of a split compound statement.
func (e *Engine) createParts(ctx context.Context, c *Call, p proposal) (Reply, error) {
	var out Reply
	var texts []string
	for _, g := range p.Parts {
		g.ID, g.Start = 0, c.Today()
		rep, err := e.create(ctx, c, g, goals.CoachResult{})
		if err != nil {
			return rep, err
		}
		texts = append(texts, rep.Text)
		out.Goals = append(out.Goals, rep.Goals...)
		out.Public = out.Public || rep.Public
	}
	if err := e.dropProposal(ctx, c); err != nil {
		return Reply{}, fmt.Errorf("clear proposal: %w", err)
	}
	out.Text = strings.Join(texts, "\n\n")
	return out, nil
}
