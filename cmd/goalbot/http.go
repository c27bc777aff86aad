package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// mountOps adds the operations endpoints to the bot's HTTP server:
//
//	GET /healthz   JSON: database reachable, adapters and workers running or
//	               connected; 200 when the bot can do its job, 503 when not
//	               (database unreachable, a part failed, shutting down).
//	               ?full=1 also runs SQLite's quick_check (slow on big files).
//	GET /metrics   Prometheus text format (see metrics.go for the names).
func (m *Main) mountOps(mux *http.ServeMux) {
	h := m.ops().health
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		rep := m.healthReport(r.Context(), r.URL.Query().Get("full") == "1")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if rep.Status == statusDown {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	})
	mux.Handle("GET /metrics", m.metricsOnce().handler())
	h.setStarted()
}

// Health statuses: ok, degraded (working, but an adapter reports its
// platform connection down), down (503).
const (
	statusOK       = "ok"
	statusDegraded = "degraded"
	statusDown     = "down"
)

// healthReport is the body of /healthz.
type healthReport struct {
	Status        string                `json:"status"`
	Version       string                `json:"version"`
	UptimeSeconds float64               `json:"uptime_seconds"`
	Database      dbHealth              `json:"database"`
	Adapters      map[string]partHealth `json:"adapters"`
	Workers       map[string]partHealth `json:"workers"`
}

type dbHealth struct {
	OK            bool   `json:"ok"`
	SchemaVersion int    `json:"schema_version,omitempty"`
	Integrity     string `json:"integrity,omitempty"` // with ?full=1: "ok" or the problem
	Error         string `json:"error,omitempty"`
	LatencyMS     int64  `json:"latency_ms"`
}

// partHealth is one runner: an adapter (slack, telegram) or a worker
// (reminders). Connected is known only for adapters that report it.
type partHealth struct {
	State     string `json:"state"` // starting, running, stopping, stopped, failed
	Connected *bool  `json:"connected,omitempty"`
	Error     string `json:"error,omitempty"`
	Since     string `json:"since"`
}

// isAdapter tells adapters (platform connections) from workers by runner name.
func isAdapter(name string) bool { return name == "slack" || name == "telegram" }

func (m *Main) healthReport(ctx context.Context, full bool) healthReport {
	h := m.ops().health
	rep := healthReport{Status: statusOK, Version: version, Adapters: map[string]partHealth{}, Workers: map[string]partHealth{}}
	rep.UptimeSeconds = h.uptime().Seconds()

	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	start := time.Now()
	if m.db == nil {
		rep.Database.Error = "not open"
	} else if v, err := m.db.SchemaVersion(ctx); err != nil {
		rep.Database.Error = m.redact(err.Error())
	} else {
		rep.Database.OK, rep.Database.SchemaVersion = true, v
		if full {
			rep.Database.Integrity = "ok"
			if err := m.db.Check(ctx); err != nil {
				rep.Database.Integrity = m.redact(err.Error())
				rep.Status = statusDegraded
			}
		}
	}
	rep.Database.LatencyMS = time.Since(start).Milliseconds()
	if !rep.Database.OK {
		rep.Status = statusDown
	}

	for name, p := range h.parts() {
		ph := partHealth{State: p.state, Error: m.redact(p.err), Since: p.since.UTC().Format(time.RFC3339)}
		if p.state == stateFailed {
			rep.Status = statusDown
		}
		if isAdapter(name) {
			if c, ok := h.adapter(name); ok && p.state == stateRunning {
				up := c.Connected()
				ph.Connected = &up
				if !up && rep.Status == statusOK {
					rep.Status = statusDegraded
				}
			}
			rep.Adapters[name] = ph
		} else {
			rep.Workers[name] = ph
		}
	}
	if h.isStopping() {
		rep.Status = statusDown
	}
	return rep
}

// connectedReporter is implemented by adapters that know whether their
// platform connection is up (Slack's Socket Mode connection, Telegram's
// last getUpdates or setWebhook). /healthz reports it when present.
type connectedReporter interface{ Connected() bool }

// watchAdapter lets /healthz ask the adapter of runner name whether it is
// connected, when it implements Connected() bool. Without it (or for an
// adapter without the method) /healthz reports the runner's state only.
func (m *Main) watchAdapter(name string, a any) {
	if c, ok := a.(connectedReporter); ok {
		m.ops().health.watch(name, c)
	}
}

// Runner states.
const (
	stateStarting = "starting"
	stateRunning  = "running"
	stateStopping = "stopping"
	stateStopped  = "stopped"
	stateFailed   = "failed"
)

// health is what /healthz knows about the running parts; serve() keeps it.
type health struct {
	mu       sync.Mutex
	start    time.Time
	stopping bool
	state    map[string]partState
	adapters map[string]connectedReporter
}

type partState struct {
	state string
	err   string
	since time.Time
}

func newHealth() *health {
	return &health{start: time.Now(), state: map[string]partState{}, adapters: map[string]connectedReporter{}}
}

func (h *health) setStarted() {
	h.mu.Lock()
	h.start = time.Now()
	h.mu.Unlock()
}

func (h *health) uptime() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return time.Since(h.start)
}

// set records runner name's state (and the error that stopped it).
func (h *health) set(name, state string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := partState{state: state, since: time.Now()}
	if err != nil {
		p.err = err.Error()
	}
	h.state[name] = p
}

// shutdown marks every part stopping: /healthz answers 503 from now on.
func (h *health) shutdown() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stopping = true
	for n, p := range h.state {
		if p.state == stateRunning || p.state == stateStarting {
			h.state[n] = partState{state: stateStopping, since: time.Now()}
		}
	}
}

func (h *health) isStopping() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stopping
}

func (h *health) parts() map[string]partState {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string]partState, len(h.state))
	for k, v := range h.state {
		out[k] = v
	}
	return out
}

func (h *health) watch(name string, c connectedReporter) {
	h.mu.Lock()
	h.adapters[name] = c
	h.mu.Unlock()
}

func (h *health) adapter(name string) (connectedReporter, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c, ok := h.adapters[name]
	return c, ok
}

// names lists the parts in a stable order (logs).
func (h *health) names() []string {
	ps := h.parts()
	out := make([]string, 0, len(ps))
	for n := range ps {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
