package reminders_test

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// harness runs the real Runner (gocron job + outbox worker) on a fake
// clock and steps it a minute at a time, deterministically: before each
// step it waits until both the gocron timer and the worker's timer are set,
// after it waits for the tick and for a worker pass that began after it.
type tickMsg struct {
	now time.Time
	err error
}

type harness struct {
	t       *testing.T
	clk     *clockwork.FakeClock
	db      *storage.DB
	senders map[string]bot.Sender
	ticks   chan tickMsg
	cancel  context.CancelFunc
	done    chan struct{}
	runner  *reminders.Runner
	actions map[time.Time]func()
}

func newHarness(t *testing.T, start time.Time) *harness {
	clk := clockwork.NewFakeClockAt(start)
	return &harness{t: t, clk: clk, db: mustOpen(t, clk), senders: map[string]bot.Sender{},
		actions: map[time.Time]func(){}}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h.ticks = make(chan tickMsg, 64)
	h.cancel, h.done = cancel, make(chan struct{})
	r := reminders.New(h.db, h.senders, h.clk, quiet())
	r.Worker.Jitter = func() float64 { return 0.5 }
	r.Scheduler.OnTick = func(now time.Time, _ int, err error) { h.ticks <- tickMsg{now, err} }
	h.runner = r
	go func() {
		defer close(h.done)
		if err := r.Run(ctx); err != nil {
			h.t.Errorf("run: %v", err)
		}
	}()
	h.waitTick(false) // the start-up (catch-up) tick
	h.flush()
}

func (h *harness) stop() {
	h.cancel()
	<-h.done
}

// hangGuard bounds each wait on the scheduler and the worker: only a hang
// reaches it. A weekly digest draws its chart, which under -race on a
// loaded 2-core machine took over 10 s.
const hangGuard = time.Minute

// waitTick waits for the tick of the current minute (an extra tick, which
// gocron may fire when its bookkeeping lags the fake clock, is harmless:
// ticks are idempotent) and then for gocron to have recorded the run, so
// its next timer is computed from settled state.
func (h *harness) waitTick(fromCron bool) {
	h.t.Helper()
	deadline := time.After(hangGuard)
	for {
		select {
		case m := <-h.ticks:
			if m.err != nil {
				h.t.Fatalf("tick at %s: %v", m.now, m.err)
			}
			if !m.now.Equal(h.clk.Now()) {
				continue
			}
		case <-deadline:
			h.t.Fatalf("no tick at %s", h.clk.Now())
		}
		break
	}
	job := h.runner.Scheduler.TickJob()
	for fromCron && job != nil {
		last, err := job.LastRun()
		if err != nil {
			h.t.Fatal(err)
		}
		if !last.Before(h.clk.Now()) {
			return
		}
		select {
		case <-deadline:
			h.t.Fatalf("gocron did not record the run at %s", h.clk.Now())
		default:
			runtime.Gosched()
		}
	}
}

func (h *harness) flush() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	if err := h.runner.Worker.Flush(ctx); err != nil {
		h.t.Fatalf("flush at %s: %v", h.clk.Now(), err)
	}
}

// step moves the clock one minute and lets the tick and deliveries finish.
func (h *harness) step() {
	h.t.Helper()
	if fn := h.actions[h.clk.Now()]; fn != nil {
		fn()
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	if err := h.clk.BlockUntilContext(ctx, 2); err != nil { // gocron's next run and the worker's timer
		h.t.Fatalf("timers not set at %s: %v", h.clk.Now(), err)
	}
	h.clk.Advance(time.Minute)
	h.waitTick(true)
	h.flush()
}

func (h *harness) runUntil(t time.Time) {
	h.t.Helper()
	for h.clk.Now().Before(t) {
		h.step()
		if h.t.Failed() {
			h.t.FailNow()
		}
	}
}

// TestSimulatedWeek runs a week and a bit, from Sunday 2026-10-25 12:00 UTC
// to Tuesday 2026-11-03 00:00 UTC, a minute at a time, across New York's
// change from EDT to EST on Sunday 2026-11-01 (Shanghai has no DST), with a
// restart in the middle and the bot down from 08:55 to 10:30 New York time
// on Monday 2026-11-02. Every send must come at its local minute, once.
// Under the race detector it starts on Friday 2026-10-30 (same restart,
// same DST change, same downtime, half the minutes).
func TestSimulatedWeek(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated week: 12,000 fake-clock minutes")
	}
	start := utc("2026-10-25T12:00:00Z")
	if raceOn {
		start = utc("2026-10-30T06:00:00Z")
	}
	h := newHarness(t, start)
	slack := &recSender{clock: h.clk, platform: "slack"}
	tg := &recSender{clock: h.clk, platform: "telegram"}
	h.senders["slack"], h.senders["telegram"] = slack, tg
	db, ctx := h.db, context.Background()

	// New York sales team: weekly digest to the manager and #C1; reps A
	// (reminder 17:30) and B (16:00).
	mustTeam(t, db, goals.Team{ID: "slack:T1", Name: "NY Sales", TZ: "America/New_York", Lang: "en", DailyAt: "18:00", WeeklyAt: "mon 09:00"})
	mustMember(t, db, goals.Member{TeamID: "slack:T1", UserID: "M", Name: "Mia", Role: goals.RoleManager})
	mustMember(t, db, goals.Member{TeamID: "slack:T1", UserID: "A", Name: "Ann"})
	mustMember(t, db, goals.Member{TeamID: "slack:T1", UserID: "B", Name: "Ben", RemindAt: "16:00"})
	mustGoal(t, db, goals.Goal{TeamID: "slack:T1", Owner: "A", Title: "Book 20 demos a week", Metric: "demos", Target: 20,
		Cadence: goals.CadenceWeekly, Start: d(2026, 10, 1), Deadline: d(2026, 12, 31)})
	gB := mustGoal(t, db, goals.Goal{TeamID: "slack:T1", Owner: "B", Title: "Make 100 calls", Metric: "calls", Target: 100,
		Start: d(2026, 10, 1), Deadline: d(2026, 11, 30)})
	mustSub(t, db, reminders.Subscription{TeamID: "slack:T1", Platform: "slack", Channel: "C1", Kind: "weekly"})
	// B logs on Tuesday at 15:00 EDT: no reminder at 16:00 that day.
	h.actions[utc("2026-10-27T19:00:00Z")] = func() {
		mustLog(t, db, goals.Log{GoalID: gB.ID, TeamID: "slack:T1", User: "B", Amount: 5, At: h.clk.Now()})
	}

	// A New York shop open every day, its summary at 01:30: on 2026-11-01
	// 01:30 happens twice; it is sent once, at the first.
	mustTeam(t, db, goals.Team{ID: "slack:T2", Name: "Night shop", TZ: "America/New_York", Lang: "en", DailyAt: "01:30",
		WeeklyAt: "sun 20:00", Workdays: 0x7f})
	mustSub(t, db, reminders.Subscription{TeamID: "slack:T2", Platform: "slack", Channel: "C2", Kind: "daily"})

	// Shanghai shop on Telegram, open Monday to Saturday: daily summary and
	// weekly digest in the group; the owner u1 and u2 (away Wed–Thu) are
	// reminded, u3 has no goal.
	mustTeam(t, db, goals.Team{ID: "tg:-100", Name: "上海小店", TZ: "Asia/Shanghai", Lang: "zh-CN", DailyAt: "18:00", WeeklyAt: "mon 09:00",
		Workdays: goals.MonFri | 1<<time.Saturday})
	mustMember(t, db, goals.Member{TeamID: "tg:-100", UserID: "u1", Name: "王老板", Role: goals.RoleManager})
	mustMember(t, db, goals.Member{TeamID: "tg:-100", UserID: "u2", Name: "小李", Away: &goals.DateRange{From: d(2026, 10, 28), To: d(2026, 10, 29)}})
	mustMember(t, db, goals.Member{TeamID: "tg:-100", UserID: "u3", Name: "小张"})
	mustGoal(t, db, goals.Goal{TeamID: "tg:-100", Owner: "u1", Title: "本月营业额 10万", Metric: "revenue", Unit: goals.UnitCNY, Target: 100000,
		Start: d(2026, 10, 1), Deadline: d(2026, 11, 30)})
	mustGoal(t, db, goals.Goal{TeamID: "tg:-100", Owner: "u2", Title: "每天新增 5 个会员", Metric: "customers", Target: 5,
		Cadence: goals.CadenceDaily, Start: d(2026, 10, 1), Deadline: d(2026, 12, 31)})
	mustSub(t, db, reminders.Subscription{TeamID: "tg:-100", Platform: "telegram", Channel: "-100", Kind: "daily"})
	mustSub(t, db, reminders.Subscription{TeamID: "tg:-100", Platform: "telegram", Channel: "-100", Kind: "weekly"})

	// The oracle, written in UTC by hand from the rules.
	var want []string
	add := func(at, platform, chat, kind string) {
		want = append(want, sent{At: utc(at), Platform: platform, Chat: chat, Text: map[string]string{
			"checkin": "⏰", "daily": "📋", "weekly": "📊"}[kind]}.key())
	}
	// New York weekly: Monday 09:00 EDT = 13:00Z; on 11-02 (EST) it was due
	// at 14:00Z while the bot was down, so it goes at start-up, 15:30Z.
	for _, chat := range []string{"@M", "C1"} {
		add("2026-10-26T13:00:00Z", "slack", chat, "weekly")
		add("2026-11-02T15:30:00Z", "slack", chat, "weekly")
	}
	for _, day := range []string{"26", "27", "28", "29", "30"} { // A: 17:30 EDT = 21:30Z
		add("2026-10-"+day+"T21:30:00Z", "slack", "@A", "checkin")
	}
	add("2026-11-02T22:30:00Z", "slack", "@A", "checkin")  // 17:30 EST
	for _, day := range []string{"26", "28", "29", "30"} { // B: 16:00 EDT; not 27 (logged)
		add("2026-10-"+day+"T20:00:00Z", "slack", "@B", "checkin")
	}
	add("2026-11-02T21:00:00Z", "slack", "@B", "checkin")
	for _, day := range []string{"26", "27", "28", "29", "30", "31"} { // 01:30 EDT = 05:30Z
		add("2026-10-"+day+"T05:30:00Z", "slack", "C2", "daily")
	}
	add("2026-11-01T05:30:00Z", "slack", "C2", "daily") // the first 01:30 of the day, once
	add("2026-11-02T06:30:00Z", "slack", "C2", "daily") // 01:30 EST
	// Shanghai, UTC+8 all week.
	for _, chat := range []string{"@u1", "-100"} {
		add("2026-10-26T01:00:00Z", "telegram", chat, "weekly")
		add("2026-11-02T01:00:00Z", "telegram", chat, "weekly")
	}
	for _, day := range []string{"10-26", "10-27", "10-28", "10-29", "10-30", "10-31", "11-02"} {
		add("2026-"+day+"T10:00:00Z", "telegram", "-100", "daily")
		add("2026-"+day+"T09:30:00Z", "telegram", "@u1", "checkin")
		if day != "10-28" && day != "10-29" {
			add("2026-"+day+"T09:30:00Z", "telegram", "@u2", "checkin")
		}
	}
	want = slices.DeleteFunc(want, func(k string) bool { return k < start.Format("01-02T15:04") })
	slices.Sort(want)

	h.start()
	// Restart in the middle: right after the 09:30Z tick of Friday queued
	// u1's and u2's check-ins, before the worker sent them, and with the
	// watermark set back three hours as if the process died before writing it.
	h.runUntil(utc("2026-10-30T09:30:00Z"))
	h.stop()
	if err := db.SetSchedulerMark(ctx, reminders.MarkName, h.clk.Now().Add(-3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	h.start()
	// Down from 08:55 to 10:30 New York time on Monday 2026-11-02 (EST).
	h.runUntil(utc("2026-11-02T13:55:00Z"))
	h.stop()
	h.clk.Advance(95 * time.Minute)
	h.start()
	h.runUntil(utc("2026-11-03T00:00:00Z"))
	h.stop()

	got := keys(append(slack.sends(), tg.sends()...))
	if !slices.Equal(got, want) {
		t.Errorf("sends differ\n got %d: %q\nwant %d: %q", len(got), got, len(want), want)
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("unexpected %s", g)
			}
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("missing %s", w)
			}
		}
	}
	// Digests carry their detail as a thread and a chart (weekly).
	for _, s := range append(slack.sends(), tg.sends()...) {
		if kindOf(s.Text) == "weekly" && s.Chart == 0 {
			t.Errorf("weekly digest without chart: %s", s.key())
		}
	}
	rows, err := db.OutboxRows(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Status != storage.OutboxSent || r.Attempts != 1 {
			t.Errorf("outbox row %d %s/%s: %s after %d attempts", r.ID, r.Platform, r.Chat, r.Status, r.Attempts)
		}
	}
	if len(rows) != len(want) {
		t.Errorf("outbox has %d rows, want %d", len(rows), len(want))
	}
}
