package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// metrics are the process's Prometheus metrics, served on /metrics. Each
// Main has its own registry (tests run several Mains in one process), so
// nothing registers into the global default registry.
//
// Names and labels (stable; dashboards and alerts depend on them):
//
//	goalbot_commands_total{platform,command,outcome}       counter
//	goalbot_command_duration_seconds{platform,command}     histogram
//	goalbot_progress_logs_total{result}                    counter: written | duplicate
//	goalbot_llm_calls_total{outcome}                       counter: llm | fallback | offline
//	goalbot_scheduler_runs_total{outcome}                  counter: ok | error
//	goalbot_scheduler_queued_total                         counter: messages queued by ticks
//	goalbot_outbox_messages{status}                        gauge: pending (the depth) | sent | failed
//	goalbot_outbox_oldest_pending_age_seconds              gauge
//	goalbot_build_info{version}                            gauge, always 1
//
// plus the Go runtime and process collectors (go_*, process_*).
type metrics struct {
	reg *prometheus.Registry

	commands  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	logs      *prometheus.CounterVec
	llm       *prometheus.CounterVec
	ticks     *prometheus.CounterVec
	queued    prometheus.Counter
	outboxSrc outboxSource
	log       *slog.Logger
}

// outboxSource is what the outbox collector reads at scrape time;
// *storage.DB implements it.
type outboxSource interface {
	OutboxCounts(ctx context.Context) (map[string]int, error)
	OutboxRows(ctx context.Context, status string, limit int) ([]reminders.OutboxRow, error)
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "goalbot_commands_total",
			Help: "Chat commands handled, by platform, command and outcome (ok or the refusal's code).",
		}, []string{"platform", "command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "goalbot_command_duration_seconds",
			Help: "Time the command engine took to answer, by platform and command.",
			// 1 ms .. ~16 s: a log is a few ms; an LLM rewrite takes seconds.
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}, []string{"platform", "command"}),
		logs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "goalbot_progress_logs_total",
			Help: "Progress logs stored (written), and retried platform events that found their log already stored (duplicate).",
		}, []string{"result"}),
		llm: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "goalbot_llm_calls_total",
			Help: "SMART coach calls with an LLM configured, by outcome: llm (its answer used), fallback (offline answer after an LLM failure or refusal), offline (not asked: budget, cooldown).",
		}, []string{"outcome"}),
		ticks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "goalbot_scheduler_runs_total",
			Help: "Scheduler ticks (reminders and digests), by outcome.",
		}, []string{"outcome"}),
		queued: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "goalbot_scheduler_queued_total",
			Help: "Messages the scheduler queued in the outbox.",
		}),
		log: slog.Default(),
	}
	for _, o := range []string{"written", "duplicate"} {
		m.logs.WithLabelValues(o)
	}
	for _, o := range []string{"ok", "error"} {
		m.ticks.WithLabelValues(o)
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "goalbot_build_info", Help: "Always 1; the version label is the build's.",
		ConstLabels: prometheus.Labels{"version": version},
	})
	build.Set(1)
	m.reg.MustRegister(m.commands, m.latency, m.logs, m.llm, m.ticks, m.queued, build, &outboxCollector{m: m}, &writesCollector{m: m},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// metricsOnce returns the process's metrics, made on first use.
func (m *Main) metricsOnce() *metrics {
	st := m.ops()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.mets == nil {
		st.mets = newMetrics()
	}
	if m.log != nil {
		st.mets.log = m.log
	}
	if m.db != nil {
		st.mets.outboxSrc = m.db
	}
	return st.mets
}

// opsState is the operations side of a Main: its metrics and the health
// of its parts. It lives beside Main, not in it, so the ops files own it;
// one Main has one opsState for its whole life.
type opsState struct {
	mu      sync.Mutex
	mets    *metrics
	health  *health
	engines map[*bot.Engine]bool // instrumented already
}

var (
	opsMu    sync.Mutex
	opsTable = map[weak.Pointer[Main]]*opsState{}
)

// ops returns m's opsState. The table holds m weakly and forgets it when m
// is collected (tests make many Mains).
func (m *Main) ops() *opsState {
	key := weak.Make(m)
	opsMu.Lock()
	defer opsMu.Unlock()
	if st, ok := opsTable[key]; ok {
		return st
	}
	st := &opsState{health: newHealth()}
	opsTable[key] = st
	runtime.AddCleanup(m, func(k weak.Pointer[Main]) {
		opsMu.Lock()
		delete(opsTable, k)
		opsMu.Unlock()
	}, key)
	return st
}

// handler serves the registry in the Prometheus text format.
func (mt *metrics) handler() http.Handler {
	return promhttp.HandlerFor(mt.reg, promhttp.HandlerOpts{
		ErrorLog: slogPromLogger{mt.log}, ErrorHandling: promhttp.ContinueOnError, Timeout: 5 * time.Second,
	})
}

type slogPromLogger struct{ l *slog.Logger }

func (s slogPromLogger) Println(v ...any) {
	if s.l != nil {
		s.l.Warn("metrics: scrape", "err", fmt.Sprint(v...))
	}
}

// instrument connects eng to the metrics: every handled command is counted
// and timed (Engine.Observe), and progress logs are counted as the store
// writes them (the engine's service gets a store that counts AddLog; every
// other method passes through). Call it once per engine, before the engine
// is shared with adapters.
func (m *Main) instrument(eng *bot.Engine) {
	mt := m.metricsOnce()
	st := m.ops()
	st.mu.Lock()
	done := st.engines[eng]
	if st.engines == nil {
		st.engines = map[*bot.Engine]bool{}
	}
	st.engines[eng] = true
	st.mu.Unlock()
	if done {
		return
	}
	prev := eng.Observe
	eng.Observe = func(platform, cmd, outcome string, d time.Duration) {
		mt.observe(platform, cmd, outcome, d)
		if prev != nil {
			prev(platform, cmd, outcome, d)
		}
	}
	if svc := eng.Service(); svc != nil && svc.Store != nil {
		_, done := svc.Store.(*countingStore)
		_, doneSplit := svc.Store.(splitStore)
		if !done && !doneSplit {
			cs := &countingStore{Store: svc.Store, logs: mt.logs}
			if full, ok := svc.Store.(fullStore); ok {
				svc.Store = splitStore{countingStore: cs, full: full}
			} else {
				svc.Store = cs
			}
		}
	}
}

// instrumentCoach counts the LLM coach's calls by outcome; the offline
// coach (no LLM configured) is returned as is.
func (m *Main) instrumentCoach(c goals.Coach) goals.Coach {
	if _, offline := c.(goals.OfflineCoach); offline || c == nil {
		return c
	}
	return &countingCoach{inner: c, calls: m.metricsOnce().llm}
}

// instrumentReminders counts the scheduler's ticks and what they queued.
func (m *Main) instrumentReminders(r *reminders.Runner) {
	if r == nil || r.Scheduler == nil {
		return
	}
	mt := m.metricsOnce()
	prev := r.Scheduler.OnTick
	r.Scheduler.OnTick = func(now time.Time, queued int, err error) {
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		mt.ticks.WithLabelValues(outcome).Inc()
		mt.queued.Add(float64(max(queued, 0)))
		if prev != nil {
			prev(now, queued, err)
		}
	}
}

func (mt *metrics) observe(platform, cmd, outcome string, d time.Duration) {
	platform, cmd, outcome = labelValue(platform), commandLabel(cmd), labelValue(outcome)
	mt.commands.WithLabelValues(platform, cmd, outcome).Inc()
	mt.latency.WithLabelValues(platform, cmd).Observe(d.Seconds())
}

// Label values come from the engine's canonical names and refusal codes,
// but a button's action id comes from the platform's payload: anything
// outside a small alphabet and length becomes "other", so a hostile
// payload cannot create unbounded series.
var labelRE = regexp.MustCompile(`^[a-z0-9_\-]{1,32}$`)

func labelValue(s string) string {
	if s == "" {
		return "none"
	}
	if !labelRE.MatchString(s) {
		return "other"
	}
	return s
}

func commandLabel(cmd string) string {
	if id, ok := strings.CutPrefix(cmd, "action:"); ok {
		return "action:" + labelValue(id)
	}
	return labelValue(cmd)
}

// countingStore counts the progress logs the store writes.
type countingStore struct {
	goals.Store
	logs *prometheus.CounterVec
}

func (s *countingStore) AddLog(ctx context.Context, l *goals.Log, window *goals.DateRange) (goals.LogResult, error) {
	res, err := s.Store.AddLog(ctx, l, window)
	if err == nil {
		if res.Inserted {
			s.logs.WithLabelValues("written").Inc()
		} else {
			s.logs.WithLabelValues("duplicate").Inc()
		}
	}
	return res, err
}

// fullStore is what storage.DB offers beyond goals.Store: splits in one
// transaction, last year's metric history and the coach's history.
type fullStore interface {
	goals.ChildrenWriter
	goals.HistoryReader
	goals.MetricHistoryReader
}

// splitStore is a countingStore over a fullStore that keeps those
// interfaces visible: hidden behind the wrapper, a split would lose its one
// transaction, its crediting of the logs already made and last year's
// seasonal shares, and the coach its history.
type splitStore struct {
	*countingStore
	full fullStore
}

func (s splitStore) CreateChildren(ctx context.Context, teamID string, parentID int64, children []*goals.Goal) error {
	return s.full.CreateChildren(ctx, teamID, parentID, children)
}

func (s splitStore) MetricDailyTotals(ctx context.Context, teamID, metric, unit string, from, to goals.Date) ([]goals.DayTotal, error) {
	return s.full.MetricDailyTotals(ctx, teamID, metric, unit, from, to)
}

func (s splitStore) MetricDays(ctx context.Context, q goals.HistoryQuery) ([]goals.DayTotal, error) {
	return s.full.MetricDays(ctx, q)
}

// countingCoach counts SMART coach calls by where the answer came from.
type countingCoach struct {
	inner goals.Coach
	calls *prometheus.CounterVec
}

func (c *countingCoach) Coach(ctx context.Context, text string, o goals.AnalyzeOptions) goals.CoachResult {
	r := c.inner.Coach(ctx, text, o)
	outcome := "offline"
	switch {
	case r.FellBack:
		outcome = "fallback"
	case r.Source == "llm":
		outcome = "llm"
	}
	c.calls.WithLabelValues(outcome).Inc()
	return r
}

// outboxCollector reads the outbox's counts from the database at scrape
// time: its depth (pending), failures and the age of the oldest pending
// message. A failed read drops these series from that scrape only.
type outboxCollector struct{ m *metrics }

var (
	outboxDesc = prometheus.NewDesc("goalbot_outbox_messages",
		"Outbox messages by status: pending is the queue's depth; failed were given up on (see goalbot doctor).",
		[]string{"status"}, nil)
	outboxAgeDesc = prometheus.NewDesc("goalbot_outbox_oldest_pending_age_seconds",
		"Age of the oldest pending outbox message (0 when none).", nil, nil)
)

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxDesc
	ch <- outboxAgeDesc
}

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	src := c.m.outboxSrc
	if src == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := src.OutboxCounts(ctx)
	if err != nil {
		c.m.log.Warn("metrics: outbox counts", "err", err)
		return
	}
	for _, s := range []string{"pending", "sent", "failed"} {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(counts[s]), s)
	}
	age := 0.0
	if counts["pending"] > 0 {
		rows, err := src.OutboxRows(ctx, "pending", 1)
		if err == nil && len(rows) > 0 {
			age = max(time.Since(rows[0].CreatedAt).Seconds(), 0)
		}
	}
	ch <- prometheus.MustNewConstMetric(outboxAgeDesc, prometheus.GaugeValue, age)
}

// writesCollector exports the store's group-commit counters: writes per
// commit is how much concurrent writes share a transaction.
type writesCollector struct{ m *metrics }

var (
	commitsDesc = prometheus.NewDesc("goalbot_db_commits_total",
		"SQLite write transactions committed.", nil, nil)
	writesDesc = prometheus.NewDesc("goalbot_db_writes_total",
		"Writes committed; writes/commits is the mean group-commit batch.", nil, nil)
)

func (c *writesCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- commitsDesc
	ch <- writesDesc
}

func (c *writesCollector) Collect(ch chan<- prometheus.Metric) {
	src, ok := c.m.outboxSrc.(interface {
		WriteStats() (commits, writes int64)
	})
	if !ok {
		return
	}
	commits, writes := src.WriteStats()
	ch <- prometheus.MustNewConstMetric(commitsDesc, prometheus.CounterValue, float64(commits))
	ch <- prometheus.MustNewConstMetric(writesDesc, prometheus.CounterValue, float64(writes))
}
