package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// runner is a long-running part of the bot process (a platform adapter, the
// scheduler). Run returns when ctx is cancelled, after finishing in-flight work.
type runner struct {
	name string
	run  func(ctx context.Context) error
}

// shutdownGrace bounds graceful shutdown (SPEC: within 10 s).
const shutdownGrace = 10 * time.Second

// runBot runs every configured platform, the scheduler and the HTTP server;
// with no platform configured, the terminal chat.
func (m *Main) runBot(ctx context.Context, args []string) error {
	fs := m.flagSet("goalbot")
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	if err := m.setup(false); err != nil {
		return err
	}
	defer m.Close()
	if !m.cfg.SlackEnabled() && !m.cfg.TelegramEnabled() {
		m.quietLogs()
		return m.consoleWithScheduler(ctx, m.engine())
	}
	eng := m.engine()

	mux := http.NewServeMux()
	m.senders = map[string]bot.Sender{}
	var runners []runner
	add := func(r *runner, err error) error {
		if err != nil {
			return err
		}
		if r != nil {
			runners = append(runners, *r)
		}
		return nil
	}
	if m.cfg.SlackEnabled() {
		if err := add(m.startSlack(ctx, eng, mux)); err != nil {
			return fmt.Errorf("slack: %w", err)
		}
	}
	if m.cfg.TelegramEnabled() {
		if err := add(m.startTelegram(ctx, eng, mux)); err != nil {
			return fmt.Errorf("telegram: %w", err)
		}
	}
	if err := add(m.startReminders(ctx, eng)); err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	runners = append(runners, *m.housekeeping())
	m.mountOps(mux)
	return m.serve(ctx, mux, runners)
}

// consoleWithScheduler is the bot with no platform: the terminal chat, with
// reminders and digests printed into it as they fall due.
func (m *Main) consoleWithScheduler(ctx context.Context, eng *bot.Engine) error {
	r, err := m.startReminders(ctx, eng)
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.run(sctx); err != nil && !errors.Is(err, context.Canceled) {
			m.log.Warn("scheduler stopped", "err", err)
		}
	}()
	err = m.chat(ctx, eng, "local", loginName(m.Getenv), goals.RoleManager)
	stop()
	<-done // the delivery in flight finishes before the database closes
	return err
}

// serve runs the HTTP server and the runners until ctx ends or one fails,
// then shuts down in order, within shutdownGrace (SPEC: 10 s): /healthz
// turns 503; the HTTP server stops accepting and finishes the requests in
// flight (Slack commands, Telegram webhook updates), for at most half the
// grace; then the runners are cancelled: polling and the scheduler stop
// taking work, in-flight commands and the outbox delivery in flight
// finish; the caller closes the database after serve returns. A second
// before the grace ends serve returns even with work in flight (its writes
// are committed or not at all; an unanswered update is redelivered).
func (m *Main) serve(ctx context.Context, mux *http.ServeMux, runners []runner) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ln, err := net.Listen("tcp", m.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.cfg.HTTPAddr, err)
	}
	m.httpAddr = ln.Addr().String()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	health := m.ops().health
	errc := make(chan error, len(runners)+1)
	httpDone := make(chan struct{})
	go func() {
		defer close(httpDone)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	m.log.Info("goalbot started", "http", m.httpAddr, "version", version)
	// Runners see their own context, cancelled only after the HTTP server
	// has drained: Slack's and Telegram's webhook handlers need their
	// adapter running until the last request is answered.
	rctx, rcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer rcancel()
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		health.set(r.name, stateRunning, nil)
		go func() {
			defer wg.Done()
			err := r.run(rctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				health.set(r.name, stateFailed, err)
				errc <- fmt.Errorf("%s: %w", r.name, err)
				return
			}
			health.set(r.name, stateStopped, nil)
		}()
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errc:
	}
	began := time.Now()
	deadline := began.Add(shutdownGrace - time.Second) // a second left to close the database
	health.shutdown()
	m.log.Info("shutting down", "grace", shutdownGrace)
	hctx, hcancel := context.WithDeadline(context.Background(), began.Add(shutdownGrace/2))
	if err := srv.Shutdown(hctx); err != nil {
		m.log.Warn("http shutdown: closing connections with requests in flight", "err", err)
		_ = srv.Close()
	}
	hcancel()
	<-httpDone
	rcancel()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-done:
		m.log.Info("stopped", "took", time.Since(began).Round(time.Millisecond))
	case <-t.C:
		var busy []string
		for name, p := range health.parts() {
			if p.state == stateStopping {
				busy = append(busy, name)
			}
		}
		sort.Strings(busy)
		m.log.Warn("shutdown grace period over; exiting with work in flight", "parts", strings.Join(busy, ","))
	}
	return first
}
