package reminders

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
)

// Runner is the scheduler and the outbox worker, run together.
type Runner struct {
	Scheduler *Scheduler
	Worker    *Worker
}

// New builds the scheduler and the worker over st, delivering through
// senders (by platform: "slack", "telegram", "console"); teams of a
// platform without a sender are not scheduled.
func New(st Store, senders map[string]bot.Sender, clock clockwork.Clock, log *slog.Logger) *Runner {
	w := NewWorker(st, senders, clock, log)
	s := NewScheduler(st, w, clock, log)
	s.Platforms = map[string]bool{}
	for p := range senders {
		s.Platforms[p] = true
	}
	return &Runner{Scheduler: s, Worker: w}
}

// Run runs both until ctx ends, then returns once the tick and the
// delivery in flight have finished.
func (r *Runner) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = r.Worker.Run(ctx)
	}()
	err := r.Scheduler.Run(ctx)
	wg.Wait()
	return err
}

// ConsoleSender prints outgoing messages: the console platform's sender.
type ConsoleSender struct {
	mu  sync.Mutex
	Out io.Writer
}

// Send writes m as text, its thread indented below, and a note of the chart.
func (c *ConsoleSender) Send(_ context.Context, m bot.Outgoing) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	to := "@" + m.UserID
	if m.Channel != "" {
		to = "#" + m.Channel
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n── goalbot → %s ──\n%s\n", to, m.Reply.Text)
	for _, t := range m.Thread {
		fmt.Fprintf(&b, "\n%s\n", t.Text)
	}
	if len(m.Reply.Chart) > 0 {
		fmt.Fprintf(&b, "[chart: %d-byte PNG]\n", len(m.Reply.Chart))
	}
	_, err := io.WriteString(c.Out, b.String())
	return err
}
