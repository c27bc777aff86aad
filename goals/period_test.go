package goals_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// d parses an ISO date or fails the test binary: only for literals.
func d(s string) goals.Date {
	if s == "" {
		return goals.Date{}
	}
	v, err := goals.ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return v
}

const (
	monSat  = goals.MonFri | 1<<time.Saturday
	allWeek = goals.Weekdays(0x7f)
)

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		name       string
		c          goals.Cadence
		day        string
		start, end string
	}{
		{"daily", goals.CadenceDaily, "2026-11-18", "2026-11-18", "2026-11-18"},
		{"weekly Wednesday", goals.CadenceWeekly, "2026-11-18", "2026-11-16", "2026-11-22"},
		{"weekly Monday", goals.CadenceWeekly, "2026-11-16", "2026-11-16", "2026-11-22"},
		{"weekly Sunday belongs to the week before", goals.CadenceWeekly, "2026-11-22", "2026-11-16", "2026-11-22"},
		{"weekly ISO week 53 across the new year", goals.CadenceWeekly, "2027-01-01", "2026-12-28", "2027-01-03"},
		{"weekly first ISO week of 2027", goals.CadenceWeekly, "2027-01-04", "2027-01-04", "2027-01-10"},
		{"monthly", goals.CadenceMonthly, "2026-11-22", "2026-11-01", "2026-11-30"},
		{"monthly February leap year", goals.CadenceMonthly, "2028-02-10", "2028-02-01", "2028-02-29"},
		{"monthly February", goals.CadenceMonthly, "2026-02-28", "2026-02-01", "2026-02-28"},
		{"quarterly Q4", goals.CadenceQuarterly, "2026-11-22", "2026-10-01", "2026-12-31"},
		{"quarterly Q1 first day", goals.CadenceQuarterly, "2026-01-01", "2026-01-01", "2026-03-31"},
		{"quarterly Q2 last day", goals.CadenceQuarterly, "2026-06-30", "2026-04-01", "2026-06-30"},
		{"none", goals.CadenceNone, "2026-11-22", "", ""},
		{"zero date", goals.CadenceWeekly, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := goals.PeriodOf(tt.c, d(tt.day))
			if s != d(tt.start) || e != d(tt.end) {
				t.Errorf("PeriodOf(%s, %s) = %s..%s, want %s..%s", tt.c, tt.day, s, e, tt.start, tt.end)
			}
		})
	}
}

func TestPeriodIndex(t *testing.T) {
	tests := []struct {
		name       string
		c          goals.Cadence
		start, day string
		want       int
	}{
		{"daily same day", goals.CadenceDaily, "2026-11-16", "2026-11-16", 0},
		{"daily across a month", goals.CadenceDaily, "2026-11-16", "2026-12-01", 15},
		{"weekly start Wednesday, same week", goals.CadenceWeekly, "2026-11-18", "2026-11-22", 0},
		{"weekly start Wednesday, next Monday", goals.CadenceWeekly, "2026-11-18", "2026-11-23", 1},
		{"weekly third week", goals.CadenceWeekly, "2026-11-18", "2026-12-02", 2},
		{"weekly across ISO week 53", goals.CadenceWeekly, "2026-12-21", "2027-01-04", 2},
		{"monthly across the year", goals.CadenceMonthly, "2026-11-30", "2027-02-01", 3},
		{"quarterly across the year", goals.CadenceQuarterly, "2026-12-31", "2027-04-01", 2},
		{"before the start is negative", goals.CadenceWeekly, "2026-11-16", "2026-11-09", -1},
		{"none", goals.CadenceNone, "2026-01-01", "2026-12-31", 0},
		{"zero start", goals.CadenceDaily, "", "2026-12-31", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goals.PeriodIndex(tt.c, d(tt.start), d(tt.day)); got != tt.want {
				t.Errorf("PeriodIndex(%s, %s, %s) = %d, want %d", tt.c, tt.start, tt.day, got, tt.want)
			}
		})
	}
}

// A waterfall of 10, 15, 20 a week: the step follows the week's index and
// the last step holds.
func TestPeriodIndexWaterfall(t *testing.T) {
	g := goals.Goal{Cadence: goals.CadenceWeekly, Start: d("2026-11-02"), Target: 20, Steps: []float64{10, 15, 20}}
	for day, want := range map[string]float64{
		"2026-11-02": 10, "2026-11-08": 10, "2026-11-09": 15, "2026-11-15": 15,
		"2026-11-16": 20, "2026-12-31": 20, "2026-10-30": 10,
	} {
		if got := g.PeriodTarget(goals.PeriodIndex(g.Cadence, g.Start, d(day))); got != want {
			t.Errorf("%s: target %v, want %v", day, got, want)
		}
	}
}

func TestPeriodKey(t *testing.T) {
	tests := []struct {
		c    goals.Cadence
		day  string
		want string
	}{
		{goals.CadenceDaily, "2026-11-22", "2026-11-22"},
		{goals.CadenceWeekly, "2026-11-22", "2026-W47"},
		{goals.CadenceWeekly, "2026-01-01", "2026-W01"},
		{goals.CadenceWeekly, "2027-01-01", "2026-W53"},
		{goals.CadenceWeekly, "2027-01-03", "2026-W53"},
		{goals.CadenceWeekly, "2027-01-04", "2027-W01"},
		{goals.CadenceWeekly, "2024-12-30", "2025-W01"},
		{goals.CadenceMonthly, "2026-11-22", "2026-11"},
		{goals.CadenceMonthly, "2027-01-01", "2027-01"},
		{goals.CadenceQuarterly, "2026-11-22", "2026-Q4"},
		{goals.CadenceQuarterly, "2027-03-31", "2027-Q1"},
		{goals.CadenceNone, "2026-11-22", ""},
		{goals.CadenceDaily, "", ""},
	}
	for _, tt := range tests {
		if got := goals.PeriodKey(tt.c, d(tt.day)); got != tt.want {
			t.Errorf("PeriodKey(%s, %s) = %q, want %q", tt.c, tt.day, got, tt.want)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	away := func(a, b string) *goals.DateRange { return &goals.DateRange{From: d(a), To: d(b)} }
	tests := []struct {
		name     string
		from, to string
		w        goals.Weekdays
		away     *goals.DateRange
		want     int
	}{
		{"November Mon-Fri", "2026-11-01", "2026-11-30", goals.MonFri, nil, 21},
		{"zero set means Mon-Fri", "2026-11-01", "2026-11-30", 0, nil, 21},
		{"November Mon-Sat", "2026-11-01", "2026-11-30", monSat, nil, 25},
		{"November every day", "2026-11-01", "2026-11-30", allWeek, nil, 30},
		{"Sundays only", "2026-11-01", "2026-11-30", 1 << time.Sunday, nil, 5},
		{"away one working week", "2026-11-01", "2026-11-30", goals.MonFri, away("2026-11-16", "2026-11-20"), 16},
		{"away overlapping the end", "2026-11-01", "2026-11-30", goals.MonFri, away("2026-11-28", "2026-12-05"), 20},
		{"away over a weekend only", "2026-11-01", "2026-11-30", goals.MonFri, away("2026-11-21", "2026-11-22"), 21},
		{"away outside the range", "2026-11-01", "2026-11-30", goals.MonFri, away("2026-12-01", "2026-12-31"), 21},
		{"away with zero dates", "2026-11-01", "2026-11-30", goals.MonFri, &goals.DateRange{}, 21},
		{"away Mon-Sat counts the Saturday", "2026-11-16", "2026-11-22", monSat, away("2026-11-20", "2026-11-21"), 4},
		{"one Monday", "2026-11-16", "2026-11-16", goals.MonFri, nil, 1},
		{"one Saturday", "2026-11-21", "2026-11-21", goals.MonFri, nil, 0},
		{"weekend", "2026-11-21", "2026-11-22", goals.MonFri, nil, 0},
		{"to before from", "2026-11-30", "2026-11-01", goals.MonFri, nil, 0},
		{"year 2026", "2026-01-01", "2026-12-31", goals.MonFri, nil, 261},
		{"across the new year", "2026-12-28", "2027-01-03", goals.MonFri, nil, 5},
		{"zero date", "", "2026-12-31", goals.MonFri, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goals.WorkingDays(d(tt.from), d(tt.to), tt.w, tt.away); got != tt.want {
				t.Errorf("WorkingDays = %d, want %d", got, tt.want)
			}
		})
	}
}

// The arithmetic count agrees with counting day by day.
func TestWorkingDaysMatchesLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := d("2024-01-01")
	for i := 0; i < 5000; i++ {
		from := base.AddDays(r.IntN(1500))
		to := from.AddDays(r.IntN(100) - 5)
		w := goals.Weekdays(r.IntN(256))
		var away *goals.DateRange
		if r.IntN(2) == 0 {
			a := from.AddDays(r.IntN(60) - 10)
			away = &goals.DateRange{From: a, To: a.AddDays(r.IntN(30))}
		}
		want := 0
		for x := from; !x.After(to); x = x.AddDays(1) {
			if w.Has(x.Weekday()) && (away == nil || !away.Contains(x)) {
				want++
			}
		}
		if got := goals.WorkingDays(from, to, w, away); got != want {
			t.Fatalf("WorkingDays(%s, %s, %08b, %v) = %d, want %d", from, to, w, away, got, want)
		}
	}
}
