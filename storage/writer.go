package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Group commit.
//
// Every write goes through db.write, and concurrent writes share one
// transaction: the first writer to find the queue empty leads, runs the
// writes queued behind it (up to maxBatch) in arrival order, each inside its
// own SAVEPOINT, and commits once. A log dirties about five pages (the row,
// two indexes, the day's roll-up, the id sequence) and WAL commit cost grows
// with dirty pages, not rows; in a batch the writes of one goal share those
// pages, so under load a log costs a fraction of a commit. Alone, a write
// runs exactly as before: one transaction, no savepoint.
//
// A write that fails rolls back to its savepoint and only its caller sees
// the error. Every caller returns only after the commit that holds its
// write, so nothing is acknowledged before it is durable. An error that
// ends the whole transaction (I/O, a full disk, a failed BEGIN or COMMIT)
// fails every write of the batch: none of them is stored. A caller taken
// into a batch waits for it whatever its ctx says; a batch is short.

// writeFn is the body of a write. ctx carries the caller's values but is
// never cancelled: once a write has started it finishes, since cancelling
// a statement inside a shared transaction would roll back every write in it.
// A writeFn must return every error SQLite gives it: after an I/O error or a
// full disk SQLite has rolled the whole transaction back, and a statement
// run after that would commit on its own.
type writeFn func(ctx context.Context, tx *sql.Tx) error

// maxBatch bounds how many writes one commit carries, so a leader under a
// long burst still answers its own caller soon.
const maxBatch = 64

// Request states. A queued request becomes leading (it runs the next
// batch), running (a leader took it), or abandoned (its caller gave up
// before it started); running and leading end in done.
const (
	reqQueued int32 = iota
	reqLeading
	reqRunning
	reqDone
	reqAbandoned
)

type writeReq struct {
	ctx   context.Context
	fn    writeFn
	alone bool // runs in a transaction of its own (writeAlone)
	state atomic.Int32
	err   error
	// wake gets one signal: the request is done, or it leads now.
	wake chan struct{}
}

// writeQueue is the FIFO of writes waiting for, or in, the current batch.
type writeQueue struct {
	mu sync.Mutex
	q  []*writeReq

	commits, writes atomic.Int64 // for WriteStats
}

// WriteStats counts the transactions committed and the writes they held
// since Open; writes/commits is the mean batch size.
func (db *DB) WriteStats() (commits, writes int64) {
	return db.wq.commits.Load(), db.wq.writes.Load()
}

// write runs fn in an IMMEDIATE transaction on the writer, possibly shared
// with other writes (see group commit above). fn's changes are kept when it
// returns nil and the transaction commits. fn must not use db.w itself: the
// pool has one connection.
func (db *DB) write(ctx context.Context, fn writeFn) error {
	return db.enqueue(&writeReq{ctx: ctx, fn: fn})
}

// writeAlone is write for the rare write that changes how the transaction
// itself behaves (PRAGMA defer_foreign_keys) or fails at COMMIT: it never
// shares its transaction, so nobody else's write depends on it.
func (db *DB) writeAlone(ctx context.Context, fn writeFn) error {
	return db.enqueue(&writeReq{ctx: ctx, fn: fn, alone: true})
}

func (db *DB) enqueue(r *writeReq) error {
	ctx := r.ctx
	if err := ctx.Err(); err != nil {
		return err
	}
	r.wake = make(chan struct{}, 1)
	db.wq.mu.Lock()
	db.wq.q = append(db.wq.q, r)
	leader := len(db.wq.q) == 1
	if leader {
		r.state.Store(reqLeading)
	}
	db.wq.mu.Unlock()

	if !leader {
		select {
		case <-r.wake:
		case <-ctx.Done():
			if r.state.CompareAndSwap(reqQueued, reqAbandoned) {
				return ctx.Err()
			}
			<-r.wake // a leader already took it: wait for the outcome
		}
		if r.state.Load() == reqDone {
			return r.err
		}
		// Otherwise the previous leader handed over: r leads.
	}

	db.wq.mu.Lock()
	n := 1
	if !r.alone {
		// Up to the next write that must be alone: it leads the next batch.
		for n < min(len(db.wq.q), maxBatch) && !db.wq.q[n].alone {
			n++
		}
	}
	batch := append([]*writeReq(nil), db.wq.q[:n]...)
	db.wq.mu.Unlock()

	live := batch[:1] // r, at the front
	for _, b := range batch[1:] {
		if b.state.CompareAndSwap(reqQueued, reqRunning) {
			live = append(live, b)
		}
	}
	// Deferred, so that even a write that escapes runBatch (runtime.Goexit
	// from a test helper, a panic outside call) cannot strand the queue:
	// its batch is told it failed and the next caller leads.
	for _, b := range live {
		b.err = errBatchAborted
	}
	defer func() {
		db.wq.mu.Lock()
		db.wq.q = append(db.wq.q[:0:0], db.wq.q[n:]...)
		// Hand over to the first caller still waiting.
		for len(db.wq.q) > 0 {
			next := db.wq.q[0]
			if next.state.CompareAndSwap(reqQueued, reqLeading) {
				next.wake <- struct{}{}
				break
			}
			db.wq.q = db.wq.q[1:] // abandoned
		}
		db.wq.mu.Unlock()
		for _, b := range live[1:] {
			b.state.Store(reqDone)
			b.wake <- struct{}{}
		}
	}()
	db.runBatch(live)
	return r.err
}

var errBatchAborted = errors.New("write batch aborted")

// runBatch runs the writes of live in one transaction and sets each one's
// err once the outcome is known: nil only for a write that committed. A
// single write needs no savepoint.
func (db *DB) runBatch(live []*writeReq) {
	errs := make([]error, len(live))
	setAll := func(err error) {
		for _, b := range live {
			b.err = err
		}
	}
	// Not the leader's ctx: its caller going away must not roll back the
	// others' writes.
	tx, err := db.w.BeginTx(context.Background(), nil)
	if err != nil {
		setAll(err)
		return
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	bg := context.Background()
	single := len(live) == 1
	for i, b := range live {
		if !single {
			if _, err := db.ws.in(bg, tx, qSavepoint).ExecContext(bg); err != nil {
				setAll(fmt.Errorf("write batch: %w", err))
				return
			}
		}
		errs[i] = call(b, tx)
		if single {
			break
		}
		if errs[i] != nil {
			// Some errors (I/O, a full disk) end the whole transaction in
			// SQLite; then the savepoint is gone and so is every write of
			// the batch.
			if _, err := db.ws.in(bg, tx, qRollbackTo).ExecContext(bg); err != nil {
				setAll(fmt.Errorf("write batch aborted by %v: %w", errs[i], err))
				return
			}
		}
		if _, err := db.ws.in(bg, tx, qRelease).ExecContext(bg); err != nil {
			setAll(fmt.Errorf("write batch: %w", err))
			return
		}
	}
	if single && errs[0] != nil {
		live[0].err = errs[0]
		return
	}
	if err := tx.Commit(); err != nil {
		setAll(err)
		return
	}
	db.wq.commits.Add(1)
	for i, b := range live {
		b.err = errs[i]
		if errs[i] == nil {
			db.wq.writes.Add(1)
		}
	}
}

const (
	qSavepoint  = `SAVEPOINT write_item`
	qRollbackTo = `ROLLBACK TO write_item`
	qRelease    = `RELEASE write_item`
)

// call runs b's fn, turning a panic into an error: in a batch the fn may
// belong to another goroutine's caller, and a panic must not strand the
// callers waiting on this batch.
func call(b *writeReq, tx *sql.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in write: %v\n%s", p, debug.Stack())
		}
	}()
	return b.fn(context.WithoutCancel(b.ctx), tx)
}
