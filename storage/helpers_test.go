package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

var ctx = context.Background()

// t0 is the fixed instant the test clock starts at.
var t0 = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)

// MustOpenDB opens a fresh database file with a pinned clock.
func MustOpenDB(tb testing.TB, opts ...storage.Option) *storage.DB {
	tb.Helper()
	return storagetest.MustOpenDB(tb, append([]storage.Option{storage.WithClock(goals.ClockFunc(func() time.Time { return t0 }))}, opts...)...)
}

func mustTeam(tb testing.TB, db *storage.DB, id string) goals.Team {
	tb.Helper()
	t, err := db.EnsureTeam(ctx, goals.Team{ID: id, Name: "Team " + id, TZ: "Asia/Shanghai", Lang: "en"})
	if err != nil {
		tb.Fatalf("ensure team %s: %v", id, err)
	}
	return t
}

// newGoal is a valid goal of team; mutate it before creating.
func newGoal(team, owner string) *goals.Goal {
	return &goals.Goal{
		TeamID: team, Owner: owner, Scope: goals.ScopeIndividual, Title: "20 demos this week",
		Metric: "demos", Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase,
		Baseline: 0, Target: 20,
		Start: goals.NewDate(2026, 11, 16), Deadline: goals.NewDate(2026, 11, 22),
	}
}

func mustGoal(tb testing.TB, db *storage.DB, g *goals.Goal) *goals.Goal {
	tb.Helper()
	if err := db.CreateGoal(ctx, g); err != nil {
		tb.Fatalf("create goal: %v", err)
	}
	return g
}

func mustLog(tb testing.TB, db *storage.DB, l goals.Log) goals.Log {
	tb.Helper()
	if _, err := db.AddLog(ctx, &l, nil); err != nil {
		tb.Fatalf("add log: %v", err)
	}
	return l
}

func wantReason(tb testing.TB, err error, reason string) {
	tb.Helper()
	if got := goals.ErrorReason(err); got != reason {
		tb.Fatalf("error %v: reason %q, want %q", err, got, reason)
	}
}

// countLogs is the number of logs of every team.
func countLogs(tb testing.TB, db *storage.DB) int {
	tb.Helper()
	ls, err := db.Logs(ctx, goals.LogFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return len(ls)
}
