package reminders_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// With no tuning, a message that only ever meets "try again later" is
// attempted 6 times and then marked failed (README: "after six failures").
func TestWorkerDefaultsToSixAttempts(t *testing.T) {
	retry := &bot.RetryError{Err: errors.New("503")}
	s := &recSender{platform: "slack", errs: []error{retry, retry, retry, retry, retry, retry, retry, retry}}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, nil)
	if r.w.MaxAttempts != 6 {
		t.Fatalf("MaxAttempts = %d, want the default 6", r.w.MaxAttempts)
	}
	r.enqueue("slack", "C1", "hello")
	for i := 0; i < 10 && r.rows()[0].Status == "pending"; i++ {
		r.advance(r.rows()[0].NextAttempt.Sub(r.clk.Now()))
	}
	row := r.rows()[0]
	if row.Status != "failed" || row.Attempts != 6 || s.calls != 6 {
		t.Fatalf("row %+v after %d calls, want failed after 6", row, s.calls)
	}
	r.advance(24 * time.Hour)
	if s.calls != 6 {
		t.Fatalf("a failed message was tried again: %d calls", s.calls)
	}
}

// TestOutboxCrashWindow crashes the worker at every step of a delivery and
// restarts it on the same database file. Only a crash after the platform
// took the message and before MarkOutboxSent committed sends it twice (the
// at-least-once edge the README states); at every other point the message
// reaches the platform exactly once.
func TestOutboxCrashWindow(t *testing.T) {
	for _, tc := range []struct {
		point crashPoint
		want  int // deliveries the platform took, across both runs
	}{
		{crashInSend, 1},
		{crashAfterAccept, 2}, // the one window
		{crashAfterMarkSent, 1},
		{crash429BeforeRetry, 1},
		{crash429AfterRetry, 1},
	} {
		t.Run(tc.point.String(), func(t *testing.T) {
			clk := clockwork.NewFakeClockAt(utc("2026-11-02T09:00:00Z"))
			path := filepath.Join(t.TempDir(), "goalbot.db")
			plat := &platform{}

			// Run 1: dies at the crash point.
			db1 := openAt(t, path, clk)
			d := &dying{point: tc.point, plat: plat, reached: make(chan struct{}), release: make(chan struct{})}
			w1 := reminders.NewWorker(&dyingStore{DB: db1, d: d}, map[string]bot.Sender{"slack": &dyingSender{d: d}}, clk, quiet())
			ctx1, cancel1 := context.WithCancel(context.Background())
			done1 := make(chan struct{})
			go func() { defer close(done1); _ = w1.Run(ctx1) }()
			t.Cleanup(func() { cancel1(); close(d.release); <-done1 })
			env := reminders.Envelope{Platform: "slack", TeamID: "slack:T1", Channel: "C1", Reply: reminders.EnvReply{Lang: "en", Text: "📊 weekly"}}
			payload, _ := env.Encode()
			if err := db1.Enqueue(context.Background(), []reminders.OutboxMessage{{TeamID: "slack:T1", Platform: "slack", Chat: "C1", Kind: "weekly", Payload: payload}}); err != nil {
				t.Fatal(err)
			}
			w1.Kick()
			select {
			case <-d.reached:
			case <-time.After(hangGuard):
				t.Fatal("run 1 never reached the crash point")
			}

			// Run 2: a fresh process on the same file, a healthy platform.
			db2 := openAt(t, path, clk)
			w2 := reminders.NewWorker(db2, map[string]bot.Sender{"slack": plat}, clk, quiet())
			w2.Jitter = func() float64 { return 0.5 }
			ctx2, cancel2 := context.WithCancel(context.Background())
			done2 := make(chan struct{})
			go func() { defer close(done2); _ = w2.Run(ctx2) }()
			t.Cleanup(func() { cancel2(); <-done2 })
			guard, cancel := context.WithTimeout(context.Background(), hangGuard)
			defer cancel()
			w2.Kick()
			if err := w2.Flush(guard); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 5; i++ {
				rows, err := db2.OutboxRows(guard, "", 0)
				if err != nil {
					t.Fatal(err)
				}
				if rows[0].Status != "pending" {
					break
				}
				// A retry the crashed run scheduled falls due.
				if err := clk.BlockUntilContext(guard, 1); err != nil { // run 2 waits on its timer (run 1 is stuck where it died)
					t.Fatal(err)
				}
				clk.Advance(rows[0].NextAttempt.Sub(clk.Now()))
				if err := w2.Flush(guard); err != nil {
					t.Fatal(err)
				}
			}
			rows, err := db2.OutboxRows(guard, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || rows[0].Status != "sent" {
				t.Fatalf("after the restart: %+v", rows)
			}
			if n := plat.count(); n != tc.want {
				t.Fatalf("the platform took the message %d times, want %d", n, tc.want)
			}
		})
	}
}

func openAt(t *testing.T, path string, clk clockwork.Clock) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, storage.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type crashPoint int

const (
	crashInSend         crashPoint = iota // the request is on its way; the platform never takes it
	crashAfterAccept                      // the platform took it; MarkOutboxSent never runs
	crashAfterMarkSent                    // MarkOutboxSent committed
	crash429BeforeRetry                   // a 429 (nothing taken); RetryOutbox never runs
	crash429AfterRetry                    // a 429; RetryOutbox committed
)

func (p crashPoint) String() string {
	return [...]string{"in_send", "after_accept", "after_mark_sent", "429_before_retry", "429_after_retry"}[p]
}

var errDead = errors.New("the process is dead")

// dying is run 1's fate: at its crash point the calling goroutine stops
// (as the process would) and nothing it does later reaches the database
// or the platform.
type dying struct {
	point   crashPoint
	plat    *platform
	dead    atomic.Bool
	once    sync.Once
	reached chan struct{}
	release chan struct{} // closed at the end of the test, to unblock
}

func (d *dying) die() error {
	d.dead.Store(true)
	d.once.Do(func() { close(d.reached) })
	<-d.release
	return errDead
}

type dyingSender struct{ d *dying }

func (s *dyingSender) Send(ctx context.Context, m bot.Outgoing) error {
	d := s.d
	if d.dead.Load() {
		return errDead
	}
	switch d.point {
	case crashInSend:
		return d.die()
	case crashAfterAccept:
		_ = d.plat.Send(ctx, m)
		return d.die()
	case crash429BeforeRetry, crash429AfterRetry:
		return &bot.RetryError{After: 30 * time.Second, Err: errors.New("429 ratelimited")}
	}
	return d.plat.Send(ctx, m)
}

type dyingStore struct {
	*storage.DB
	d *dying
}

func (s *dyingStore) OutboxHeads(ctx context.Context, limit int) ([]reminders.OutboxRow, error) {
	if s.d.dead.Load() {
		return nil, errDead
	}
	return s.DB.OutboxHeads(ctx, limit)
}

func (s *dyingStore) MarkOutboxSent(ctx context.Context, id int64, attempts int, at time.Time) error {
	if s.d.dead.Load() {
		return errDead
	}
	err := s.DB.MarkOutboxSent(ctx, id, attempts, at)
	if s.d.point == crashAfterMarkSent {
		return s.d.die()
	}
	return err
}

func (s *dyingStore) RetryOutbox(ctx context.Context, id int64, attempts int, next time.Time, lastErr string) error {
	if s.d.dead.Load() {
		return errDead
	}
	switch s.d.point {
	case crash429BeforeRetry:
		return s.d.die()
	case crash429AfterRetry:
		_ = s.DB.RetryOutbox(ctx, id, attempts, next, lastErr)
		return s.d.die()
	}
	return s.DB.RetryOutbox(ctx, id, attempts, next, lastErr)
}

func (s *dyingStore) FailOutbox(ctx context.Context, id int64, attempts int, at time.Time, lastErr string) error {
	if s.d.dead.Load() {
		return errDead
	}
	return s.DB.FailOutbox(ctx, id, attempts, at, lastErr)
}

// platform counts the messages it took.
type platform struct {
	mu  sync.Mutex
	got []string
}

func (p *platform) Send(_ context.Context, m bot.Outgoing) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, m.Reply.Text)
	return nil
}

func (p *platform) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.got)
}

// lateSender is a platform that takes the message just as the delivery's
// time runs out (its context ends), then answers.
type lateSender struct{ platform }

func (l *lateSender) Send(ctx context.Context, m bot.Outgoing) error {
	<-ctx.Done()
	return l.platform.Send(ctx, m)
}

// A send that uses up SendTimeout is still recorded: marked sent when the
// platform took it, so it is never sent again.
func TestWorkerRecordsOutcomeAfterSendTimeout(t *testing.T) {
	s := &lateSender{}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, func(w *reminders.Worker) { w.SendTimeout = 50 * time.Millisecond })
	r.enqueue("slack", "C1", "📊 weekly")
	if row := r.rows()[0]; row.Status != "sent" || row.Attempts != 1 {
		t.Fatalf("after a send that used up its time: status %s, attempts %d, error %q", row.Status, row.Attempts, row.LastError)
	}
	r.advance(r.w.Poll) // the next read of the queue
	if n := s.count(); n != 1 {
		t.Fatalf("the platform took the message %d times", n)
	}
}
