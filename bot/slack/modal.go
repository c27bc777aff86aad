package slackbot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Modal callback ids and the adapter's own action ids (not engine actions).
const (
	cbNewGoal = "goalbot_new_goal"
	cbLog     = "goalbot_log_amount"
	// ActOpenNewGoal is the App Home button that opens the goal modal.
	ActOpenNewGoal = "goalbot_open_new_goal"
)

// Block ids of the modal inputs; every input's action id is "v".
const (
	fTitle    = "title"
	fMetric   = "metric"
	fTarget   = "target"
	fBaseline = "baseline"
	fDeadline = "deadline"
	fCadence  = "cadence"
	fScope    = "scope"
	fAmount   = "amount"
	fNote     = "note"
	inputID   = "v"
)

// modalMeta travels in a modal's private_metadata: where the answer goes.
type modalMeta struct {
	Channel     string `json:"c,omitempty"`
	ResponseURL string `json:"r,omitempty"`
	Scope       string `json:"s,omitempty"`
	GoalID      string `json:"g,omitempty"`
	Lang        string `json:"l,omitempty"`
	Home        bool   `json:"h,omitempty"`
}

func (m modalMeta) encode() string {
	b, _ := json.Marshal(m)
	if len(b) > 3000 { // Slack's limit; a response_url is far shorter
		m.ResponseURL = ""
		b, _ = json.Marshal(m)
	}
	return string(b)
}

func decodeMeta(s string) modalMeta {
	var m modalMeta
	_ = json.Unmarshal([]byte(s), &m)
	return m
}

func textInput(block, label, placeholder, hint string, optional bool, maxLen int) *slack.InputBlock {
	el := slack.NewPlainTextInputBlockElement(nil, inputID)
	if placeholder != "" {
		el.Placeholder = plain(placeholder)
	}
	el.MaxLength = maxLen
	var h *slack.TextBlockObject
	if hint != "" {
		h = plain(hint)
	}
	b := slack.NewInputBlock(block, plain(label), h, el)
	b.Optional = optional
	return b
}

// newGoalModal is the form that creates a goal: title, metric, target,
// baseline, deadline, cadence and, when team is true (managers), the scope.
func newGoalModal(lang string, meta modalMeta, team bool) slack.ModalViewRequest {
	meta.Lang = lang
	deadline := slack.NewDatePickerBlockElement(inputID)
	cad := func(c goals.Cadence, key string) *slack.OptionBlockObject {
		v := string(c)
		if v == "" {
			v = "none"
		}
		return slack.NewOptionBlockObject(v, plain(tr(lang, key)), nil)
	}
	none := cad(goals.CadenceNone, "cadence_none")
	cadence := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, inputID,
		none, cad(goals.CadenceDaily, "cadence_daily"), cad(goals.CadenceWeekly, "cadence_weekly"),
		cad(goals.CadenceMonthly, "cadence_monthly"), cad(goals.CadenceQuarterly, "cadence_quarterly"))
	cadence.InitialOption = none
	me := slack.NewOptionBlockObject(string(goals.ScopeIndividual), plain(tr(lang, "scope_me")), nil)
	all := slack.NewOptionBlockObject(string(goals.ScopeTeam), plain(tr(lang, "scope_team")), nil)
	scope := slack.NewRadioButtonsBlockElement(inputID, me, all)
	scope.InitialOption = me
	if meta.Scope == string(goals.ScopeTeam) {
		scope.InitialOption = all
	}
	blocks := []slack.Block{
		textInput(fTitle, tr(lang, "field_title"), tr(lang, "field_title_ph"), "", false, goals.MaxTitleLen),
		textInput(fMetric, tr(lang, "field_metric"), tr(lang, "field_metric_ph"), "", true, 60),
		textInput(fTarget, tr(lang, "field_target"), "20", tr(lang, "field_target_hint"), false, 40),
		textInput(fBaseline, tr(lang, "field_baseline"), tr(lang, "field_baseline_ph"), "", true, 40),
		slack.NewInputBlock(fDeadline, plain(tr(lang, "field_deadline")), nil, deadline),
		optionalInput(slack.NewInputBlock(fCadence, plain(tr(lang, "field_cadence")), nil, cadence)),
	}
	if team || meta.Scope == string(goals.ScopeTeam) {
		blocks = append(blocks, slack.NewInputBlock(fScope, plain(tr(lang, "field_scope")), nil, scope))
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: cbNewGoal,
		Title:  plain(clipChars(tr(lang, "modal_new_title"), 24)),
		Submit: plain(tr(lang, "modal_new_submit")), Close: plain(tr(lang, "modal_cancel")),
		Blocks: slack.Blocks{BlockSet: blocks}, PrivateMetadata: meta.encode(),
	}
}

func optionalInput(b *slack.InputBlock) *slack.InputBlock {
	b.Optional = true
	return b
}

// logModal asks for a custom amount for one goal.
func logModal(lang string, meta modalMeta, goalTitle string) slack.ModalViewRequest {
	meta.Lang = lang
	var blocks []slack.Block
	if goalTitle != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*"+escape(clipChars(goalTitle, 200))+"*"), nil, nil))
	}
	blocks = append(blocks,
		textInput(fAmount, tr(lang, "field_amount"), "3", tr(lang, "field_amount_hint"), false, 40),
		textInput(fNote, tr(lang, "field_note"), "", "", true, goals.MaxNoteLen),
	)
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: cbLog,
		Title:  plain(clipChars(tr(lang, "modal_log_title"), 24)),
		Submit: plain(tr(lang, "modal_log_submit")), Close: plain(tr(lang, "modal_cancel")),
		Blocks: slack.Blocks{BlockSet: blocks}, PrivateMetadata: meta.encode(),
	}
}

// triggerLife bounds a views.open: a trigger id lives 3 s from Slack's request.
const triggerLife = 2500 * time.Millisecond

// openNewGoalModal opens the goal form for req's user, in their language;
// the scope choice is offered to managers (stored role or Slack admin).
func (a *Adapter) openNewGoalModal(ctx context.Context, start time.Time, triggerID string, req bot.Request, meta modalMeta) error {
	ctx, cancel := context.WithDeadline(ctx, start.Add(triggerLife))
	defer cancel()
	team := req.RoleHint == goals.RoleManager
	if m, err := a.svc.Store.Member(ctx, req.TeamID, req.UserID); err == nil && m.IsManager() {
		team = true
	}
	_, err := a.api.OpenViewContext(ctx, triggerID, newGoalModal(a.langOf(ctx, req), meta, team))
	return err
}

// stateValue reads one input of a submitted view.
func stateValue(v slack.View, block string) string {
	if v.State == nil {
		return ""
	}
	act, ok := v.State.Values[block][inputID]
	if !ok {
		return ""
	}
	switch {
	case act.SelectedDate != "":
		return act.SelectedDate
	case act.SelectedOption.Value != "":
		return act.SelectedOption.Value
	}
	return strings.TrimSpace(act.Value)
}

// goalForm is the submitted goal modal.
type goalForm struct {
	Title, Metric, Target, Baseline, Deadline, Cadence, Scope string
}

func formOf(v slack.View) goalForm {
	return goalForm{
		Title: stateValue(v, fTitle), Metric: stateValue(v, fMetric), Target: stateValue(v, fTarget),
		Baseline: stateValue(v, fBaseline), Deadline: stateValue(v, fDeadline),
		Cadence: stateValue(v, fCadence), Scope: stateValue(v, fScope),
	}
}

// fieldOf says which input a refusal belongs to, so Slack shows the
// sentence under it.
func fieldOf(reason string) string {
	switch {
	case strings.HasPrefix(reason, "title"):
		return fTitle
	case strings.HasPrefix(reason, "deadline"), reason == "date_in_past", reason == "bad_date":
		return fDeadline
	case reason == "need_baseline", strings.HasPrefix(reason, "baseline"):
		return fBaseline
	case reason == "managers_only", reason == "bad_scope":
		return fScope
	case reason == "bad_cadence":
		return fCadence
	}
	return fTarget
}

func errText(lang string, err error) string {
	args := []any{}
	if e, ok := err.(*goals.Error); ok {
		for k, v := range e.Args {
			args = append(args, k, fmt.Sprint(v))
		}
	}
	key := goals.ErrorReason(err)
	if !i18n.Has(key) {
		key = "invalid"
	}
	return clipChars(i18n.T(lang, key, args...), 300)
}

// buildGoal turns the form into a goal, or into per-field refusals. The
// metric's kind, unit and better direction come from the KPI lexicon (in
// any of the three languages), the numbers from the same parser as chat.
func buildGoal(f goalForm, lang string, today goals.Date) (goals.Goal, map[string]string) {
	errs := map[string]string{}
	g := goals.Goal{Title: strings.TrimSpace(f.Title), Scope: goals.ScopeIndividual, Start: today,
		Kind: goals.KindTotal, Direction: goals.Increase, Unit: goals.UnitCount}
	if g.Title == "" {
		errs[fTitle] = i18n.T(lang, "title_required")
	}
	target, err := goals.ParseAmount(f.Target)
	if err != nil {
		errs[fTarget] = errText(lang, err)
	}
	var baseline *goals.Amount
	if f.Baseline != "" {
		b, err := goals.ParseAmount(f.Baseline)
		if err != nil {
			errs[fBaseline] = errText(lang, err)
		} else {
			baseline = &b
		}
	}
	if f.Deadline == "" {
		errs[fDeadline] = i18n.T(lang, "deadline_required")
	} else if d, err := goals.ParseISODate(f.Deadline); err != nil {
		errs[fDeadline] = i18n.T(lang, "bad_date")
	} else if d.Before(today) {
		errs[fDeadline] = i18n.T(lang, "date_in_past")
	} else {
		g.Deadline = d
	}
	switch c := goals.Cadence(f.Cadence); {
	case f.Cadence == "" || f.Cadence == "none":
	case c.Valid():
		g.Cadence = c
	default:
		errs[fCadence] = i18n.T(lang, "invalid")
	}
	if f.Scope == string(goals.ScopeTeam) {
		g.Scope = goals.ScopeTeam
	}

	// What is counted: the metric field, else a KPI named in the title.
	source := f.Metric
	if source == "" {
		source = g.Title
	}
	unit := ""
	if m, _, _, ok := goals.LookupMetric(source); ok {
		g.Metric, g.Kind, g.Direction, unit = m.Key, m.Kind, m.Better, m.Unit
	} else {
		g.Metric = strings.ToLower(clipChars(strings.TrimSpace(f.Metric), 40))
		if g.Metric == "" {
			g.Metric = "progress"
		}
	}
	switch {
	case target.Unit != "": // what the user typed wins: ¥, $, %
		unit = target.Unit
	case unit == "currency":
		unit = goals.DefaultCurrency(lang)
	case unit == "":
		unit = goals.UnitCount
	}
	g.Unit = unit
	if unit == goals.UnitPercent {
		g.Kind = goals.KindLevel
	}
	g.Target = target.Value
	if baseline != nil {
		g.Baseline = baseline.Value
	}
	if g.Kind == goals.KindLevel {
		switch {
		case baseline != nil && g.Target < g.Baseline:
			g.Direction = goals.Decrease
		case baseline != nil && g.Target > g.Baseline:
			g.Direction = goals.Increase
		case baseline == nil && g.Direction == goals.Decrease && len(errs) == 0:
			errs[fBaseline] = i18n.T(lang, "need_baseline")
		}
	} else {
		g.Direction = goals.Increase
	}
	if g.Direction == "" {
		g.Direction = goals.Increase
	}
	return g, errs
}

// submitNewGoal handles the goal modal: refusals come back as field
// errors (the modal stays open); a valid goal is created and the answer
// posted where the modal was opened from.
func (a *Adapter) submitNewGoal(ctx context.Context, ic slack.InteractionCallback) *slack.ViewSubmissionResponse {
	meta := decodeMeta(ic.View.PrivateMetadata)
	teamID := interactionTeam(ic)
	req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
	lang := meta.Lang
	if lang == "" {
		lang = a.langOf(ctx, req)
	}
	ctx, cancel := context.WithTimeout(ctx, 2500*time.Millisecond)
	defer cancel()
	actor, err := a.svc.Enter(ctx, goals.Team{ID: req.TeamID, Name: req.TeamName},
		goals.Member{UserID: req.UserID, Name: req.UserName, Role: req.RoleHint, TZ: req.TZHint})
	if err != nil {
		a.logErr("enter member for modal", err, "team", teamID)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{fTitle: i18n.T(lang, "internal")})
	}
	today := goals.DateIn(a.svc.Now(), actor.Team.Location())
	g, errs := buildGoal(formOf(ic.View), lang, today)
	if g.Scope == goals.ScopeTeam && !actor.Member.IsManager() {
		errs[fScope] = i18n.T(lang, "managers_only")
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	// A view is submitted once; a redelivered submission creates nothing.
	if first, err := a.svc.Store.ClaimEvent(ctx, eventKey(teamID, "view", ic.View.ID), time.Time{}); err == nil && !first {
		return nil
	}
	created, err := a.svc.CreateGoal(ctx, actor, g)
	if err != nil {
		if goals.ErrorCode(err) == goals.EInternal {
			a.logErr("create goal from modal", err, "team", teamID)
			return slack.NewErrorsViewSubmissionResponse(map[string]string{fTitle: i18n.T(lang, "internal")})
		}
		return slack.NewErrorsViewSubmissionResponse(map[string]string{fieldOf(goals.ErrorReason(err)): errText(lang, err)})
	}
	rep := a.createdReply(ctx, actor, created, lang)
	to := reply{teamID: teamID, channel: meta.Channel, user: ic.User.ID, responseURL: meta.ResponseURL, dm: meta.Home}
	a.background(func(ctx context.Context) {
		a.deliver(ctx, to, rep)
		if meta.Home {
			a.publishHome(ctx, teamID, ic.Team.Domain, ic.User.ID)
		}
	})
	return nil
}

// createdReply is the answer to a goal created from the modal, worded as
// the engine words `/goal new`.
func (a *Adapter) createdReply(ctx context.Context, actor goals.Actor, g goals.Goal, lang string) bot.Reply {
	rep := bot.Reply{OK: true, Lang: lang, Public: g.Scope == goals.ScopeTeam, Goals: []bot.GoalView{}}
	lines := []string{i18n.T(lang, "created", "id", g.ID, "title", g.Title)}
	v := bot.GoalView{ID: g.ID, Kind: g.Kind, Unit: g.Unit, Current: g.Baseline}
	if f, err := a.svc.Figures(ctx, actor.Team, g, actor.Member.Workdays); err == nil {
		v = bot.ViewOf(f)
		rep.Goals = append(rep.Goals, v)
		lines = append(lines, bot.GoalLine(v, lang))
	}
	lines = append(lines, bot.LogHint(v, lang))
	rep.Text = strings.Join(lines, "\n")
	rep.Buttons = bot.LogButtons(v, lang) // level goals: a reading, never +1
	return rep
}

// submitLog handles the custom-amount modal: the amount goes to the
// engine as a quick log of the goal, keyed by the view so a redelivered
// submission logs once.
func (a *Adapter) submitLog(ctx context.Context, ic slack.InteractionCallback) *slack.ViewSubmissionResponse {
	meta := decodeMeta(ic.View.PrivateMetadata)
	lang := meta.Lang
	if lang == "" {
		lang = i18n.EN
	}
	amount := stateValue(ic.View, fAmount)
	if _, _, _, ok := goals.FindAmount(amount); !ok {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{fAmount: tr(lang, "need_number")})
	}
	note := stateValue(ic.View, fNote)
	teamID := interactionTeam(ic)
	to := reply{teamID: teamID, channel: meta.Channel, user: ic.User.ID, responseURL: meta.ResponseURL, dm: meta.Home}
	key := eventKey(teamID, "view", ic.View.ID)
	a.background(func(ctx context.Context) {
		if first, err := a.svc.Store.ClaimEvent(ctx, key, time.Time{}); err == nil && !first {
			return
		}
		req := a.request(ctx, teamID, ic.Team.Domain, ic.User.ID, ic.User.Name)
		req.Key = key
		req.Action = &bot.Action{ID: bot.ActQuickLog, Value: strings.TrimSpace(meta.GoalID + ":" + amount + " " + note)}
		rep := a.eng.Handle(ctx, req)
		a.deliver(ctx, to, rep)
		if meta.Home {
			a.publishHome(ctx, teamID, ic.Team.Domain, ic.User.ID)
		}
	})
	return nil
}
