package goals

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Progress figures: the numbers every reply and digest shows (SPEC §2,
// "Progress figures every reply and digest uses"). Everything here is a
// pure function of a goal, an aggregate of its logs and an instant; nothing
// reads a clock or a store, and nothing is rounded (rendering rounds).
//
// The rules, in one place:
//
// Window. A one-off goal is measured on [Start, Deadline]; a recurring goal
// on the period of its cadence that contains today, clipped to
// [Start, Deadline] (before Start: the first period; after Deadline: the
// last one). See MeasureWindow. The Stats passed to ComputeProgress must
// aggregate the logs of exactly that window.
//
// Time. today is the local date of now in the goal's zone (the owner's for
// an individual goal, the team's for a team goal). Pace is counted in
// working days of the owner's week, and within a working day in working
// hours: a day counts as passed in proportion to how much of 09:00–18:00
// local time has gone by (nothing before 09:00, all of it after 18:00).
// Elapsed is the working days of the window passed by now, fractional;
// Total the working days of the window. A window with no working day at
// all (a Saturday for a Mon–Fri owner) is counted in calendar days instead.
// Per-period goals are thereby judged on the part of the period that has
// passed: at 09:01 a daily goal expects a hundredth of a call. A goal set
// during its first day counts that day from the moment it was set
// (CreatedAt), so a goal is never behind the minute it is created.
//
// Origin. Percent, Expected and Projection measure the way from an origin
// toward the target:
//   - level goals (each log a reading): the origin is Baseline, and Current
//     is the latest reading in the window, or Baseline before any reading.
//   - total goals (logs are increments: takings, demos): Baseline is a
//     reference level, the previous period's figure ("Q4 revenue from 100k
//     to 115k" means last Q4 made 100k), used for growth, not a head start:
//     the origin is 0, Current is the sum of logs and Percent is sum /
//     Target. SPEC §2 measures only decrease goals from the baseline.
//   - decrease total goals are caps ("at most 10 returns this month"): the
//     origin is 0, Current the sum, and Percent the share of the cap used.
//
// Percent. Increase: (Current − origin) / (Target − origin) × 100.
// Decrease level goals (churn 45% → 20%): (origin − Current) /
// (origin − Target) × 100, "how much of the way down is done"; it is
// negative when the reading moved away from the target. Caps: Current /
// Target × 100. Percent is 0 before any log, may exceed 100, and is never
// NaN or Inf. ExpectedPct is Elapsed / Total × 100 for every kind, and
// Expected the value at that point of the straight way from origin to
// target: "expected by now".
//
// Projection. Projected says whether there is one to show; when it is
// false Projection is Current and replies say "too early to project" or
// "not enough readings yet".
//   - totals and caps: the run rate so far carried to the window end,
//     Current / Elapsed × Total; projected once a ninth of a working day
//     of the window has passed (judgeAfter: the first working hour). Since ExpectedPct = Elapsed / Total × 100, the
//     projection reaches the same share of the target as Current does of
//     Expected: the two figures always tell the same story.
//   - level goals: the straight line through the first and the latest
//     reading of the window, carried to the window end in calendar days;
//     projected only from two readings on different days. It is clipped to
//     the scale: 0–100 for percentages, ≥ 0 otherwise.
//
// Status: STATUS RULE (the README's "Status" section says the same).
// First match wins; tol is 10% (statusTolerance).
//   - upcoming: today is before the goal's start (a goal for next quarter):
//     nothing is expected yet.
//   - achieved: the target is reached (increase: Current ≥ Target; decrease
//     level: Current ≤ Target) at any moment; a cap only once its window has
//     ended with Current ≤ Target.
//   - missed: the window has ended (a one-off goal's deadline has passed; a
//     recurring goal's last period is over) without reaching it.
//   - caps: behind as soon as Current exceeds the cap; on_track while not
//     projected or while Projection ≤ Target × (1 + tol); else at_risk.
//   - too early: while less than a ninth of a working day of the window
//     has passed (one hour from nine), nothing is expected by now: a goal
//     just set is not at risk, nor a daily goal at 09:01 of its day. Only a
//     projection already shown (level readings) or a reading that moved
//     away from the target can make it not on track then.
//   - on_track when both figures the reply prints agree: Percent ≥
//     ExpectedPct × (1 − tol) ("expected by now", within tol) and, when
//     projected, the projection reaches at least (1 − tol) of the way to
//     the target. For totals the two conditions are one. A level goal is
//     read about weekly, so its reading may also trail the expectation by
//     up to a week's planned share (Lag ≤ 5 working days), as long as it
//     has not moved away from the target (Percent ≥ 0).
//   - behind when more than one working day's planned share short of the
//     expectation (Lag > 1) and under half of it: Percent < ExpectedPct / 2
//     or a projection under half of the way. A one-day period is never
//     behind within its day.
//   - at_risk otherwise.
//   - recurring goals (SetMissedRun): a period that ended short is missed
//     (it shows in MissedRun), and a run of two or more missed periods
//     right before the current one makes an unfinished current period
//     behind.
//
// Required rate. What is still missing to the target (increase: Target −
// Current; decrease level: Current − Target), at least 0, divided by the
// time left. A cap has nothing to reach, so its RequiredRate is 0; its
// Allowance is what may still be used, Target − Current (at least 0), per
// the same unit ("at most 0.5 returns a day"). The
// unit follows how far away the window end is, counting calendar days from
// today (or the window start, if later) through the end: up to 31 days
// "day" (divided by RemainingDays, working days left including today), up to
// 183 days "week" (divided by the calendar weeks left, rounded up), beyond
// that "month" (divided by the months left, rounded up). It is 0 when
// achieved; when no working day is left but the target is not reached, it is
// the whole missing amount, per "day". Comparing it with the pace so far is
// the projection's comparison: at the pace so far the goal ends at the
// projection.

// Progress is the set of figures for one goal at one moment.
type Progress struct {
	Current       float64  // totals: origin + sum in the window (see the rules above); level: latest reading, or Baseline with none
	Target        float64  // the target that applies now (the period's, with waterfall steps, for recurring goals)
	Percent       float64  // progress from the origin toward Target; 0 when not started; may exceed 100
	Expected      float64  // where Current should be by now on a straight way (same units as Current)
	ExpectedPct   float64  // Expected as a percent, on the same scale as Percent
	Status        Status   // upcoming, on_track, at_risk, behind, achieved or missed
	RequiredRate  float64  // per RequiredPer, to still reach Target by the window end; 0 when achieved and for caps
	Allowance     float64  // caps (decrease totals) only: what may still be used per RequiredPer within the cap; 0 otherwise
	RequiredPer   string   // "day", "week" or "month"
	RemainingDays int      // working days left in the window including today (calendar days for a window without working days)
	Projection    float64  // Current extrapolated to the window end; Current when not Projected
	Projected     bool     // a projection can be shown (see the rules above)
	ProjectedPct  float64  // Projection on the Percent scale; Percent when not Projected
	Elapsed       float64  // working days of the window passed by now, fractional
	Total         float64  // working days of the window
	Lag           float64  // working days' planned shares Current is short of Expected (negative: ahead)
	MissedRun     int      // recurring goals: missed periods right before the current one (see SetMissedRun)
	Readings      int      // level goals: readings in the window
	PeriodStart   Date     // the window measured
	PeriodEnd     Date     // last day of the window, inclusive
	StretchPct    *float64 // percent toward Stretch when the goal has one
}

// Units of Progress.RequiredPer.
const (
	PerDay   = "day"
	PerWeek  = "week"
	PerMonth = "month"
)

// Status thresholds (see the STATUS RULE above).
const (
	statusTolerance = 0.10      // on track within 10% of what is expected by now
	judgeAfter      = 1.0 / 9.0 // working days: one working hour of the window before any verdict
	workStartHour   = 9         // a working day runs 09:00–18:00 local time
	workEndHour     = 18
	readingGrace    = 5.0 // working days: a level goal is read about weekly
)

// MeasureWindow is the span of logs a goal is measured on at today:
// [Start, Deadline] for one-off goals, the period of the goal's cadence
// containing today, clipped to [Start, Deadline], for recurring ones. Before
// Start a recurring goal is measured on its first period, after Deadline on
// its last. Zero Start or Deadline leave that side unclipped; to is never
// before from when both are set.
func MeasureWindow(g Goal, today Date) (from, to Date) {
	if !g.Recurring() {
		from, to = g.Start, g.Deadline
	} else {
		d := today
		if !g.Start.IsZero() && d.Before(g.Start) {
			d = g.Start
		}
		if !g.Deadline.IsZero() && d.After(g.Deadline) {
			d = g.Deadline
		}
		from, to = PeriodOf(g.Cadence, d)
		if from.IsZero() { // unknown cadence: measure the whole span
			from, to = g.Start, g.Deadline
		}
		if !g.Start.IsZero() && from.Before(g.Start) {
			from = g.Start
		}
		if !g.Deadline.IsZero() && to.After(g.Deadline) {
			to = g.Deadline
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		to = from
	}
	return from, to
}

// goalShape is what the arithmetic needs to know about a goal's kind.
type goalShape int

const (
	shapeIncrease goalShape = iota // totals and levels that go up
	shapeDecrease                  // level goals that go down
	shapeCap                       // total goals that go down: a cap
)

func shapeOf(g Goal) goalShape {
	switch {
	case g.Direction == Decrease && g.Kind == KindLevel:
		return shapeDecrease
	case g.Direction == Decrease:
		return shapeCap
	}
	return shapeIncrease
}

// originOf is where the way toward target starts (see the rules above).
func originOf(g Goal) float64 {
	if g.Kind == KindLevel {
		return g.Baseline
	}
	return 0
}

// ComputeProgress computes the progress figures of g at the instant now:
// loc is the team's time zone (nil: UTC), workdays the owner's working week
// (0: Monday to Friday), and s the aggregate of g's logs over
// MeasureWindow(g, DateIn(now, loc)). off are days off besides the weekly
// ones (the team's holidays): they are not working days, so they count
// neither toward the pace nor toward the days left. The rules are described
// at the top of this file.
func ComputeProgress(g Goal, s Stats, now time.Time, loc *time.Location, workdays Weekdays, off ...DateRange) Progress {
	if loc == nil {
		loc = time.UTC
	}
	today := DateIn(now, loc)
	from, to := MeasureWindow(g, today)
	// Goals without dates never pass Validate; measure them on today.
	if from.IsZero() {
		from = today
		if !to.IsZero() && to.Before(today) {
			from = to
		}
	}
	if to.IsZero() {
		to = maxDate(from, today)
	}

	target := g.Target
	if g.Recurring() {
		target = g.PeriodTarget(PeriodIndex(g.Cadence, g.Start, from))
	}
	shape := shapeOf(g)
	origin := originOf(g)
	current := origin + s.Sum
	if g.Kind == KindLevel {
		current = g.Baseline
		if s.Count > 0 {
			current = s.Latest
		}
	}

	// Time, in working days (calendar days when the window has none).
	calendar := WorkingDays(from, to, workdays, nil, off...) == 0
	count := func(a, b Date) int {
		if calendar {
			return calendarDays(a, b)
		}
		return WorkingDays(a, b, workdays, nil, off...)
	}
	total := count(from, to) // at least 1: to is not before from
	ended := today.After(to)
	upcoming := today.Before(from) || (!g.Start.IsZero() && today.Before(g.Start))
	var elapsed float64
	var remaining int
	switch {
	case upcoming:
		remaining = total
	case ended:
		elapsed = float64(total)
	default:
		elapsed = float64(count(from, today.AddDays(-1)))
		if count(today, today) == 1 {
			var set time.Time // a goal set today counts its first day from then
			if !g.CreatedAt.IsZero() && today == from && DateIn(g.CreatedAt, loc) == from {
				set = g.CreatedAt.In(loc)
			}
			elapsed += dayFraction(now.In(loc), set)
		}
		remaining = count(today, to)
	}
	frac := 0.0
	if total > 0 {
		frac = elapsed / float64(total)
	}

	p := Progress{
		Current:       current,
		Target:        target,
		Percent:       percentToward(shape, current, origin, target),
		ExpectedPct:   frac * 100,
		RemainingDays: remaining,
		Elapsed:       elapsed,
		Total:         float64(total),
		PeriodStart:   from,
		PeriodEnd:     to,
	}
	if g.Kind == KindLevel {
		p.Readings = s.Count
	}
	if shape == shapeCap {
		p.Expected = target * frac
	} else {
		p.Expected = origin + (target-origin)*frac
	}
	if g.Stretch != nil {
		sp := fin(percentToward(shape, current, origin, *g.Stretch))
		p.StretchPct = &sp
	}

	// Projection.
	p.Projection = current
	switch {
	case g.Kind == KindLevel:
		if s.Count >= 2 && !s.FirstDay.IsZero() && !s.LatestAt.IsZero() {
			last := DateIn(s.LatestAt, loc)
			if n := s.FirstDay.DaysUntil(last); n > 0 {
				end := maxDate(to, last)
				v := s.Latest + (s.Latest-s.First)/float64(n)*float64(last.DaysUntil(end))
				p.Projection, p.Projected = clampToScale(v, g.Unit), true
			}
		}
	case elapsed >= judgeAfter:
		p.Projection = origin + (current-origin)/elapsed*float64(total)
		p.Projected = true
	}
	p.ProjectedPct = p.Percent
	if p.Projected {
		p.ProjectedPct = percentToward(shape, p.Projection, origin, target)
	}
	if total > 0 {
		p.Lag = (p.ExpectedPct - p.Percent) / 100 * float64(total)
		if shape == shapeCap {
			p.Lag = -p.Lag
		}
	}
	p.Status = judge(p, shape, g.Kind == KindLevel, ended, upcoming, total)

	// Required rate.
	missing := target - current
	if shape == shapeDecrease {
		missing = current - target
	}
	missing = math.Max(0, missing)
	left := calendarDays(maxDate(today, from), to)
	switch {
	case left <= 31:
		p.RequiredPer = PerDay
	case left <= 183:
		p.RequiredPer = PerWeek
	default:
		p.RequiredPer = PerMonth
	}
	var rate float64
	switch {
	case p.Status == StatusAchieved || missing == 0:
		rate = 0
	case remaining == 0:
		rate, p.RequiredPer = missing, PerDay
	case p.RequiredPer == PerDay:
		rate = missing / float64(remaining)
	case p.RequiredPer == PerWeek:
		rate = missing / float64((left+6)/7)
	default:
		rate = missing / float64(monthsSpanned(maxDate(today, from), to))
	}
	if shape == shapeCap {
		if !ended {
			p.Allowance = rate
		}
	} else {
		p.RequiredRate = rate
	}

	p.Current = fin(p.Current)
	p.Target = fin(p.Target)
	p.Percent = fin(p.Percent)
	p.Expected = fin(p.Expected)
	p.ExpectedPct = fin(p.ExpectedPct)
	p.RequiredRate = fin(p.RequiredRate)
	p.Allowance = fin(p.Allowance)
	p.Projection = fin(p.Projection)
	p.ProjectedPct = fin(p.ProjectedPct)
	p.Lag = fin(p.Lag)
	return p
}

// judge is the STATUS RULE described at the top of this file; p holds the
// figures a reply prints, so the verdict is read from them alone.
func judge(p Progress, shape goalShape, level, ended, upcoming bool, total int) Status {
	switch {
	case upcoming:
		return StatusUpcoming
	case reached(shape, p.Current, p.Target, ended):
		return StatusAchieved
	case ended:
		return StatusMissed
	case shape == shapeCap:
		switch {
		case p.Current > p.Target:
			return StatusBehind
		case !p.Projected || p.Projection <= p.Target*(1+statusTolerance):
			return StatusOnTrack
		}
		return StatusAtRisk
	}
	okNow := p.Percent >= p.ExpectedPct*(1-statusTolerance) || level && p.Percent >= 0 && p.Lag <= readingGrace
	okEnd := !p.Projected || p.ProjectedPct >= 100*(1-statusTolerance)
	if p.Elapsed < judgeAfter {
		// Too early for expected-by-now; a projection or a reading that
		// went the wrong way still counts.
		okNow = p.Percent >= 0
	}
	switch {
	case okNow && okEnd:
		return StatusOnTrack
	case total > 1 && p.Lag > 1 && (p.Percent < p.ExpectedPct/2 || p.Projected && p.ProjectedPct < 50):
		return StatusBehind
	}
	return StatusAtRisk
}

// SetMissedRun records how many periods right before the current one a
// recurring goal missed, and applies the rule for runs: two or more make an
// unfinished current period behind.
func (p *Progress) SetMissedRun(n int) {
	p.MissedRun = n
	if n >= 2 && (p.Status == StatusOnTrack || p.Status == StatusAtRisk) {
		p.Status = StatusBehind
	}
}

// dayFraction is how much of the working day (09:00–18:00) has passed at t,
// in t's location: 0 before nine, 1 after six. When set is not zero (the
// goal was set that day) the day runs from set, if later than nine: a goal
// set at 14:00 expects its first day's share by 18:00, and nothing at 14:00.
func dayFraction(t, set time.Time) float64 {
	hour := func(x time.Time) float64 {
		return float64(x.Hour()) + float64(x.Minute())/60 + float64(x.Second())/3600
	}
	h, from := hour(t), float64(workStartHour)
	if !set.IsZero() {
		if from = math.Max(from, hour(set)); from >= workEndHour {
			return 0 // set after hours: the first day expects nothing
		}
	}
	switch {
	case h <= from:
		return 0
	case h >= workEndHour:
		return 1
	}
	return (h - from) / (workEndHour - from)
}

// clampToScale keeps a level projection on its scale: a rate stays within
// 0–100%, anything else (times, amounts) at or above 0.
func clampToScale(v float64, unit string) float64 {
	v = math.Max(0, v)
	if unit == UnitPercent {
		v = math.Min(100, v)
	}
	return v
}

// percentToward is the percent of the way from origin to target that
// current has covered, for the goal's shape. Degenerate ways (a target at or
// behind the origin) are 100 when current is at the target and 0 otherwise.
func percentToward(shape goalShape, current, origin, target float64) float64 {
	switch shape {
	case shapeDecrease:
		if den := origin - target; den > 0 {
			return (origin - current) / den * 100
		}
		if current <= target {
			return 100
		}
		return 0
	case shapeCap:
		if target > 0 {
			return current / target * 100
		}
		if current > 0 {
			return 100
		}
		return 0
	}
	if den := target - origin; den > 0 {
		return (current - origin) / den * 100
	}
	if current >= target {
		return 100
	}
	return 0
}

// reached reports whether v meets target for the shape; a cap is met only
// once its window has ended.
func reached(shape goalShape, v, target float64, ended bool) bool {
	switch shape {
	case shapeDecrease:
		return v <= target
	case shapeCap:
		return ended && v <= target
	}
	return v >= target
}

// fin makes f safe to show and to encode as JSON: NaN becomes 0 and the
// infinities the largest finite values.
func fin(f float64) float64 {
	switch {
	case math.IsNaN(f):
		return 0
	case math.IsInf(f, 1):
		return math.MaxFloat64
	case math.IsInf(f, -1):
		return -math.MaxFloat64
	}
	return f
}

// GrowthRate is the change from previous to current in percent of
// previous: (current − previous) / |previous| × 100. Dividing by the
// magnitude keeps the sign meaning "went up" even when previous is negative
// (a loss of 100 turning into a profit of 50 is +150%). ok is false, and pct
// 0, when previous is 0 (growth from nothing is undefined) or either value
// is not finite.
func GrowthRate(current, previous float64) (pct float64, ok bool) {
	if previous == 0 || !finite(previous) || !finite(current) {
		return 0, false
	}
	return fin((current - previous) / math.Abs(previous) * 100), true
}

// Streak counts the consecutive periods of a recurring goal whose figures
// met that period's target (waterfall steps included), going back from the
// current period. The current period, still running, counts when it is
// already met and is otherwise skipped (so the streak ends at the previous
// period); after the deadline the last period is over and counts like any
// other. days are the goal's DayTotals in ascending order (they are sorted
// if they are not).
//
//   - A period's figure is the sum of its days for total goals and, for
//     level goals, the latest reading on or before its last day (none: not
//     met).
//   - Increase goals meet a period with figure ≥ target, decrease goals with
//     figure ≤ target. A cap (decrease total) is met by a period that ended
//     within the cap, also one with no logs; its running period is always
//     skipped, since it cannot be met before it ends.
//   - A period with no working day (weekday in workdays, 0 meaning Monday to
//     Friday) outside away and off (the team's holidays) is skipped: it
//     neither breaks nor extends the streak. For a daily goal that means
//     weekends, holidays and days in away. Longer periods partly away or
//     off keep their full target.
//   - Periods are clipped to [Start, Deadline]; counting stops at Start (at
//     the first day in days when Start is zero). A one-off goal has no
//     streak: 0.
func Streak(g Goal, days []DayTotal, today Date, workdays Weekdays, away *DateRange, off ...DateRange) int {
	if !g.Recurring() || today.IsZero() {
		return 0
	}
	if s, _ := PeriodOf(g.Cadence, today); s.IsZero() {
		return 0 // unknown cadence
	}
	cmp := func(a, b DayTotal) int { return a.Day.Compare(b.Day) }
	if !slices.IsSortedFunc(days, cmp) {
		days = slices.Clone(days)
		slices.SortStableFunc(days, cmp)
	}
	lower := g.Start
	if lower.IsZero() {
		if len(days) == 0 {
			return 0
		}
		lower = days[0].Day
	}
	cur := today
	if !g.Deadline.IsZero() && cur.After(g.Deadline) {
		cur = g.Deadline
	}
	if cur.Before(lower) {
		return 0
	}

	// prefix[i] is the sum of days[:i].
	prefix := make([]float64, len(days)+1)
	for i, d := range days {
		prefix[i+1] = prefix[i] + d.Sum
	}
	// upTo is the number of days on or before d.
	upTo := func(d Date) int {
		return sort.Search(len(days), func(i int) bool { return days[i].Day.After(d) })
	}

	shape := shapeOf(g)
	streak := 0
	for d := cur; !d.Before(lower); {
		ps, pe := PeriodOf(g.Cadence, d)
		d = ps.AddDays(-1)
		a, b := maxDate(ps, lower), pe
		if !g.Deadline.IsZero() {
			b = minDate(b, g.Deadline)
		}
		running := !today.After(b)
		if WorkingDays(a, b, workdays, away, off...) == 0 {
			continue
		}
		target := g.PeriodTarget(PeriodIndex(g.Cadence, g.Start, a))
		hi := upTo(b)
		var met bool
		if g.Kind == KindLevel {
			met = hi > 0 && reached(shape, days[hi-1].Last, target, true)
		} else {
			sum := prefix[hi] - prefix[upTo(a.AddDays(-1))]
			met = reached(shape, sum, target, true) && !(shape == shapeCap && running)
		}
		switch {
		case met:
			streak++
		case running:
			// the current period may still be met: skip it
		default:
			return streak
		}
	}
	return streak
}

// MissedRun counts the periods of a recurring goal right before the one
// containing today that ended short of their target, back to the first
// period that was met (or the goal's start). Periods without a working day
// are skipped, as in Streak; days are the goal's DayTotals, ascending. A
// one-off goal, or a goal not started, has no run: 0.
func MissedRun(g Goal, days []DayTotal, today Date, workdays Weekdays, away *DateRange, off ...DateRange) int {
	if !g.Recurring() || today.IsZero() || g.Start.IsZero() || today.Before(g.Start) {
		return 0
	}
	cur := today
	if !g.Deadline.IsZero() && cur.After(g.Deadline) {
		return 0 // over: the last period's own verdict is missed or achieved
	}
	ps, _ := PeriodOf(g.Cadence, cur)
	if ps.IsZero() {
		return 0
	}
	shape := shapeOf(g)
	run := 0
	for d := ps.AddDays(-1); !d.Before(g.Start) && run < 400; {
		a, b := PeriodOf(g.Cadence, d)
		d = a.AddDays(-1)
		a = maxDate(a, g.Start)
		if WorkingDays(a, b, workdays, away, off...) == 0 {
			continue
		}
		target := g.PeriodTarget(PeriodIndex(g.Cadence, g.Start, a))
		var sum, last float64
		var any bool
		for _, x := range days {
			if x.Day.Before(a) || x.Day.After(b) {
				continue
			}
			sum += x.Sum
			last, any = x.Last, true
		}
		met := reached(shape, sum, target, true)
		if g.Kind == KindLevel {
			met = any && reached(shape, last, target, true)
		}
		if met {
			break
		}
		run++
	}
	return run
}
