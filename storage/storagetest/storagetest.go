// Package storagetest holds helpers for tests and benchmarks that need a
// real storage.DB: a fresh SQLite file per test, never a mock, and the raw
// insert baseline that storage benchmarks are compared against.
package storagetest

import (
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

// OpenRaw opens the file at path with plain database/sql and the writer's
// DSN (WAL, NORMAL, IMMEDIATE), one connection, closed when tb ends: for a
// look behind the store, or for a benchmark's floor.
func OpenRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	dsn, err := storage.DSN(path)
	if err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	return db
}

// TxLoop runs body once per b.Loop iteration, each in a transaction of its
// own on db: the shape of every raw baseline.
func TxLoop(b *testing.B, db *sql.DB, body func(tx *sql.Tx, i int) error) {
	b.Helper()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := inTx(db, i, body); err != nil {
			b.Fatal(err)
		}
	}
}

func inTx(db *sql.DB, i int, body func(tx *sql.Tx, i int) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := body(tx, i); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// RawInsertBaseline measures one single-row INSERT per transaction into a
// plain table, on a file in dir opened with the writer's DSN (WAL, NORMAL,
// IMMEDIATE, one connection). It is the floor any storage write can reach;
// benchmarks of real operations report against it.
func RawInsertBaseline(b *testing.B, dir string) {
	b.Helper()
	db, insert := rawTable(b, dir)
	TxLoop(b, db, insert)
}

// RawInsertBaselineParallel is RawInsertBaseline from b.RunParallel's
// goroutines (GOMAXPROCS × parallelism of them), each insert still its own
// transaction on the one connection: the floor for concurrent writers.
func RawInsertBaselineParallel(b *testing.B, dir string, parallelism int) {
	b.Helper()
	db, insert := rawTable(b, dir)
	b.ReportAllocs()
	b.SetParallelism(parallelism)
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			if err := inTx(db, i, insert); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// rawTable makes the baseline's two-column table in dir and returns the
// body that inserts row i.
func rawTable(b *testing.B, dir string) (*sql.DB, func(*sql.Tx, int) error) {
	db := OpenRaw(b, filepath.Join(dir, "raw.db"))
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, v REAL NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	stmt, err := db.Prepare(`INSERT INTO raw (v) VALUES (?)`)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stmt.Close() })
	return db, func(tx *sql.Tx, i int) error {
		_, err := tx.Stmt(stmt).Exec(float64(i))
		return err
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
	raw := OpenRaw(b, db.Path())
	ins, err := raw.Prepare(`INSERT INTO logs (goal_id, team_id, user_id, amount, note, at, day, idem_key)
		VALUES (?, ?, 'raw', 1, '', ?, '2026-11-16', ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer ins.Close()
	roll, err := raw.Prepare(`INSERT INTO log_days (goal_id, team_id, day, total, n) VALUES (?, ?, '2026-11-16', 1, 1)
		ON CONFLICT (goal_id, day) DO UPDATE SET total = total + excluded.total, n = n + 1`)
	if err != nil {
		b.Fatal(err)
	}
	defer roll.Close()
	TxLoop(b, raw, func(tx *sql.Tx, i int) error {
		var key any
		if keyed {
			key = "raw:" + strconv.Itoa(i)
		}
		if _, err := tx.Stmt(ins).Exec(goalID, teamID, int64(i), key); err != nil {
			return err
		}
		_, err := tx.Stmt(roll).Exec(goalID, teamID)
		return err
	})
}
