package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/goalbot/goalbot/bot"
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
	fs := flag.NewFlagSet("goalbot", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.globalFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	if err := m.setup(false); err != nil {
		return err
	}
	defer m.Close()
	eng := m.engine()
	if !m.cfg.SlackEnabled() && !m.cfg.TelegramEnabled() {
		return m.console(ctx, "local", loginName(m.Getenv))
	}

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
	m.mountOps(mux)
	return m.serve(ctx, mux, runners)
}

// serve runs the HTTP server and the runners until ctx ends or one fails,
// then shuts down in order: stop taking requests, let runners finish.
func (m *Main) serve(ctx context.Context, mux *http.ServeMux, runners []runner) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ln, err := net.Listen("tcp", m.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.cfg.HTTPAddr, err)
	}
	m.httpAddr = ln.Addr().String()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, len(runners)+1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	m.log.Info("goalbot started", "http", m.httpAddr, "version", version)
	for _, r := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- fmt.Errorf("%s: %w", r.name, err)
			}
		}()
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errc:
	}
	m.log.Info("shutting down")
	cancel()
	sctx, scancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		m.log.Warn("http shutdown", "err", err)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-sctx.Done():
		m.log.Warn("shutdown grace period over; exiting with work in flight")
	}
	return first
}
