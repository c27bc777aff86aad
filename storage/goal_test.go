package storage_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

func ptr[T any](v T) *T { return &v }

func TestGoals_CRUD(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")

	plain := mustGoal(t, db, newGoal("A", "alice"))
	if plain.ID == 0 || !plain.CreatedAt.Equal(t0) || plain.State != goals.StateActive {
		t.Fatalf("created %+v", plain)
	}

	rich := newGoal("A", "bob")
	rich.Scope, rich.Title, rich.Metric, rich.Unit = goals.ScopeTeam, "Q4 revenue 115,000", "revenue", goals.UnitCNY
	rich.Baseline, rich.Target, rich.Stretch = 10, 115000, ptr(130000.5)
	rich.Cadence, rich.Steps, rich.Priority = goals.CadenceWeekly, []float64{10, 15, 20}, 2
	rich.ParentID = &plain.ID
	rich.Tags = map[string]string{"region": "EU", "channel": "online"}
	mustGoal(t, db, rich)

	level := newGoal("A", "carol")
	level.Kind, level.Direction, level.Unit, level.Metric = goals.KindLevel, goals.Decrease, goals.UnitPercent, "churn"
	level.Baseline, level.Target = 45, 20
	mustGoal(t, db, level)

	for _, want := range []*goals.Goal{plain, rich, level} {
		got, err := db.Goal(ctx, "A", want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, *want) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", got, *want)
		}
	}
	if got, _ := db.Goal(ctx, "A", plain.ID); got.Stretch != nil || got.Steps != nil || got.Tags != nil || got.ParentID != nil {
		t.Fatalf("nil fields came back non-nil: %+v", got)
	}

	t.Run("ErrGoalNotFound", func(t *testing.T) {
		_, err := db.Goal(ctx, "A", 999)
		wantReason(t, err, "goal_not_found")
	})
	t.Run("CreateInvalid", func(t *testing.T) {
		g := newGoal("A", "alice")
		g.Title = " "
		wantReason(t, db.CreateGoal(ctx, g), "title_required")
		if g.ID != 0 {
			t.Fatal("ID set on failure")
		}
	})
	t.Run("CreateTeamMissing", func(t *testing.T) {
		wantReason(t, db.CreateGoal(ctx, newGoal("nope", "alice")), "team_not_found")
	})
	t.Run("Filter", func(t *testing.T) {
		check := func(f goals.GoalFilter, want ...int64) {
			t.Helper()
			f.TeamID = "A"
			gs, err := db.Goals(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, g := range gs {
				ids = append(ids, g.ID)
			}
			if !reflect.DeepEqual(ids, want) {
				t.Fatalf("filter %+v: %v, want %v", f, ids, want)
			}
		}
		check(goals.GoalFilter{}, plain.ID, rich.ID, level.ID)
		check(goals.GoalFilter{Owner: ptr("bob")}, rich.ID)
		check(goals.GoalFilter{Scope: ptr(goals.ScopeTeam)}, rich.ID)
		check(goals.GoalFilter{ParentID: &plain.ID}, rich.ID)
		check(goals.GoalFilter{Metric: ptr("churn")}, level.ID)
		check(goals.GoalFilter{IDs: []int64{level.ID, plain.ID, 999}}, plain.ID, level.ID)
		if _, err := db.UpdateGoal(ctx, "A", level.ID, func(g *goals.Goal) error { g.State = goals.StateDone; return nil }); err != nil {
			t.Fatal(err)
		}
		check(goals.GoalFilter{}, plain.ID, rich.ID)
		check(goals.GoalFilter{States: []goals.State{goals.StateDone, goals.StateArchived}}, level.ID)
		if _, err := db.Goals(ctx, goals.GoalFilter{}); goals.ErrorCode(err) != goals.EInvalid {
			t.Fatalf("filter without team: %v", err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		got, err := db.UpdateGoal(ctx, "A", rich.ID, func(g *goals.Goal) error {
			g.Target, g.Stretch, g.Tags, g.Steps = 120000, nil, nil, nil
			g.ID, g.TeamID = 1234, "B" // ignored: a goal cannot move
			return nil
		})
		if err != nil || got.Target != 120000 || got.Stretch != nil || got.Tags != nil || got.Steps != nil ||
			got.ID != rich.ID || got.TeamID != "A" || !got.CreatedAt.Equal(rich.CreatedAt) {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("UpdateValidationFailureLeavesRow", func(t *testing.T) {
		before, _ := db.Goal(ctx, "A", plain.ID)
		_, err := db.UpdateGoal(ctx, "A", plain.ID, func(g *goals.Goal) error {
			g.Title = "changed"
			g.Deadline = g.Start.AddDays(-1)
			return nil
		})
		wantReason(t, err, "deadline_before_start")
		if after, _ := db.Goal(ctx, "A", plain.ID); !reflect.DeepEqual(after, before) {
			t.Fatalf("row changed:\n%+v\n%+v", after, before)
		}
	})
	t.Run("UpdateFnErrorReturnedAsIs", func(t *testing.T) {
		boom := errors.New("boom")
		if _, err := db.UpdateGoal(ctx, "A", plain.ID, func(*goals.Goal) error { return boom }); err != boom {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("UpdateBadParent", func(t *testing.T) {
		_, err := db.UpdateGoal(ctx, "A", plain.ID, func(g *goals.Goal) error { g.ParentID = &g.ID; return nil })
		wantReason(t, err, "bad_parent")
		_, err = db.UpdateGoal(ctx, "A", plain.ID, func(g *goals.Goal) error { g.ParentID = ptr[int64](999); return nil })
		wantReason(t, err, "goal_not_found")
	})
}

func TestGoals_TeamIsolation(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	mustTeam(t, db, "B")
	ga := mustGoal(t, db, newGoal("A", "alice"))
	mustLog(t, db, goals.Log{GoalID: ga.ID, TeamID: "A", User: "alice", Amount: 5})

	if _, err := db.Goal(ctx, "B", ga.ID); goals.ErrorReason(err) != "goal_not_found" {
		t.Fatalf("team B read team A's goal: %v", err)
	}
	if gs, err := db.Goals(ctx, goals.GoalFilter{TeamID: "B", IDs: []int64{ga.ID}}); err != nil || len(gs) != 0 {
		t.Fatalf("team B listed %v, %v", gs, err)
	}
	if _, err := db.UpdateGoal(ctx, "B", ga.ID, func(g *goals.Goal) error { g.Title = "pwned"; return nil }); goals.ErrorReason(err) != "goal_not_found" {
		t.Fatalf("team B updated team A's goal: %v", err)
	}
	// A child in B cannot hang under A's goal.
	child := newGoal("B", "bob")
	child.ParentID = &ga.ID
	wantReason(t, db.CreateGoal(ctx, child), "goal_not_found")

	l := goals.Log{GoalID: ga.ID, TeamID: "B", User: "bob", Amount: 1}
	_, err := db.AddLog(ctx, &l, nil)
	wantReason(t, err, "goal_not_found")

	_, err = db.Stats(ctx, "B", ga.ID, goals.Date{}, goals.Date{})
	wantReason(t, err, "goal_not_found")
	_, err = db.DailyTotals(ctx, "B", ga.ID, goals.Date{}, goals.Date{})
	wantReason(t, err, "goal_not_found")
	_, err = db.Contributions(ctx, "B", ga.ID, goals.Date{}, goals.Date{})
	wantReason(t, err, "goal_not_found")
	if ls, err := db.Logs(ctx, goals.LogFilter{TeamID: "B"}); err != nil || len(ls) != 0 {
		t.Fatalf("team B logs: %v %v", ls, err)
	}
	if ls, err := db.Logs(ctx, goals.LogFilter{TeamID: "B", GoalID: ga.ID}); err != nil || len(ls) != 0 {
		t.Fatalf("team B logs of A's goal: %v %v", ls, err)
	}
	_, err = db.UndoLastLog(ctx, "B", "alice")
	wantReason(t, err, "nothing_to_undo")
	if s, _ := db.Stats(ctx, "A", ga.ID, goals.Date{}, goals.Date{}); s.Sum != 5 || s.Count != 1 {
		t.Fatalf("team A stats %+v", s)
	}
}

func TestGoals_LoggableBy(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	mustTeam(t, db, "B")
	own := mustGoal(t, db, newGoal("A", "alice"))
	mustGoal(t, db, newGoal("A", "bob")) // someone else's
	team := newGoal("A", "boss")
	team.Scope = goals.ScopeTeam
	mustGoal(t, db, team)
	// A split parent takes no logs while it has an active child; the child does.
	parent := mustGoal(t, db, newGoal("A", "alice"))
	child := newGoal("A", "alice")
	child.ParentID = &parent.ID
	mustGoal(t, db, child)
	// A parent whose children are all closed takes logs again.
	old := mustGoal(t, db, newGoal("A", "alice"))
	oldChild := newGoal("A", "alice")
	oldChild.ParentID = &old.ID
	oldChild.State = goals.StateDone
	mustGoal(t, db, oldChild)
	closed := newGoal("A", "alice")
	closed.State = goals.StateArchived
	mustGoal(t, db, closed)
	otherTeam := newGoal("B", "alice")
	otherTeam.Scope = goals.ScopeTeam
	mustGoal(t, db, otherTeam)

	gs, err := db.Goals(ctx, goals.GoalFilter{TeamID: "A", LoggableBy: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, g := range gs {
		got = append(got, g.ID)
	}
	want := []int64{own.ID, team.ID, child.ID, old.ID}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("loggable by alice: %v, want %v", got, want)
	}
}
