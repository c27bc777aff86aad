package telegram

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

func TestParseIncoming(t *testing.T) {
	known := func(w string) bool {
		switch w {
		case "list", "new", "start", "help", "undo", "progress", "记录":
			return true
		}
		return false
	}
	for _, tc := range []struct {
		name      string
		text      string
		private   bool
		replyToMe bool
		want      incoming
	}{
		{"goal", "/goal log 3 demos", false, false, incoming{ok: true, command: "goal", text: "log 3 demos", slash: true}},
		{"goal at bot", "/goal@GoalTestBot list", false, false, incoming{ok: true, command: "goal", text: "list", slash: true}},
		{"bot name any case", "/goal@goaltestbot list", false, false, incoming{ok: true, command: "goal", text: "list", slash: true}},
		{"other bot", "/goal@OtherBot list", false, false, incoming{}},
		{"log", "/log 1.2万", false, false, incoming{ok: true, command: "log", text: "1.2万", slash: true}},
		{"log at bot", "/log@GoalTestBot 3", false, false, incoming{ok: true, command: "log", text: "3", slash: true}},
		{"underscore", "/goal_log 3", false, false, incoming{ok: true, command: "goal", text: "log 3", slash: true}},
		{"underscore at bot", "/goal_list@GoalTestBot team", false, false, incoming{ok: true, command: "goal", text: "list team", slash: true}},
		{"log underscore", "/log_3", false, false, incoming{ok: true, command: "log", text: "3", slash: true}},
		{"menu command", "/list", false, false, incoming{ok: true, command: "goal", text: "list", slash: true}},
		{"upper case", "/GOAL list", false, false, incoming{ok: true, command: "goal", text: "list", slash: true}},
		{"start payload", "/start ref42", true, false, incoming{ok: true, command: "goal", text: "start ref42", slash: true, direct: true}},
		{"chinese command", "/记录 1.2万", false, false, incoming{ok: true, command: "goal", text: "记录 1.2万", slash: true}},
		{"unknown bare in group", "/ban bob", false, false, incoming{}},
		{"unknown at bot in group", "/foo@GoalTestBot", false, false, incoming{ok: true, command: "goal", text: "foo", slash: true}},
		{"unknown in private", "/foo", true, false, incoming{ok: true, command: "goal", text: "foo", slash: true, direct: true}},
		{"empty goal", "/goal", false, false, incoming{ok: true, command: "goal", slash: true}},
		{"slash only", "/", true, false, incoming{}},
		{"private plain", "今天卖了1.2万", true, false, incoming{ok: true, text: "今天卖了1.2万", direct: true}},
		{"group chatter", "卖了3万", false, false, incoming{}},
		{"group reply to bot", "5万", false, true, incoming{ok: true, text: "5万", direct: true}},
		{"group mention", "@GoalTestBot log 3", false, false, incoming{ok: true, text: "log 3", direct: true}},
		{"blank", "   ", true, false, incoming{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseIncoming(tc.text, "GoalTestBot", tc.private, tc.replyToMe, known)
			if got != tc.want {
				t.Errorf("parseIncoming(%q) = %+v, want %+v", tc.text, got, tc.want)
			}
		})
	}
}

func TestRenderEscapesAndFormats(t *testing.T) {
	rep := bot.Reply{
		Text:    "Created goal #3: <b>sell</b> & \"win\"\nType `/goal log #3 1` to log.",
		Goals:   []bot.GoalView{{ID: 3, Title: "<b>sell</b> & \"win\"", Percent: 40, Status: goals.StatusOnTrack}},
		Buttons: []bot.Button{{Action: bot.ActUndo, Label: "Undo"}},
	}
	cs := renderReply(rep)
	if len(cs) != 1 {
		t.Fatalf("%d chunks", len(cs))
	}
	h := cs[0].html
	for _, want := range []string{
		"&lt;b&gt;sell&lt;/b&gt; &amp; &#34;win&#34;",
		"<code>/goal log #3 1</code>",
		"<b>#3 &lt;b&gt;sell&lt;/b&gt; &amp; &#34;win&#34;</b>\n▓▓▓▓░░░░░░ 40% 🟢",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("html %q lacks %q", h, want)
		}
	}
	if strings.Contains(h, "<b>sell") {
		t.Errorf("user text became markup: %q", h)
	}
	if strings.Contains(cs[0].plain, "<code>") || !strings.Contains(cs[0].plain, "<b>sell</b>") {
		t.Errorf("plain fallback %q", cs[0].plain)
	}
	if len(cs[0].buttons) != 1 {
		t.Errorf("buttons %+v", cs[0].buttons)
	}

	// A list already draws its bars: no extra summary.
	line := bot.GoalLine(rep.Goals[0], "en")
	if got := renderReply(bot.Reply{Text: line, Goals: rep.Goals}); strings.Count(got[0].html, "▓▓▓▓") != 1 {
		t.Errorf("bar drawn twice: %q", got[0].html)
	}
	// Nothing to say, nothing sent.
	if got := renderReply(bot.Reply{}); len(got) != 0 {
		t.Errorf("empty reply rendered %+v", got)
	}
}

func TestSplitLongText(t *testing.T) {
	var b strings.Builder
	for range 400 {
		b.WriteString("目标进度 ▓▓▓░░░ 30% · 很长的一行用来测试分段\n")
	}
	b.WriteString(strings.Repeat("x", 9000))
	b.WriteString("\n" + strings.Repeat("🔥", 3000))
	cs := renderReply(bot.Reply{Text: b.String(), Buttons: []bot.Button{{Action: bot.ActUndo, Label: "u"}}})
	if len(cs) < 3 {
		t.Fatalf("%d chunks", len(cs))
	}
	total := 0
	for i, c := range cs {
		n := utf8.RuneCountInString(c.plain)
		total += n
		if u16len(c.plain) > maxChunk {
			t.Errorf("chunk %d has %d runes", i, n)
		}
		if (len(c.buttons) > 0) != (i == len(cs)-1) {
			t.Errorf("buttons on chunk %d of %d", i, len(cs))
		}
	}
	if total < 9000+3000+400*20 {
		t.Errorf("text lost: %d runes", total)
	}
}

func TestLimiterSlots(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(time.Second, 20, time.Second/30)
	l.now = func() time.Time { return now }

	// A private chat: one a second.
	for i := range 3 {
		if got := l.reserve(1, false).Sub(now); got != time.Duration(i)*time.Second {
			t.Errorf("private slot %d at %v", i, got)
		}
	}
	// Another chat is not held back by the first.
	if got := l.reserve(2, false); !got.Equal(now) {
		t.Errorf("other chat waits until %v", got)
	}
	// A group: one a second, and the 21st within a minute waits for the window.
	var slots []time.Duration
	for range 22 {
		slots = append(slots, l.reserve(-100, true).Sub(now))
	}
	if slots[19] != 19*time.Second {
		t.Errorf("20th group slot at %v", slots[19])
	}
	if slots[20] != time.Minute || slots[21] != time.Minute+time.Second {
		t.Errorf("21st and 22nd group slots at %v, %v; want 1m0s, 1m1s", slots[20], slots[21])
	}
	// retry_after holds a chat back.
	l.penalize(2, 30*time.Second)
	if got := l.reserve(2, false).Sub(now); got != 30*time.Second {
		t.Errorf("after a 429, slot at %v", got)
	}
	// The bot-wide budget spaces sends by 1/30 s.
	a, b := l.reserveGlobal(), l.reserveGlobal()
	if b.Sub(a) != time.Second/30 {
		t.Errorf("global gap %v", b.Sub(a))
	}
}

// The poll gate, followed by its own record (how many callers wait on it)
// and the server's (how many getUpdates reached it), never by sleeping.
func TestPollGateHoldsTheNextGetUpdates(t *testing.T) {
	var polls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getUpdates") {
			polls.Add(1)
		}
		io.WriteString(w, `{"ok":true,"result":[{"update_id":1},{"update_id":2}]}`)
	}))
	defer srv.Close()
	// maxWait is far beyond the test: a poll let through did not time out.
	c := &gateClient{inner: srv.Client(), gate: newCounter(), maxWait: time.Hour, log: slog.New(slog.DiscardHandler)}
	guard := time.After(30 * time.Second)
	poll := func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/botX/getUpdates", nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Errorf("poll: %v", err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), `"update_id":2`) {
			t.Errorf("body not passed on: %s", body)
		}
	}
	poll() // two updates now in flight
	second := make(chan struct{})
	go func() { poll(); close(second) }()
	for c.gate.waiting() != 1 {
		select {
		case <-second:
			t.Fatal("the next getUpdates went out with updates still being handled")
		case <-guard:
			t.Fatal("the next getUpdates never waited on the gate")
		case <-time.After(time.Millisecond):
		}
	}
	// Other methods never wait, even while a poll is held.
	done := make(chan struct{})
	go func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/botX/sendMessage", nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-guard:
		t.Fatal("sendMessage waited for the gate")
	}
	c.gate.done()
	// One update is still being handled: the waiter cannot have been let
	// go (the gate's channel closes only at zero), so the server saw one poll.
	if n := polls.Load(); n != 1 || c.gate.waiting() != 1 {
		t.Fatalf("with one update in flight: %d polls reached the server, %d waiting", n, c.gate.waiting())
	}
	c.gate.done()
	select {
	case <-second:
	case <-guard:
		t.Fatal("getUpdates still held after every update was handled")
	}
	if n := polls.Load(); n != 2 {
		t.Fatalf("%d polls reached the server, want 2", n)
	}
}

func TestLongButtonPayloadStored(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	ctx := context.Background()
	long := bot.Button{Action: bot.ActPickGoal, Label: "#2 营收", Value: "2|" + strings.Repeat("今天卖了", 10)}
	data, err := h.a.callbackData(ctx, "tg:-1", "tg:-1", long)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > maxCallbackData || !strings.HasPrefix(data, "~") {
		t.Fatalf("callback_data %q (%d bytes)", data, len(data))
	}
	p, ok, err := h.a.resolveCallback(ctx, "tg:-1", data)
	if err != nil || !ok || p.action != bot.ActPickGoal || p.value != long.Value || p.team != "" {
		t.Fatalf("resolved %+v %v %v", p, ok, err)
	}
	// Another team cannot read it.
	if _, ok, err := h.a.resolveCallback(ctx, "tg:-2", data); ok || err != nil {
		t.Fatalf("other team resolved it: %v %v", ok, err)
	}
	short, _ := h.a.callbackData(ctx, "tg:-1", "tg:-1", bot.Button{Action: bot.ActQuickLog, Value: "12:1"})
	if short != "quick_log|12:1" {
		t.Fatalf("short payload %q", short)
	}
	// A group goal's button in a private chat carries its team.
	other, _ := h.a.callbackData(ctx, "tg:u5", "tg:-1", bot.Button{Action: bot.ActQuickLog, Value: "12:1"})
	p, ok, err = h.a.resolveCallback(ctx, "tg:u5", other)
	if !strings.HasPrefix(other, "~") || err != nil || !ok || p.team != "tg:-1" || p.action != bot.ActQuickLog || p.value != "12:1" {
		t.Fatalf("cross-team payload %q resolved %+v %v %v", other, p, ok, err)
	}
}

func TestOutgoingChat(t *testing.T) {
	for _, tc := range []struct {
		m    bot.Outgoing
		want int64
	}{
		{bot.Outgoing{Channel: "-100123"}, -100123},
		{bot.Outgoing{UserID: "42"}, 42},
		{bot.Outgoing{TeamID: "tg:u42"}, 42},
		{bot.Outgoing{TeamID: "tg:-100123"}, -100123},
		{bot.Outgoing{TeamID: "tg:-100123", UserID: "7"}, 7},
	} {
		got, err := outgoingChat(tc.m)
		if err != nil || got != tc.want {
			t.Errorf("outgoingChat(%+v) = %d, %v; want %d", tc.m, got, err, tc.want)
		}
	}
	if _, err := outgoingChat(bot.Outgoing{TeamID: "slack:T1"}); err == nil {
		t.Error("a Slack team resolved to a Telegram chat")
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	eng := bot.NewEngine(&goals.Service{})
	for _, tc := range []struct {
		name  string
		token string
		opts  []Option
	}{
		{"empty token", " ", nil},
		{"bad api url", "1:x", []Option{WithAPIURL("ftp://example.com")}},
		{"bad webhook url", "1:x", []Option{WithWebhook("example.com/hook", "")}},
		{"bad secret", "1:x", []Option{WithWebhook("https://example.com", "has spaces!")}},
	} {
		if _, err := New(tc.token, eng, tc.opts...); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	a, err := New("1:x", eng, WithWebhook("https://example.com", ""))
	if err != nil || !secretRE.MatchString(a.webhookSecret) || a.webhookURL != "https://example.com"+WebhookPath {
		t.Fatalf("generated secret %q, url %q, %v", a.webhookSecret, a.webhookURL, err)
	}
}

// Connected follows the last long poll: answered, up; refused, down.
func TestConnectedFollowsPolling(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Write([]byte(`{"ok":true,"result":[]}`))
	}))
	defer srv.Close()
	c := &gateClient{inner: srv.Client(), gate: newCounter(), maxWait: time.Second, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	a := &Adapter{poller: c}
	poll := func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/botT/getUpdates", nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	if a.Connected() {
		t.Fatal("connected before any poll")
	}
	poll()
	if !a.Connected() {
		t.Fatal("not connected after an answered poll")
	}
	down.Store(true)
	poll()
	if a.Connected() {
		t.Fatal("still connected after a 502")
	}
}
