package goals_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// spAnnual is an annual revenue goal for 2027.
func spAnnual(target float64) goals.Goal {
	return goals.Goal{
		ID: 7, TeamID: "shop", Owner: "boss", Scope: goals.ScopeTeam, Title: "Revenue 2027",
		Metric: "revenue", Unit: goals.UnitCNY, Kind: goals.KindTotal, Direction: goals.Increase,
		Target: target, Start: d("2027-01-01"), Deadline: d("2027-12-31"), State: goals.StateActive,
		Tags: map[string]string{"channel": "online"},
	}
}

// spSeason is last year's takings per day in each month: a shop with a
// slow February and a busy December.
var spSeason = [13]float64{0, 1000, 600, 900, 1000, 1100, 1000, 950, 1000, 1100, 1300, 1800, 2600}

// spHistory is one DayTotal per day of 2026 following spSeason.
func spHistory() []goals.DayTotal {
	var out []goals.DayTotal
	for day := d("2026-01-01"); !day.After(d("2026-12-31")); day = day.AddDays(1) {
		out = append(out, goals.DayTotal{Day: day, Sum: spSeason[day.Month()], Count: 1})
	}
	return out
}

// spMonthTotal is last year's total of month m.
func spMonthTotal(m int) float64 {
	return spSeason[m] * float64(goals.DaysInMonth(2026, time.Month(m)))
}

// cents is v in whole cents: sums are compared there, where they are exact.
func cents(v float64) int64 { return int64(math.Round(v * 100)) }

// checkSum fails unless the children's targets add up exactly (in the
// unit's step) to the parent's and each is within one step of its share.
func checkSum(t *testing.T, parent goals.Goal, kids []goals.Goal, shares []goals.Share) {
	t.Helper()
	step := math.Pow10(-goals.UnitDecimals(parent.Unit))
	var got int64
	fr := 0.0
	for i, k := range kids {
		got += cents(k.Target)
		fr += shares[i].Fraction
		exact := parent.Target * shares[i].Fraction
		if math.Abs(k.Target-exact) > step+1e-9 {
			t.Errorf("%s: target %v, exact share %v: off by more than one step", shares[i].Label, k.Target, exact)
		}
		if r := k.Target / step; math.Abs(r-math.Round(r)) > 1e-6 {
			t.Errorf("%s: target %v is not a whole number of %v", shares[i].Label, k.Target, step)
		}
		if k.ParentID == nil || *k.ParentID != parent.ID || k.State != goals.StateActive {
			t.Errorf("%s: child %+v", shares[i].Label, k)
		}
		if err := k.Validate(); err != nil {
			t.Errorf("%s: invalid child: %v", shares[i].Label, err)
		}
	}
	if got != cents(parent.Target) {
		t.Errorf("children sum to %d cents, parent %d", got, cents(parent.Target))
	}
	if math.Abs(fr-1) > 1e-9 {
		t.Errorf("fractions add up to %v", fr)
	}
}

func TestSplitQuartersFollowLastYear(t *testing.T) {
	parent := spAnnual(1_200_000)
	kids, shares, err := goals.SplitByTime(parent, goals.CadenceQuarterly, spHistory(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 4 {
		t.Fatalf("%d children", len(kids))
	}
	checkSum(t, parent, kids, shares)
	year := 0.0
	for m := 1; m <= 12; m++ {
		year += spMonthTotal(m)
	}
	ends := []string{"2027-03-31", "2027-06-30", "2027-09-30", "2027-12-31"}
	for q := range 4 {
		last := 0.0
		for m := 3*q + 1; m <= 3*q+3; m++ {
			last += spMonthTotal(m)
		}
		s := shares[q]
		if s.Source != goals.ShareHistory || !near(s.Fraction, last/year) || !near(s.Basis, last) {
			t.Errorf("Q%d share %+v, want %v of last year (%v)", q+1, s, last/year, last)
		}
		k := kids[q]
		if k.Deadline != d(ends[q]) || k.Start != d(ends[q]).AddDays(1).AddMonths(-3) {
			t.Errorf("Q%d span %s..%s", q+1, k.Start, k.Deadline)
		}
		if k.Title != "Revenue 2027 · 2027-Q"+string(rune('1'+q)) || k.Tags["channel"] != "online" || k.Unit != goals.UnitCNY {
			t.Errorf("Q%d child %+v", q+1, k)
		}
	}
	// Seasonality, not a quarter each: Q4 carries far more than Q1.
	if !(kids[3].Target > 1.5*kids[0].Target) {
		t.Errorf("Q4 %v vs Q1 %v: not seasonal", kids[3].Target, kids[0].Target)
	}
	// The parent's tags are copied, not shared.
	kids[0].Tags["channel"] = "x"
	if parent.Tags["channel"] != "online" || kids[1].Tags["channel"] != "online" {
		t.Error("children share the parent's tag map")
	}
}

func TestSplitMonthsFollowLastYearWithRounding(t *testing.T) {
	// An awkward target: no month's share is a whole number of cents.
	parent := spAnnual(1_234_567.89)
	kids, shares, err := goals.SplitByTime(parent, goals.CadenceMonthly, spHistory(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 12 {
		t.Fatalf("%d children", len(kids))
	}
	checkSum(t, parent, kids, shares)
	year := 0.0
	for m := 1; m <= 12; m++ {
		year += spMonthTotal(m)
	}
	for i, k := range kids {
		m := i + 1
		want := parent.Target * spMonthTotal(m) / year
		if math.Abs(k.Target-want) > 0.01+1e-9 {
			t.Errorf("month %d: %v, want %v ±0.01", m, k.Target, want)
		}
		if k.Deadline.Day() != goals.DaysInMonth(2027, time.Month(m)) || k.Start.Day() != 1 {
			t.Errorf("month %d: %s..%s", m, k.Start, k.Deadline)
		}
	}
	// December (busiest last year) gets the most, February the least: not 1/12 each.
	if !(kids[11].Target > 3*kids[1].Target) {
		t.Errorf("Dec %v, Feb %v", kids[11].Target, kids[1].Target)
	}
	// Counts round to whole units and still add up.
	units := parent
	units.Unit, units.Metric, units.Target = goals.UnitCount, "orders", 1000
	kids, shares, err = goals.SplitByTime(units, goals.CadenceMonthly, spHistory(), 0)
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, units, kids, shares)
}

func TestSplitEvenWithoutHistory(t *testing.T) {
	parent := spAnnual(1000)
	parent.Unit = goals.UnitCount
	for _, hist := range [][]goals.DayTotal{
		nil,
		// History that misses a month does not cover the periods: even.
		func() []goals.DayTotal {
			var out []goals.DayTotal
			for _, h := range spHistory() {
				if h.Day.Month() != time.March {
					out = append(out, h)
				}
			}
			return out
		}(),
	} {
		kids, shares, err := goals.SplitByTime(parent, goals.CadenceMonthly, hist, 0)
		if err != nil {
			t.Fatal(err)
		}
		checkSum(t, parent, kids, shares)
		// 1000/12 = 83.33: four months get 84 (the earliest, on equal remainders), eight get 83.
		for i, k := range kids {
			want := 83.0
			if i < 4 {
				want = 84
			}
			if k.Target != want || shares[i].Source != goals.ShareEven || !near(shares[i].Fraction, 1.0/12) {
				t.Errorf("month %d: %v %+v, want %v even", i+1, k.Target, shares[i], want)
			}
		}
	}
	// A span that starts mid-month: the clipped month gets its share of days.
	part := spAnnual(900)
	part.Unit, part.Start, part.Deadline = goals.UnitCount, d("2026-11-16"), d("2027-03-31")
	kids, shares, err := goals.SplitByTime(part, goals.CadenceMonthly, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, part, kids, shares)
	if len(kids) != 5 || kids[0].Start != d("2026-11-16") || kids[0].Deadline != d("2026-11-30") || kids[0].Target != 100 || kids[1].Target != 200 {
		t.Fatalf("clipped month: %v", kids)
	}
}

func TestSplitWeeksByWorkingDays(t *testing.T) {
	// Wednesday 2026-11-18 to Sunday 2026-12-06: 3 + 5 + 5 working days.
	parent := goals.Goal{ID: 3, TeamID: "acme", Owner: "alice", Scope: goals.ScopeIndividual, Title: "130 calls",
		Metric: "calls", Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase,
		Target: 130, Start: d("2026-11-18"), Deadline: d("2026-12-06")}
	kids, shares, err := goals.SplitByTime(parent, goals.CadenceWeekly, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, parent, kids, shares)
	want := []struct {
		target      float64
		label       string
		start, dead string
	}{{30, "2026-W47", "2026-11-18", "2026-11-22"}, {50, "2026-W48", "2026-11-23", "2026-11-29"}, {50, "2026-W49", "2026-11-30", "2026-12-06"}}
	for i, w := range want {
		k, s := kids[i], shares[i]
		if k.Target != w.target || s.Label != w.label || s.Source != goals.ShareWorkingDays || k.Start != d(w.start) || k.Deadline != d(w.dead) {
			t.Errorf("week %d: %v %s %s..%s, want %+v", i, k.Target, s.Label+"/"+s.Source, k.Start, k.Deadline, w)
		}
	}
	// A six-day week: the first week has 4 working days of 16.
	monSat := goals.MonFri | 1<<time.Saturday
	parent.Target = 160
	kids, _, err = goals.SplitByTime(parent, goals.CadenceWeekly, nil, monSat)
	if err != nil {
		t.Fatal(err)
	}
	if kids[0].Target != 40 || kids[1].Target != 60 || kids[2].Target != 60 {
		t.Errorf("mon-sat weeks: %v %v %v", kids[0].Target, kids[1].Target, kids[2].Target)
	}
	// With last year's same weeks logged, weeks follow them (52 weeks back,
	// same weekdays): Wed 2025-11-19 .. Sun 2025-12-07.
	var hist []goals.DayTotal
	for day := d("2025-11-19"); !day.After(d("2025-12-07")); day = day.AddDays(1) {
		v := 1.0
		if day.After(d("2025-11-30")) {
			v = 4
		}
		hist = append(hist, goals.DayTotal{Day: day, Sum: v})
	}
	parent.Target = 130
	kids, shares, err = goals.SplitByTime(parent, goals.CadenceWeekly, hist, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, parent, kids, shares)
	// Last year: 5, 7 and 28.
	if shares[0].Source != goals.ShareHistory || kids[0].Target != 16 || kids[1].Target != 23 || kids[2].Target != 91 {
		t.Errorf("weeks by history: %v %v %v %+v", kids[0].Target, kids[1].Target, kids[2].Target, shares)
	}
}

func TestSplitLevelAndRecurringKeepTheTarget(t *testing.T) {
	conv := goals.Goal{ID: 4, TeamID: "shop", Owner: "boss", Scope: goals.ScopeTeam, Title: "Conversion 1% to 2%",
		Metric: "conversion_rate", Unit: goals.UnitPercent, Kind: goals.KindLevel, Direction: goals.Increase,
		Baseline: 1, Target: 2, Start: d("2027-01-01"), Deadline: d("2027-12-31")}
	kids, shares, err := goals.SplitByTime(conv, goals.CadenceQuarterly, spHistory(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range kids {
		if k.Target != 2 || k.Baseline != 1 || shares[i].Source != goals.ShareKept || shares[i].Fraction != 1 {
			t.Errorf("level child %d: %+v %+v", i, k, shares[i])
		}
	}
	kids, shares, err = goals.SplitByDimension(conv, goals.DimRegion, []goals.Part{{Value: "EU", Share: 0.4}, {Value: "US", Share: 0.6}})
	if err != nil {
		t.Fatal(err)
	}
	if kids[0].Target != 2 || kids[1].Target != 2 || shares[0].Source != goals.ShareKept || kids[0].Tags["region"] != "EU" {
		t.Errorf("level by region: %+v %+v", kids, shares)
	}

	// 10, 15, 20 demos a week from Mon 2026-11-02 to 2026-12-31, split by
	// month: each month keeps the weekly target from the step it starts in.
	demos := goals.Goal{ID: 5, TeamID: "acme", Owner: "alice", Scope: goals.ScopeIndividual, Title: "Demos a week",
		Metric: "demos", Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase,
		Target: 20, Steps: []float64{10, 15, 20}, Cadence: goals.CadenceWeekly,
		Start: d("2026-11-02"), Deadline: d("2026-12-31")}
	kids, _, err = goals.SplitByTime(demos, goals.CadenceMonthly, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 2 || kids[0].Cadence != goals.CadenceWeekly || len(kids[0].Steps) != 3 || len(kids[1].Steps) != 1 || kids[1].Steps[0] != 20 {
		t.Fatalf("recurring by month: %+v", kids)
	}
	if _, _, err := goals.SplitByTime(demos, goals.CadenceWeekly, nil, 0); goals.ErrorReason(err) != "split_recurring" {
		t.Fatalf("weekly target split by week: %v", err)
	}
	// By member, the weekly target and its steps are shared out.
	kids, _, err = goals.SplitByDimension(demos, goals.DimMember, []goals.Part{{Value: "alice"}, {Value: "bob"}})
	if err != nil {
		t.Fatal(err)
	}
	if kids[0].Target != 10 || kids[1].Target != 10 || kids[0].Steps[0] != 5 || kids[1].Steps[1] != 7 || kids[0].Steps[1] != 8 {
		t.Fatalf("recurring by member: %+v", kids)
	}
}

func TestSplitByRegionAndMember(t *testing.T) {
	parent := goals.Goal{ID: 9, TeamID: "acme", Owner: "boss", Scope: goals.ScopeTeam, Title: "Q4 revenue",
		Metric: "revenue", Unit: goals.UnitUSD, Kind: goals.KindTotal, Direction: goals.Increase,
		Baseline: 100_000, Target: 115_000, Start: d("2026-10-01"), Deadline: d("2026-12-31"),
		Stretch: ptr(130_000)}
	kids, shares, err := goals.SplitByDimension(parent, "region", []goals.Part{
		{Value: "EU", Share: 0.40}, {Value: "US", Share: 0.35}, {Value: "APAC", Share: 0.25}})
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, parent, kids, shares)
	for i, w := range []struct {
		region                     string
		target, baseline, stretchV float64
	}{{"EU", 46_000, 40_000, 52_000}, {"US", 40_250, 35_000, 45_500}, {"APAC", 28_750, 25_000, 32_500}} {
		k := kids[i]
		if k.Tags["region"] != w.region || k.Target != w.target || k.Baseline != w.baseline || *k.Stretch != w.stretchV ||
			k.Scope != goals.ScopeTeam || k.Owner != "boss" || shares[i].Source != goals.ShareGiven || k.Title != "Q4 revenue · "+w.region {
			t.Errorf("%s: %+v %+v", w.region, k, shares[i])
		}
	}
	// Even, and partly given: EU=50%, the rest shared by US and APAC.
	count := parent
	count.Unit, count.Metric, count.Target, count.Baseline, count.Stretch = goals.UnitCount, "deals", 100, 0, nil
	kids, shares, err = goals.SplitByDimension(count, "channel", []goals.Part{{Value: "web"}, {Value: "store"}, {Value: "phone"}})
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, count, kids, shares)
	if kids[0].Target != 34 || kids[1].Target != 33 || kids[2].Target != 33 || shares[0].Source != goals.ShareEven {
		t.Errorf("even: %v %v %v", kids[0].Target, kids[1].Target, kids[2].Target)
	}
	kids, shares, err = goals.SplitByDimension(count, "region", []goals.Part{{Value: "EU", Share: 0.5}, {Value: "US"}, {Value: "APAC"}})
	if err != nil {
		t.Fatal(err)
	}
	if kids[0].Target != 50 || kids[1].Target != 25 || kids[2].Target != 25 || shares[0].Source != goals.ShareGiven || shares[1].Source != goals.ShareEven {
		t.Errorf("partly given: %v %+v", kids, shares)
	}
	// Members: individual goals owned by each.
	kids, shares, err = goals.SplitByDimension(count, goals.DimMember, []goals.Part{
		{Value: "U1", Label: "alice", Share: 0.6}, {Value: "U2", Label: "bob", Share: 0.4}})
	if err != nil {
		t.Fatal(err)
	}
	if kids[0].Owner != "U1" || kids[0].Scope != goals.ScopeIndividual || kids[0].Tags["member"] != "U1" || kids[0].Target != 60 ||
		kids[1].Owner != "U2" || kids[1].Target != 40 || kids[0].Title != "Q4 revenue · alice" || shares[1].Label != "bob" {
		t.Errorf("members: %+v %+v", kids, shares)
	}

	for _, tc := range []struct {
		parts  []goals.Part
		reason string
	}{
		{[]goals.Part{{Value: "EU", Share: 0.4}, {Value: "US", Share: 0.5}}, "split_shares_sum"},
		{[]goals.Part{{Value: "EU", Share: 0.7}, {Value: "US", Share: 0.5}}, "split_shares_sum"},
		{[]goals.Part{{Value: "EU", Share: 1}, {Value: "US"}}, "split_shares_sum"},
		{[]goals.Part{{Value: "EU"}, {Value: "eu"}}, "split_duplicate"},
		{[]goals.Part{{Value: "EU"}}, "split_one_part"},
		{[]goals.Part{{Value: "EU", Share: -0.1}, {Value: "US"}}, "split_bad_share"},
		{[]goals.Part{{Value: "E\u202eU"}, {Value: "US"}}, "split_bad_value"},
	} {
		if _, _, err := goals.SplitByDimension(count, "region", tc.parts); goals.ErrorReason(err) != tc.reason {
			t.Errorf("%+v: %v, want %s", tc.parts, err, tc.reason)
		}
	}
	if _, _, err := goals.SplitByDimension(count, "colour", []goals.Part{{Value: "a"}, {Value: "b"}}); goals.ErrorReason(err) != "split_usage" {
		t.Errorf("unknown dimension: %v", err)
	}
	// Three deals cannot be split into twelve months.
	count.Target, count.Start, count.Deadline = 3, d("2027-01-01"), d("2027-12-31")
	if _, _, err := goals.SplitByTime(count, goals.CadenceMonthly, nil, 0); goals.ErrorReason(err) != "split_too_small" {
		t.Errorf("too small: %v", err)
	}
	// A month split by month is one part.
	count.Start, count.Deadline = d("2027-01-01"), d("2027-01-31")
	if _, _, err := goals.SplitByTime(count, goals.CadenceMonthly, nil, 0); goals.ErrorReason(err) != "split_one_part" {
		t.Errorf("one part: %v", err)
	}
	count.Deadline = d("2029-12-31")
	if _, _, err := goals.SplitByTime(count, goals.CadenceWeekly, nil, 0); goals.ErrorReason(err) != "split_too_many" {
		t.Errorf("three years by week: %v", err)
	}
}

// Allocate always adds up, never strays more than one step from the exact
// share, and gives each part at least one step when asked.
func TestAllocateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 2000 {
		n := 1 + r.IntN(20)
		dec := r.IntN(3)
		total := math.Round(r.Float64()*1e7*math.Pow10(dec)) / math.Pow10(dec)
		w := make([]float64, n)
		sumW := 0.0
		for i := range w {
			w[i] = r.Float64() * 10
			sumW += w[i]
		}
		step := math.Pow10(-dec)
		parts, err := goals.Allocate(total, w, dec, true)
		if total/step < float64(n) {
			if goals.ErrorReason(err) != "split_too_small" {
				t.Fatalf("%v in %d parts: %v", total, n, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var units, want int64
		want = int64(math.Round(total / step))
		for i, p := range parts {
			units += int64(math.Round(p / step))
			if p < step-1e-9 {
				t.Fatalf("part %d of %v is %v", i, total, p)
			}
			if exact := total * w[i] / sumW; exact >= 1 && math.Abs(p-exact) > step+1e-6*math.Max(1, exact) {
				t.Fatalf("part %d: %v, exact %v (step %v)", i, p, exact, step)
			}
		}
		if units != want {
			t.Fatalf("%v split in %d: parts add up to %d steps, want %d", total, n, units, want)
		}
	}
	// A target finer than the unit's step keeps its digits.
	parts, err := goals.Allocate(10.5, []float64{1, 1, 1}, 0, true)
	if err != nil || parts[0]+parts[1]+parts[2] != 10.5 {
		t.Fatalf("10.5 in thirds: %v %v", parts, err)
	}
}

// --- the stored split, on a real SQLite file ----------------------------------

type spEnv struct {
	db  *storage.DB
	svc *goals.Service
	now time.Time
}

func newSpEnv(t *testing.T) *spEnv {
	e := &spEnv{db: storagetest.MustOpenDB(t), now: at("2027-01-04T10:00:00+08:00")}
	e.svc = &goals.Service{Store: e.db, Clock: goals.ClockFunc(func() time.Time { return e.now }), DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	return e
}

func (e *spEnv) actor(t *testing.T, user string, role goals.Role) goals.Actor {
	t.Helper()
	a, err := e.svc.Enter(context.Background(), goals.Team{ID: "shop"}, goals.Member{UserID: user, Name: user, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// seedLastYear stores an archived 2026 revenue goal with spHistory's logs.
func (e *spEnv) seedLastYear(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	old := goals.Goal{TeamID: "shop", Owner: "boss", Scope: goals.ScopeTeam, Title: "Revenue 2026", Metric: "revenue",
		Unit: goals.UnitCNY, Kind: goals.KindTotal, Direction: goals.Increase, Target: 400_000,
		Start: d("2026-01-01"), Deadline: d("2026-12-31"), State: goals.StateArchived}
	if err := e.db.CreateGoal(ctx, &old); err != nil {
		t.Fatal(err)
	}
	// Another unit of the same metric is not history of CNY revenue.
	usd := old
	usd.ID, usd.Unit, usd.Title = 0, goals.UnitUSD, "USD revenue 2026"
	if err := e.db.CreateGoal(ctx, &usd); err != nil {
		t.Fatal(err)
	}
	loc := goals.LoadLocation("Asia/Shanghai")
	for _, h := range spHistory() {
		// Two logs a day from different people: the day's total is what counts.
		for i, part := range []float64{h.Sum * 0.25, h.Sum * 0.75} {
			l := goals.Log{GoalID: old.ID, TeamID: "shop", User: []string{"amy", "ben"}[i], Amount: part,
				At: h.Day.StartIn(loc).Add(time.Duration(10+i) * time.Hour), Day: h.Day}
			if _, err := e.db.AddLog(ctx, &l, nil); err != nil {
				t.Fatal(err)
			}
		}
		if h.Day.Month() == time.May {
			l := goals.Log{GoalID: usd.ID, TeamID: "shop", User: "amy", Amount: 1e6, At: h.Day.StartIn(loc).Add(12 * time.Hour), Day: h.Day}
			if _, err := e.db.AddLog(ctx, &l, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// plainStore hides the SQLite store's extra methods, so Service takes its
// fallback paths (per-goal DailyTotals, one CreateGoal per child) on the
// same real database.
type plainStore struct{ goals.Store }

func TestServiceSplitSeasonalAndRollUp(t *testing.T) {
	ctx := context.Background()
	e := newSpEnv(t)
	boss := e.actor(t, "boss", goals.RoleManager)
	amy := e.actor(t, "amy", "")
	e.seedLastYear(t)
	parent, err := e.svc.CreateGoal(ctx, boss, goals.Goal{Scope: goals.ScopeTeam, Title: "Revenue 2027", Metric: "revenue",
		Unit: goals.UnitCNY, Kind: goals.KindTotal, Direction: goals.Increase, Target: 1_200_000,
		Start: d("2027-01-01"), Deadline: d("2027-12-31")})
	if err != nil {
		t.Fatal(err)
	}

	// The history the store reads is last year's CNY revenue, one row a day,
	// and the fallback over the plain Store interface reads the same.
	from, to := goals.HistoryWindow(parent, goals.CadenceMonthly)
	h1, err := e.svc.MetricHistory(ctx, "shop", "revenue", goals.UnitCNY, from, to)
	if err != nil {
		t.Fatal(err)
	}
	plain := &goals.Service{Store: plainStore{e.db}, Clock: e.svc.Clock}
	h2, err := plain.MetricHistory(ctx, "shop", "revenue", goals.UnitCNY, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(h1) != 365 || len(h2) != 365 || h1[40].Sum != spSeason[2] || h2[40] != (goals.DayTotal{Day: h1[40].Day, Sum: h1[40].Sum, Count: 2, Last: h2[40].Last}) {
		t.Fatalf("history: %d/%d rows, %+v vs %+v", len(h1), len(h2), h1[40], h2[40])
	}

	// A member may not split a team goal.
	if _, err := e.svc.Split(ctx, amy, goals.SplitRequest{GoalID: parent.ID, By: "month"}); goals.ErrorReason(err) != "managers_only" {
		t.Fatalf("member split a team goal: %v", err)
	}
	res, err := e.svc.Split(ctx, boss, goals.SplitRequest{GoalID: parent.ID, By: "month"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Children) != 12 || res.Shares[0].Source != goals.ShareHistory || res.HistoryFrom != d("2026-01-01") || res.HistoryTo != d("2026-12-31") {
		t.Fatalf("split: %+v", res.Shares)
	}
	checkSum(t, parent, res.Children, res.Shares)
	stored, err := e.db.Goals(ctx, goals.GoalFilter{TeamID: "shop", ParentID: &parent.ID})
	if err != nil || len(stored) != 12 || stored[11].Target != res.Children[11].Target || stored[0].ID != res.Children[0].ID {
		t.Fatalf("stored children: %v %v", stored, err)
	}
	// Twice is refused, through either path.
	if _, err := e.svc.Split(ctx, boss, goals.SplitRequest{GoalID: parent.ID, By: "quarter"}); goals.ErrorReason(err) != "already_split" {
		t.Fatalf("second split: %v", err)
	}
	if _, err := plain.Split(ctx, boss, goals.SplitRequest{GoalID: parent.ID, By: "quarter"}); goals.ErrorReason(err) != "already_split" {
		t.Fatalf("second split (plain store): %v", err)
	}

	// Roll-up: the parent takes no logs itself; logs to January and
	// February add up on it, with their contributions per member.
	e.now = at("2027-01-20T18:00:00+08:00")
	loggable, err := e.svc.LoggableGoals(ctx, amy)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range loggable {
		if g.ID == parent.ID {
			t.Fatal("a split parent still takes logs")
		}
	}
	jan, feb := res.Children[0], res.Children[1]
	for _, l := range []struct {
		when string
		a    goals.Actor
		g    goals.Goal
		amt  float64
	}{{"2027-01-20T18:00:00+08:00", amy, jan, 30_000}, {"2027-01-21T18:00:00+08:00", boss, jan, 12_000.5}, {"2027-02-10T18:00:00+08:00", amy, feb, 8_000}} {
		e.now = at(l.when)
		if _, _, _, err := e.svc.AddLog(ctx, l.a, l.g, goals.Amount{Value: l.amt}, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	f, err := e.svc.Figures(ctx, boss.Team, parent, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.Progress.Current != 50_000.5 || len(f.Children) != 12 || f.Children[0].Progress.Current != 42_000.5 || f.Children[1].Progress.Current != 8_000 {
		t.Fatalf("roll-up: parent %v, children %d: %v %v", f.Progress.Current, len(f.Children), f.Children[0].Progress.Current, f.Children[1].Progress.Current)
	}
	if !near(f.Progress.Percent, 50_000.5/1_200_000*100) {
		t.Fatalf("parent percent %v", f.Progress.Percent)
	}
	if c := f.Children[0].Contributions; len(c) != 2 || c[0].User != "amy" || c[0].Amount != 30_000 || c[1].User != "boss" {
		t.Fatalf("contributions of January: %+v", c)
	}
}

func TestServiceSplitByMember(t *testing.T) {
	ctx := context.Background()
	e := newSpEnv(t)
	boss := e.actor(t, "boss", goals.RoleManager)
	amy := e.actor(t, "amy", "")
	e.actor(t, "ben", "")
	team, err := e.svc.CreateGoal(ctx, boss, goals.Goal{Scope: goals.ScopeTeam, Title: "90 demos in January", Metric: "demos",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 90,
		Start: d("2027-01-04"), Deadline: d("2027-01-31")})
	if err != nil {
		t.Fatal(err)
	}
	own, err := e.svc.CreateGoal(ctx, amy, goals.Goal{Title: "30 calls in January", Metric: "calls",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 30,
		Start: d("2027-01-04"), Deadline: d("2027-01-31")})
	if err != nil {
		t.Fatal(err)
	}
	// A member splits her own goal by week, but may not hand it to others.
	if _, err := e.svc.Split(ctx, amy, goals.SplitRequest{GoalID: own.ID, By: goals.DimMember}); goals.ErrorReason(err) != "managers_only" {
		t.Fatalf("member split by member: %v", err)
	}
	res, err := e.svc.Split(ctx, amy, goals.SplitRequest{GoalID: own.ID, By: "week"})
	if err != nil || len(res.Children) != 4 || res.Children[0].Owner != "amy" || res.Shares[0].Source != goals.ShareWorkingDays {
		t.Fatalf("own goal by week: %+v %v", res.Shares, err)
	}
	// Members named must be of the team.
	if _, err := e.svc.Split(ctx, boss, goals.SplitRequest{GoalID: team.ID, By: goals.DimMember,
		Parts: []goals.Part{{Value: "amy"}, {Value: "mallory"}}}); goals.ErrorReason(err) != "member_not_found" {
		t.Fatalf("stranger in a member split: %v", err)
	}
	// Every member when none are named: three individual goals of 30.
	res, err = e.svc.Split(ctx, boss, goals.SplitRequest{GoalID: team.ID, By: goals.DimMember})
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]float64{}
	for _, k := range res.Children {
		if k.Scope != goals.ScopeIndividual || k.Tags["member"] != k.Owner || *k.ParentID != team.ID {
			t.Fatalf("member child %+v", k)
		}
		owners[k.Owner] = k.Target
	}
	if len(owners) != 3 || owners["amy"] != 30 || owners["ben"] != 30 || owners["boss"] != 30 {
		t.Fatalf("member children: %v", owners)
	}
	// Each logs into their own child; the team goal rolls up.
	for i, k := range res.Children {
		a := e.actor(t, k.Owner, "")
		if _, _, _, err := e.svc.AddLog(ctx, a, k, goals.Amount{Value: float64(i + 1)}, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	f, err := e.svc.Figures(ctx, boss.Team, team, 0)
	if err != nil || f.Progress.Current != 6 {
		t.Fatalf("team roll-up: %v %v", f.Progress.Current, err)
	}
	// Another team's manager cannot split it (nor see it).
	other, err := e.svc.Enter(ctx, goals.Team{ID: "evil"}, goals.Member{UserID: "eve", Role: goals.RoleManager})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Split(ctx, other, goals.SplitRequest{GoalID: team.ID, By: "week"}); goals.ErrorReason(err) != "goal_not_found" {
		t.Fatalf("cross-team split: %v", err)
	}
}

// Team holidays are not working days: a week with two of them gets less.
func TestSplitWeeksSkipHolidays(t *testing.T) {
	// Wed 2026-11-18 to Sun 2026-12-06 is 3 + 5 + 5 working days; with
	// Thu–Fri 2026-11-26..27 off, 3 + 3 + 5 = 11.
	parent := goals.Goal{ID: 3, TeamID: "acme", Owner: "alice", Scope: goals.ScopeIndividual, Title: "110 calls",
		Metric: "calls", Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase,
		Target: 110, Start: d("2026-11-18"), Deadline: d("2026-12-06")}
	kids, shares, err := goals.SplitByTime(parent, goals.CadenceWeekly, nil, 0, goals.DateRange{From: d("2026-11-26"), To: d("2026-11-27")})
	if err != nil {
		t.Fatal(err)
	}
	checkSum(t, parent, kids, shares)
	if kids[0].Target != 30 || kids[1].Target != 30 || kids[2].Target != 50 {
		t.Fatalf("targets %v %v %v, want 30 30 50", kids[0].Target, kids[1].Target, kids[2].Target)
	}
}
