package goals

import (
	"context"
	"strings"
	"time"
)

// The coach's history: what the team or the user achieved before on the
// metric a statement names. The store answers one query (MetricDays); the
// summary here turns its days into the few figures a proposal needs.

// HistoryQuery selects past logs of one metric in one team.
type HistoryQuery struct {
	TeamID string
	UserID string // "": every member's logs
	Metric string
	Unit   string
	From   Date
	To     Date
}

// MetricHistoryReader reads the history the coach needs: one row per local
// day in [From, To] with logs on the team's goals (any state) of the metric
// and unit, ascending; Last is the day's newest amount (a level reading).
type MetricHistoryReader interface {
	MetricDays(ctx context.Context, q HistoryQuery) ([]DayTotal, error)
}

// HistoryFunc returns the days of past logs of metric in unit over
// [from, to]: the user's for an individual goal, the team's for a team goal.
// nil means there is no history to read.
type HistoryFunc func(metric, unit string, scope Scope, from, to Date) []DayTotal

// HistoryFromStore is the HistoryFunc over a store for one user of a team;
// ok is false when the store keeps no history.
func HistoryFromStore(ctx context.Context, st Store, teamID, userID string) (HistoryFunc, bool) {
	hr, ok := st.(MetricHistoryReader)
	if !ok {
		return nil, false
	}
	return func(metric, unit string, scope Scope, from, to Date) []DayTotal {
		q := HistoryQuery{TeamID: teamID, UserID: userID, Metric: metric, Unit: unit, From: from, To: to}
		if scope == ScopeTeam {
			q.UserID = ""
		}
		days, err := hr.MetricDays(ctx, q)
		if err != nil {
			return nil // a proposal is a nicety: without history the coach asks
		}
		return days
	}, true
}

// CadenceYearly is a calendar year; only the coach's periods use it.
const CadenceYearly Cadence = "yearly"

// PeriodFigure is a metric over one period: the total of its logs, or the
// last reading for a level metric. Has is false when nothing was logged.
type PeriodFigure struct {
	From, To Date
	Value    float64
	Has      bool
}

// HistorySummary is what the coach knows of a metric's past.
type HistorySummary struct {
	Metric string
	Unit   string
	Kind   Kind
	Scope  Scope // whose logs: the user's (individual) or the team's

	Period   Cadence   // weekly, monthly, quarterly, yearly; "" for a span of days
	Current  DateRange // the goal's period
	Prev     PeriodFigure
	LastYear PeriodFigure
	// Best is the largest of the last four periods like Current (totals)
	// or the best reading of them (levels): the plausibility bound.
	Best float64

	// Recent is the run rate: the total of the last 28 days before today
	// (from the first log, when history is shorter), per working day.
	RecentFrom, RecentTo Date
	RecentTotal          float64
	RecentWorkdays       int
	RatePerWorkday       float64

	Latest    *float64 // the newest reading (level metrics)
	LatestDay Date
}

// Empty reports whether the summary holds no figure at all.
func (h *HistorySummary) Empty() bool {
	return h == nil || (!h.Prev.Has && !h.LastYear.Has && h.RecentTotal == 0 && h.Latest == nil)
}

// recentDays is the window of the run rate.
const recentDays = 28

// coachPeriod is the period a goal of the analysis covers. A deadline that
// ends a calendar period names it (the largest not yet begun: "end of Q1"
// is Q1, "下个月" is next month), else the current one it ends; any other
// deadline is the span from today; a cadence is its current period; with
// neither, activities are weekly and results monthly.
func coachPeriod(an *Analysis, today Date, hint Cadence) (Cadence, DateRange) {
	if an.Cadence != CadenceNone {
		f, t := PeriodOf(an.Cadence, today)
		return an.Cadence, DateRange{From: f, To: t}
	}
	if an.Deadline != nil {
		d := *an.Deadline
		if hint != "" {
			// The statement names the period ("Q4", "next month"): its
			// words win when the deadline ends that period.
			if f, t := periodOf(hint, d); t.Equal(d) {
				return hint, DateRange{From: f, To: t}
			}
		}
		var best Cadence
		var bestR DateRange
		for _, c := range []Cadence{CadenceWeekly, CadenceMonthly, CadenceQuarterly, CadenceYearly} {
			f, t := periodOf(c, d)
			if !t.Equal(d) {
				continue
			}
			if f.After(today) || best == "" {
				best, bestR = c, DateRange{From: f, To: t}
			}
		}
		if best != "" {
			return best, bestR
		}
		return "", DateRange{From: today, To: d}
	}
	c := CadenceMonthly
	if activityKeys[an.Metric] {
		c = CadenceWeekly
	}
	f, t := PeriodOf(c, today)
	return c, DateRange{From: f, To: t}
}

// periodOf is PeriodOf with calendar years.
func periodOf(c Cadence, d Date) (Date, Date) {
	if c == CadenceYearly {
		return NewDate(d.Year(), time.January, 1), NewDate(d.Year(), time.December, 31)
	}
	return PeriodOf(c, d)
}

// previousPeriod is the period of the same length right before r.
func previousPeriod(c Cadence, r DateRange) DateRange {
	if c == "" {
		n := r.From.DaysUntil(r.To) + 1
		return DateRange{From: r.From.AddDays(-n), To: r.From.AddDays(-1)}
	}
	f, t := periodOf(c, r.From.AddDays(-1))
	return DateRange{From: f, To: t}
}

// yearBefore is r a year earlier (52 weeks for weeks: the same weekdays).
func yearBefore(c Cadence, r DateRange) DateRange {
	if c == CadenceWeekly {
		return DateRange{From: r.From.AddDays(-364), To: r.To.AddDays(-364)}
	}
	return DateRange{From: r.From.AddMonths(-12), To: r.To.AddMonths(-12)}
}

// figure is the metric over r in days.
func figure(days []DayTotal, r DateRange, kind Kind) PeriodFigure {
	p := PeriodFigure{From: r.From, To: r.To}
	for _, d := range days {
		if d.Day.Before(r.From) || d.Day.After(r.To) || d.Count == 0 {
			continue
		}
		p.Has = true
		if kind == KindLevel {
			p.Value = d.Last
		} else {
			p.Value += d.Sum
		}
	}
	return p
}

// summarize reads the history of the analysis' metric through hist.
func summarize(an *Analysis, hist HistoryFunc, today Date, workdays Weekdays, hint Cadence) *HistorySummary {
	if hist == nil || an.Metric == "" || an.Unit == "" {
		return nil
	}
	kind := an.Kind
	if kind == "" {
		kind = KindTotal
	}
	period, cur := coachPeriod(an, today, hint)
	h := &HistorySummary{Metric: an.Metric, Unit: an.Unit, Kind: kind, Scope: an.Scope, Period: period, Current: cur}
	prev := previousPeriod(period, cur)
	if !prev.To.Before(today) {
		// The goal's period is ahead: compare with the last complete one.
		if period == "" {
			n := cur.From.DaysUntil(cur.To) + 1
			prev = DateRange{From: today.AddDays(-n), To: today.AddDays(-1)}
		} else {
			f, _ := periodOf(period, today)
			prev = previousPeriod(period, DateRange{From: f, To: f})
		}
	}
	ly := yearBefore(period, cur)
	from := minDate(ly.From, prev.From)
	for i := 0; i < 3; i++ {
		from = minDate(from, previousPeriod(period, DateRange{From: from, To: from}).From)
	}
	from = minDate(from, today.AddDays(-recentDays))
	days := hist(an.Metric, an.Unit, an.Scope, from, today.AddDays(-1))
	if len(days) == 0 {
		return h
	}
	h.Prev = figure(days, prev, kind)
	h.LastYear = figure(days, ly, kind)
	p := prev
	for i := 0; i < 4; i++ {
		if f := figure(days, p, kind); f.Has && f.Value > h.Best {
			h.Best = f.Value
		}
		p = previousPeriod(period, p)
	}
	h.RecentFrom, h.RecentTo = today.AddDays(-recentDays), today.AddDays(-1)
	if days[0].Day.After(h.RecentFrom) {
		h.RecentFrom = days[0].Day // history shorter than the window: from its first log
	}
	for _, d := range days {
		if !d.Day.Before(h.RecentFrom) && d.Count > 0 {
			h.RecentTotal += d.Sum
		}
		if d.Count > 0 {
			v := d.Last
			h.Latest, h.LatestDay = &v, d.Day
		}
	}
	if kind == KindLevel {
		h.RecentTotal = 0
	} else {
		h.Latest = nil
		h.RecentWorkdays = WorkingDays(h.RecentFrom, h.RecentTo, workdays, nil)
		if h.RecentWorkdays > 0 {
			h.RatePerWorkday = h.RecentTotal / float64(h.RecentWorkdays)
		}
	}
	return h
}

// periodWords name a period in a statement, most specific first.
var periodWords = []struct {
	c     Cadence
	words []string
}{
	{CadenceQuarterly, []string{"quarter", "q1", "q2", "q3", "q4", "季"}},
	{CadenceMonthly, []string{"month", "月"}},
	{CadenceYearly, []string{"year", "年"}},
	{CadenceWeekly, []string{"week", "周", "週", "friday", "monday", "sunday"}},
}

// periodHint is the period the statement's words name, "" when none.
func periodHint(low string) Cadence {
	for _, p := range periodWords {
		for _, w := range p.words {
			if strings.Contains(low, w) {
				return p.c
			}
		}
	}
	return ""
}
