package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// runMain runs goalbot in-process with env and args.
func runMain(env map[string]string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	err = m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

// TestBackupWhileWriting takes backups of a database another connection
// keeps writing to (as the running bot does): each backup is a consistent
// snapshot (every log up to some id, none after, integrity ok), writes are
// never refused meanwhile, and an existing file is never overwritten.
func TestBackupWhileWriting(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 100000 demos by end of month")

	db, err := storage.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	g, err := db.Goals(context.Background(), goals.GoalFilter{TeamID: "acme"})
	if err != nil || len(g) != 1 {
		t.Fatalf("goals: %v %v", g, err)
	}
	ctx, stop := context.WithCancel(context.Background())
	var written atomic.Int64
	var wg sync.WaitGroup
	var werr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			l := &goals.Log{GoalID: g[0].ID, TeamID: "acme", User: "alice", Amount: 1, At: time.Now(),
				Day: goals.DateIn(time.Now(), time.UTC), Note: strings.Repeat("x", i%200)}
			if _, err := db.AddLog(context.Background(), l, nil); err != nil {
				werr = err
				return
			}
			written.Add(1)
		}
	}()
	dir := t.TempDir()
	env := map[string]string{"GOALBOT_DB": c.db}
	for i := range 5 {
		time.Sleep(30 * time.Millisecond)
		before := written.Load()
		path := filepath.Join(dir, "b"+string(rune('0'+i))+".db")
		out, errOut, err := runMain(env, "backup", "--json", path)
		if err != nil {
			t.Fatalf("backup: %v %s", err, errOut)
		}
		var res backupResult
		if err := json.Unmarshal([]byte(out), &res); err != nil || res.Integrity != "ok" || res.SchemaVersion == 0 || res.Bytes == 0 {
			t.Fatalf("backup result %q: %v", out, err)
		}
		n, maxID := logsIn(t, path)
		if n != maxID || int64(n) < before {
			t.Fatalf("backup %d: %d logs with ids up to %d, %d written before it began", i, n, maxID, before)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("backup file mode: %v %v", st.Mode(), err)
		}
		t.Logf("backup %d: %d logs (%d written before it began, %d by the end)", i, n, before, written.Load())
	}
	stop()
	wg.Wait()
	if werr != nil {
		t.Fatalf("a write failed during backups: %v", werr)
	}

	// Never overwrites; a directory gets a dated file; human output.
	if _, _, err := runMain(env, "backup", filepath.Join(dir, "b0.db")); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("overwrote a backup: %v", err)
	}
	out, _, err := runMain(env, "backup", dir)
	if err != nil || !strings.Contains(out, "backup written to "+dir) || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup into a directory: %q %v", out, err)
	}
	// A trailing slash names a folder, made if missing.
	fresh := filepath.Join(dir, "new-folder") + string(filepath.Separator)
	if out, _, err := runMain(env, "backup", fresh); err != nil || !strings.Contains(out, "new-folder"+string(filepath.Separator)+"goalbot-") {
		t.Fatalf("backup into a new folder: %q %v", out, err)
	}
	if _, _, err := runMain(map[string]string{"GOALBOT_DB": filepath.Join(dir, "nope.db")}, "backup", filepath.Join(dir, "x.db")); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	if _, _, err := runMain(env, "backup"); !errors.Is(err, exitCode(2)) {
		t.Fatalf("backup without a path: %v", err)
	}
	// The copy opens as a goalbot database.
	c2 := &cli{t: t, db: filepath.Join(dir, "b4.db"), now: c.now, env: c.env}
	if rep := c2.mustOK("alice", "acme", "/goal list"); len(rep.Goals) != 1 {
		t.Fatalf("restored copy: %+v", rep)
	}
}

func logsIn(t *testing.T, path string) (n, maxID int) {
	t.Helper()
	db, err := openRaw(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT COUNT(*), COALESCE(MAX(id), 0) FROM logs`).Scan(&n, &maxID); err != nil {
		t.Fatal(err)
	}
	return n, maxID
}

func doctorJSON(t *testing.T, env map[string]string) (doctorReport, error) {
	t.Helper()
	out, errOut, err := runMain(env, "doctor", "--json")
	var rep doctorReport
	if jerr := json.Unmarshal([]byte(out), &rep); jerr != nil {
		t.Fatalf("doctor --json: %q %q: %v", out, errOut, jerr)
	}
	return rep, err
}

func checkNamed(rep doctorReport, name string) check {
	for _, c := range rep.Checks {
		if c.Name == name {
			return c
		}
	}
	return check{}
}

func TestDoctor(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	good := map[string]string{
		"GOALBOT_DB": c.db, "GOALBOT_TZ": "Asia/Shanghai",
		"SLACK_BOT_TOKEN": "xoxb-123-456-abcdefghijklmnop", "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef",
		"TELEGRAM_BOT_TOKEN": "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0",
	}

	t.Run("OK", func(t *testing.T) {
		rep, err := doctorJSON(t, good)
		if err != nil || !rep.OK || rep.Problems != 0 {
			t.Fatalf("healthy setup: err %v, report %+v", err, rep)
		}
		for _, name := range []string{"config", "http", "logging", "slack", "telegram", "llm", "database", "migrations", "outbox", "timezones"} {
			if ch := checkNamed(rep, name); ch.Status != checkOK {
				t.Errorf("%s: %+v", name, ch)
			}
		}
		out, _, err := runMain(good, "doctor")
		if err != nil || !strings.Contains(out, "no problems") || !strings.Contains(out, "xoxb-…") {
			t.Fatalf("human report: %v\n%s", err, out)
		}
		for _, secret := range []string{good["SLACK_BOT_TOKEN"], good["SLACK_SIGNING_SECRET"], "AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"} {
			if strings.Contains(out, secret) {
				t.Errorf("report shows a secret:\n%s", out)
			}
		}
	})

	t.Run("BadTokenShapes", func(t *testing.T) {
		env := map[string]string{"GOALBOT_DB": c.db, "SLACK_BOT_TOKEN": "xoxp-user-token-123456", "SLACK_APP_TOKEN": "xoxb-wrong",
			"TELEGRAM_BOT_TOKEN": "\"123:short\"", "OPENAI_BASE_URL": "localhost:11434", "GOALBOT_LOG_FORMAT": "yaml"}
		rep, err := doctorJSON(t, env)
		if !errors.Is(err, exitCode(1)) || rep.OK {
			t.Fatalf("bad tokens passed: %v %+v", err, rep)
		}
		for name, want := range map[string]string{"slack": "xoxb-", "telegram": "quotes", "llm": "OPENAI_BASE_URL", "logging": "GOALBOT_LOG_FORMAT"} {
			ch := checkNamed(rep, name)
			if ch.Status == checkOK || !strings.Contains(ch.Message, want) {
				t.Errorf("%s: want a problem naming %q, got %+v", name, want, ch)
			}
		}
		b, _ := json.Marshal(rep)
		for _, secret := range []string{"xoxp-user-token-123456", "123:short"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("report shows %q: %s", secret, b)
			}
		}
	})

	t.Run("NoPlatformNoDatabase", func(t *testing.T) {
		rep, err := doctorJSON(t, map[string]string{"GOALBOT_DB": filepath.Join(t.TempDir(), "new.db")})
		if err != nil || !rep.OK || checkNamed(rep, "database").Status != checkWarn || checkNamed(rep, "platforms").Status != checkWarn {
			t.Fatalf("fresh install: %v %+v", err, rep)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(c.db), "new.db")); err == nil {
			t.Fatal("doctor created the database")
		}
	})

	t.Run("BadConfig", func(t *testing.T) {
		rep, err := doctorJSON(t, map[string]string{"GOALBOT_DB": c.db, "GOALBOT_TZ": "Mars/Olympus"})
		if !errors.Is(err, exitCode(1)) || checkNamed(rep, "config").Status != checkFail || checkNamed(rep, "database").Status != checkOK {
			t.Fatalf("bad GOALBOT_TZ: %v %+v", err, rep)
		}
	})

	t.Run("FailedOutbox", func(t *testing.T) {
		c := newCLI(t)
		c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
		db, err := storage.Open(c.db)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := db.Enqueue(ctx, []storage.OutboxMessage{
			{TeamID: "acme", Platform: "telegram", Chat: "-100", Kind: "weekly", Period: "2026-W47", Payload: []byte(`{}`)},
			{TeamID: "acme", Platform: "slack", Chat: "C1", Kind: "daily", Period: "2026-11-16", Payload: []byte(`{}`)},
		}); err != nil {
			t.Fatal(err)
		}
		rows, _ := db.OutboxRows(ctx, "pending", 10)
		secret := "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
		if err := db.FailOutbox(ctx, rows[0].ID, 6, time.Now(), "Forbidden: bot was blocked; POST https://api.telegram.org/bot"+secret+"/sendMessage"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		env := map[string]string{"GOALBOT_DB": c.db, "TELEGRAM_BOT_TOKEN": secret}
		rep, err := doctorJSON(t, env)
		ob := checkNamed(rep, "outbox")
		if !errors.Is(err, exitCode(1)) || ob.Status != checkFail || len(ob.Details) != 1 ||
			!strings.Contains(ob.Details[0], "blocked") || !strings.Contains(ob.Message, "1 pending") {
			t.Fatalf("failed outbox: %v %+v", err, ob)
		}
		if strings.Contains(ob.Details[0], secret) || !strings.Contains(ob.Details[0], "[redacted]") {
			t.Fatalf("the failure's text shows the token: %q", ob.Details[0])
		}
	})

	t.Run("Migrations", func(t *testing.T) {
		c := newCLI(t)
		c.mustOK("alice", "acme", "/goal list")
		raw, err := openRaw(c.db, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		rep, err := doctorJSON(t, map[string]string{"GOALBOT_DB": c.db})
		if err != nil || checkNamed(rep, "migrations").Status != checkWarn {
			t.Fatalf("pending migration: %v %+v", err, checkNamed(rep, "migrations"))
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		rep, err = doctorJSON(t, map[string]string{"GOALBOT_DB": c.db})
		if !errors.Is(err, exitCode(1)) || checkNamed(rep, "migrations").Status != checkFail {
			t.Fatalf("newer schema: %v %+v", err, checkNamed(rep, "migrations"))
		}
	})

	t.Run("UnknownZoneInUse", func(t *testing.T) {
		c := newCLI(t)
		c.mustOK("alice", "acme", "/goal list")
		raw, err := openRaw(c.db, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`UPDATE teams SET tz = 'Atlantis/Capital'`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		rep, err := doctorJSON(t, map[string]string{"GOALBOT_DB": c.db})
		if z := checkNamed(rep, "timezones"); !errors.Is(err, exitCode(1)) || z.Status != checkFail || !strings.Contains(z.Message, "Atlantis/Capital") {
			t.Fatalf("unknown zone: %v %+v", err, z)
		}
	})

	t.Run("Corrupt", func(t *testing.T) {
		c := newCLI(t)
		for i := range 30 {
			c.mustOK("alice", "acme", "/goal new Book "+strings.Repeat("many ", i%5)+"20 demos by Friday")
		}
		// Fold the WAL into the file, then scribble over a b-tree page.
		raw, err := openRaw(c.db, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		f, err := os.OpenFile(c.db, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		junk := bytes.Repeat([]byte{0xA5}, 4096)
		for off := int64(4096 * 2); off+4096 <= st.Size(); off += 4096 * 3 {
			_, _ = f.WriteAt(junk, off)
		}
		f.Close()
		rep, err := doctorJSON(t, map[string]string{"GOALBOT_DB": c.db})
		if db := checkNamed(rep, "database"); !errors.Is(err, exitCode(1)) || db.Status != checkFail {
			t.Fatalf("corrupt file: %v %+v", err, db)
		}
	})
}

// TestHealthzAndMetrics serves the ops endpoints of an in-process Main and
// drives an instrumented engine: commands, refusals, a duplicate log, an
// LLM coach and a scheduler tick show up in /metrics; /healthz reports the
// database and the parts, and 503 when the database is gone.
func TestHealthzAndMetrics(t *testing.T) {
	c := newCLI(t)
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{},
		Getenv: func(k string) string { return map[string]string{"GOALBOT_DB": c.db}[k] }}
	if err := m.setup(true); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	eng := m.engine()
	m.instrument(eng)
	m.instrument(eng) // idempotent: counted once
	mux := http.NewServeMux()
	m.mountOps(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := context.Background()
	say := func(text, key string) bot.Reply {
		return eng.Handle(ctx, bot.Request{Platform: "slack", TeamID: "acme", UserID: "alice", Text: text, Key: key})
	}
	say("new Book 20 demos by Friday", "")
	say("log 3", "evt-1")
	say("log 3", "evt-1") // a platform's retry: stored once
	say("log -5", "")
	eng.Handle(ctx, bot.Request{Platform: "slack", TeamID: "acme", UserID: "alice", Action: &bot.Action{ID: "x\"}{evil", Value: "1"}})

	coach := m.instrumentCoach(fakeCoach{source: "llm"})
	coach.Coach(ctx, "grow sales", goals.AnalyzeOptions{})
	m.instrumentCoach(fakeCoach{fellBack: true}).Coach(ctx, "grow sales", goals.AnalyzeOptions{})
	if _, ok := m.instrumentCoach(goals.OfflineCoach{}).(goals.OfflineCoach); !ok {
		t.Error("the offline coach was wrapped")
	}
	r := reminders.New(m.db, map[string]bot.Sender{"console": &reminders.ConsoleSender{Out: &bytes.Buffer{}}}, nil, m.log)
	m.instrumentReminders(r)
	r.Scheduler.OnTick(time.Now(), 2, nil)
	r.Scheduler.OnTick(time.Now(), 0, errors.New("db busy"))
	if err := m.db.Enqueue(ctx, []storage.OutboxMessage{{TeamID: "acme", Platform: "console", Chat: "x", Kind: "daily", Payload: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}

	code, body := httpGet(srv.URL + "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`goalbot_commands_total{command="new",outcome="ok",platform="slack"} 1`,
		`goalbot_commands_total{command="log",outcome="ok",platform="slack"} 2`,
		`goalbot_commands_total{command="log",outcome="negative_amount",platform="slack"} 1`,
		`goalbot_command_duration_seconds_count{command="log",platform="slack"} 3`,
		`command="action:other"`,
		`goalbot_progress_logs_total{result="written"} 1`,
		`goalbot_progress_logs_total{result="duplicate"} 1`,
		`goalbot_llm_calls_total{outcome="llm"} 1`,
		`goalbot_llm_calls_total{outcome="fallback"} 1`,
		`goalbot_scheduler_runs_total{outcome="ok"} 1`,
		`goalbot_scheduler_runs_total{outcome="error"} 1`,
		`goalbot_scheduler_queued_total 2`,
		`goalbot_outbox_messages{status="pending"} 1`,
		`goalbot_outbox_messages{status="failed"} 0`,
		`goalbot_outbox_oldest_pending_age_seconds`,
		`goalbot_db_commits_total `,
		`goalbot_db_writes_total `,
		`goalbot_build_info{version="dev"} 1`,
		`process_open_fds`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "evil") {
		t.Error("a payload's action id became a label value")
	}

	h := m.ops().health
	h.set("telegram", stateRunning, nil)
	h.set("reminders", stateRunning, nil)
	m.watchAdapter("telegram", fakeConn(false))
	var rep healthReport
	code, body = httpGet(srv.URL + "/healthz")
	if err := json.Unmarshal([]byte(body), &rep); err != nil || code != http.StatusOK {
		t.Fatalf("/healthz %d %s", code, body)
	}
	tg := rep.Adapters["telegram"]
	if !rep.Database.OK || rep.Database.SchemaVersion == 0 || rep.Status != statusDegraded || tg.State != stateRunning ||
		tg.Connected == nil || *tg.Connected || rep.Workers["reminders"].State != stateRunning {
		t.Fatalf("/healthz: %s", body)
	}
	m.watchAdapter("telegram", fakeConn(true))
	if code, body = httpGet(srv.URL + "/healthz?full=1"); code != http.StatusOK || !strings.Contains(body, `"status": "ok"`) || !strings.Contains(body, `"integrity": "ok"`) {
		t.Fatalf("/healthz?full=1: %d %s", code, body)
	}
	h.set("reminders", stateFailed, errors.New("boom"))
	if code, body = httpGet(srv.URL + "/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "boom") {
		t.Fatalf("a failed worker: %d %s", code, body)
	}
	h.set("reminders", stateRunning, nil)
	m.db.Close()
	if code, body = httpGet(srv.URL + "/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, `"ok": false`) {
		t.Fatalf("closed database: %d %s", code, body)
	}
	m.db = nil
}

type fakeCoach struct {
	source   string
	fellBack bool
}

func (f fakeCoach) Coach(_ context.Context, text string, o goals.AnalyzeOptions) goals.CoachResult {
	r := goals.OfflineCoach{}.Coach(context.Background(), text, o)
	r.Source, r.FellBack = f.source, f.fellBack
	if r.Source == "" {
		r.Source = "offline"
	}
	return r
}

type fakeConn bool

func (f fakeConn) Connected() bool { return bool(f) }
