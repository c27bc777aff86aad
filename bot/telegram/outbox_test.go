package telegram

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/reminders"
)

// A follow-up (part 2 of a digest, a Thread reply) answered 429 or 5xx is
// retried inside Send: part 1 goes once, Send succeeds, and so the outbox
// has nothing to retry that would send part 1 again.
func TestSendFollowUpRetriedWithoutResendingFirst(t *testing.T) {
	for _, tc := range []struct{ code, retryAfter int }{{429, 1}, {500, 0}, {502, 0}} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			api := newFakeAPI(t, testToken)
			h := startHarness(t, api, t.TempDir()+"/goalbot.db")
			api.failTextNext("part 2", 1, tc.code, tc.retryAfter)
			m := bot.Outgoing{Platform: "telegram", Channel: "5001", Reply: bot.Reply{OK: true, Lang: "en", Text: "part 1"},
				Thread: []bot.Reply{{OK: true, Lang: "en", Text: "part 2"}, {OK: true, Lang: "en", Text: "part 3"}}}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := h.a.Send(ctx, m); err != nil {
				t.Fatalf("send: %v", err)
			}
			if got := countTexts(api.texts(5001)); got["part 1"] != 1 || got["part 2"] != 1 || got["part 3"] != 1 {
				t.Fatalf("delivered %v, want each part once", got)
			}
			if n := failedSends(api, "part 2"); n != 1 {
				t.Fatalf("part 2 failed %d times, want 1", n)
			}
		})
	}
}

// The outbox driven through the real Telegram sender against the fake Bot
// API: a 429 on part 1 is retried by the outbox after retry_after (nothing
// was sent), a 500 on part 2 inside Send; each part arrives once and the
// row ends sent after 2 attempts. A chat that blocked the bot (403) fails
// at once.
func TestOutboxThroughTelegramSender(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	r := newOutboxRig(t, h)

	api.failTextNext("part 1", 1, 429, 1)
	api.failTextNext("part 2", 1, 500, 0)
	r.enqueue("5001", "part 1", "part 2")
	row := r.rows()[0]
	if row.Status != "pending" || row.Attempts != 1 || len(api.texts(5001)) != 0 {
		t.Fatalf("after the 429: %+v, sent %q", row, api.texts(5001))
	}
	if !row.NextAttempt.After(r.clk.Now()) {
		t.Fatalf("retry at %v, not after the 429 at %v", row.NextAttempt, r.clk.Now())
	}
	r.advance(row.NextAttempt.Sub(r.clk.Now()))
	if row := r.rows()[0]; row.Status != "sent" || row.Attempts != 2 {
		t.Fatalf("after the retry: %+v", row)
	}
	if got := countTexts(api.texts(5001)); got["part 1"] != 1 || got["part 2"] != 1 || len(got) != 2 {
		t.Fatalf("delivered %v, want each part once", got)
	}

	// Part 2 refused with 429 on every one of the sender's attempts: the
	// message fails (no RetryError leaves Send once part 1 is out), so the
	// outbox never sends part 1 again.
	api.failTextNext("stuck 2", 10, 429, 1)
	r.enqueue("5003", "stuck 1", "stuck 2")
	if row := r.rows()[1]; row.Status != "failed" || row.Attempts != 1 {
		t.Fatalf("part 2 never delivered: status %s, attempts %d, error %q", row.Status, row.Attempts, row.LastError)
	}
	r.advance(time.Hour)
	if got := api.texts(5003); len(got) != 1 || got[0] != "stuck 1" {
		t.Fatalf("sent %q, want part 1 once", got)
	}

	api.failTextNext("blocked", 1, 403, 0)
	r.enqueue("5002", "blocked")
	if row := r.rows()[2]; row.Status != "failed" || row.Attempts != 1 {
		t.Fatalf("403: %+v", row)
	}
	r.advance(time.Hour)
	if n := failedSends(api, "blocked"); n != 1 || len(api.texts(5002)) != 0 {
		t.Fatalf("a refused message was tried %d times", n)
	}
}

func countTexts(ts []string) map[string]int {
	out := map[string]int{}
	for _, s := range ts {
		out[s]++
	}
	return out
}

func failedSends(api *fakeAPI, text string) int {
	n := 0
	for _, c := range api.snapshot() {
		if !c.OK && c.Fields["text"] == text {
			n++
		}
	}
	return n
}

// outboxRig runs a reminders.Worker on a fake clock over the harness's
// database with the adapter as its Telegram sender.
type outboxRig struct {
	t   *testing.T
	h   *harness
	clk *clockwork.FakeClock
	w   *reminders.Worker
}

func newOutboxRig(t *testing.T, h *harness) *outboxRig {
	clk := clockwork.NewFakeClockAt(testNow) // the database's clock stamps rows due at testNow
	w := reminders.NewWorker(h.db, map[string]bot.Sender{"telegram": h.a}, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.Jitter = func() float64 { return 0.5 }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return &outboxRig{t: t, h: h, clk: clk, w: w}
}

func (r *outboxRig) enqueue(chat, text string, thread ...string) {
	r.t.Helper()
	env := reminders.Envelope{Platform: "telegram", TeamID: "tg:u" + chat, Channel: chat, Reply: reminders.EnvReply{Lang: "en", Text: text}}
	for _, x := range thread {
		env.Thread = append(env.Thread, reminders.EnvReply{Lang: "en", Text: x})
	}
	payload, err := env.Encode()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.h.db.Enqueue(context.Background(), []reminders.OutboxMessage{{TeamID: env.TeamID, Platform: "telegram", Chat: chat, Kind: "weekly", Payload: payload}}); err != nil {
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

// advance moves the clock once the worker waits on its timer, then lets
// it deliver what fell due.
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
	rows, err := r.h.db.OutboxRows(context.Background(), "", 0)
	if err != nil {
		r.t.Fatal(err)
	}
	return rows
}
