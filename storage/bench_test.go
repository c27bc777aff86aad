package storage_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// BenchmarkRawInsert is the floor: one plain INSERT per transaction with the
// writer's DSN. Compare BenchmarkAddLog against it.
func BenchmarkRawInsert(b *testing.B) { storagetest.RawInsertBaseline(b, b.TempDir()) }

// BenchmarkLogFloor measures what storing one log costs before any code of
// ours runs, one transaction per row, same DSN, same run:
//
//	row        a single-row insert into a two-column table (the baseline)
//	required   a log row with the two indexes the foundation issue itself
//	           requires: a unique idempotency key per team, and goal + day so
//	           aggregates run in SQL; keyed, as platform events are
//	goalbot    the row in goalbot's schema (those two, the undo index, the
//	           AUTOINCREMENT sequence, the composite foreign key) and its
//	           day's roll-up; unkeyed and keyed
//
// Each index is one more B-tree page dirtied and written to the WAL at
// commit. On the development machine "required" alone costs 1.8x "row",
// leaving a few microseconds of a 2x budget for everything a command does
// besides (identity, parsing, choosing the goal, the figures of the reply):
//
//	go test -run '^$' -bench LogFloor -benchtime 5000x -count 3 ./storage/
func BenchmarkLogFloor(b *testing.B) {
	b.Run("row", func(b *testing.B) { storagetest.RawInsertBaseline(b, b.TempDir()) })
	b.Run("required", func(b *testing.B) {
		raw := storagetest.OpenRaw(b, filepath.Join(b.TempDir(), "required.db"))
		if _, err := raw.Exec(`
			CREATE TABLE logs (id INTEGER PRIMARY KEY, goal_id INTEGER NOT NULL, team_id TEXT NOT NULL,
				user_id TEXT NOT NULL, amount REAL NOT NULL, note TEXT NOT NULL, at INTEGER NOT NULL,
				day TEXT NOT NULL, idem_key TEXT) STRICT;
			CREATE UNIQUE INDEX logs_idem ON logs (team_id, idem_key) WHERE idem_key IS NOT NULL;
			CREATE INDEX logs_goal_day ON logs (goal_id, day)`); err != nil {
			b.Fatal(err)
		}
		ins, err := raw.Prepare(`INSERT INTO logs (goal_id, team_id, user_id, amount, note, at, day, idem_key)
			VALUES (1, 'A', 'alice', 1, '', ?, '2026-11-16', ?)`)
		if err != nil {
			b.Fatal(err)
		}
		defer ins.Close()
		storagetest.TxLoop(b, raw, func(tx *sql.Tx, i int) error {
			_, err := tx.Stmt(ins).Exec(int64(i), "ev"+strconv.Itoa(i))
			return err
		})
	})
	for _, keyed := range []bool{false, true} {
		name := "goalbot"
		if keyed {
			name += "-keyed"
		}
		b.Run(name, func(b *testing.B) {
			db := MustOpenDB(b)
			mustTeam(b, db, "A")
			g := mustGoal(b, db, newGoal("A", "alice"))
			storagetest.RawLogRowBaseline(b, db, "A", g.ID, keyed)
		})
	}
}

// BenchmarkAddLog is one keyed log per transaction through the store: the
// insert (key and goal checked by the unique index and the foreign key)
// and the day's roll-up. Compare it with BenchmarkLogFloor/goalbot-keyed.
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
