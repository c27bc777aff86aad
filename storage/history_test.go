package storage_test

import (
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

func TestMetricDailyTotals(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "acme")
	mustTeam(t, db, "evil")
	a := newGoal("acme", "alice")
	a.State = goals.StateArchived // history counts whatever the state
	mustGoal(t, db, a)
	b := mustGoal(t, db, newGoal("acme", "bob"))
	other := newGoal("acme", "bob")
	other.Metric = "calls"
	mustGoal(t, db, other)
	foreign := mustGoal(t, db, newGoal("evil", "eve"))
	day := func(s string) goals.Date { d, _ := goals.ParseISODate(s); return d }
	for _, l := range []goals.Log{
		{GoalID: a.ID, TeamID: "acme", User: "alice", Amount: 2, Day: day("2026-11-16")},
		{GoalID: b.ID, TeamID: "acme", User: "bob", Amount: 3, Day: day("2026-11-16")},
		{GoalID: b.ID, TeamID: "acme", User: "bob", Amount: 1, Day: day("2026-11-18")},
		{GoalID: other.ID, TeamID: "acme", User: "bob", Amount: 50, Day: day("2026-11-16")},
		{GoalID: foreign.ID, TeamID: "evil", User: "eve", Amount: 70, Day: day("2026-11-16")},
		{GoalID: b.ID, TeamID: "acme", User: "bob", Amount: 9, Day: day("2026-11-25")}, // outside the window
	} {
		l.At = t0
		mustLog(t, db, l)
	}
	got, err := db.MetricDailyTotals(ctx, "acme", "demos", goals.UnitCount, day("2026-11-16"), day("2026-11-22"))
	if err != nil {
		t.Fatal(err)
	}
	want := []goals.DayTotal{{Day: day("2026-11-16"), Sum: 5, Count: 2}, {Day: day("2026-11-18"), Sum: 1, Count: 1}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if got, _ := db.MetricDailyTotals(ctx, "acme", "demos", goals.UnitUSD, goals.Date{}, goals.Date{}); len(got) != 0 {
		t.Fatalf("another unit: %+v", got)
	}
}

func TestCreateChildren(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "acme")
	mustTeam(t, db, "evil")
	parent := mustGoal(t, db, newGoal("acme", "alice"))
	kid := func(target float64) *goals.Goal {
		k := newGoal("", "alice")
		k.Target = target
		k.Tags = map[string]string{"region": "EU"}
		return k
	}
	// One invalid child: none is stored.
	bad := []*goals.Goal{kid(10), kid(0)}
	if err := db.CreateChildren(ctx, "acme", parent.ID, bad); goals.ErrorCode(err) != goals.EInvalid {
		t.Fatalf("invalid child: %v", err)
	}
	// A parent of another team is not found, and nothing is written.
	if err := db.CreateChildren(ctx, "evil", parent.ID, []*goals.Goal{kid(10)}); goals.ErrorReason(err) != "goal_not_found" {
		t.Fatalf("foreign parent: %v", err)
	}
	kids := []*goals.Goal{kid(12), kid(8)}
	if err := db.CreateChildren(ctx, "acme", parent.ID, kids); err != nil {
		t.Fatal(err)
	}
	stored, err := db.Goals(ctx, goals.GoalFilter{TeamID: "acme", ParentID: &parent.ID})
	if err != nil || len(stored) != 2 {
		t.Fatalf("children: %v %v", stored, err)
	}
	if stored[0].ID != kids[0].ID || stored[0].Target != 12 || stored[0].TeamID != "acme" || stored[0].Tags["region"] != "EU" ||
		!stored[0].CreatedAt.Equal(t0) || *stored[1].ParentID != parent.ID {
		t.Fatalf("stored child %+v", stored[0])
	}
	if got, _ := db.Goals(ctx, goals.GoalFilter{TeamID: "evil"}); len(got) != 0 {
		t.Fatalf("evil has goals: %+v", got)
	}
	// A second split of the same parent is refused.
	if err := db.CreateChildren(ctx, "acme", parent.ID, []*goals.Goal{kid(1), kid(1)}); goals.ErrorReason(err) != "already_split" {
		t.Fatalf("second split: %v", err)
	}
	// Archived children do not count: the parent can be split again.
	for _, k := range stored {
		if _, err := db.UpdateGoal(ctx, "acme", k.ID, func(g *goals.Goal) error { g.State = goals.StateArchived; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateChildren(ctx, "acme", parent.ID, []*goals.Goal{kid(1), kid(1)}); err != nil {
		t.Fatalf("split after archiving the children: %v", err)
	}
}

func TestMetricDays(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "acme")
	mustTeam(t, db, "evil")
	a := newGoal("acme", "alice")
	a.State = goals.StateArchived
	mustGoal(t, db, a)
	b := mustGoal(t, db, newGoal("acme", "bob"))
	foreign := mustGoal(t, db, newGoal("evil", "eve"))
	day := func(s string) goals.Date { d, _ := goals.ParseISODate(s); return d }
	for i, l := range []goals.Log{
		{GoalID: a.ID, TeamID: "acme", User: "alice", Amount: 2, Day: day("2026-11-16")},
		{GoalID: b.ID, TeamID: "acme", User: "bob", Amount: 3, Day: day("2026-11-16")},
		{GoalID: b.ID, TeamID: "acme", User: "alice", Amount: 4, Day: day("2026-11-18")},
		{GoalID: b.ID, TeamID: "acme", User: "alice", Amount: 1, Day: day("2026-11-18")},
		{GoalID: foreign.ID, TeamID: "evil", User: "alice", Amount: 70, Day: day("2026-11-16")},
	} {
		l.At = t0.Add(time.Duration(i) * time.Minute)
		mustLog(t, db, l)
	}
	q := goals.HistoryQuery{TeamID: "acme", Metric: "demos", Unit: goals.UnitCount, From: day("2026-11-01"), To: day("2026-11-30")}
	got, err := db.MetricDays(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	want := []goals.DayTotal{{Day: day("2026-11-16"), Sum: 5, Count: 2, Last: 3}, {Day: day("2026-11-18"), Sum: 5, Count: 2, Last: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("team: got %+v, want %+v", got, want)
	}
	q.UserID = "alice"
	got, _ = db.MetricDays(ctx, q)
	want = []goals.DayTotal{{Day: day("2026-11-16"), Sum: 2, Count: 1, Last: 2}, {Day: day("2026-11-18"), Sum: 5, Count: 2, Last: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("alice: got %+v, want %+v", got, want)
	}
}
