package reminders_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// goldenTeam is a New York sales team with three weeks of logs (ISO weeks
// 45 to 47 of 2026), one member writing Chinese.
func goldenTeam(t testing.TB) (*storage.DB, goals.Team) {
	clk := clockwork.NewFakeClockAt(utc("2026-11-01T12:00:00Z"))
	db := mustOpen(t, clk)
	team := mustTeam(t, db, goals.Team{ID: "slack:T1", Name: "Acme Sales", TZ: "America/New_York", Lang: "en", DailyAt: "18:00", WeeklyAt: "mon 09:00"})
	for _, m := range []goals.Member{
		{UserID: "U1", Name: "Mia", Role: goals.RoleManager},
		{UserID: "U2", Name: "Ann"},
		{UserID: "U3", Name: "Ben"},
		{UserID: "U4", Name: "陈静", Lang: "zh-CN"},
	} {
		m.TeamID = team.ID
		mustMember(t, db, m)
	}
	demos := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U2", Title: "Book 20 demos a week", Metric: "demos", Target: 20,
		Cadence: goals.CadenceWeekly, Start: d(2026, 11, 2), Deadline: d(2026, 12, 31)})
	rev := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U2", Title: "Q4 revenue $50,000", Metric: "revenue", Unit: goals.UnitUSD,
		Target: 50000, Start: d(2026, 10, 1), Deadline: d(2026, 12, 31)})
	calls := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U3", Title: "Make 300 calls by November 30", Metric: "calls", Target: 300,
		Start: d(2026, 11, 2), Deadline: d(2026, 11, 30)})
	conv := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U3", Title: "Raise conversion rate from 1% to 2%", Metric: "conversion_rate",
		Unit: goals.UnitPercent, Kind: goals.KindLevel, Baseline: 1, Target: 2, Start: d(2026, 11, 2), Deadline: d(2026, 12, 31)})
	cust := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U4", Title: "每周新增 10 个客户", Metric: "customers", Target: 10,
		Cadence: goals.CadenceWeekly, Start: d(2026, 11, 2), Deadline: d(2026, 12, 31)})
	teamRev := mustGoal(t, db, goals.Goal{TeamID: team.ID, Owner: "U1", Scope: goals.ScopeTeam, Title: "Team revenue $200,000 this quarter",
		Metric: "revenue", Unit: goals.UnitUSD, Target: 200000, Start: d(2026, 10, 1), Deadline: d(2026, 12, 31)})

	ny, _ := time.LoadLocation("America/New_York")
	log := func(g goals.Goal, user string, day goals.Date, hour int, amount float64) {
		at := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, ny)
		mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: team.ID, User: user, Amount: amount, At: at})
	}
	weeks := []goals.Date{d(2026, 11, 2), d(2026, 11, 9), d(2026, 11, 16)} // Mondays of W45..W47
	for w, mon := range weeks {
		for i := range 5 {
			day := mon.AddDays(i)
			log(demos, "U2", day, 10, float64(2+w+i%2)) // W45 12, W46 17, W47 22
			log(calls, "U3", day, 11, float64(10+5*w))  // 50, 75, 100 a week
			log(cust, "U4", day, 12, float64(1+w%2))    // 5, 10, 5
			log(teamRev, []string{"U2", "U3", "U4"}[i%3], day, 15, float64(3000+1000*w+500*i))
		}
		log(rev, "U2", mon.AddDays(3), 16, float64(4000+2000*w)) // 4k, 6k, 8k
		log(conv, "U3", mon.AddDays(4), 17, 1.2+0.2*float64(w))  // 1.2, 1.4, 1.6
	}
	return db, team
}

func buildDigest(t testing.TB, db *storage.DB, team goals.Team, kind string, asOf time.Time, lang string) *reminders.Digest {
	t.Helper()
	p := reminders.PeriodAt(kind, asOf, team.Location())
	snaps, err := reminders.LoadSnapshots(context.Background(), db, []reminders.SnapshotRequest{{Team: team, Period: p}})
	if err != nil {
		t.Fatal(err)
	}
	return reminders.Build(snaps[0], p, lang)
}

// The Monday digest: week 47 as of its last instant.
var weeklyAsOf = utc("2026-11-23T04:59:59.999999999Z") // Sunday 23:59:59.999999999 EST

func TestDigestGolden(t *testing.T) {
	db, team := goldenTeam(t)
	for _, lang := range []string{"en", "zh-CN", "zh-TW"} {
		dg := buildDigest(t, db, team, reminders.KindWeekly, weeklyAsOf, lang)
		golden(t, "weekly_"+lang+".golden", []byte(dg.Text+"\n"))
	}
	dg := buildDigest(t, db, team, reminders.KindDaily, utc("2026-11-20T23:00:00Z"), "en")
	golden(t, "daily_en.golden", []byte(dg.Text+"\n"))

	dg = buildDigest(t, db, team, reminders.KindWeekly, weeklyAsOf, "")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(dg); err != nil {
		t.Fatal(err)
	}
	golden(t, "weekly.json.golden", buf.Bytes())
}

// TestDigestFigures checks the numbers the golden files show against the
// definitions, independently of the rendering.
func TestDigestFigures(t *testing.T) {
	db, team := goldenTeam(t)
	dg := buildDigest(t, db, team, reminders.KindWeekly, weeklyAsOf, "en")
	if dg.Period != "2026-W47" || dg.Team != "slack:T1" || dg.Kind != "weekly" {
		t.Fatalf("header %s %s %s", dg.Team, dg.Kind, dg.Period)
	}
	views := map[string]reminders.GoalDigest{}
	for _, m := range dg.Members {
		for _, g := range m.Goals {
			views[g.Metric] = g
		}
	}
	growth := func(metric string) float64 {
		g := views[metric]
		if g.GrowthPct == nil {
			t.Fatalf("%s: no growth", metric)
		}
		return *g.GrowthPct
	}
	// Week over week: (current − previous) / previous × 100.
	for metric, want := range map[string]float64{
		"demos":           (22.0 - 17) / 17 * 100, // W47 vs W46
		"calls":           (100.0 - 75) / 75 * 100,
		"customers":       (5.0 - 10) / 10 * 100,
		"revenue":         (8000.0 - 6000) / 6000 * 100,
		"conversion_rate": (1.6 - 1.4) / 1.4 * 100, // readings
	} {
		if got := growth(metric); math.Abs(got-want) > 0.05 {
			t.Errorf("%s growth %.2f, want %.2f", metric, got, want)
		}
	}
	if v := views["demos"]; v.Current != 22 || v.Status != goals.StatusAchieved {
		t.Errorf("demos: %v %s", v.Current, v.Status)
	}
	if v := views["calls"]; v.Current != 225 || v.RequiredPer != "day" || math.Abs(v.RequiredRate-75.0/6) > 0.01 {
		// 225 of 300; 6 working days left (Nov 23–30) at the end of Sunday... counted from Monday.
		t.Errorf("calls: current %v rate %v/%s", v.Current, v.RequiredRate, v.RequiredPer)
	}
	if len(dg.TeamGoals) != 1 || len(dg.Top) != 3 || dg.Top[0].Contribution < dg.Top[1].Contribution {
		t.Errorf("team goals %d, top %+v", len(dg.TeamGoals), dg.Top)
	}
	// Top contributors to the team goal in week 47: from the logs, by user.
	wantTop := map[string]float64{}
	for i := range 5 {
		wantTop[[]string{"U2", "U3", "U4"}[i%3]] += float64(3000 + 2000 + 500*i)
	}
	for _, tp := range dg.Top {
		if tp.Contribution != wantTop[tp.User] {
			t.Errorf("top %s = %v, want %v", tp.User, tp.Contribution, wantTop[tp.User])
		}
	}
	if dg.Chart == nil || len(dg.Chart.Bars) != 6 || len(dg.Chart.Weeks) != reminders.TrendWeeks {
		t.Fatalf("chart spec %+v", dg.Chart)
	}
}

// TestLoadSnapshotsMatchesStats: the batch aggregate equals the per-goal
// Stats the replies use, for every goal and both kinds.
func TestLoadSnapshotsMatchesStats(t *testing.T) {
	db, team := goldenTeam(t)
	ctx := context.Background()
	for _, asOf := range []time.Time{weeklyAsOf, utc("2026-11-11T20:00:00Z"), utc("2026-11-02T05:00:00Z")} {
		for _, kind := range []string{reminders.KindDaily, reminders.KindWeekly} {
			p := reminders.PeriodAt(kind, asOf, team.Location())
			snaps, err := reminders.LoadSnapshots(ctx, db, []reminders.SnapshotRequest{{Team: team, Period: p}})
			if err != nil {
				t.Fatal(err)
			}
			for _, gd := range snaps[0].Goals {
				lo, hi := goals.MeasureWindow(gd.Goal, p.Day)
				if hi.After(p.Day) {
					hi = p.Day
				}
				if lo.After(hi) {
					continue
				}
				st, err := db.Stats(ctx, team.ID, gd.Goal.ID, lo, hi)
				if err != nil {
					t.Fatal(err)
				}
				got := gd.Stats
				level := gd.Goal.Kind == goals.KindLevel // ComputeProgress reads Latest only there, Sum only elsewhere
				if (!level && got.Sum != st.Sum) || got.Count != st.Count || level && (got.Latest != st.Latest || !got.LatestAt.Equal(st.LatestAt)) {
					t.Errorf("%s %s goal %d: batch %+v, Stats %+v", asOf, kind, gd.Goal.ID, got, st)
				}
				// Buckets: sums over each bucket's days.
				for k, start := range p.Buckets {
					end := p.Day
					if k+1 < len(p.Buckets) {
						end = p.Buckets[k+1].AddDays(-1)
					}
					bs, err := db.Stats(ctx, team.ID, gd.Goal.ID, start, end)
					if err != nil {
						t.Fatal(err)
					}
					if gd.Goal.Kind == goals.KindTotal && gd.Buckets[k] != bs.Sum {
						t.Errorf("goal %d bucket %d: %v, want %v", gd.Goal.ID, k, gd.Buckets[k], bs.Sum)
					}
					if gd.Goal.Kind == goals.KindLevel && k >= len(p.Buckets)-2 { // growth's two readings
						upTo, _ := db.Stats(ctx, team.ID, gd.Goal.ID, goals.Date{}, end)
						if gd.Has[k] != (upTo.Count > 0) || (upTo.Count > 0 && gd.Buckets[k] != upTo.Latest) {
							t.Errorf("goal %d bucket %d: %v/%v, want %v/%v", gd.Goal.ID, k, gd.Buckets[k], gd.Has[k], upTo.Latest, upTo.Count > 0)
						}
					}
				}
			}
		}
	}
}

func TestChartPNG(t *testing.T) {
	db, team := goldenTeam(t)
	dg := buildDigest(t, db, team, reminders.KindWeekly, weeklyAsOf, "zh-CN")
	// Chinese in every label the spec could carry must neither crash nor
	// reach the Latin-only font.
	dg.Chart.Title += " 上海小店"
	dg.Chart.Bars = append(dg.Chart.Bars, reminders.ChartBar{Label: "#99 陈静", Percent: 250, Status: goals.StatusAchieved})
	b, err := reminders.RenderPNG(dg.Chart)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 1000 || r.Dy() < 600 {
		t.Errorf("chart %v", r)
	}
	if os.Getenv("GOALBOT_CHART_OUT") != "" {
		_ = os.WriteFile(os.Getenv("GOALBOT_CHART_OUT"), b, 0o644)
	}
	for _, bar := range dg.Chart.Bars[:6] {
		if strings.ContainsFunc(bar.Label, func(r rune) bool { return r > 0x7f }) {
			t.Errorf("non-ASCII label %q", bar.Label)
		}
	}
}
