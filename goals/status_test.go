package goals_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// The examples of issue 15 ("Seen"), each with the verdict the figures beside
// it call for.
func TestStatusRuleExamples(t *testing.T) {
	week := total(20, "2026-11-16", "2026-11-20") // Mon..Fri
	daily5 := recurring(total(5, "2026-11-16", ""), goals.CadenceDaily)
	tests := []struct {
		name     string
		g        goals.Goal
		s        goals.Stats
		now      string
		expected float64 // printed "expected by now"
		want     goals.Status
	}{
		{"day 1 at 20:00, 0/20 with 4 expected is not on track", week, goals.Stats{}, "2026-11-16T20:00:00Z", 4, goals.StatusAtRisk},
		{"13/25 with 15 expected is at risk", total(25, "2026-11-16", "2026-11-20"), sum(13), "2026-11-18T19:00:00Z", 15, goals.StatusAtRisk},
		{"¥7,000 against ¥13,333 expected, projection ¥105,000/¥200,000", total(200000, "2026-11-02", "2026-11-20"),
			sum(7000), "2026-11-02T19:00:00Z", 200000.0 / 15, goals.StatusAtRisk},
		{"5 calls a day at 09:01, 0/5, is not at risk", daily5, goals.Stats{}, "2026-11-16T09:01:00Z", 5.0 / 540, goals.StatusOnTrack},
		{"5 calls a day at 13:30, 0/5, is at risk", daily5, goals.Stats{}, "2026-11-16T13:30:00Z", 2.5, goals.StatusAtRisk},
		{"5 calls a day at 13:30, 3/5, is on track", daily5, sum(3), "2026-11-16T13:30:00Z", 2.5, goals.StatusOnTrack},
		{"a daily goal is never behind within its day", daily5, goals.Stats{}, "2026-11-16T19:00:00Z", 5, goals.StatusAtRisk},
		{"9/20 at the end of day 3 of 5 is behind", week, sum(5), "2026-11-18T19:00:00Z", 12, goals.StatusBehind},
		{"12/20 at the end of day 3 of 5 is on track", week, sum(12), "2026-11-18T19:00:00Z", 12, goals.StatusOnTrack},
		{"a goal for next quarter is upcoming", total(100, "2027-01-01", "2027-03-31"), goals.Stats{}, "2026-11-10T12:00:00Z", 0, goals.StatusUpcoming},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := goals.ComputeProgress(tt.g, tt.s, at(tt.now), time.UTC, goals.MonFri)
			if p.Status != tt.want || !near(p.Expected, tt.expected) {
				t.Errorf("status %s, expected %.4g; want %s, %.4g (%+v)", p.Status, p.Expected, tt.want, tt.expected, p)
			}
		})
	}
	// The same figures: the projection printed beside them.
	p := goals.ComputeProgress(total(200000, "2026-11-02", "2026-11-20"), sum(7000), at("2026-11-02T19:00:00Z"), time.UTC, goals.MonFri)
	if !p.Projected || !near(p.Projection, 105000) {
		t.Errorf("projection %v (%v), want 105000", p.Projection, p.Projected)
	}
}

// 每天打10通電話 after a week with nothing logged: every day that ended
// short is missed, and the run of them makes the goal behind.
func TestMissedRunMakesBehind(t *testing.T) {
	g := recurring(total(10, "2026-11-09", ""), goals.CadenceDaily)
	today := d("2026-11-16")
	run := goals.MissedRun(g, nil, today, goals.MonFri, nil)
	if run != 5 {
		t.Fatalf("missed run after Mon 9..Fri 13 with nothing = %d, want 5", run)
	}
	p := goals.ComputeProgress(g, goals.Stats{}, at("2026-11-16T09:01:00Z"), time.UTC, goals.MonFri)
	p.SetMissedRun(run)
	if p.Status != goals.StatusBehind {
		t.Errorf("status after a missed week = %s, want behind", p.Status)
	}
	days := []goals.DayTotal{{Day: d("2026-11-13"), Sum: 10, Last: 10, Count: 1}}
	if run := goals.MissedRun(g, days, today, goals.MonFri, nil); run != 0 {
		t.Errorf("run after a met Friday = %d, want 0", run)
	}
	days = []goals.DayTotal{{Day: d("2026-11-12"), Sum: 10, Last: 10, Count: 1}}
	if run := goals.MissedRun(g, days, today, goals.MonFri, nil); run != 1 {
		t.Errorf("run after a missed Friday = %d, want 1", run)
	}
	p = goals.ComputeProgress(g, goals.Stats{}, at("2026-11-16T09:01:00Z"), time.UTC, goals.MonFri)
	p.SetMissedRun(1)
	if p.Status != goals.StatusOnTrack {
		t.Errorf("one missed day, 09:01: %s, want on_track", p.Status)
	}
}

// Level goals: a projection only from two readings on different days, and
// never beyond the scale.
func TestLevelProjection(t *testing.T) {
	churn := level(goals.Decrease, 45, 20, "2026-11-02", "2027-03-31")
	churn.Unit = goals.UnitPercent
	conv := level(goals.Increase, 1, 2, "2026-11-02", "2027-03-31")
	conv.Unit = goals.UnitPercent
	checkout := level(goals.Decrease, 3, 1.25, "2026-11-02", "2027-03-31")
	checkout.Unit = goals.UnitMinutes
	two := func(first, latest float64, firstDay, latestAt string) goals.Stats {
		return goals.Stats{Count: 2, First: first, FirstDay: d(firstDay), Latest: latest, LatestAt: at(latestAt)}
	}
	tests := []struct {
		name      string
		g         goals.Goal
		s         goals.Stats
		projected bool
		proj      float64
	}{
		{"one reading: not enough readings", conv, reading(1.2, "2026-11-10T10:00:00Z"), false, 1.2},
		{"two readings the same day: not enough", conv, two(1.1, 1.2, "2026-11-10", "2026-11-10T15:00:00Z"), false, 1.2},
		{"churn falling fast stops at 0%", churn, two(45, 30, "2026-11-03", "2026-11-10T10:00:00Z"), true, 0},
		{"conversion rising fast stops at 100%", conv, two(1, 20, "2026-11-03", "2026-11-10T10:00:00Z"), true, 100},
		{"checkout time never below 0", checkout, two(3, 1, "2026-11-03", "2026-11-04T10:00:00Z"), true, 0},
		{"a gentle trend is carried to the deadline", conv, two(1.0, 1.1, "2026-11-03", "2026-11-13T10:00:00Z"), true, 1.1 + 0.01*138},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := goals.ComputeProgress(tt.g, tt.s, at("2026-11-16T12:00:00Z"), time.UTC, goals.MonFri)
			if p.Projected != tt.projected || !near(p.Projection, tt.proj) {
				t.Errorf("projected %v %.6g, want %v %.6g", p.Projected, p.Projection, tt.projected, tt.proj)
			}
		})
	}
}

// TestStatusAgreesWithFigures is the property of issue 15: over random goals
// and logs, the status never contradicts the expected-by-now and the
// projection computed (and printed) with it.
func TestStatusAgreesWithFigures(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2026))
	locs := []*time.Location{time.UTC, zone("America/New_York"), zone("Asia/Shanghai")}
	cadences := []goals.Cadence{goals.CadenceNone, goals.CadenceNone, goals.CadenceDaily, goals.CadenceWeekly, goals.CadenceMonthly}
	base := d("2026-10-01")
	for i := 0; i < 50000; i++ {
		start := base.AddDays(r.IntN(90))
		g := goals.Goal{Kind: goals.KindTotal, Direction: goals.Increase, Start: start, Deadline: start.AddDays(r.IntN(120)),
			Cadence: cadences[r.IntN(len(cadences))], Unit: goals.UnitCount}
		switch r.IntN(4) {
		case 0: // level up
			g.Kind, g.Unit, g.Baseline = goals.KindLevel, goals.UnitPercent, float64(r.IntN(50))
			g.Target = g.Baseline + 1 + float64(r.IntN(50))
		case 1: // level down
			g.Kind, g.Unit, g.Direction, g.Target = goals.KindLevel, goals.UnitMinutes, goals.Decrease, float64(r.IntN(20))
			g.Baseline = g.Target + 1 + float64(r.IntN(20))
		case 2: // cap
			g.Direction, g.Target = goals.Decrease, 1+float64(r.IntN(50))
		default:
			g.Target = 1 + float64(r.IntN(1000))
		}
		if g.Cadence != goals.CadenceNone && r.IntN(2) == 0 {
			g.Deadline = goals.Date{} // open-ended recurring goal
		}
		var s goals.Stats
		if n := r.IntN(4); n > 0 {
			s.Count = n
			s.Sum = r.Float64() * g.Target * 2
			s.First = r.Float64() * 100
			s.Latest = r.Float64() * 100
			s.FirstDay = start.AddDays(r.IntN(10))
		}
		now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(200 * 24 * time.Hour))))
		if s.Count > 0 {
			s.LatestAt = now.Add(-time.Duration(r.Int64N(int64(72 * time.Hour))))
		}
		loc := locs[r.IntN(len(locs))]
		p := goals.ComputeProgress(g, s, now, loc, goals.MonFri)
		if run := r.IntN(4); g.Recurring() && r.IntN(3) == 0 {
			p.SetMissedRun(run)
		}
		isCap := g.Kind == goals.KindTotal && g.Direction == goals.Decrease
		fail := func(why string) {
			t.Fatalf("case %d: %s: %s\n goal %v cadence %q\n stats %+v\n now %s %s\n %+v", i, p.Status, why, g, g.Cadence, s, now, loc, p)
		}
		reachedNow := p.Current >= p.Target
		switch {
		case g.Direction == goals.Decrease && g.Kind == goals.KindLevel:
			reachedNow = p.Current <= p.Target
		case isCap:
			reachedNow = p.Current <= p.Target && p.RemainingDays == 0 && p.Elapsed == p.Total
		}
		okNow := p.Percent >= p.ExpectedPct*0.9 || g.Kind == goals.KindLevel && p.Percent >= 0 && p.Lag <= 5
		okEnd := !p.Projected || p.ProjectedPct >= 90
		if g.Kind == goals.KindTotal && p.Projected && p.ExpectedPct > 0 && !isCap {
			// The two printed figures are one: projection/target = current/expected.
			if math.Abs(p.ProjectedPct/100-p.Percent/p.ExpectedPct) > 1e-9 {
				fail("projection and expected-by-now disagree")
			}
		}
		if g.Kind == goals.KindLevel && p.Projected && (p.Projection < 0 || g.Unit == goals.UnitPercent && p.Projection > 100) {
			fail("projection beyond the scale")
		}
		switch p.Status {
		case goals.StatusUpcoming:
			if p.ExpectedPct != 0 || p.Expected != g.Baseline && g.Kind == goals.KindLevel {
				fail("upcoming with something expected")
			}
		case goals.StatusAchieved:
			if !reachedNow {
				fail("achieved without reaching the target")
			}
		case goals.StatusMissed:
			if reachedNow && !isCap {
				fail("missed although reached")
			}
		case goals.StatusOnTrack:
			if isCap {
				if p.Current > p.Target || p.Projected && p.Projection > p.Target*1.1 {
					fail("cap on track over its allowance")
				}
				break
			}
			if p.MissedRun >= 2 {
				fail("on track after a run of missed periods")
			}
			if !okEnd || p.Elapsed >= 1.0/9 && !okNow {
				fail("on track with a shortfall against expected or projection")
			}
		case goals.StatusAtRisk, goals.StatusBehind:
			if reachedNow && !isCap {
				fail("not on track although reached")
			}
			if isCap {
				if p.Status == goals.StatusAtRisk && !(p.Projected && p.Projection > p.Target*1.1) {
					fail("cap at risk within its allowance")
				}
				if p.Status == goals.StatusBehind && p.Current <= p.Target && p.MissedRun < 2 {
					fail("cap behind within the cap")
				}
				break
			}
			if p.MissedRun < 2 && okEnd && (okNow || p.Elapsed < 1.0/9 && p.Percent >= 0) {
				fail("not on track although the figures are")
			}
			if p.Status == goals.StatusBehind && p.MissedRun < 2 && p.Percent >= p.ExpectedPct/2 && p.ProjectedPct >= 50 {
				fail("behind with more than half of what is expected")
			}
		default:
			fail("unknown status")
		}
	}
}
