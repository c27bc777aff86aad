package goals_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

func rng(a, b string) goals.DateRange { return goals.DateRange{From: d(a), To: d(b)} }

func TestWorkingDaysSkipsHolidays(t *testing.T) {
	away := &goals.DateRange{From: d("2026-11-16"), To: d("2026-11-18")}
	tests := []struct {
		name string
		away *goals.DateRange
		off  []goals.DateRange
		want int
	}{
		{"no holidays", nil, nil, 21},
		{"one holiday", nil, []goals.DateRange{rng("2026-11-26", "2026-11-26")}, 20},
		{"a holiday on a Saturday costs nothing", nil, []goals.DateRange{rng("2026-11-21", "2026-11-21")}, 21},
		{"two ranges", nil, []goals.DateRange{rng("2026-11-26", "2026-11-27"), rng("2026-11-02", "2026-11-03")}, 17},
		{"overlapping holidays count once", nil, []goals.DateRange{rng("2026-11-23", "2026-11-25"), rng("2026-11-24", "2026-11-26")}, 17},
		{"adjacent holidays", nil, []goals.DateRange{rng("2026-11-23", "2026-11-24"), rng("2026-11-25", "2026-11-25")}, 18},
		{"holidays overlapping away count once", away, []goals.DateRange{rng("2026-11-17", "2026-11-19")}, 17},
		{"holidays beyond the range", nil, []goals.DateRange{rng("2026-10-26", "2026-11-02"), rng("2026-11-30", "2026-12-31")}, 19},
		{"zero-dated holidays are ignored", nil, []goals.DateRange{{}}, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goals.WorkingDays(d("2026-11-01"), d("2026-11-30"), goals.MonFri, tt.away, tt.off...); got != tt.want {
				t.Errorf("WorkingDays = %d, want %d", got, tt.want)
			}
		})
	}
}

// With holidays and away together, the arithmetic agrees with a loop.
func TestWorkingDaysHolidaysMatchLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
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
		var off []goals.DateRange
		for k := r.IntN(5); k > 0; k-- {
			a := from.AddDays(r.IntN(80) - 10)
			off = append(off, goals.DateRange{From: a, To: a.AddDays(r.IntN(10))})
		}
		want := 0
		for x := from; !x.After(to); x = x.AddDays(1) {
			if w.Has(x.Weekday()) && (away == nil || !away.Contains(x)) && !goals.InRanges(x, off) {
				want++
			}
		}
		if got := goals.WorkingDays(from, to, w, away, off...); got != want {
			t.Fatalf("WorkingDays(%s, %s, %08b, %v, %v) = %d, want %d", from, to, w, away, off, got, want)
		}
	}
}

func TestStreakKeptAcrossHolidays(t *testing.T) {
	daily := recurring(total(5, "2026-11-02", "2026-12-31"), goals.CadenceDaily)
	weekly := recurring(total(20, "2026-11-02", "2026-12-31"), goals.CadenceWeekly)
	twoWeeks := everyDay("2026-11-02", "2026-11-13", 5) // Mon 2 .. Fri 13
	gap := without(twoWeeks, "2026-11-09", "2026-11-10", "2026-11-11")
	tests := []struct {
		name  string
		g     goals.Goal
		days  []goals.DayTotal
		today string
		away  *goals.DateRange
		off   []goals.DateRange
		want  int
	}{
		{"without holidays the gap breaks it", daily, gap, "2026-11-16", nil, nil, 2},
		{"holidays neither break nor extend", daily, gap, "2026-11-16", nil, []goals.DateRange{rng("2026-11-09", "2026-11-11")}, 7},
		{"holidays with logs do not extend", daily, twoWeeks, "2026-11-16", nil, []goals.DateRange{rng("2026-11-09", "2026-11-11")}, 7},
		{"single-day holidays", daily, gap, "2026-11-16", nil, []goals.DateRange{rng("2026-11-09", "2026-11-09"), rng("2026-11-10", "2026-11-10"), rng("2026-11-11", "2026-11-11")}, 7},
		{"away and holidays together", daily, gap, "2026-11-16", &goals.DateRange{From: d("2026-11-09"), To: d("2026-11-10")}, []goals.DateRange{rng("2026-11-11", "2026-11-11")}, 7},
		{"a holiday does not cover a missed day", daily, gap, "2026-11-16", nil, []goals.DateRange{rng("2026-11-09", "2026-11-10")}, 2},
		{"weekly: a week of holidays is skipped", weekly, days("2026-11-03", 22, "2026-11-17", 25), "2026-11-18", nil, []goals.DateRange{rng("2026-11-09", "2026-11-13")}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goals.Streak(tt.g, tt.days, d(tt.today), goals.MonFri, tt.away, tt.off...); got != tt.want {
				t.Errorf("Streak = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestComputeProgressSkipsHolidays(t *testing.T) {
	// Mon 16 .. Fri 27 November: 10 working days, two of them holidays.
	g := total(20, "2026-11-16", "2026-11-27")
	off := []goals.DateRange{rng("2026-11-19", "2026-11-20")}
	now := at("2026-11-18T19:00:00Z")
	plain := goals.ComputeProgress(g, sum(6), now, time.UTC, goals.MonFri)
	p := goals.ComputeProgress(g, sum(6), now, time.UTC, goals.MonFri, off...)
	if plain.ExpectedPct != 30 || plain.RemainingDays != 8 {
		t.Fatalf("without holidays: expected %v%%, %d days left; want 30%%, 8", plain.ExpectedPct, plain.RemainingDays)
	}
	// 3 of 8 working days elapsed; 6 left (Wed 18, then Mon 23 .. Fri 27).
	if p.ExpectedPct != 37.5 || p.RemainingDays != 6 || p.RequiredRate != 14.0/6 {
		t.Errorf("with holidays: expected %v%%, %d days left, rate %v; want 37.5%%, 6, %v", p.ExpectedPct, p.RemainingDays, p.RequiredRate, 14.0/6)
	}
	// A daily goal on a holiday has no working day: measured in calendar days.
	daily := recurring(total(5, "2026-11-02", "2026-12-31"), goals.CadenceDaily)
	h := goals.ComputeProgress(daily, goals.Stats{}, at("2026-11-19T12:00:00Z"), time.UTC, goals.MonFri, off...)
	if h.RemainingDays != 1 {
		t.Errorf("daily goal on a holiday: %d days left, want 1", h.RemainingDays)
	}
}

// Service.Figures keeps an individual goal's streak across its owner's
// away range and the team's holidays.
func TestFiguresStreakKeepsAwayAndHolidays(t *testing.T) {
	e := newSpEnv(t)
	ctx := context.Background()
	e.now = at("2026-11-16T10:00:00+08:00") // Monday
	amy := e.actor(t, "amy", goals.RoleMember)
	g := goals.Goal{TeamID: "shop", Owner: "amy", Scope: goals.ScopeIndividual, Title: "5 calls a day", Metric: "calls",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 5,
		Start: d("2026-11-02"), Deadline: d("2026-12-31"), Cadence: goals.CadenceDaily}
	if err := e.db.CreateGoal(ctx, &g); err != nil {
		t.Fatal(err)
	}
	loc := amy.Team.Location()
	// Logged Mon 2 .. Fri 13 except Mon 9 .. Wed 11.
	for _, x := range without(everyDay("2026-11-02", "2026-11-13", 5), "2026-11-09", "2026-11-10", "2026-11-11") {
		l := goals.Log{GoalID: g.ID, TeamID: "shop", User: "amy", Amount: 5, At: x.Day.StartIn(loc).Add(12 * time.Hour), Day: x.Day}
		if _, err := e.db.AddLog(ctx, &l, nil); err != nil {
			t.Fatal(err)
		}
	}
	streak := func() int {
		t.Helper()
		team, err := e.db.Team(ctx, "shop")
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.svc.Figures(ctx, team, g, goals.MonFri)
		if err != nil {
			t.Fatal(err)
		}
		return f.Streak
	}
	if got := streak(); got != 2 {
		t.Fatalf("streak before any away: %d, want 2", got)
	}
	if _, err := e.db.UpdateMember(ctx, "shop", "amy", func(m *goals.Member) error {
		m.Away = &goals.DateRange{From: d("2026-11-09"), To: d("2026-11-10")}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := streak(); got != 2 {
		t.Fatalf("streak with Wednesday still missed: %d, want 2", got)
	}
	if _, err := e.db.UpdateTeam(ctx, "shop", func(t *goals.Team) error {
		t.Holidays = []goals.DateRange{{From: d("2026-11-11"), To: d("2026-11-11")}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := streak(); got != 7 {
		t.Fatalf("streak across away and a holiday: %d, want 7", got)
	}
}

// Named holidays fall on the right day every year: lunar festivals and
// 清明 from the lunar calendar, the US shopping days from their rules.
func TestHolidayDates(t *testing.T) {
	tests := []struct{ name, today, want string }{
		{"春节", "2024-01-01", "2024-02-10"},
		{"春节", "2025-01-01", "2025-01-29"},
		{"春节", "2025-01-30", "2026-02-17"}, // the next one once it has passed
		{"春節", "2026-12-04", "2027-02-06"},
		{"除夕", "2026-01-01", "2026-02-16"},
		{"元宵", "2026-01-01", "2026-03-03"},
		{"清明", "2024-01-01", "2024-04-04"},
		{"清明", "2026-01-01", "2026-04-05"},
		{"端午", "2024-01-01", "2024-06-10"},
		{"端午节", "2025-01-01", "2025-05-31"},
		{"七夕", "2025-01-01", "2025-08-29"},
		{"中秋", "2024-01-01", "2024-09-17"},
		{"中秋節", "2026-01-01", "2026-09-25"},
		{"国庆", "2026-10-02", "2027-10-01"},
		{"双十一", "2026-11-11", "2026-11-11"}, // today counts
		{"双12", "2026-11-11", "2026-12-12"},
		{"元旦", "2026-12-04", "2027-01-01"},
		{"thanksgiving", "2024-01-01", "2024-11-28"},
		{"Thanksgiving", "2026-01-01", "2026-11-26"},
		{"black friday", "2026-01-01", "2026-11-27"},
		{"Cyber Monday", "2026-01-01", "2026-11-30"},
		{"mother's day", "2025-01-01", "2025-05-11"},
		{"Mother’s Day", "2026-01-01", "2026-05-10"},
		{"christmas", "2026-12-26", "2027-12-25"},
		{"valentine's day", "2026-12-04", "2027-02-14"},
		{"黑五", "2026-01-01", "2026-11-27"},
	}
	for _, tt := range tests {
		got, ok := goals.HolidayDate(tt.name, d(tt.today))
		if !ok || got.String() != tt.want {
			t.Errorf("HolidayDate(%q) on %s = %v %v, want %s", tt.name, tt.today, got, ok, tt.want)
		}
	}
	for _, s := range []string{"", "十一", "618", "新年目标", "christmas party"} {
		if got, ok := goals.HolidayDate(s, d("2026-01-01")); ok {
			t.Errorf("HolidayDate(%q) = %v, want no holiday", s, got)
		}
	}
}
