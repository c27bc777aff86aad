package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The group-commit tests hold the leader inside its write until the
// followers have queued, so the batch they form is certain, not a matter of
// timing.

func openWriterDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func insertEvent(key string) writeFn {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO events (key, at) VALUES (?, 0)`, key)
		return err
	}
}

func eventKeys(t *testing.T, db *DB) map[string]bool {
	t.Helper()
	rows, err := db.r.Query(`SELECT key FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		out[k] = true
	}
	return out
}

// queueLen waits until n writes are queued (the leader included).
func queueLen(t *testing.T, db *DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		db.wq.mu.Lock()
		got := len(db.wq.q)
		db.wq.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("queue never reached %d writes", n)
}

// holdLeader starts a write that leads (the queue must be empty) and holds
// the writer until the returned release is called; release waits for that
// write's own result.
func holdLeader(t *testing.T, db *DB) (release func()) {
	t.Helper()
	hold := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.write(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
			<-hold
			return insertEvent("leader")(ctx, tx)
		})
	}()
	queueLen(t, db, 1)
	return func() {
		t.Helper()
		close(hold)
		if err := <-done; err != nil {
			t.Fatalf("leader: %v", err)
		}
	}
}

// batch holds a leader write until followers are queued behind it, then
// releases it; it returns each follower's error in order.
func batch(t *testing.T, db *DB, followers []writeFn) []error {
	t.Helper()
	release := holdLeader(t, db)
	errs := make([]error, len(followers))
	var wg sync.WaitGroup
	for i, fn := range followers {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.write(context.Background(), fn) }()
		queueLen(t, db, i+2) // one at a time: the queue order is the test's
	}
	release()
	wg.Wait()
	return errs
}

func TestWriteGroupCommit(t *testing.T) {
	db := openWriterDB(t)
	c0, w0 := db.WriteStats()
	var fns []writeFn
	for i := range 10 {
		fns = append(fns, insertEvent(fmt.Sprint("f", i)))
	}
	for i, err := range batch(t, db, fns) {
		if err != nil {
			t.Fatalf("follower %d: %v", i, err)
		}
	}
	c1, w1 := db.WriteStats()
	// The leader commits alone (the queue was empty when it started); the
	// ten queued behind it share the next commit.
	if c1-c0 != 2 || w1-w0 != 11 {
		t.Fatalf("%d commits for %d writes, want 2 for 11", c1-c0, w1-w0)
	}
	if got := eventKeys(t, db); len(got) != 11 {
		t.Fatalf("stored %d of 11: %v", len(got), got)
	}
}

func TestWriteBatchIsolatesFailures(t *testing.T) {
	db := openWriterDB(t)
	boom := errors.New("refused")
	fns := []writeFn{
		insertEvent("a"),
		func(ctx context.Context, tx *sql.Tx) error { // writes, then fails: its row must go
			if err := insertEvent("b-partial")(ctx, tx); err != nil {
				return err
			}
			return boom
		},
		insertEvent("a"), // duplicate primary key: SQLite refuses this statement
		func(ctx context.Context, tx *sql.Tx) error { // a bug in one caller's write
			if err := insertEvent("c-partial")(ctx, tx); err != nil {
				return err
			}
			var m map[string]int
			m["x"] = 1
			return nil
		},
		insertEvent("d"),
	}
	errs := batch(t, db, fns)
	if errs[0] != nil || errs[4] != nil {
		t.Fatalf("healthy writes failed: %v, %v", errs[0], errs[4])
	}
	if !errors.Is(errs[1], boom) {
		t.Fatalf("failing write: %v", errs[1])
	}
	if errs[2] == nil || !strings.Contains(errs[2].Error(), "UNIQUE") {
		t.Fatalf("duplicate key: %v", errs[2])
	}
	if errs[3] == nil || !strings.Contains(errs[3].Error(), "panic") {
		t.Fatalf("panicking write: %v", errs[3])
	}
	got := eventKeys(t, db)
	want := map[string]bool{"leader": true, "a": true, "d": true}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
}

func TestWriteAbandonedWhileQueued(t *testing.T) {
	db := openWriterDB(t)
	release := holdLeader(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{}, 1)
	goneErr := make(chan error, 1)
	go func() {
		goneErr <- db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
			ran <- struct{}{}
			return insertEvent("gone")(ctx, tx)
		})
	}()
	queueLen(t, db, 2)
	keptErr := make(chan error, 1)
	go func() { keptErr <- db.write(context.Background(), insertEvent("kept")) }()
	queueLen(t, db, 3)
	// The caller gives up while the leader still holds the writer: it
	// returns at once, and its write never runs.
	cancel()
	if err := <-goneErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned write: %v", err)
	}
	release()
	if err := <-keptErr; err != nil {
		t.Fatal(err)
	}
	select {
	case <-ran:
		t.Fatal("an abandoned write ran")
	default:
	}
	if got := eventKeys(t, db); got["gone"] || !got["kept"] || !got["leader"] {
		t.Fatalf("stored %v", got)
	}
	// The queue is empty again, so the next write leads at once.
	if err := db.write(context.Background(), insertEvent("after")); err != nil {
		t.Fatal(err)
	}
}

// Many writers, none lost, and later writes see earlier ones: a counter
// incremented by read-modify-write in every write ends at the total.
func TestWriteConcurrentReadModifyWrite(t *testing.T) {
	db := openWriterDB(t)
	if err := db.write(context.Background(), insertEvent("0")); err != nil {
		t.Fatal(err)
	}
	const workers, each = 16, 200
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := db.write(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
					_, err := tx.ExecContext(ctx, `UPDATE events SET at = at + 1 WHERE key = '0'`)
					return err
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	var n int
	if err := db.r.QueryRow(`SELECT at FROM events WHERE key = '0'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	commits, writes := db.WriteStats()
	if n != workers*each {
		t.Fatalf("counter %d, want %d", n, workers*each)
	}
	t.Logf("%d writes in %d commits", writes, commits)
}

// A write that must be alone ends the batch before it and leads its own.
func TestWriteAloneRunsAlone(t *testing.T) {
	db := openWriterDB(t)
	c0, w0 := db.WriteStats()
	release := holdLeader(t, db)
	errs := make(chan error, 4)
	enqueue := func(alone bool, key string) {
		go func() {
			if alone {
				errs <- db.writeAlone(context.Background(), insertEvent(key))
			} else {
				errs <- db.write(context.Background(), insertEvent(key))
			}
		}()
	}
	enqueue(false, "a")
	queueLen(t, db, 2)
	enqueue(true, "alone")
	queueLen(t, db, 3)
	enqueue(false, "b")
	queueLen(t, db, 4)
	enqueue(false, "c")
	queueLen(t, db, 5)
	release()
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	// leader alone (it found the queue empty); then a; then the alone
	// write; then b and c together.
	c1, w1 := db.WriteStats()
	if c1-c0 != 4 || w1-w0 != 5 {
		t.Fatalf("%d commits for %d writes, want 4 for 5", c1-c0, w1-w0)
	}
}

// A write that leaves its goroutine (runtime.Goexit: t.Fatal in a helper)
// in the middle of a batch fails the batch's other writes instead of
// leaving them, and every later writer, waiting forever.
func TestWriteGoexitInBatch(t *testing.T) {
	db := openWriterDB(t)
	release := holdLeader(t, db)
	errs := make(chan error, 2)
	go func() { errs <- db.write(context.Background(), insertEvent("first")) }() // leads the batch
	queueLen(t, db, 2)
	go func() {
		errs <- db.write(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
			if err := insertEvent("gone")(ctx, tx); err != nil {
				return err
			}
			runtime.Goexit() // ends the leader's goroutine, which runs this
			return nil
		})
	}()
	queueLen(t, db, 3)
	go func() { errs <- db.write(context.Background(), insertEvent("third")) }()
	queueLen(t, db, 4)
	release()
	// "first" never returns (its goroutine ran the Goexit); the other two do.
	for range 2 {
		if err := <-errs; !errors.Is(err, errBatchAborted) {
			t.Fatalf("write in the aborted batch: %v", err)
		}
	}
	if err := db.write(context.Background(), insertEvent("after")); err != nil {
		t.Fatalf("write after the aborted batch: %v", err)
	}
	got := eventKeys(t, db)
	if got["first"] || got["gone"] || got["third"] || !got["after"] {
		t.Fatalf("stored %v", got)
	}
}

// A deferred foreign key that fails at COMMIT fails that write alone, and
// the writer connection is usable after it.
func TestWriteAloneCommitFailure(t *testing.T) {
	db := openWriterDB(t)
	err := db.writeAlone(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO members (team_id, user_id) VALUES ('nobody', 'u')`)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("commit with a dangling row: %v", err)
	}
	if err := db.write(context.Background(), insertEvent("after")); err != nil {
		t.Fatalf("write after a failed commit: %v", err)
	}
	// Foreign keys are immediate again.
	err = db.write(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO members (team_id, user_id) VALUES ('nobody', 'u')`)
		return err
	})
	if err == nil {
		t.Fatal("dangling member accepted")
	}
}
