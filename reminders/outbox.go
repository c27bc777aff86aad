package reminders

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
)

// Envelope is an outbox row's payload: an outgoing message and, for
// digests, the chart to draw at delivery.
type Envelope struct {
	V        int        `json:"v"`
	Platform string     `json:"platform"`
	TeamID   string     `json:"team"`
	Channel  string     `json:"channel,omitempty"`
	UserID   string     `json:"user,omitempty"`
	Reply    EnvReply   `json:"reply"`
	Thread   []EnvReply `json:"thread,omitempty"`
	Chart    *ChartSpec `json:"chart,omitempty"`
}

// EnvReply is the part of a bot.Reply a scheduled message uses.
type EnvReply struct {
	Lang   string `json:"lang"`
	Text   string `json:"text"`
	Public bool   `json:"public,omitempty"`
}

// Encode is the payload of e.
func (e Envelope) Encode() ([]byte, error) {
	e.V = 1
	return json.Marshal(e)
}

// Outgoing turns the payload into the message a bot.Sender takes, drawing
// the chart (a failed drawing drops the picture, never the message).
func (e Envelope) Outgoing(log *slog.Logger) bot.Outgoing {
	rep := func(r EnvReply) bot.Reply {
		return bot.Reply{OK: true, Lang: r.Lang, Text: r.Text, Public: r.Public, Goals: []bot.GoalView{}, Buttons: []bot.Button{}}
	}
	out := bot.Outgoing{Platform: e.Platform, TeamID: e.TeamID, Channel: e.Channel, UserID: e.UserID, Reply: rep(e.Reply)}
	for _, t := range e.Thread {
		out.Thread = append(out.Thread, rep(t))
	}
	if e.Chart != nil {
		png, err := RenderPNG(e.Chart)
		if err != nil && log != nil {
			log.Warn("digest chart not drawn", "team", e.TeamID, "err", err)
		}
		out.Reply.Chart = png
	}
	return out
}

// DecodeEnvelope reads a payload.
func DecodeEnvelope(b []byte) (Envelope, error) {
	var e Envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return Envelope{}, fmt.Errorf("outbox payload: %w", err)
	}
	return e, nil
}

// OutboxStore is the part of Store the worker uses.
type OutboxStore interface {
	OutboxHeads(ctx context.Context, limit int) ([]OutboxRow, error)
	MarkOutboxSent(ctx context.Context, id int64, attempts int, at time.Time) error
	RetryOutbox(ctx context.Context, id int64, attempts int, next time.Time, lastErr string) error
	FailOutbox(ctx context.Context, id int64, attempts int, at time.Time, lastErr string) error
}

// Worker delivers the outbox: the oldest pending message of each chat
// (messages to one chat keep their order), at most one per chat at a time,
// no closer together than the platform's per-chat pace, Concurrency chats
// at once. A *bot.RetryError (429, 5xx, timeouts) schedules another attempt
// after an exponential back-off with jitter, and never sooner than the
// error's After (Retry-After); any other error, or MaxAttempts attempts,
// marks the message failed (Store.FailedOutbox lists them for `goalbot
// doctor`). Senders deliver a message's follow-ups themselves once its
// first part is out, so a retry never repeats a part (bot.Sender's contract).
//
// Delivery is at least once at the edge: a crash after the platform took a
// message but before it was marked sent sends it again at start-up (the
// platforms take no idempotency key). The claims keep everything else
// exactly once; TestOutboxCrashWindow crashes at every step and shows this
// is the only window (README, "Promises").
type Worker struct {
	store   OutboxStore
	senders map[string]bot.Sender
	clock   clockwork.Clock
	log     *slog.Logger

	MaxAttempts int                      // attempts before a message fails (default 6)
	BaseDelay   time.Duration            // first back-off (default 2 s), doubled per attempt
	MaxDelay    time.Duration            // back-off cap (default 30 min)
	Pace        map[string]time.Duration // least time between two messages to one chat, per platform (default 1 s)
	Concurrency int                      // chats served at once (default 4)
	Poll        time.Duration            // idle re-read of the outbox, for messages queued elsewhere (default 5 min)
	SendTimeout time.Duration            // bound of one delivery (default 60 s)
	Jitter      func() float64           // in [0, 1); default math/rand/v2

	kick  chan struct{}
	flush chan chan struct{}

	mu       sync.Mutex
	lastSent map[string]time.Time
}

// NewWorker builds a worker over the store and the senders by platform.
func NewWorker(st OutboxStore, senders map[string]bot.Sender, clock clockwork.Clock, log *slog.Logger) *Worker {
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	if log == nil {
		log = slog.Default()
	}
	return &Worker{
		store: st, senders: senders, clock: clock, log: log,
		MaxAttempts: 6, BaseDelay: 2 * time.Second, MaxDelay: 30 * time.Minute,
		Concurrency: 4, Poll: 5 * time.Minute, SendTimeout: 60 * time.Second,
		Jitter: rand.Float64,
		kick:   make(chan struct{}, 1), flush: make(chan chan struct{}),
		lastSent: map[string]time.Time{},
	}
}

// Kick tells the worker new messages are queued.
func (w *Worker) Kick() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Flush returns once every message due by the time of the call, and
// queued through this process (Kick), has been attempted. Tests use it to
// step a fake clock deterministically.
func (w *Worker) Flush(ctx context.Context) error {
	done := make(chan struct{})
	select {
	case w.flush <- done:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Run delivers until ctx ends. The delivery in flight when it ends is
// finished (bounded by SendTimeout) and recorded before Run returns.
//
// The queue is read after a Kick, when a retry or a paced message falls
// due, and every Poll (messages another process queued); an idle worker
// costs nothing in between.
func (w *Worker) Run(ctx context.Context) error {
	next := w.drain(ctx)
	lastRead := w.clock.Now()
	for {
		if ctx.Err() != nil {
			return nil
		}
		wait := w.Poll
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(w.clock.Now()), time.Millisecond))
		}
		t := w.clock.NewTimer(wait)
		var done chan struct{}
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-w.kick:
		case done = <-w.flush:
		case <-t.Chan():
		}
		t.Stop()
		if done != nil {
			kicked := false
			select {
			case <-w.kick:
				kicked = true
			default:
			}
			now := w.clock.Now()
			if !kicked && (next.IsZero() || next.After(now)) && now.Before(lastRead.Add(w.Poll)) {
				close(done) // nothing new since the last read
				continue
			}
		}
		next = w.drain(ctx)
		lastRead = w.clock.Now()
		if done != nil {
			close(done)
		}
	}
}

func chatKey(r OutboxRow) string { return r.Platform + "\x00" + r.Chat }

func (w *Worker) pace(platform string) time.Duration {
	if d, ok := w.Pace[platform]; ok {
		return d
	}
	return time.Second
}

// drain delivers until nothing is deliverable now and returns when the
// next message will be (zero: nothing pending).
func (w *Worker) drain(ctx context.Context) time.Time {
	for {
		if ctx.Err() != nil {
			return time.Time{}
		}
		heads, err := w.store.OutboxHeads(ctx, 500)
		if err != nil {
			if ctx.Err() == nil {
				w.log.Error("outbox: read queue", "err", err)
			}
			return w.clock.Now().Add(5 * time.Second)
		}
		now := w.clock.Now()
		var next time.Time
		later := func(t time.Time) {
			if next.IsZero() || t.Before(next) {
				next = t
			}
		}
		var ready []OutboxRow
		w.mu.Lock()
		for _, r := range heads {
			at := r.NextAttempt
			if last, ok := w.lastSent[chatKey(r)]; ok {
				if p := last.Add(w.pace(r.Platform)); p.After(at) {
					at = p
				}
			}
			if at.After(now) {
				later(at)
				continue
			}
			ready = append(ready, r)
		}
		for k, t := range w.lastSent { // forget chats long quiet
			if now.Sub(t) > time.Hour {
				delete(w.lastSent, k)
			}
		}
		w.mu.Unlock()
		if len(ready) == 0 {
			return next
		}
		sem := make(chan struct{}, max(1, w.Concurrency))
		var wg sync.WaitGroup
		for _, r := range ready {
			if ctx.Err() != nil {
				break // stop taking new work; in-flight deliveries finish
			}
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				w.deliver(ctx, r)
			}()
		}
		wg.Wait()
	}
}

func (w *Worker) deliver(ctx context.Context, r OutboxRow) {
	// The delivery outlives a cancelled ctx: graceful stop finishes it.
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.SendTimeout)
	defer cancel()
	// The outcome is recorded under a deadline of its own, started after
	// the send: a send that used up SendTimeout must still be marked, or the
	// row stays pending and the next drain sends it (part 1 at least) again.
	record := func(write func(ctx context.Context) error) error {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
		defer cancel()
		return write(rctx)
	}
	attempts := r.Attempts + 1
	fail := func(err error) {
		if ferr := record(func(rctx context.Context) error {
			return w.store.FailOutbox(rctx, r.ID, attempts, w.clock.Now(), err.Error())
		}); ferr != nil {
			w.log.Error("outbox: mark failed", "id", r.ID, "err", ferr)
		}
		w.log.Warn("outbox: message failed", "id", r.ID, "team", r.TeamID, "platform", r.Platform, "kind", r.Kind, "attempts", attempts, "err", err)
	}
	env, err := DecodeEnvelope(r.Payload)
	if err != nil {
		fail(err)
		return
	}
	s := w.senders[r.Platform]
	if s == nil {
		fail(fmt.Errorf("no sender for platform %q", r.Platform))
		return
	}
	err = s.Send(dctx, env.Outgoing(w.log))
	now := w.clock.Now()
	w.mu.Lock()
	w.lastSent[chatKey(r)] = now
	w.mu.Unlock()
	var re *bot.RetryError
	switch {
	case err == nil:
		if err := record(func(rctx context.Context) error { return w.store.MarkOutboxSent(rctx, r.ID, attempts, now) }); err != nil {
			w.log.Error("outbox: mark sent", "id", r.ID, "err", err)
		}
	case errors.As(err, &re) && attempts < w.MaxAttempts:
		next := now.Add(w.backoff(attempts, re.After))
		if err := record(func(rctx context.Context) error { return w.store.RetryOutbox(rctx, r.ID, attempts, next, err.Error()) }); err != nil {
			w.log.Error("outbox: schedule retry", "id", r.ID, "err", err)
		}
		w.log.Info("outbox: retrying", "id", r.ID, "team", r.TeamID, "platform", r.Platform, "attempt", attempts, "at", next, "err", err)
	default:
		fail(err)
	}
}

// recordTimeout bounds the write that records a delivery's outcome.
const recordTimeout = 10 * time.Second

// backoff is BaseDelay·2^(attempt−1), capped at MaxDelay, with "equal
// jitter" (between half and all of it), and never less than after.
func (w *Worker) backoff(attempt int, after time.Duration) time.Duration {
	d := float64(w.BaseDelay) * math.Pow(2, float64(attempt-1))
	d = math.Min(d, float64(w.MaxDelay))
	j := 0.5
	if w.Jitter != nil {
		j = w.Jitter()
	}
	out := time.Duration(d/2 + d/2*j)
	return max(out, after)
}
