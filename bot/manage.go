package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// keyValues splits `a=1 b="two words" c=end of Q3` into pairs. A value runs
// until the next key= so that dates like "end of Q3" need no quotes.
var kvRe = regexp.MustCompile(`([A-Za-z_]+|财年|財年)\s*[=＝]\s*`)

func keyValues(s string) (map[string]string, []string, bool) {
	locs := kvRe.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 {
		return nil, nil, false
	}
	if strings.TrimSpace(s[:locs[0][0]]) != "" {
		return nil, nil, false
	}
	out := map[string]string{}
	var order []string
	for i, l := range locs {
		key := strings.ToLower(s[l[2]:l[3]])
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := strings.TrimSpace(s[l[1]:end])
		v = strings.Trim(v, `"'“”「」`)
		if _, dup := out[key]; !dup {
			order = append(order, key)
		}
		out[key] = v
	}
	return out, order, true
}

func (e *Engine) cmdEdit(ctx context.Context, c *Call) (Reply, error) {
	id, rest, ok := parseGoalID(c.Args)
	if !ok {
		return e.fail(c.Lang, refuse("need_goal_id", "cmd", "edit")), nil
	}
	kv, order, ok := keyValues(rest)
	if !ok {
		return e.fail(c.Lang, refuse("bad_edit")), nil
	}
	loc := c.Actor.Team.Location()
	var changes []string
	apply := func(g *goals.Goal) error {
		changes = changes[:0]
		for _, k := range order {
			v := kv[k]
			if err := editField(g, k, v, c.now, loc, c.Actor.Team.DateOptions()); err != nil {
				return err
			}
			changes = append(changes, k+"="+clip(v, 40))
		}
		return nil
	}
	g, err := e.svc.EditGoal(ctx, c.Actor, id, apply)
	if err != nil {
		if goals.ErrorCode(err) == goals.EInternal {
			return Reply{}, err
		}
		if de, ok := err.(*goals.Error); ok {
			err = de.With("id", id)
		}
		return e.fail(c.Lang, err), nil
	}
	v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
	if err != nil {
		return Reply{}, err
	}
	return Reply{
		Text:  i18n.T(c.Lang, "edited", "id", g.ID, "changes", strings.Join(changes, ", ")) + "\n" + GoalLine(v, c.Lang),
		Goals: []GoalView{v},
	}, nil
}

// editField applies one key=value to a goal; Validate runs after all of them.
func editField(g *goals.Goal, key, val string, now time.Time, loc *time.Location, dates goals.DateOptions) error {
	amount := func() (float64, error) {
		a, err := goals.ParseAmount(val)
		if goals.ErrorReason(err) == "negative_amount" || (err == nil && a.Value < 0) {
			// Not a log: "take it back with undo" would be the wrong advice.
			return 0, refuse("negative_amount", "key", key, msgKey, "edit_negative")
		}
		if err != nil {
			return 0, err
		}
		if goals.IsCurrency(g.Unit) && !a.FitsCurrency(g.Unit) {
			// target=¥500 on a USD goal: no exchange rates offline.
			return 0, refuse("currency_mismatch", "unit", g.Unit, "other", a.Currency(), "id", g.ID)
		}
		return a.Value, nil
	}
	switch key {
	case "target":
		v, err := amount()
		if err != nil {
			return err
		}
		g.Target = v
	case "baseline", "base":
		v, err := amount()
		if err != nil {
			return err
		}
		g.Baseline = v
	case "stretch":
		if val == "" || val == "none" {
			g.Stretch = nil
			return nil
		}
		v, err := amount()
		if err != nil {
			return err
		}
		g.Stretch = &v
	case "deadline", "due", "by":
		d, err := goals.ParseDeadlineWith(val, now, loc, dates)
		if err != nil {
			return err
		}
		g.Deadline = d
	case "title":
		t := goals.CleanText(val, goals.MaxTitleLen+1)
		if t == "" {
			return refuse("title_required")
		}
		g.Title = t
	case "cadence", "per":
		c := goals.Cadence(strings.ToLower(val))
		switch c {
		case "none", "":
			c = goals.CadenceNone
		case "day":
			c = goals.CadenceDaily
		case "week":
			c = goals.CadenceWeekly
		case "month":
			c = goals.CadenceMonthly
		case "quarter":
			c = goals.CadenceQuarterly
		}
		if !c.Valid() {
			return refuse("bad_edit")
		}
		g.Cadence = c
	case "priority", "order":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 || n > 1000 {
			return refuse("bad_edit")
		}
		g.Priority = n
	case "steps":
		var steps []float64
		for _, p := range strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '/' }) {
			a, err := goals.ParseAmount(p)
			if err != nil {
				return err
			}
			steps = append(steps, a.Value)
		}
		if len(steps) == 0 || len(steps) > 52 {
			return refuse("bad_edit")
		}
		g.Steps = steps
		if g.Cadence == goals.CadenceNone {
			g.Cadence = goals.CadenceWeekly
		}
		g.Target = steps[len(steps)-1]
	default:
		if k := closest(key, editKeys); k != "" {
			return refuse("bad_edit", "key", clip(key, 30), "suggestion", k+"="+clip(val, 40), msgKey, "edit_did_you_mean")
		}
		return refuse("bad_edit")
	}
	return nil
}

func (e *Engine) cmdDone(ctx context.Context, c *Call) (Reply, error) {
	return e.close(ctx, c, goals.StateDone, "done", "closed_done")
}

func (e *Engine) cmdArchive(ctx context.Context, c *Call) (Reply, error) {
	return e.close(ctx, c, goals.StateArchived, "archive", "closed_archived")
}

func (e *Engine) close(ctx context.Context, c *Call, st goals.State, cmd, key string) (Reply, error) {
	id, _, ok := parseGoalID(c.Args)
	if !ok {
		return e.fail(c.Lang, refuse("need_goal_id", "cmd", cmd)), nil
	}
	g, err := e.svc.SetState(ctx, c.Actor, id, st)
	if err != nil {
		return Reply{}, err // Handle shows domain refusals and logs the rest
	}
	v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: i18n.T(c.Lang, key, "id", g.ID), Goals: []GoalView{v}}, nil
}

func (e *Engine) cmdProgress(ctx context.Context, c *Call) (Reply, error) {
	var g goals.Goal
	if id, _, ok := parseGoalID(c.Args); ok {
		var err error
		if g, err = e.svc.Goal(ctx, c.Actor, id); err != nil {
			return e.fail(c.Lang, err), nil
		}
	} else if w, _ := splitWord(c.Args); strings.HasPrefix(w, "#") || strings.HasPrefix(w, "＃") {
		// "#0", "#-1", "#abc": a goal number that cannot exist.
		return e.fail(c.Lang, goals.ErrGoalNotFound.With("id", clip(strings.TrimLeft(w, "#＃"), 20))), nil
	} else {
		cands, err := e.svc.LoggableGoals(ctx, c.Actor)
		if err != nil {
			return Reply{}, err
		}
		if w := strings.TrimSpace(c.Args); w != "" {
			cands = goals.MatchGoals(cands, w)
		}
		switch len(cands) {
		case 0:
			return e.fail(c.Lang, &goals.Error{Code: goals.ENotFound, Reason: "no_goals"}), nil
		case 1:
			g = cands[0]
		default:
			return e.fail(c.Lang, refuse("need_goal_id", "cmd", "progress")), nil
		}
	}
	f, err := e.svc.Figures(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
	if err != nil {
		return Reply{}, err
	}
	v := ViewOf(f)
	// One read serves the text's last two weeks and the chart's history
	// since the goal's start (at most a year back).
	today := c.Today()
	recent, chartFrom := today.AddDays(-13), g.Start
	if chartFrom.IsZero() || chartFrom.Before(today.AddDays(-366)) {
		chartFrom = today.AddDays(-366)
	}
	from := recent
	if e.chart != nil && chartFrom.Before(from) {
		from = chartFrom
	}
	hist, err := e.svc.Store.DailyTotals(ctx, c.Actor.Team.ID, g.ID, from, today)
	if err != nil {
		return Reply{}, fmt.Errorf("history of goal %d: %w", g.ID, err)
	}
	rep := Reply{Text: progressText(v, daysSince(hist, recent), today, c.Lang), Goals: []GoalView{v}, Buttons: LogButtons(v, c.Lang)}
	if e.chart != nil {
		e.attachChart(g, daysSince(hist, chartFrom), today, &rep)
	}
	return rep, nil
}

// daysSince is the tail of ascending day totals from day on.
func daysSince(days []goals.DayTotal, day goals.Date) []goals.DayTotal {
	i := 0
	for i < len(days) && days[i].Day.Before(day) {
		i++
	}
	return days[i:]
}

// attachChart draws the goal's history; a failure to draw costs the
// picture, never the answer.
func (e *Engine) attachChart(g goals.Goal, all []goals.DayTotal, today goals.Date, rep *Reply) {
	png, err := e.chart(g, all, today)
	if err != nil {
		e.log.Warn("progress chart", "goal", g.ID, "err", err)
		return
	}
	rep.Chart = png
}

// streakSpan is a streak counted in the goal's periods: "1 day", "3 weeks".
func streakSpan(v GoalView, lang string) string {
	key := "n_days"
	if v.Cadence != nil {
		key = map[goals.Cadence]string{goals.CadenceWeekly: "n_weeks", goals.CadenceMonthly: "n_months", goals.CadenceQuarterly: "n_quarters"}[*v.Cadence]
		if key == "" {
			key = "n_days"
		}
	}
	return i18n.N(lang, key, float64(v.Streak))
}

// progressText is one goal in detail: where it is, where it should be,
// what it takes, where it is heading, and the last two weeks.
func progressText(v GoalView, days []goals.DayTotal, today goals.Date, lang string) string {
	lines := []string{
		i18n.T(lang, "progress_header", "id", v.ID, "title", v.Title),
		i18n.T(lang, "progress_window", "start", v.Start.String(), "deadline", deadlineText(v),
			"status", StatusEmoji(v.Status)+" "+StatusText(v.Status, lang)),
	}
	if v.Cadence != nil {
		per := map[goals.Cadence]string{goals.CadenceDaily: "per_day", goals.CadenceWeekly: "per_week", goals.CadenceMonthly: "per_month", goals.CadenceQuarterly: "per_month"}[*v.Cadence]
		span := v.PeriodStart.String() // a period of one day is a day, not a range
		if v.PeriodEnd != v.PeriodStart {
			span += " → " + v.PeriodEnd.String()
		}
		lines = append(lines, i18n.T(lang, "progress_period", "per", i18n.T(lang, per), "span", span,
			"current", Amount(v.Current, v.Unit, lang), "target", Amount(v.Target, v.Unit, lang)))
	}
	lines = append(lines, Bar(v.Percent)+" "+Pct(v.Percent)+" · "+Amount(v.Current, v.Unit, lang)+"/"+Amount(v.Target, v.Unit, lang))
	switch v.Status {
	case goals.StatusAchieved, goals.StatusMissed:
	case goals.StatusUpcoming:
		lines = append(lines, i18n.T(lang, "upcoming_starts", "start", v.Start.String()))
	default:
		lines = append(lines, i18n.T(lang, "expected_by_now", "expected", Amount(v.Expected, v.Unit, lang)))
		if l := paceLine(v, lang); l != "" {
			lines = append(lines, l)
		}
		lines = append(lines, projectionLine(v, lang))
		if v.MissedRun >= 2 {
			lines = append(lines, i18n.T(lang, "missed_run", "n", v.MissedRun))
		}
	}
	if v.Stretch != nil && v.StretchPct != nil {
		lines = append(lines, i18n.T(lang, "stretch", "stretch", Amount(*v.Stretch, v.Unit, lang), "percent", Pct(*v.StretchPct)))
	}
	if v.Streak > 0 {
		lines = append(lines, i18n.T(lang, "streak", "n", streakSpan(v, lang)))
	}
	if len(v.Contributions) > 0 {
		var parts []string
		for _, c := range v.Contributions {
			parts = append(parts, c.User+" "+Amount(c.Amount, v.Unit, lang))
		}
		lines = append(lines, i18n.T(lang, "contributions", "list", strings.Join(parts, ", ")))
	}
	// Two weeks of daily totals (level goals: the day's reading).
	vals := make([]float64, 14)
	for _, d := range days {
		i := 13 - d.Day.DaysUntil(today)
		if i >= 0 && i < 14 {
			if v.Kind == goals.KindLevel {
				vals[i] = d.Last
			} else {
				vals[i] = d.Sum
			}
		}
	}
	lines = append(lines, i18n.T(lang, "history", "spark", Spark(vals)))
	return strings.Join(lines, "\n")
}

func (e *Engine) cmdTeam(ctx context.Context, c *Call) (Reply, error) {
	ms, err := e.svc.Store.Members(ctx, c.Actor.Team.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("members: %w", err)
	}
	gs, err := e.svc.Store.Goals(ctx, goals.GoalFilter{TeamID: c.Actor.Team.ID})
	if err != nil {
		return Reply{}, fmt.Errorf("goals: %w", err)
	}
	sortGoals(gs)
	views, err := e.figures(ctx, c, gs)
	if err != nil {
		return Reply{}, err
	}
	name := c.Actor.Team.Name
	if name == "" {
		name = c.Actor.Team.ID
	}
	lines := []string{i18n.T(c.Lang, "team_header", "team", name, "members", i18n.N(c.Lang, "n_members", float64(len(ms))),
		"goals", i18n.N(c.Lang, "n_active_goals", float64(len(gs))))}
	for _, v := range views {
		if v.Scope == goals.ScopeTeam {
			lines = append(lines, GoalLine(v, c.Lang))
		}
	}
	for _, m := range ms {
		var parts []string
		for _, v := range views {
			if v.Scope == goals.ScopeIndividual && v.Owner == m.UserID {
				parts = append(parts, fmt.Sprintf("#%d %s %s %s", v.ID, clipTitle(v.Title, 40), Pct(v.Percent), StatusEmoji(v.Status)))
			}
		}
		summary := i18n.T(c.Lang, "team_no_goals")
		if len(parts) > 0 {
			summary = strings.Join(parts, "; ")
		}
		lines = append(lines, "• "+i18n.T(c.Lang, "team_member", "user", displayName(m),
			"role", i18n.T(c.Lang, "role_"+string(m.Role)), "summary", summary))
	}
	return Reply{Text: strings.Join(lines, "\n"), Goals: views, Public: true}, nil
}

func (e *Engine) cmdRole(ctx context.Context, c *Call) (Reply, error) {
	who, rest := splitWord(c.Args)
	roleWord, _ := splitWord(rest)
	if who == "" {
		return e.fail(c.Lang, refuse("need_user")), nil
	}
	if !c.Actor.Member.IsManager() {
		return e.fail(c.Lang, &goals.Error{Code: goals.EForbidden, Reason: "managers_only"}), nil
	}
	role := map[string]goals.Role{"manager": goals.RoleManager, "管理员": goals.RoleManager, "管理員": goals.RoleManager,
		"member": goals.RoleMember, "成员": goals.RoleMember, "成員": goals.RoleMember}[strings.ToLower(roleWord)]
	if role == "" {
		return e.fail(c.Lang, refuse("bad_role")), nil
	}
	m, err := e.resolveUser(ctx, c, who)
	if err != nil {
		return e.fail(c.Lang, err), nil
	}
	m, err = e.svc.SetRole(ctx, c.Actor, m.UserID, role)
	if err != nil {
		return Reply{}, err // Handle shows domain refusals and logs the rest
	}
	return Reply{Text: i18n.T(c.Lang, "role_set", "user", displayName(m), "role", i18n.T(c.Lang, "role_"+string(role)))}, nil
}

var hhmm = regexp.MustCompile(`^([01]?\d|2[0-3]):([0-5]\d)$`)

// cmdSettings shows or changes personal settings; team_* and weekly are
// the team's and need a manager.
func (e *Engine) cmdSettings(ctx context.Context, c *Call) (Reply, error) {
	args := strings.TrimSpace(c.Args)
	if args == "" {
		return Reply{Text: e.settingsText(c.Actor, c.Lang)}, nil
	}
	kv, order, ok := keyValues(args)
	if !ok {
		return e.fail(c.Lang, refuse("bad_setting")), nil
	}
	var memberFns []func(*goals.Member)
	var teamFns []func(*goals.Team)
	for _, k := range order {
		v := kv[k]
		switch k {
		case "tz", "team_tz":
			if _, err := time.LoadLocation(v); err != nil || v == "" || v == "Local" {
				return e.fail(c.Lang, refuse("bad_tz", "value", clip(v, 40))), nil
			}
			if k == "tz" {
				memberFns = append(memberFns, func(m *goals.Member) { m.TZ = v })
			} else {
				teamFns = append(teamFns, func(t *goals.Team) { t.TZ = v })
			}
		case "lang", "team_lang":
			l := goals.NormalizeLang(v)
			if l == "" {
				return e.fail(c.Lang, refuse("bad_lang")), nil
			}
			if k == "lang" {
				memberFns = append(memberFns, func(m *goals.Member) { m.Lang = l })
				c.Lang = l
			} else {
				teamFns = append(teamFns, func(t *goals.Team) { t.Lang, t.LangSet = l, true })
			}
		case "daily", "remind", "team_daily":
			if !hhmm.MatchString(v) {
				return e.fail(c.Lang, refuse("bad_time")), nil
			}
			if k == "team_daily" {
				teamFns = append(teamFns, func(t *goals.Team) { t.DailyAt = v })
			} else {
				memberFns = append(memberFns, func(m *goals.Member) { m.RemindAt = v })
			}
		case "weekly":
			day, at := splitWord(v)
			if _, ok := goals.ParseWeekday(day); !ok || !hhmm.MatchString(at) {
				return e.fail(c.Lang, refuse("bad_time")), nil
			}
			teamFns = append(teamFns, func(t *goals.Team) { t.WeeklyAt = strings.ToLower(day) + " " + at })
		case "workdays", "team_workdays":
			w, ok := ParseWorkdays(v)
			if !ok {
				return e.fail(c.Lang, refuse("bad_workdays")), nil
			}
			if k == "workdays" {
				memberFns = append(memberFns, func(m *goals.Member) { m.Workdays = w })
			} else {
				teamFns = append(teamFns, func(t *goals.Team) { t.Workdays = w })
			}
		case "away":
			r, clear, ok := parseAway(v)
			if !ok {
				return e.fail(c.Lang, refuse("bad_setting")), nil
			}
			memberFns = append(memberFns, func(m *goals.Member) {
				if clear {
					m.Away = nil
				} else {
					m.Away = &r
				}
			})
		case "fiscal", "fiscal_start", "财年", "財年":
			m, ok := ParseFiscalStart(v)
			if !ok {
				return e.fail(c.Lang, refuse("bad_fiscal")), nil
			}
			teamFns = append(teamFns, func(t *goals.Team) { t.FiscalStart = m })
		case "holidays":
			hs, ok := parseHolidays(v, c.Today())
			if !ok {
				return e.fail(c.Lang, refuse("bad_holidays", "max", goals.MaxHolidays)), nil
			}
			teamFns = append(teamFns, func(t *goals.Team) { t.Holidays = hs })
		default:
			if s := closest(k, settingKeys); s != "" {
				return e.fail(c.Lang, refuse("bad_setting", "key", clip(k, 30), "suggestion", s+"="+clip(v, 40), msgKey, "setting_did_you_mean")), nil
			}
			return e.fail(c.Lang, refuse("bad_setting")), nil
		}
	}
	if len(teamFns) > 0 && !c.Actor.Member.IsManager() {
		return e.fail(c.Lang, &goals.Error{Code: goals.EForbidden, Reason: "managers_only"}), nil
	}
	a := c.Actor
	if len(memberFns) > 0 {
		m, err := e.svc.Store.UpdateMember(ctx, a.Team.ID, a.Member.UserID, func(m *goals.Member) error {
			for _, f := range memberFns {
				f(m)
			}
			return nil
		})
		if err != nil {
			return Reply{}, fmt.Errorf("save settings: %w", err)
		}
		a.Member = m
		if a, err = e.svc.AdoptTeamLang(ctx, a); err != nil {
			return Reply{}, err
		}
	}
	if len(teamFns) > 0 {
		t, err := e.svc.Store.UpdateTeam(ctx, a.Team.ID, func(t *goals.Team) error {
			for _, f := range teamFns {
				f(t)
			}
			return nil
		})
		if err != nil {
			return Reply{}, fmt.Errorf("save team settings: %w", err)
		}
		a.Team = t
	}
	var changes []string
	for _, k := range order {
		changes = append(changes, k+"="+kv[k])
	}
	return Reply{Text: i18n.T(c.Lang, "settings_saved", "changes", strings.Join(changes, " ")) + "\n" + e.settingsText(a, c.Lang)}, nil
}

func (e *Engine) settingsText(a goals.Actor, lang string) string {
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	away := ""
	if a.Member.Away != nil {
		away = " away=" + a.Member.Away.From.String() + ".." + a.Member.Away.To.String()
	}
	holidays := ""
	if len(a.Team.Holidays) > 0 {
		holidays = " holidays=" + FormatHolidays(a.Team.Holidays)
	}
	if a.Team.FiscalStart > time.January {
		holidays += fmt.Sprintf(" fiscal=%d", a.Team.FiscalStart)
	}
	return i18n.T(lang, "settings_show",
		"tz", or(a.Member.TZ, a.Team.TZ), "lang", or(a.Member.Lang, lang), "remind", or(a.Member.RemindAt, "17:30"),
		"workdays", FormatWorkdays(a.Member.Workdays), "away", away,
		"team_tz", or(a.Team.TZ, "UTC"), "team_lang", or(a.Team.Lang, i18n.EN), "daily", or(a.Team.DailyAt, "18:00"), "weekly", or(a.Team.WeeklyAt, "mon 09:00"),
		"holidays", holidays)
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWorkdays reads "mon-fri", "mon-sat", "mon,wed,fri", "周一到周五".
func ParseWorkdays(s string) (goals.Weekdays, bool) {
	var w goals.Weekdays
	s = strings.ToLower(strings.TrimSpace(s))
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		from, to, isRange := strings.Cut(part, "-")
		if !isRange {
			from, to, isRange = strings.Cut(part, "到")
		}
		a, ok := goals.ParseWeekday(from)
		if !ok {
			return 0, false
		}
		if !isRange {
			w |= 1 << a
			continue
		}
		b, ok := goals.ParseWeekday(to)
		if !ok {
			return 0, false
		}
		for d := a; ; d = (d + 1) % 7 {
			w |= 1 << d
			if d == b {
				break
			}
		}
	}
	return w, w != 0
}

// FormatWorkdays is the inverse of ParseWorkdays for display.
func FormatWorkdays(w goals.Weekdays) string {
	if w == 0 {
		w = goals.MonFri
	}
	var parts []string
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if w.Has(d) {
			parts = append(parts, dayNames[d])
		}
	}
	return strings.Join(parts, ",")
}

// parseAway reads "2026-12-24..2027-01-02" or "off".
func parseAway(s string) (goals.DateRange, bool, bool) {
	if s == "off" || s == "none" || s == "" {
		return goals.DateRange{}, true, true
	}
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return goals.DateRange{}, false, false
	}
	from, err1 := goals.ParseISODate(strings.TrimSpace(a))
	to, err2 := goals.ParseISODate(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || to.Before(from) || from.DaysUntil(to) > goals.MaxRangeDays {
		return goals.DateRange{}, false, false
	}
	return goals.DateRange{From: from, To: to}, false, true
}

// parseHolidays reads the team's holidays: comma-separated dates and
// ranges, "2026-12-24..2026-12-26,2027-01-01", or "off" for none. At most
// goals.MaxHolidays items, each a range as parseAway reads it (at most
// goals.MaxRangeDays days long) or a single date. The result is sorted by
// start, without exact duplicates; nil for "off". A holiday may be named
// (christmas, black-friday, 春节, 国庆, 双十一): its next date from today.
func parseHolidays(s string, today goals.Date) ([]goals.DateRange, bool) {
	s = strings.TrimSpace(s)
	if s == "off" || s == "none" || s == "" {
		return nil, true
	}
	items := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == ' ' })
	if len(items) == 0 || len(items) > goals.MaxHolidays {
		return nil, false
	}
	out := make([]goals.DateRange, 0, len(items))
	for _, it := range items {
		var r goals.DateRange
		if strings.Contains(it, "..") {
			var clear, ok bool
			if r, clear, ok = parseAway(it); !ok || clear {
				return nil, false
			}
		} else {
			d, err := goals.ParseISODate(it)
			if err != nil {
				var ok bool
				if d, ok = goals.HolidayDate(it, today); !ok {
					return nil, false
				}
			}
			r = goals.DateRange{From: d, To: d}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b goals.DateRange) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		return a.To.Compare(b.To)
	})
	return slices.Compact(out), true
}

// FormatHolidays is the inverse of parseHolidays for display: a single day
// as its date, a longer range as from..to.
func FormatHolidays(hs []goals.DateRange) string {
	parts := make([]string, 0, len(hs))
	for _, h := range hs {
		if h.From == h.To {
			parts = append(parts, h.From.String())
		} else {
			parts = append(parts, h.From.String()+".."+h.To.String())
		}
	}
	return strings.Join(parts, ",")
}

// ParseFiscalStart reads the month a fiscal year starts: 4, apr, April,
// 4月, 四月. January (1) is the default.
func ParseFiscalStart(s string) (time.Month, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "月"), "份")
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 12 {
		return time.Month(n), true
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || s == name[:3] {
			return m, true
		}
		if s == []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}[m-1] {
			return m, true
		}
	}
	return 0, false
}
