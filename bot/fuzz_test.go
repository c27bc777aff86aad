package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// FuzzHandle sends random text (and random button presses) through a real
// engine on a temporary SQLite file that already holds goals of several
// kinds, as several users of two teams. Whatever comes in, the engine must
// answer: no panic (the engine recovers panics, so the test watches its
// log), no internal error, a reply with a language and a text, a refusal
// with a code and a message, and no stack trace or Go error text shown to
// the user. The database persists across inputs, so a sequence of inputs
// builds up state the way a chat does.
//
// Seeds are in testdata/fuzz/FuzzHandle. Run it with
//
//	go test -run '^$' -fuzz '^FuzzHandle$' -fuzztime 5m ./bot
func FuzzHandle(f *testing.F) {
	for _, s := range []string{
		"", "help", "new Book 20 demos by Friday", "log 3 demos", "log #1 2.5", "undo", "list", "list team",
		"progress #1", "edit #1 target=30 deadline=2026-12-01", "done #2", "settings tz=Asia/Shanghai lang=zh-CN",
		"记录 1.2万", "新建 本月销售额达到5万元", "3 demos", "log NaN", "log -1", "log 1e309", "log 99999999999999999",
		"'; DROP TABLE logs; --", "log 3 \u202eevil", "\x00\x01", "split #1 by week", "digest weekly",
		"role @bob manager", "smart grow sales", "new team Reach 100 leads by end of Q4",
	} {
		f.Add(s, false, false, byte(0), "", "")
	}
	f.Add("3 demos", true, false, byte(0), "", "")
	f.Add("1.5k", false, true, byte(1), "", "")
	f.Add("", false, false, byte(0), bot.ActQuickLog, "1:1")
	f.Add("", false, false, byte(2), bot.ActPickGoal, "1|log 3")
	f.Add("", false, false, byte(3), bot.ActAcceptRewrite, "")

	fe := newFuzzEnv(f)
	users := []struct{ team, user, lang string }{
		{"acme", "alice", ""}, {"acme", "bob", ""}, {"acme", "wang", "zh-CN"}, {"evil", "mallory", ""},
	}
	f.Fuzz(func(t *testing.T, text string, direct, logCmd bool, who byte, action, value string) {
		u := users[int(who)%len(users)]
		req := bot.Request{Platform: "fuzz", TeamID: u.team, TeamName: u.team, UserID: u.user, UserName: u.user,
			Text: text, Direct: direct, LangHint: u.lang}
		if logCmd {
			req.Command = "log"
		}
		if action != "" {
			// Button payloads reach the engine decoded from the platforms'
			// JSON, which is valid UTF-8 (invalid bytes become U+FFFD).
			req.Action = &bot.Action{ID: strings.ToValidUTF8(action, "\uFFFD"), Value: strings.ToValidUTF8(value, "\uFFFD")}
		}
		// How fast an answer comes is BenchmarkLogCommand's business; a
		// hang fails by the test's timeout.
		rep := fe.eng.Handle(context.Background(), req)
		if p := fe.takeProblems(); len(p) > 0 {
			t.Fatalf("input %q (action %q %q) logged: %s", clipQ(text), action, value, strings.Join(p, "\n"))
		}
		checkReply(t, text, rep)
	})
}

func checkReply(t *testing.T, in string, rep bot.Reply) {
	t.Helper()
	switch rep.Lang {
	case "en", "zh-CN", "zh-TW":
	default:
		t.Fatalf("input %q: reply language %q", clipQ(in), rep.Lang)
	}
	if strings.TrimSpace(rep.Text) == "" {
		t.Fatalf("input %q: empty reply text: %+v", clipQ(in), rep)
	}
	if !utf8.ValidString(rep.Text) {
		t.Fatalf("input %q: reply is not valid UTF-8", clipQ(in))
	}
	if rep.OK != (rep.Error == nil) {
		t.Fatalf("input %q: ok=%v with error %+v", clipQ(in), rep.OK, rep.Error)
	}
	if rep.Error != nil {
		if rep.Error.Code == "" || strings.TrimSpace(rep.Error.Message) == "" {
			t.Fatalf("input %q: refusal without code or message: %+v", clipQ(in), rep.Error)
		}
		if rep.Error.Code == "internal" {
			t.Fatalf("input %q: internal error shown: %+v", clipQ(in), rep.Error)
		}
	}
	out := rep.Text
	if rep.Error != nil {
		out += "\n" + rep.Error.Message
	}
	for _, leak := range []string{"goroutine ", "runtime/debug", "panic(", ".go:", "sql: ", "SQLITE", "database is locked", "<nil>", "%!"} {
		if strings.Contains(out, leak) && !strings.Contains(in, leak) {
			t.Fatalf("input %q: reply shows internals (%q): %q", clipQ(in), leak, clipQ(out))
		}
	}
}

func clipQ(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// fuzzEnv is an engine whose log is watched for panics and internal errors.
type fuzzEnv struct {
	eng *bot.Engine
	rec *problemLog
}

func newFuzzEnv(tb testing.TB) *fuzzEnv {
	db := storagetest.MustOpenDB(tb)
	now := mustTime("2026-11-16T09:00:00+08:00")
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(func() time.Time { return now }), DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	rec := &problemLog{}
	eng := bot.NewEngine(svc, bot.WithLogger(slog.New(rec)))
	fe := &fuzzEnv{eng: eng, rec: rec}
	for _, s := range []struct{ team, user, text string }{
		{"acme", "alice", "new Book 20 demos by Friday"},
		{"acme", "alice", "new Raise conversion rate from 1% to 2% by end of month"},
		{"acme", "alice", "new team Reach ¥115,000 revenue by end of Q4"},
		{"acme", "wang", "新建 本月销售额达到5万元"},
		{"evil", "mallory", "new Make 5 calls a day"},
	} {
		rep := eng.Handle(context.Background(), bot.Request{Platform: "fuzz", TeamID: s.team, UserID: s.user, Text: s.text,
			RoleHint: goals.RoleManager})
		if !rep.OK {
			tb.Fatalf("setup %q refused: %+v", s.text, rep.Error)
		}
	}
	eng.Handle(context.Background(), bot.Request{Platform: "fuzz", TeamID: "acme", UserID: "alice", Text: "log #1 3"})
	if p := rec.take(); len(p) > 0 {
		tb.Fatalf("setup logged problems: %v", p)
	}
	return fe
}

func (fe *fuzzEnv) takeProblems() []string { return fe.rec.take() }

// problemLog is a slog.Handler that keeps error records (a recovered panic,
// an internal error) for the fuzz target to fail on.
type problemLog struct {
	mu       sync.Mutex
	problems []string
}

func (h *problemLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (h *problemLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(" " + a.Key + "=" + a.Value.String())
		return true
	})
	h.mu.Lock()
	h.problems = append(h.problems, b.String())
	h.mu.Unlock()
	return nil
}

func (h *problemLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *problemLog) WithGroup(string) slog.Handler      { return h }

func (h *problemLog) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.problems
	h.problems = nil
	return p
}
