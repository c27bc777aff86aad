package reminders

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// TrendWeeks is how many weeks a weekly digest's trend shows, the reported
// week included.
const TrendWeeks = 6

// Period is what a digest reports on: a local day (daily summary) or an ISO
// week (weekly digest), as of an instant within it.
type Period struct {
	Kind       string     // KindDaily or KindWeekly
	Key        string     // "2026-11-22" or "2026-W47"
	Start, End goals.Date // the whole period, End included
	AsOf       time.Time  // figures are those at this instant
	Day        goals.Date // local date of AsOf: logs after it are not counted
	// Buckets are the starts of the trend buckets, oldest first; the last
	// is Start. Bucket k spans up to the day before bucket k+1; the last
	// ends at Day. Daily: yesterday and today. Weekly: TrendWeeks weeks.
	Buckets []goals.Date
}

// measured is the goal whose window a digest aggregates: a daily goal in a
// weekly digest is measured over the week (see weeklyView).
func measured(g goals.Goal, p Period) goals.Goal {
	if p.Kind == KindWeekly && g.Cadence == goals.CadenceDaily {
		g.Cadence = goals.CadenceWeekly
	}
	return g
}

// weeklyView shows a daily goal in a weekly digest as its week: the week's
// total against the daily target times the week's working days. Judged as of
// Sunday night by its own cadence it would show Sunday alone, at 0.
func weeklyView(g goals.Goal, p Period, wd goals.Weekdays, holidays []goals.DateRange) goals.Goal {
	if p.Kind != KindWeekly || g.Cadence != goals.CadenceDaily {
		return g
	}
	from, to := p.Start, p.End
	if g.Start.After(from) {
		from = g.Start
	}
	if !g.Deadline.IsZero() && g.Deadline.Before(to) {
		to = g.Deadline
	}
	days := max(goals.WorkingDays(from, to, wd, nil, holidays...), 1)
	w := g
	w.Target = g.PeriodTarget(goals.PeriodIndex(goals.CadenceDaily, g.Start, p.Day)) * float64(days)
	w.Steps = nil
	w.Cadence = goals.CadenceWeekly
	return w
}

// PeriodAt is the period of kind containing asOf in loc.
func PeriodAt(kind string, asOf time.Time, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	day := goals.DateIn(asOf, loc)
	p := Period{Kind: kind, AsOf: asOf, Day: day}
	if kind == KindDaily {
		p.Start, p.End = day, day
		p.Key = goals.PeriodKey(goals.CadenceDaily, day)
		// A week of days back: growth reads the last two, and a daily
		// goal's run of missed days (goals.Progress.SetMissedRun) the rest.
		for k := 7; k >= 0; k-- {
			p.Buckets = append(p.Buckets, day.AddDays(-k))
		}
		return p
	}
	p.Kind = KindWeekly
	p.Start, p.End = goals.PeriodOf(goals.CadenceWeekly, day)
	p.Key = goals.PeriodKey(goals.CadenceWeekly, day)
	for k := TrendWeeks - 1; k >= 0; k-- {
		p.Buckets = append(p.Buckets, p.Start.AddDays(-7*k))
	}
	return p
}

// Snapshot is what a digest of one team is built from.
type Snapshot struct {
	Team    goals.Team
	Members []goals.Member // by user id
	Goals   []GoalData     // active goals, by id
}

// GoalData is one goal with the aggregates of its logs for a period.
type GoalData struct {
	Goal goals.Goal
	// Stats aggregates the logs over goals.MeasureWindow at the period's
	// Day, up to that day.
	Stats goals.Stats
	// Buckets follow Period.Buckets: sums for total goals; for level goals
	// the newest reading on or before the end of each of the last two (Has
	// false: none, or an older bucket).
	Buckets []float64
	Has     []bool
	// Contributions are the per-user sums over the period up to Day (team
	// goals only), largest first.
	Contributions []goals.Contribution
}

// Digest is a built digest: the JSON of `goalbot digest --json` (SPEC §6),
// and the texts and chart the scheduler sends.
type Digest struct {
	Team   string `json:"team"`
	Kind   string `json:"kind"`
	Period string `json:"period"`
	Lang   string `json:"lang"`
	AsOf   string `json:"as_of"` // RFC 3339 in the team's zone
	// Members are the members with active goals of their own, by name.
	Members []MemberDigest `json:"members"`
	// TeamGoals are the team's shared goals (scope team).
	TeamGoals []GoalDigest `json:"team_goals"`
	// AtRisk are the ids of goals at risk or behind.
	AtRisk []int64 `json:"at_risk"`
	// Top are the top contributors to each team goal over the period.
	Top  []Top  `json:"top"`
	Text string `json:"text"`

	// Summary is the first message (Slack: the channel post), Details the
	// per-member detail (Slack: a thread reply). Text is both.
	Summary string `json:"-"`
	Details string `json:"-"`
	// Chart is what the PNG shows; nil for the daily summary.
	Chart *ChartSpec `json:"-"`

	teamName string
	period   Period
	names    map[string]string
}

// MemberDigest is one member's goals.
type MemberDigest struct {
	User  string       `json:"user"`
	Name  string       `json:"name"`
	Goals []GoalDigest `json:"goals"`
}

// GoalDigest is a goal object of `goalbot send --json` plus growth_pct:
// the change against the previous period in percent, null when the
// previous period had nothing to compare with.
type GoalDigest struct {
	bot.GoalView
	GrowthPct *float64 `json:"growth_pct"`
}

// Top is one contributor to a team goal.
type Top struct {
	User         string  `json:"user"`
	Name         string  `json:"name"`
	Goal         int64   `json:"goal"`
	Contribution float64 `json:"contribution"`
}

// TopPerGoal is how many contributors a digest names per team goal.
const TopPerGoal = 3

// Build computes the digest of s for p, with its text in lang ("" for the
// team's language). It is a pure function: the same snapshot and period
// give the same digest, whenever and however often it is built.
func Build(s Snapshot, p Period, lang string) *Digest {
	loc := s.Team.Location()
	d := &Digest{
		Team: s.Team.ID, Kind: p.Kind, Period: p.Key,
		AsOf:    p.AsOf.In(loc).Format(time.RFC3339),
		Members: []MemberDigest{}, TeamGoals: []GoalDigest{}, AtRisk: []int64{}, Top: []Top{},
		teamName: s.Team.Name, period: p, names: map[string]string{},
	}
	if d.teamName == "" {
		d.teamName = s.Team.ID
	}
	members := map[string]goals.Member{}
	for _, m := range s.Members {
		members[m.UserID] = m
		d.names[m.UserID] = nameOf(m)
	}

	// Parents of split goals roll up their children's sums, as
	// goals.Service.Figures does.
	byID := map[int64]int{}
	for i, gd := range s.Goals {
		byID[gd.Goal.ID] = i
	}
	rolled := make([]GoalData, len(s.Goals))
	for i, gd := range s.Goals {
		gd.Buckets = slices.Clone(gd.Buckets)
		rolled[i] = gd
	}
	for _, gd := range s.Goals {
		if gd.Goal.ParentID == nil {
			continue
		}
		pi, ok := byID[*gd.Goal.ParentID]
		if !ok || rolled[pi].Goal.Kind != goals.KindTotal || gd.Goal.Kind != goals.KindTotal {
			continue
		}
		rolled[pi].Stats.Sum += gd.Stats.Sum
		rolled[pi].Stats.Count += gd.Stats.Count
		rolled[pi].Contributions = mergeContributions(rolled[pi].Contributions, gd.Contributions)
		for k := range min(len(rolled[pi].Buckets), len(gd.Buckets)) {
			rolled[pi].Buckets[k] += gd.Buckets[k]
		}
	}

	byMember := map[string][]GoalDigest{}
	for _, gd := range rolled {
		g := gd.Goal
		// Individual goals are judged in their owner's zone, as replies
		// to the owner judge them.
		gloc := loc
		if m, ok := members[g.Owner]; ok {
			gloc = goals.GoalZone(s.Team, g, &m)
		}
		if !g.Start.IsZero() && g.Start.After(goals.DateIn(p.AsOf, gloc)) {
			continue // not started at the digest's day
		}
		wd := s.Team.Workdays
		if m, ok := members[g.Owner]; ok && g.Scope == goals.ScopeIndividual && m.Workdays != 0 {
			wd = m.Workdays
		}
		daily := g.Cadence == goals.CadenceDaily
		orig := g
		g = weeklyView(g, p, wd, s.Team.Holidays)
		prog := goals.ComputeProgress(g, gd.Stats, p.AsOf, gloc, wd, s.Team.Holidays...)
		// As in replies: a run of periods that ended short makes it behind.
		prog.SetMissedRun(missedRun(orig, gd, p, wd, s.Team.Holidays))
		if daily && g.Cadence == goals.CadenceWeekly && !p.Day.Before(p.End) {
			prog.RequiredRate = 0 // the week is over: nothing is still "needed" in it
		}
		f := goals.Figures{Goal: g, Progress: prog, Contributions: gd.Contributions}
		if g.Scope != goals.ScopeTeam {
			f.Contributions = nil
		}
		v := GoalDigest{GoalView: bot.ViewOf(f), GrowthPct: growth(gd)}
		switch prog.Status {
		case goals.StatusAtRisk, goals.StatusBehind:
			d.AtRisk = append(d.AtRisk, g.ID)
		}
		if g.Scope == goals.ScopeTeam {
			d.TeamGoals = append(d.TeamGoals, v)
			for i, c := range gd.Contributions {
				if i == TopPerGoal {
					break
				}
				d.Top = append(d.Top, Top{User: c.User, Name: d.name(c.User), Goal: g.ID, Contribution: roundTo(c.Amount, 2)})
			}
			continue
		}
		byMember[g.Owner] = append(byMember[g.Owner], v)
	}
	for user, gs := range byMember {
		sortViews(gs)
		d.Members = append(d.Members, MemberDigest{User: user, Name: d.name(user), Goals: gs})
	}
	slices.SortFunc(d.Members, func(a, b MemberDigest) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.User, b.User))
	})
	sortViews(d.TeamGoals)
	slices.Sort(d.AtRisk)
	if p.Kind == KindWeekly {
		d.Chart = chartOf(d, rolled, p)
	}
	if lang == "" {
		lang = s.Team.Lang
	}
	d.Render(lang)
	return d
}

func (d *Digest) name(user string) string {
	if n := d.names[user]; n != "" {
		return n
	}
	return user
}

func nameOf(m goals.Member) string {
	if n := strings.TrimSpace(m.Name); n != "" {
		return n
	}
	return m.UserID
}

func sortViews(vs []GoalDigest) {
	slices.SortStableFunc(vs, func(a, b GoalDigest) int {
		pa, pb := a.Priority, b.Priority
		if (pa == 0) != (pb == 0) {
			if pa != 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(a.ID, b.ID))
	})
}

// growth is the change of the reported period against the one before:
// sums for total goals, readings for level goals (goals.GrowthRate).
func growth(gd GoalData) *float64 {
	n := len(gd.Buckets)
	if n < 2 || len(gd.Has) < n || !gd.Has[n-1] || !gd.Has[n-2] {
		return nil
	}
	pct, ok := goals.GrowthRate(gd.Buckets[n-1], gd.Buckets[n-2])
	if !ok {
		return nil
	}
	pct = roundTo(pct, 1)
	return &pct
}

func roundTo(x float64, digits int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// Render writes the digest's texts in lang (en, zh-CN or zh-TW; anything
// else is English).
func (d *Digest) Render(lang string) {
	d.Lang = goals.NormalizeLang(lang)
	if d.Lang == "" {
		d.Lang = "en"
	}
	lang = d.Lang
	var sum strings.Builder
	p := d.period
	if p.Kind == KindDaily {
		sum.WriteString(tr(lang, "daily_title", "team", d.teamName, "date", fmtDay(p.Day, lang)))
	} else {
		sum.WriteString(tr(lang, "weekly_title", "team", d.teamName, "period", p.Key,
			"from", fmtDay(p.Start, lang), "to", fmtDay(p.End, lang)))
	}
	all := append([]GoalDigest{}, d.TeamGoals...)
	for _, m := range d.Members {
		all = append(all, m.Goals...)
	}
	if len(all) == 0 {
		sum.WriteString("\n" + tr(lang, "no_goals"))
		d.Summary, d.Details, d.Text = sum.String(), "", sum.String()
		return
	}
	counts := map[goals.Status]int{}
	for _, v := range all {
		counts[v.Status]++
	}
	var parts []string
	for _, st := range []goals.Status{goals.StatusOnTrack, goals.StatusAtRisk, goals.StatusBehind, goals.StatusAchieved, goals.StatusMissed} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %d", bot.StatusEmoji(st), bot.StatusText(st, lang), counts[st]))
		}
	}
	sum.WriteString("\n" + strings.Join(parts, " · "))

	if len(d.TeamGoals) > 0 {
		sum.WriteString("\n\n" + tr(lang, "team_goals"))
		for _, v := range d.TeamGoals {
			sum.WriteString("\n" + d.goalLine(v, lang))
		}
	}
	if len(d.AtRisk) > 0 {
		sum.WriteString("\n\n" + tr(lang, "at_risk"))
		byID := map[int64]GoalDigest{}
		for _, v := range all {
			byID[v.ID] = v
		}
		for _, id := range d.AtRisk {
			v := byID[id]
			who := ""
			if v.Scope != goals.ScopeTeam {
				who = " (" + d.name(v.Owner) + ")"
			}
			line := fmt.Sprintf("\n%s #%d %s%s · %s", bot.StatusEmoji(v.Status), v.ID, clipRunes(v.Title, 60), who, bot.Pct(v.Percent))
			if need := d.needText(v, lang); need != "" {
				line += " · " + need
			}
			sum.WriteString(line)
		}
	}
	if len(d.Top) > 0 {
		sum.WriteString("\n\n" + tr(lang, "top"))
		byGoal := map[int64][]string{}
		var order []int64
		units := map[int64]GoalDigest{}
		for _, v := range d.TeamGoals {
			units[v.ID] = v
		}
		for _, t := range d.Top {
			if _, seen := byGoal[t.Goal]; !seen {
				order = append(order, t.Goal)
			}
			v := units[t.Goal]
			byGoal[t.Goal] = append(byGoal[t.Goal], t.Name+" "+bot.Amount(t.Contribution, v.Unit, lang))
		}
		for _, id := range order {
			sum.WriteString(fmt.Sprintf("\n#%d %s: %s", id, clipRunes(units[id].Title, 40), strings.Join(byGoal[id], tr(lang, "list_sep"))))
		}
	}

	var det strings.Builder
	if len(d.Members) > 0 {
		det.WriteString(tr(lang, "per_member"))
		for _, m := range d.Members {
			det.WriteString("\n\n👤 " + m.Name)
			for _, v := range m.Goals {
				det.WriteString("\n" + d.goalLine(v, lang))
			}
		}
	}
	d.Summary, d.Details = sum.String(), det.String()
	d.Text = d.Summary
	if d.Details != "" {
		d.Text += "\n\n" + d.Details
	}
}

// goalLine: "#1 Book 20 demos ▓▓▓▓▓▓░░░░ 60% · 12/20 · 🟢 on track · ↑20% vs last week · need 2/day".
func (d *Digest) goalLine(v GoalDigest, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s\n   %s %s · %s/%s · %s %s", v.ID, clipRunes(v.Title, 80), bot.Bar(v.Percent), bot.Pct(v.Percent),
		bot.Amount(v.Current, v.Unit, lang), bot.Amount(v.Target, v.Unit, lang), bot.StatusEmoji(v.Status), bot.StatusText(v.Status, lang))
	if v.GrowthPct != nil {
		key := "growth_week"
		if d.Kind == KindDaily {
			key = "growth_day"
		}
		arrow := "→"
		switch {
		case *v.GrowthPct > 0:
			arrow = "↑"
		case *v.GrowthPct < 0:
			arrow = "↓"
		}
		b.WriteString(" · " + tr(lang, key, "pct", arrow+bot.Pct(math.Abs(*v.GrowthPct))))
	}
	if need := d.needText(v, lang); need != "" && v.Status != goals.StatusAchieved && v.Status != goals.StatusMissed {
		b.WriteString(" · " + need)
	}
	return b.String()
}

func (d *Digest) needText(v GoalDigest, lang string) string {
	if v.RequiredRate <= 0 {
		return ""
	}
	return tr(lang, "need", "rate", bot.Amount(v.RequiredRate, v.Unit, lang), "per", tr(lang, "per_"+v.RequiredPer))
}

func fmtDay(d goals.Date, lang string) string {
	if goals.IsChinese(lang) {
		return fmt.Sprintf("%d月%d日", int(d.Month()), d.Day())
	}
	return fmt.Sprintf("%s %d", d.Month().String()[:3], d.Day())
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// mergeContributions adds b's amounts per user to a's, largest first (ties
// by user), as a split parent's contributions include its children's.
func mergeContributions(a, b []goals.Contribution) []goals.Contribution {
	if len(b) == 0 {
		return a
	}
	sum := map[string]float64{}
	for _, c := range a {
		sum[c.User] += c.Amount
	}
	for _, c := range b {
		sum[c.User] += c.Amount
	}
	out := make([]goals.Contribution, 0, len(sum))
	for u, v := range sum {
		out = append(out, goals.Contribution{User: u, Amount: v})
	}
	slices.SortFunc(out, func(x, y goals.Contribution) int {
		return cmp.Or(cmp.Compare(y.Amount, x.Amount), strings.Compare(x.User, y.User))
	})
	return out
}

// missedRun is goals.MissedRun from a digest's trend buckets: the periods
// right before the current one that ended short, when the buckets are the
// goal's periods (days in a daily summary for a daily goal; weeks in a
// weekly digest for a weekly goal, or a daily one counted by its week).
// Other cadences, and level goals (whose buckets hold only two readings),
// give 0.
func missedRun(g goals.Goal, gd GoalData, p Period, wd goals.Weekdays, off []goals.DateRange) int {
	if g.Kind != goals.KindTotal || !g.Recurring() || len(gd.Buckets) != len(p.Buckets) {
		return 0
	}
	span := 0
	switch {
	case p.Kind == KindDaily && g.Cadence == goals.CadenceDaily:
		span = 1
	case p.Kind == KindWeekly && (g.Cadence == goals.CadenceWeekly || g.Cadence == goals.CadenceDaily):
		span = 7
	default:
		return 0
	}
	isCap := g.Direction == goals.Decrease
	run := 0
	for k := len(p.Buckets) - 2; k >= 0; k-- {
		from, to := p.Buckets[k], p.Buckets[k].AddDays(span-1)
		if to.Before(g.Start) || !g.Deadline.IsZero() && from.After(g.Deadline) {
			break
		}
		if from.Before(g.Start) {
			from = g.Start
		}
		days := goals.WorkingDays(from, to, wd, nil, off...)
		if days == 0 {
			continue
		}
		target := g.PeriodTarget(goals.PeriodIndex(g.Cadence, g.Start, from))
		if g.Cadence == goals.CadenceDaily && span == 7 {
			target *= float64(days) // a daily goal's week, as weeklyView counts it
		}
		met := gd.Buckets[k] >= target
		if isCap {
			met = gd.Buckets[k] <= target
		}
		if met {
			break
		}
		run++
	}
	return run
}
