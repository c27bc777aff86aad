package storage_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// The daily roll-up always equals an aggregate over the logs themselves,
// whatever mix of logs and undos came before.
func TestRollupMatchesLogs(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	mustTeam(t, db, "A")
	for _, u := range []string{"alice", "bob"} {
		if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "A", UserID: u}); err != nil {
			t.Fatal(err)
		}
	}
	g := mustGoal(t, db, newGoal("A", "alice"))
	rng := rand.New(rand.NewPCG(1, 2))
	day0 := goals.NewDate(2026, 11, 1)
	for i := 0; i < 600; i++ {
		user := []string{"alice", "bob"}[rng.IntN(2)]
		if rng.IntN(4) == 0 {
			if _, err := db.UndoLastLog(ctx, "A", user); err != nil && goals.ErrorReason(err) != "nothing_to_undo" {
				t.Fatal(err)
			}
			continue
		}
		d := day0.AddDays(rng.IntN(20))
		mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: user, Amount: math.Round(rng.Float64()*1000) / 10, Day: d, At: d.StartIn(time.UTC).Add(1)})
	}
	logs, err := db.Logs(ctx, goals.LogFilter{TeamID: "A", GoalID: g.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[goals.Date]struct {
		sum float64
		n   int
	}{}
	var total float64
	for _, l := range logs {
		w := want[l.Day]
		w.sum += l.Amount
		w.n++
		want[l.Day] = w
		total += l.Amount
	}
	days, err := db.DailyTotals(ctx, "A", g.ID, goals.Date{}, goals.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != len(want) {
		t.Fatalf("%d roll-up days, %d days with logs", len(days), len(want))
	}
	for _, d := range days {
		w := want[d.Day]
		if d.Count != w.n || math.Abs(d.Sum-w.sum) > 1e-6 {
			t.Errorf("%s: roll-up %v/%d, logs %v/%d", d.Day, d.Sum, d.Count, w.sum, w.n)
		}
	}
	s, err := db.Stats(ctx, "A", g.ID, goals.Date{}, goals.Date{})
	if err != nil || s.Count != len(logs) || math.Abs(s.Sum-total) > 1e-6 {
		t.Fatalf("stats %+v vs %d logs summing %v (%v)", s, len(logs), total, err)
	}
}
