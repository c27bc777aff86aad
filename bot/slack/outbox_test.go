package slackbot_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/reminders"
)

// The outbox driven through the real Slack sender against the fake Web
// API: a 429 on part 1 is retried by the outbox after Retry-After (nothing
// was posted), a 500 on part 2 inside Send; each part is posted once and
// the row ends sent after 2 attempts. A refusal retrying cannot fix
// (channel_not_found) fails at once.
func TestOutboxThroughSlackSender(t *testing.T) {
	e := newEnv(t, false)
	r := newOutboxRig(t, e)

	e.slack.failOn("part 1", http.StatusTooManyRequests)
	e.slack.failOn("part 2", http.StatusInternalServerError)
	r.enqueue("C0001", "part 1", "part 2")
	row := r.rows()[0]
	if row.Status != "pending" || row.Attempts != 1 || len(postsTo(e, "C0001")) != 0 {
		t.Fatalf("after the 429: %+v", row)
	}
	if !row.NextAttempt.After(r.clk.Now()) {
		t.Fatalf("retry at %v, not after the 429 at %v", row.NextAttempt, r.clk.Now())
	}
	r.advance(row.NextAttempt.Sub(r.clk.Now()))
	if row := r.rows()[0]; row.Status != "sent" || row.Attempts != 2 {
		t.Fatalf("after the retry: %+v", row)
	}
	got := map[string]int{}
	for _, c := range postsTo(e, "C0001") {
		got[c.Form.Get("text")]++
	}
	if got["part 1"] != 1 || got["part 2"] != 1 || len(got) != 2 {
		t.Fatalf("posted %v, want each part once", got)
	}

	// Part 2 failing until the delivery's time is up: the message fails
	// (no RetryError leaves Send once part 1 is out), so the outbox never
	// posts part 1 again.
	e.slack.failOn("stuck 2", 500, 500, 500, 500, 500, 500, 500, 500, 500, 500)
	r.enqueue("C0002", "stuck 1", "stuck 2")
	if row := r.rows()[1]; row.Status != "failed" || row.Attempts != 1 {
		t.Fatalf("part 2 never delivered: status %s, attempts %d, error %q", row.Status, row.Attempts, row.LastError)
	}
	r.advance(time.Hour)
	if got := postsTo(e, "C0002"); len(got) != 1 || got[0].Form.Get("text") != "stuck 1" {
		t.Fatalf("part 1 posted %d times", len(got))
	}

	e.slack.mu.Lock()
	e.slack.refuse = "channel_not_found"
	e.slack.mu.Unlock()
	r.enqueue("C0404", "nowhere")
	if row := r.rows()[2]; row.Status != "failed" || row.Attempts != 1 {
		t.Fatalf("channel_not_found: %+v", row)
	}
	r.advance(time.Hour)
	if n := len(postsTo(e, "C0404")); n != 1 {
		t.Fatalf("a refused message was tried %d times", n)
	}
}

// outboxRig runs a reminders.Worker on a fake clock over the env's
// database with the adapter's sender for Slack.
type outboxRig struct {
	t   *testing.T
	e   *env
	clk *clockwork.FakeClock
	w   *reminders.Worker
}

func newOutboxRig(t *testing.T, e *env) *outboxRig {
	// The database stamps rows with the real time: start the worker's
	// clock ahead of it so they are due.
	clk := clockwork.NewFakeClockAt(time.Now().Add(time.Minute))
	w := reminders.NewWorker(e.db, map[string]bot.Sender{"slack": e.ad.Sender()}, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.Jitter = func() float64 { return 0.5 }
	w.SendTimeout = 3 * time.Second // a follow-up retried inside Send gives up within it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return &outboxRig{t: t, e: e, clk: clk, w: w}
}

func (r *outboxRig) enqueue(channel, text string, thread ...string) {
	r.t.Helper()
	env := reminders.Envelope{Platform: "slack", TeamID: "slack:" + testTeam, Channel: channel, Reply: reminders.EnvReply{Lang: "en", Text: text}}
	for _, x := range thread {
		env.Thread = append(env.Thread, reminders.EnvReply{Lang: "en", Text: x})
	}
	payload, err := env.Encode()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.e.db.Enqueue(context.Background(), []reminders.OutboxMessage{{TeamID: env.TeamID, Platform: "slack", Chat: channel, Kind: "weekly", Payload: payload}}); err != nil {
		r.t.Fatal(err)
	}
	r.w.Kick()
	r.flush()
}

func (r *outboxRig) flush() {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.w.Flush(ctx); err != nil {
		r.t.Fatal(err)
	}
}

func (r *outboxRig) advance(d time.Duration) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.clk.BlockUntilContext(ctx, 1); err != nil {
		r.t.Fatal(err)
	}
	r.clk.Advance(d)
	r.flush()
}

func (r *outboxRig) rows() []reminders.OutboxRow {
	r.t.Helper()
	rows, err := r.e.db.OutboxRows(context.Background(), "", 0)
	if err != nil {
		r.t.Fatal(err)
	}
	return rows
}
