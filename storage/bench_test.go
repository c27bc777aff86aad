package storage_test

import (
	"fmt"
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// BenchmarkRawInsert is the floor: one plain INSERT per transaction with the
// writer's DSN. Compare BenchmarkAddLog against it.
func BenchmarkRawInsert(b *testing.B) { storagetest.RawInsertBaseline(b, b.TempDir()) }

// BenchmarkAddLog is one keyed log per transaction: key check, goal check,
// insert into a table with three indexes.
func BenchmarkAddLog(b *testing.B) {
	db := MustOpenDB(b)
	mustTeam(b, db, "A")
	g := mustGoal(b, db, newGoal("A", "alice"))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 1, Key: fmt.Sprintf("ev%d", i)}
		if _, err := db.AddLog(ctx, &l, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStats aggregates a goal with 10,000 logs over 100 days.
func BenchmarkStats(b *testing.B) {
	db := MustOpenDB(b)
	mustTeam(b, db, "A")
	g := mustGoal(b, db, newGoal("A", "alice"))
	start := goals.NewDate(2026, 1, 1)
	for i := range 10000 {
		l := goals.Log{GoalID: g.ID, TeamID: "A", User: fmt.Sprintf("u%d", i%10), Amount: 1, Day: start.AddDays(i % 100)}
		if _, err := db.AddLog(ctx, &l, nil); err != nil {
			b.Fatal(err)
		}
	}
	from, to := start.AddDays(30), start.AddDays(59)
	b.ReportAllocs()
	for b.Loop() {
		s, err := db.Stats(ctx, "A", g.ID, from, to)
		if err != nil || s.Count != 3000 {
			b.Fatalf("%+v %v", s, err)
		}
	}
}
