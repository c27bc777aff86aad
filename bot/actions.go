package bot

import (
	"context"
	"math"
	"strconv"
	"strings"
	"unicode"

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
		// A +1 pressed on a level goal (an old message, a stale App Home)
		// would record a reading of 1: ask for the reading instead.
		if g, err := e.svc.Goal(ctx, c.Actor, id); err == nil && g.Kind == goals.KindLevel {
			v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
			if err != nil {
				return Reply{}, err
			}
			return Reply{Text: i18n.T(c.Lang, "reading_not_increment", "id", g.ID, "last", Amount(v.Current, g.Unit, c.Lang)),
				Goals: []GoalView{v}, Buttons: LogButtons(v, c.Lang)}, nil
		}
		return e.logText(ctx, c, "#"+strconv.FormatInt(id, 10)+" "+amt)
	case ActPickGoal:
		idStr, text, _ := strings.Cut(a.Value, "|")
		return e.logText(ctx, c, "#"+idStr+" "+text)
	}
	return e.fail(c.Lang, (&goals.Error{Code: goals.EInvalid, Reason: "unknown_command"}).With("cmd", clip(strings.ToValidUTF8(a.ID, ""), 30))), nil
}

// LogButtons are the quick-log buttons of a goal: "+1" and "Log…" for a
// goal whose logs add up; for a level goal (a rate, a reading) only
// "Record a reading", with the last value shown, since an increment of 1
// would be read as a reading of 1.
func LogButtons(v GoalView, lang string) []Button {
	custom := Button{Action: ActCustomLog, Label: i18n.T(lang, "btn_log_custom"), Value: strconv.FormatInt(v.ID, 10)}
	if v.Kind == goals.KindLevel {
		custom.Label = i18n.T(lang, "btn_record_reading")
		if v.Readings > 0 {
			custom.Label = i18n.T(lang, "btn_record_reading_last", "last", Amount(v.Current, v.Unit, lang))
		}
		return []Button{custom}
	}
	return []Button{quickLogButton(v.ID, lang), custom}
}

// AfterLogButtons are Undo and the goal's quick log after a log.
func AfterLogButtons(v GoalView, lang string) []Button {
	bs := []Button{{Action: ActUndo, Label: i18n.T(lang, "btn_undo")}}
	if v.Kind != goals.KindLevel {
		bs = append(bs, quickLogButton(v.ID, lang))
	}
	return bs
}

// LogHint is the line under a new goal saying how to log to it: `/goal log
// #id 1` for totals, a reading with the current value for level goals.
func LogHint(v GoalView, lang string) string {
	if v.Kind == goals.KindLevel {
		return i18n.T(lang, "created_hint_reading", "id", v.ID, "last", Amount(v.Current, v.Unit, lang))
	}
	return i18n.T(lang, "created_hint", "id", v.ID)
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
// is certain; otherwise it asks, and nothing is written. A sentence that
// reads as a goal (a deadline after today, a cadence) is proposed with
// Accept / Edit / Keep as is, never saved unasked.
func (e *Engine) plainLanguage(ctx context.Context, c *Call) (Reply, error) {
	text := c.Args
	if rep, handled, err := e.answerDialogue(ctx, c, text); handled || err != nil {
		return rep, err
	}
	if _, _, _, err := goals.ScanAmount(text); err != nil {
		switch goals.ErrorReason(err) {
		case "negative_amount", "amount_too_large":
			return e.fail(c.Lang, err), nil
		}
		return Reply{Text: i18n.T(c.Lang, "plain_no_amount")}, nil
	}
	// "Today" dates a log; a later deadline or a cadence makes a goal,
	// unless a verb in the past tense says it is done ("booked 3 demos
	// this week", "本周完成了3场演示").
	loc := c.Actor.Team.Location()
	done := doneBeforeAmount(text)
	several, list := severalAmounts(text)
	if several && done {
		// "closed 4 deals, need 6 more by end of month": a report first.
		return e.fail(c.Lang, refuse("plain_several", "amounts", list)), nil
	}
	if d, s, end, ok := goals.FindDeadline(text, c.now, loc); ok && d.After(c.Today()) && !(done && !deadlineWords(text[s:end])) {
		return e.offerGoal(ctx, c, text)
	}
	if an := goals.Analyze(text, goals.AnalyzeOptions{Now: c.now, Loc: loc, Lang: c.Lang}); an.Cadence != goals.CadenceNone && !done {
		return e.offerGoal(ctx, c, text)
	}
	if several {
		return e.fail(c.Lang, refuse("plain_several", "amounts", list)), nil
	}
	li, err := e.parseLog(ctx, c, text)
	if err != nil {
		return e.fail(c.Lang, withAmount(err, text)), nil
	}
	g, err := e.svc.ResolveForLog(ctx, c.Actor, li.ref, li.amt.Unit)
	if err != nil {
		cands, lerr := e.svc.LoggableGoals(ctx, c.Actor)
		if lerr != nil || len(cands) == 0 {
			return e.fail(c.Lang, err), nil
		}
		// The goals the words could mean come first.
		if m, ok := err.(*goals.Error); ok {
			if cs, ok := m.Args["candidates"].([]goals.Goal); ok && len(cs) > 0 && len(cs) < len(cands) {
				cands = append(append([]goals.Goal{}, cs...), without(cands, cs)...)
			}
		}
		if rep, ok := e.suggestLog(ctx, c, text, li, cands); ok {
			return rep, nil
		}
		cands = fitting(cands, li.amt.Unit) // a % reading is no demos goal's
		var rep Reply
		if goals.ErrorReason(err) == "no_goal_matches" {
			// "20 pushups": none of the goals is called that.
			rep = e.fail(c.Lang, withAmount(err, li.amt.Raw))
		} else {
			rep = e.fail(c.Lang, refuse("plain_unsure", "amount", li.amt.Raw, "first", cands[0].ID))
		}
		for i, g := range cands {
			if i == 5 {
				break
			}
			rep.Buttons = append(rep.Buttons, Button{
				Action: ActPickGoal, Label: goalLabel(g),
				Value: strconv.FormatInt(g.ID, 10) + "|" + strings.TrimSpace(li.amt.Raw+" "+li.note),
			})
		}
		return rep, nil
	}
	return e.logTo(ctx, c, g, li)
}

// pastVerbs say something is done; before the amount they make a log of
// a sentence that also names a period ("closed 2 deals this week").
var pastVerbs = map[string]bool{
	"did": true, "made": true, "closed": true, "booked": true, "sold": true, "got": true, "sent": true,
	"had": true, "won": true, "signed": true, "finished": true, "completed": true, "logged": true,
	"held": true, "added": true, "gained": true, "generated": true, "landed": true, "called": true,
	"emailed": true, "contacted": true, "visited": true, "delivered": true, "shipped": true,
	"ran": true, "scheduled": true, "onboarded": true, "acquired": true, "done": true,
}

// doneBeforeAmount reports a past-tense verb, or Chinese 了 / 已, before the
// first amount of text.
func doneBeforeAmount(text string) bool {
	_, start, _, ok := goals.FindAmount(text)
	if !ok {
		return false
	}
	before := text[:start]
	for _, w := range strings.FieldsFunc(strings.ToLower(before), func(r rune) bool { return !unicode.IsLetter(r) || r >= 0x2E80 }) {
		if pastVerbs[w] {
			return true
		}
	}
	b := strings.NewReplacer("为了", "", "為了", "", "除了", "", "了解", "", "到了", "").Replace(before)
	if strings.Contains(b, "了") || strings.Contains(b, "已经") || strings.Contains(b, "已經") {
		return true
	}
	for _, v := range []string{"已完成", "已成交", "已签", "已簽", "已卖", "已賣", "已打", "已发", "已發", "已做", "已拿"} {
		if strings.Contains(b, v) {
			return true
		}
	}
	return false
}

// deadlineWords reports whether a deadline phrase says "by" (by, before,
// until, end of, 前, 底, 到 ...): "this week" can date what was done, "by
// Friday" only what is to be done.
func deadlineWords(phrase string) bool {
	p := strings.ToLower(phrase)
	for _, w := range []string{"by", "before", "until", "till", "due", "end", "deadline", "within", "eo"} {
		for _, f := range strings.FieldsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) || r >= 0x2E80 }) {
			if f == w || w == "eo" && strings.HasPrefix(f, "eo") && len(f) == 3 {
				return true
			}
		}
	}
	for _, w := range []string{"前", "底", "末", "到", "截至", "截止", "为止", "為止", "内", "內"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// suggestLog asks the LLM, when the coach has one, which goal an unplaced
// log is for. Its answer is never written: the reply proposes it as the
// first button (pressing it logs), with the other goals after it.
func (e *Engine) suggestLog(ctx context.Context, c *Call, text string, li logIntent, cands []goals.Goal) (Reply, bool) {
	interp, ok := e.coach.(goals.LogInterpreter)
	if !ok {
		return Reply{}, false
	}
	id, amt, ok := interp.InterpretLog(goals.WithTeamID(ctx, c.Actor.Team.ID), text, cands)
	// The model only picks the goal: the amount must be the one the parser read.
	if !ok || goals.CheckAmount(amt.Value) != nil || amt.Value <= 0 || math.Abs(amt.Value-li.amt.Value) > 1e-9*math.Max(1, li.amt.Value) {
		return Reply{}, false
	}
	var pick *goals.Goal
	for i := range cands {
		if cands[i].ID == id {
			pick = &cands[i]
			break
		}
	}
	if pick == nil {
		return Reply{}, false
	}
	raw := amt.Raw
	if raw == "" {
		raw = strconv.FormatFloat(amt.Value, 'f', -1, 64)
	}
	if a, err := goals.ParseAmount(raw); err != nil || a.Value != amt.Value {
		return Reply{}, false // the button must log exactly what is shown
	}
	rep := e.fail(c.Lang, refuse("plain_suggest", "amount", raw, "id", pick.ID, "title", clipTitle(pick.Title, 60)))
	note := strings.TrimSpace(li.note)
	if note == "" {
		note = clip(strings.TrimSpace(text), 80)
	}
	add := func(g goals.Goal, label, amount string) {
		rep.Buttons = append(rep.Buttons, Button{
			Action: ActPickGoal, Label: label,
			Value: strconv.FormatInt(g.ID, 10) + "|" + amount + " " + note,
		})
	}
	add(*pick, "✓ "+raw+" → "+goalLabel(*pick), raw)
	n := 1
	for _, g := range cands {
		if g.ID == pick.ID || n == 5 {
			continue
		}
		add(g, goalLabel(g), li.amt.Raw)
		n++
	}
	return rep, true
}

// goalLabel names a goal on a button: "#3 Book 20 demos".
func goalLabel(g goals.Goal) string {
	return "#" + strconv.FormatInt(g.ID, 10) + " " + clipTitle(g.Title, 32)
}

// fitting keeps the goals an amount in unit can be logged to, unless none
// can (then the question shows them all, and the log is refused on pick).
func fitting(gs []goals.Goal, unit string) []goals.Goal {
	var out []goals.Goal
	for _, g := range gs {
		if goals.UnitFits(g.Unit, unit) {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return gs
	}
	return out
}

// without is gs minus the goals of drop.
func without(gs, drop []goals.Goal) []goals.Goal {
	var out []goals.Goal
	for _, g := range gs {
		keep := true
		for _, d := range drop {
			if d.ID == g.ID {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, g)
		}
	}
	return out
}

// severalAmounts reports whether text holds more than one amount of
// different kinds ("3 demos and 5 calls", "今天卖了1.2万，打了8个电话",
// "closed 2 deals worth $5,000"): which one to log, and where, would be a
// guess. list is the amounts as typed, for the question.
func severalAmounts(text string) (bool, string) {
	type found struct {
		raw, kind string
	}
	var fs []found
	rest := text
	for n := 0; n < 6; n++ {
		a, _, e, ok := goals.FindAmount(rest)
		if !ok {
			break
		}
		fs = append(fs, found{a.Raw, amountKind(a, rest[e:])})
		rest = rest[e:]
	}
	if len(fs) < 2 {
		return false, ""
	}
	var raws []string
	several := false
	for _, f := range fs {
		raws = append(raws, f.raw)
		if f.kind != fs[0].kind {
			several = true
		}
	}
	return several, strings.Join(raws, ", ")
}

// amountKind is what an amount counts: the metric right after it ("3
// demos", "8个电话"), else its unit family (money, percent, plain).
func amountKind(a goals.Amount, after string) string {
	if m, ms, _, ok := goals.LookupMetric(after); ok && ms <= 8 {
		gap := after[:ms]
		if strings.IndexFunc(gap, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsDigit(r) }) < 0 {
			return m.Key
		}
	}
	switch {
	case goals.IsCurrency(a.Unit):
		return "money"
	case a.Unit == goals.UnitPercent:
		return "percent"
	case strings.ContainsAny(a.Raw, "万萬千kKwW"):
		return "money" // 1.2万 on its own is takings
	}
	return a.Unit
}

// offerGoal answers a goal-like sentence sent without a command: the
// analysis and the proposal, stored so Accept / Edit / Keep as is (or the
// dialogue's answers) can settle it. Nothing is created before the user says so.
func (e *Engine) offerGoal(ctx context.Context, c *Call, text string) (Reply, error) {
	text = strings.TrimSpace(text)
	if len([]rune(text)) > goals.MaxTitleLen {
		return e.fail(c.Lang, refuse("title_too_long")), nil
	}
	return e.propose(ctx, c, text, goals.ScopeIndividual, []string{i18n.T(c.Lang, "plain_goal_offer")}, false)
}

// projectionLine is "At this pace: …" when there is a projection, and says
// why not otherwise: too early, or not enough readings of a level goal.
func projectionLine(v GoalView, lang string) string {
	switch {
	case v.Projected:
		return i18n.T(lang, "projection", "projection", Amount(v.Projection, v.Unit, lang), "deadline", v.PeriodEnd.String())
	case v.Kind == goals.KindLevel:
		return i18n.T(lang, "projection_few_readings")
	}
	return i18n.T(lang, "projection_too_early")
}

// deadlineSuffix is " · ⏰ 2026-11-20", or nothing for a recurring goal
// that runs without an end: no deadline is shown that nobody gave.
func deadlineSuffix(v GoalView) string {
	if v.Deadline.IsZero() {
		return ""
	}
	return " · ⏰ " + v.Deadline.String()
}

// deadlineText is the deadline, or "…" for a goal without an end.
func deadlineText(v GoalView) string {
	if v.Deadline.IsZero() {
		return "…"
	}
	return v.Deadline.String()
}

// maxClosedListed bounds the closed goals a list shows: the newest first.
const maxClosedListed = 10

// listSections lays out a goal list: the active goals under header, then
// the goals that start later, then the missed, done and archived ones apart
// (the newest first), so what still needs work is never mixed with what
// is over.
func listSections(views []GoalView, header, lang string) []string {
	var active, upcoming, closed []GoalView
	for _, v := range views {
		switch {
		case v.State == goals.StateDone || v.State == goals.StateArchived || v.Status == goals.StatusMissed:
			closed = append(closed, v)
		case v.Status == goals.StatusUpcoming:
			upcoming = append(upcoming, v)
		default:
			active = append(active, v)
		}
	}
	var lines []string
	if len(active) > 0 || len(upcoming)+len(closed) == 0 {
		lines = append(lines, header)
		for _, v := range active {
			lines = append(lines, GoalLine(v, lang))
		}
	}
	if len(upcoming) > 0 {
		lines = append(lines, i18n.T(lang, "list_upcoming_header"))
		for _, v := range upcoming {
			lines = append(lines, GoalLine(v, lang)+" · "+i18n.T(lang, "upcoming_starts", "start", v.Start.String()))
		}
	}
	if len(closed) > 0 {
		lines = append(lines, i18n.T(lang, "list_closed_header"))
		for i := len(closed) - 1; i >= 0 && len(closed)-i <= maxClosedListed; i-- {
			line := GoalLine(closed[i], lang)
			if st := closed[i].State; st == goals.StateDone || st == goals.StateArchived {
				line += " · " + i18n.T(lang, "state_"+string(st))
			}
			lines = append(lines, line)
		}
	}
	return lines
}

// whyLines back a verdict that is not "on track" with the figures it comes
// from: expected by now and the projection (or the run of missed periods),
// so a log reply's status can be checked on the spot.
func whyLines(v GoalView, lang string) []string {
	if v.Status != goals.StatusAtRisk && v.Status != goals.StatusBehind {
		return nil
	}
	lines := []string{i18n.T(lang, "expected_by_now", "expected", Amount(v.Expected, v.Unit, lang))}
	if v.Projected {
		lines = append(lines, projectionLine(v, lang))
	}
	if v.MissedRun >= 2 {
		lines = append(lines, i18n.T(lang, "missed_run", "n", v.MissedRun))
	}
	return lines
}
