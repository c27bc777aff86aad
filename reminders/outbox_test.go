package reminders_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// workerRig runs a Worker on a fake clock over a real database.
type workerRig struct {
	t      *testing.T
	clk    *clockwork.FakeClock
	db     *storage.DB
	w      *reminders.Worker
	cancel context.CancelFunc
	done   chan struct{}
}

func newWorkerRig(t *testing.T, senders map[string]bot.Sender, tune func(*reminders.Worker)) *workerRig {
	clk := clockwork.NewFakeClockAt(utc("2026-11-02T09:00:00Z"))
	r := &workerRig{t: t, clk: clk, db: mustOpen(t, clk), done: make(chan struct{})}
	for _, s := range senders {
		if rs, ok := s.(*recSender); ok {
			rs.clock = clk
		}
	}
	r.w = reminders.NewWorker(r.db, senders, clk, quiet())
	r.w.Jitter = func() float64 { return 0.5 }
	if tune != nil {
		tune(r.w)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { defer close(r.done); _ = r.w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-r.done })
	return r
}

func (r *workerRig) enqueue(platform, chat, text string) {
	r.t.Helper()
	env := reminders.Envelope{Platform: platform, TeamID: "slack:T1", Channel: chat, Reply: reminders.EnvReply{Lang: "en", Text: text}}
	payload, err := env.Encode()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.db.Enqueue(context.Background(), []reminders.OutboxMessage{{TeamID: "slack:T1", Platform: platform, Chat: chat, Kind: "weekly", Payload: payload}}); err != nil {
		r.t.Fatal(err)
	}
	r.w.Kick()
	r.flush()
}

func (r *workerRig) flush() {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	if err := r.w.Flush(ctx); err != nil {
		r.t.Fatal(err)
	}
}

// advance moves the clock once the worker waits on its timer.
func (r *workerRig) advance(d time.Duration) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	if err := r.clk.BlockUntilContext(ctx, 1); err != nil {
		r.t.Fatal(err)
	}
	r.clk.Advance(d)
	r.flush()
}

func (r *workerRig) rows() []reminders.OutboxRow {
	r.t.Helper()
	rows, err := r.db.OutboxRows(context.Background(), "", 0)
	if err != nil {
		r.t.Fatal(err)
	}
	return rows
}

func TestWorker429ThenSuccessDeliversOnce(t *testing.T) {
	s := &recSender{platform: "slack", errs: []error{&bot.RetryError{After: 30 * time.Second, Err: errors.New("429 ratelimited")}}}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, nil)
	r.enqueue("slack", "C1", "📊 digest")

	if s.calls != 1 || len(s.sends()) != 0 {
		t.Fatalf("after the 429: %d calls, %d delivered", s.calls, len(s.sends()))
	}
	row := r.rows()[0]
	if row.Status != "pending" || row.Attempts != 1 || !row.NextAttempt.Equal(utc("2026-11-02T09:00:30Z")) {
		t.Fatalf("after the 429: %+v", row)
	}
	r.advance(29 * time.Second) // Retry-After is honoured: not yet
	if s.calls != 1 {
		t.Fatalf("retried before Retry-After: %d calls", s.calls)
	}
	r.advance(time.Second)
	got := s.sends()
	if s.calls != 2 || len(got) != 1 || !got[0].At.Equal(utc("2026-11-02T09:00:30Z")) {
		t.Fatalf("calls %d, sends %+v", s.calls, got)
	}
	row = r.rows()[0]
	if row.Status != "sent" || row.Attempts != 2 || row.LastError != "" {
		t.Fatalf("after success: %+v", row)
	}
	r.advance(time.Hour) // nothing more, ever
	if s.calls != 2 {
		t.Fatalf("sent again: %d calls", s.calls)
	}
}

func TestWorkerBackoffThenFailed(t *testing.T) {
	retry := &bot.RetryError{Err: errors.New("503")}
	s := &recSender{platform: "slack", errs: []error{retry, retry, retry, retry}}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, func(w *reminders.Worker) {
		w.MaxAttempts, w.BaseDelay = 3, 2*time.Second
	})
	r.enqueue("slack", "C1", "hello")
	// Back-off with jitter 0.5: 2 s → 1.5 s, then 4 s → 3 s.
	want := []time.Time{utc("2026-11-02T09:00:01.5Z"), utc("2026-11-02T09:00:04.5Z")}
	for i, at := range want {
		row := r.rows()[0]
		if !row.NextAttempt.Equal(at) || row.Attempts != i+1 {
			t.Fatalf("attempt %d: next %s attempts %d, want %s", i+1, row.NextAttempt, row.Attempts, at)
		}
		r.advance(at.Sub(r.clk.Now()))
	}
	failed, err := r.db.FailedOutbox(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].Attempts != 3 || failed[0].LastError == "" || s.calls != 3 {
		t.Fatalf("failed rows %+v, calls %d", failed, s.calls)
	}
}

func TestWorkerPermanentErrorFailsAtOnce(t *testing.T) {
	s := &recSender{platform: "slack", errs: []error{errors.New("channel_not_found")}}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, nil)
	r.enqueue("slack", "C1", "hello")
	r.enqueue("telegram", "-1", "no sender for this platform")
	rows := r.rows()
	if rows[0].Status != "failed" || rows[0].Attempts != 1 || rows[1].Status != "failed" {
		t.Fatalf("rows %+v", rows)
	}
}

func TestWorkerPacesEachChatAndKeepsOrder(t *testing.T) {
	s := &recSender{platform: "slack"}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": s}, func(w *reminders.Worker) {
		w.Pace = map[string]time.Duration{"slack": 2 * time.Second}
	})
	ctx := context.Background()
	var msgs []reminders.OutboxMessage
	for _, m := range []struct{ chat, text string }{{"C1", "one"}, {"C1", "two"}, {"C2", "other"}, {"C1", "three"}} {
		env := reminders.Envelope{Platform: "slack", TeamID: "slack:T1", Channel: m.chat, Reply: reminders.EnvReply{Text: m.text}}
		p, _ := env.Encode()
		msgs = append(msgs, reminders.OutboxMessage{TeamID: "slack:T1", Platform: "slack", Chat: m.chat, Payload: p})
	}
	if err := r.db.Enqueue(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	r.w.Kick()
	r.flush()
	r.advance(2 * time.Second)
	r.advance(2 * time.Second)
	var got []string
	for _, x := range s.sends() {
		got = append(got, x.At.Format("05")+" "+x.Chat+" "+x.Text)
	}
	slices.Sort(got) // chats are served concurrently: order within a chat is what counts
	want := []string{"00 C1 one", "00 C2 other", "02 C1 two", "04 C1 three"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

// blockingSender holds a delivery until released.
type blockingSender struct {
	started, release chan struct{}
}

func (b *blockingSender) Send(ctx context.Context, _ bot.Outgoing) error {
	close(b.started)
	<-b.release
	return ctx.Err() // the delivery's context outlives the worker's
}

func TestWorkerGracefulStopFinishesInFlight(t *testing.T) {
	b := &blockingSender{started: make(chan struct{}), release: make(chan struct{})}
	r := newWorkerRig(t, map[string]bot.Sender{"slack": b}, nil)
	env := reminders.Envelope{Platform: "slack", TeamID: "slack:T1", Channel: "C1", Reply: reminders.EnvReply{Text: "x"}}
	p, _ := env.Encode()
	if err := r.db.Enqueue(context.Background(), []reminders.OutboxMessage{{TeamID: "slack:T1", Platform: "slack", Chat: "C1", Payload: p}}); err != nil {
		t.Fatal(err)
	}
	r.w.Kick()
	<-b.started
	r.cancel() // stop while the message is in flight
	select {
	case <-r.done:
		t.Fatal("Run returned with a delivery in flight")
	default:
	}
	close(b.release)
	<-r.done
	if row := r.rows()[0]; row.Status != "sent" {
		t.Fatalf("in-flight delivery not recorded: %+v", row)
	}
}
