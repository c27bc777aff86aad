// Package storagetest holds helpers for tests and benchmarks that need a
// real storage.DB: a fresh SQLite file per test, never a mock, and the raw
// insert baseline that storage benchmarks are compared against.
package storagetest

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/goalbot/goalbot/storage"
)

// MustOpenDB opens a new database file under tb.TempDir() and closes it when
// the test ends.
func MustOpenDB(tb testing.TB, opts ...storage.Option) *storage.DB {
	tb.Helper()
	db, err := storage.Open(filepath.Join(tb.TempDir(), "goalbot.db"), opts...)
	if err != nil {
		tb.Fatalf("open db: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close db: %v", err)
		}
	})
	return db
}

// RawInsertBaseline measures one single-row INSERT per transaction into a
// plain table, on a file in dir opened with the writer's DSN (WAL, NORMAL,
// IMMEDIATE, one connection). It is the floor any storage write can reach;
// benchmarks of real operations report against it.
func RawInsertBaseline(b *testing.B, dir string) {
	b.Helper()
	db, stmt := openRaw(b, dir)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		rawInsert(b, db, stmt, float64(i))
	}
}

// RawInsertBaselineParallel is RawInsertBaseline from b.RunParallel's
// goroutines (GOMAXPROCS × parallelism of them), each insert still its own
// transaction on the one connection: the floor for concurrent writers.
func RawInsertBaselineParallel(b *testing.B, dir string, parallelism int) {
	b.Helper()
	db, stmt := openRaw(b, dir)
	b.ReportAllocs()
	b.SetParallelism(parallelism)
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			rawInsert(b, db, stmt, float64(i))
		}
	})
}

func openRaw(b *testing.B, dir string) (*sql.DB, *sql.Stmt) {
	dsn, err := storage.DSN(filepath.Join(dir, "raw.db"))
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, v REAL NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	stmt, err := db.PrepareContext(ctx, `INSERT INTO raw (v) VALUES (?)`)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stmt.Close() })
	return db, stmt
}

func rawInsert(b *testing.B, db *sql.DB, stmt *sql.Stmt, v float64) {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Error(err)
		return
	}
	if _, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, v); err != nil {
		b.Error(err)
		_ = tx.Rollback()
		return
	}
	if err := tx.Commit(); err != nil {
		b.Error(err)
	}
}

// RawLogRowBaseline is the floor for storing one log in goalbot's schema:
// per transaction, a hand-written INSERT of a log row for goalID (its
// indexes and foreign key included) and the upsert of its day's roll-up,
// through a connection of its own with the writer's DSN. No engine, no
// figures; keyed gives each row an idempotency key, as Slack and Telegram
// events have. The gap between RawInsertBaseline and this is what the schema
// costs (the indexes and roll-up the reads need); the gap between this and a
// command is what the code costs.
func RawLogRowBaseline(b *testing.B, db *storage.DB, teamID string, goalID int64, keyed bool) {
	b.Helper()
	dsn, err := storage.DSN(db.Path())
	if err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	ctx := context.Background()
	ins, err := raw.PrepareContext(ctx, `INSERT INTO logs (goal_id, team_id, user_id, amount, note, at, day, idem_key)
		VALUES (?, ?, 'raw', 1, '', ?, '2026-11-16', ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer ins.Close()
	roll, err := raw.PrepareContext(ctx, `INSERT INTO log_days (goal_id, team_id, day, total, n) VALUES (?, ?, '2026-11-16', 1, 1)
		ON CONFLICT (goal_id, day) DO UPDATE SET total = total + excluded.total, n = n + 1`)
	if err != nil {
		b.Fatal(err)
	}
	defer roll.Close()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		var key any
		if keyed {
			key = "raw:" + strconv.Itoa(i)
		}
		if _, err := tx.StmtContext(ctx, ins).ExecContext(ctx, goalID, teamID, int64(i), key); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.StmtContext(ctx, roll).ExecContext(ctx, goalID, teamID); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
