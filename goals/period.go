package goals

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Calendar periods of recurring goals and the working-day arithmetic the
// progress figures use. Everything here is pure: dates in, numbers out.

// PeriodOf returns the period of cadence c containing d:
//
//	daily      d..d
//	weekly     the ISO week, Monday..Sunday
//	monthly    the 1st..the last day of d's month
//	quarterly  the first day of d's quarter..its last day
//
// CadenceNone (or any unknown cadence) and the zero date give zero dates.
func PeriodOf(c Cadence, d Date) (start, end Date) {
	if d.IsZero() {
		return Date{}, Date{}
	}
	switch c {
	case CadenceDaily:
		return d, d
	case CadenceWeekly:
		start = d.AddDays(-daysSinceMonday(d))
		return start, start.AddDays(6)
	case CadenceMonthly:
		return Date{d.y, d.m, 1}, Date{d.y, d.m, DaysInMonth(d.y, d.m)}
	case CadenceQuarterly:
		first := time.Month((d.Quarter()-1)*3 + 1)
		last := first + 2
		return Date{d.y, first, 1}, Date{d.y, last, DaysInMonth(d.y, last)}
	}
	return Date{}, Date{}
}

// daysSinceMonday is 0 for Monday .. 6 for Sunday.
func daysSinceMonday(d Date) int { return (int(d.Weekday()) + 6) % 7 }

// PeriodIndex is how many whole periods of cadence c lie between the period
// containing start and the period containing d: 0 when both fall in the same
// period (the first one), 1 for the next, and so on. It is the waterfall
// step of d (see Goal.PeriodTarget). Periods are calendar periods, so a goal
// starting on a Wednesday has a short first week and its second step
// begins on the following Monday. A d before start gives a negative index
// (PeriodTarget clamps it to the first step); CadenceNone, an unknown
// cadence or a zero date gives 0.
func PeriodIndex(c Cadence, start, d Date) int {
	if start.IsZero() || d.IsZero() {
		return 0
	}
	switch c {
	case CadenceDaily:
		return start.DaysUntil(d)
	case CadenceWeekly:
		a, _ := PeriodOf(CadenceWeekly, start)
		b, _ := PeriodOf(CadenceWeekly, d)
		return a.DaysUntil(b) / 7 // both are Mondays: an exact multiple of 7
	case CadenceMonthly:
		return (d.y-start.y)*12 + int(d.m) - int(start.m)
	case CadenceQuarterly:
		return (d.y-start.y)*4 + d.Quarter() - start.Quarter()
	}
	return 0
}

// PeriodKey is a stable label of the period of cadence c containing d, for
// digests and the claims that keep them from being sent twice:
// "2026-11-22" daily, "2026-W47" weekly (ISO year and week, so 2027-01-01
// is "2026-W53"), "2026-11" monthly, "2026-Q4" quarterly. CadenceNone, an
// unknown cadence or the zero date give "".
func PeriodKey(c Cadence, d Date) string {
	if d.IsZero() {
		return ""
	}
	switch c {
	case CadenceDaily:
		return d.String()
	case CadenceWeekly:
		y, w := d.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case CadenceMonthly:
		return fmt.Sprintf("%04d-%02d", d.y, int(d.m))
	case CadenceQuarterly:
		return fmt.Sprintf("%04d-Q%d", d.y, d.Quarter())
	}
	return ""
}

// WorkingDays counts the days in [from, to] (both inclusive) whose weekday
// is in w (w == 0 means Monday to Friday), leaving out the days that lie in
// away (nil: none) or in any of off (the team's holidays). Ranges may
// overlap each other; ranges with a zero date are ignored. It is 0 when to
// is before from or either date is zero. The count is arithmetic, not a
// loop over days, so long spans cost nothing.
func WorkingDays(from, to Date, w Weekdays, away *DateRange, off ...DateRange) int {
	n := countWeekdays(from, to, w)
	if n == 0 || (away == nil && len(off) == 0) {
		return n
	}
	// Clip every range to [from, to], then merge overlapping and adjacent
	// ones so that no day is subtracted twice.
	rs := make([]DateRange, 0, len(off)+1)
	add := func(r DateRange) {
		if r.From.IsZero() || r.To.IsZero() {
			return
		}
		r.From, r.To = maxDate(r.From, from), minDate(r.To, to)
		if !r.To.Before(r.From) {
			rs = append(rs, r)
		}
	}
	if away != nil {
		add(*away)
	}
	for _, r := range off {
		add(r)
	}
	slices.SortFunc(rs, func(a, b DateRange) int { return a.From.Compare(b.From) })
	for i := 0; i < len(rs); {
		cur := rs[i]
		j := i + 1
		for ; j < len(rs) && !rs[j].From.After(cur.To.AddDays(1)); j++ {
			cur.To = maxDate(cur.To, rs[j].To)
		}
		n -= countWeekdays(cur.From, cur.To, w)
		i = j
	}
	return n
}

// InRanges reports whether d lies in any of rs.
func InRanges(d Date, rs []DateRange) bool {
	for _, r := range rs {
		if r.Contains(d) {
			return true
		}
	}
	return false
}

// countWeekdays counts the days in [from, to] whose weekday is in w.
func countWeekdays(from, to Date, w Weekdays) int {
	days := calendarDays(from, to)
	if days == 0 {
		return 0
	}
	perWeek := 0
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if w.Has(wd) {
			perWeek++
		}
	}
	n := days / 7 * perWeek
	wd := from.Weekday()
	for i := 0; i < days%7; i++ {
		if w.Has((wd + time.Weekday(i)) % 7) {
			n++
		}
	}
	return n
}

// calendarDays is the number of days in [from, to] inclusive, 0 when to is
// before from.
func calendarDays(from, to Date) int {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return 0
	}
	return from.DaysUntil(to) + 1
}

// monthsSpanned is the number of months, rounded up, that [from, to]
// covers: 1 for up to one month, 7 for Jan 15..Jul 20.
func monthsSpanned(from, to Date) int {
	if to.Before(from) {
		return 0
	}
	n := (to.y-from.y)*12 + int(to.m) - int(from.m)
	if !from.AddMonths(n).After(to) {
		n++
	}
	if n < 1 {
		n = 1
	}
	return n
}

func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

// NamedPeriodStart is the start of the later period a goal statement names
// ("next quarter", "Q4 revenue" set in September, "明年第一季度", "下个月"):
// phrase is the deadline phrase the date scanner matched, before the text
// just before it, deadline the date it gave. A goal for such a period
// starts when the period starts, so its pace, status, splits and reminders
// count from there. ok is false when the phrase is a deadline rather than a
// period ("by Friday", "by end of Q1", "第一季度末", "下个月前"), when the
// deadline is not the last day of the period named, or when that period
// has already begun (today lies in it: the goal starts today).
func NamedPeriodStart(phrase, before string, deadline, today Date) (Date, bool) {
	p := strings.ToLower(phrase)
	b := strings.Fields(strings.ToLower(before))
	if len(b) > 0 {
		switch b[len(b)-1] {
		case "by", "before", "until", "till", "within", "due", "in":
			return Date{}, false
		}
	}
	for _, w := range []string{"by ", "before", "until", "till", "end", "within", "eo", "末", "底", "前", "内", "內", "截至", "截止", "为止", "為止"} {
		if strings.Contains(p, w) {
			return Date{}, false
		}
	}
	var c Cadence
	switch {
	case strings.Contains(p, "quarter") || strings.Contains(p, "季") || hasQuarterToken(p):
		c = CadenceQuarterly
	case strings.Contains(p, "month") || strings.Contains(p, "月"):
		c = CadenceMonthly
	case strings.Contains(p, "week") || strings.Contains(p, "周") || strings.Contains(p, "週") || strings.Contains(p, "星期"):
		c = CadenceWeekly
	case strings.Contains(p, "year") || strings.Contains(p, "年"):
		start, end := NewDate(deadline.Year(), 1, 1), NewDate(deadline.Year(), 12, 31)
		if end != deadline || !start.After(today) {
			return Date{}, false
		}
		return start, true
	default:
		return Date{}, false
	}
	start, end := PeriodOf(c, deadline)
	if end != deadline || !start.After(today) {
		return Date{}, false
	}
	return start, true
}

// hasQuarterToken finds q1..q4 as a word ("q4 revenue", "2027q1").
func hasQuarterToken(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == 'q' && p[i+1] >= '1' && p[i+1] <= '4' && (i == 0 || p[i-1] < 'a' || p[i-1] > 'z') &&
			(i+2 == len(p) || p[i+2] < '0' || p[i+2] > '9') {
			return true
		}
	}
	return false
}
