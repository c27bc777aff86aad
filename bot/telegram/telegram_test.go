package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

const testToken = "123456:TEST-secret-token-value"

// testNow: a Tuesday in the middle of November, Shanghai time.
var testNow = time.Date(2026, 11, 10, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is one bot process: the real engine on a real SQLite file and
// the adapter, talking to the fake Bot API.
type harness struct {
	t      *testing.T
	api    *fakeAPI
	dbPath string
	db     *storage.DB
	eng    *bot.Engine
	a      *Adapter
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

func startHarness(t *testing.T, api *fakeAPI, dbPath string, opts ...Option) *harness {
	t.Helper()
	clock := goals.ClockFunc(func() time.Time { return testNow })
	db, err := storage.Open(dbPath, storage.WithClock(clock))
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	svc := &goals.Service{Store: db, Clock: clock, DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	eng := bot.NewEngine(svc, bot.WithLogger(logger))
	all := append([]Option{
		WithAPIURL(api.URL()), WithLogger(logger), WithRateLimits(time.Millisecond, 1000),
		WithPollTimeout(2 * time.Second), WithTimeouts(10*time.Second, 20*time.Second),
	}, opts...)
	a, err := New(testToken, eng, all...)
	if err != nil {
		t.Fatalf("new adapter: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, api: api, dbPath: dbPath, db: db, eng: eng, a: a, logs: logs, cancel: cancel, done: make(chan error, 1)}
	api.mu.Lock()
	api.adapter = a // settle waits for its replies
	api.mu.Unlock()
	go func() { h.done <- a.Run(ctx) }()
	t.Cleanup(h.stop)
	// Ready when the bot knows itself.
	deadline := time.Now().Add(hangGuard)
	for a.me.Load() == nil {
		if time.Now().After(deadline) {
			t.Fatal("adapter did not start")
		}
		time.Sleep(2 * time.Millisecond)
	}
	return h
}

// stop ends the process the graceful way: Run returns, the DB closes.
func (h *harness) stop() {
	h.once.Do(func() {
		h.cancel()
		select {
		case err := <-h.done:
			if err != nil {
				h.t.Errorf("Run: %v", err)
			}
		case <-time.After(15 * time.Second):
			h.t.Error("Run did not return")
		}
		if err := h.db.Close(); err != nil {
			h.t.Errorf("close db: %v", err)
		}
		if strings.Contains(h.logs.String(), testToken) || strings.Contains(h.logs.String(), "TEST-secret") {
			h.t.Errorf("the bot token appears in the logs:\n%s", h.logs.String())
		}
	})
}

func (h *harness) logsOf(team string) []goals.Log {
	h.t.Helper()
	ls, err := h.db.Logs(context.Background(), goals.LogFilter{TeamID: team})
	if err != nil {
		h.t.Fatalf("logs: %v", err)
	}
	return ls
}

func (h *harness) goalsOf(team string) []goals.Goal {
	h.t.Helper()
	gs, err := h.db.Goals(context.Background(), goals.GoalFilter{TeamID: team})
	if err != nil {
		h.t.Fatalf("goals: %v", err)
	}
	return gs
}

func sum(ls []goals.Log) float64 {
	s := 0.0
	for _, l := range ls {
		s += l.Amount
	}
	return s
}

// buttons reads the inline keyboard of a recorded sendMessage.
func buttons(t *testing.T, c apiCall) []models.InlineKeyboardButton {
	t.Helper()
	raw := c.Fields["reply_markup"]
	if raw == "" {
		return nil
	}
	var kb models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		t.Fatalf("reply_markup %s: %v", raw, err)
	}
	var out []models.InlineKeyboardButton
	for _, row := range kb.InlineKeyboard {
		out = append(out, row...)
	}
	return out
}

func buttonData(t *testing.T, c apiCall, prefix string) string {
	t.Helper()
	for _, b := range buttons(t, c) {
		if strings.HasPrefix(b.CallbackData, prefix) {
			return b.CallbackData
		}
	}
	t.Fatalf("no button %q* in %s", prefix, c.Fields["reply_markup"])
	return ""
}

// lastTo is the newest delivered sendMessage to chat.
func lastTo(t *testing.T, api *fakeAPI, chat int64) apiCall {
	t.Helper()
	var last apiCall
	found := false
	for _, c := range api.sent("sendMessage") {
		if c.Fields["chat_id"] == strconv.FormatInt(chat, 10) {
			last, found = c, true
		}
	}
	if !found {
		t.Fatalf("nothing sent to %d", chat)
	}
	return last
}

func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%q does not contain %q", got, w)
		}
	}
}

// settle waits until the fake has no unconfirmed update (every update
// served was handled: the poll gate let the next getUpdates confirm it),
// then until the adapter has nothing in flight (every reply sent), so a
// count of messages afterwards is final.
func (f *fakeAPI) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		f.mu.Lock()
		n := len(f.queue)
		f.mu.Unlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d updates never confirmed", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	f.mu.Lock()
	a := f.adapter
	f.mu.Unlock()
	waitIdle(t, a)
}

// waitIdle waits until a has no update being handled and no reply or
// button answer being sent.
func waitIdle(t *testing.T, a *Adapter) {
	t.Helper()
	if timedOut, err := a.inflight.wait(context.Background(), hangGuard); timedOut || err != nil {
		t.Fatalf("adapter still busy after %v (%v)", hangGuard, err)
	}
}

// hangGuard bounds the waits on the adapter and the fake: only a hang
// reaches it (under -race on a loaded 2-core machine, seconds are not
// enough).
const hangGuard = time.Minute

func TestStartOnboardingAndCommandMenu(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")

	en, zh := user(1001, "en"), user(1002, "zh-hans")
	api.push(privateMessage(1, en, "/start"))
	api.push(privateMessage(1, zh, "/start"))

	enText := api.waitTexts(en.ID, 1)[0]
	mustContain(t, enText, "goalbot", "<code>/goal new Book 20 demos by Friday</code>", "<code>/goal log 3 demos</code>", "<code>/goal list</code>", "settings tz=")
	zhText := api.waitTexts(zh.ID, 1)[0]
	mustContain(t, zhText, "你好", "<code>/goal 新建 本月销售额达到5万元</code>", "<code>/goal 记录 1.2万</code>", "<code>/goal 列表</code>", "时区")
	if pm := lastTo(t, api, en.ID).Fields["parse_mode"]; pm != "HTML" {
		t.Errorf("parse_mode %q, want HTML", pm)
	}

	// setMyCommands: default scope, then language_code en and zh, each with its descriptions.
	cmds := api.waitCalls("setMyCommands", 3)
	seen := map[string]string{}
	for _, c := range cmds {
		if c.Fields["scope"] != `{"type":"default"}` {
			t.Errorf("scope %q", c.Fields["scope"])
		}
		var list []models.BotCommand
		if err := json.Unmarshal([]byte(c.Fields["commands"]), &list); err != nil {
			t.Fatalf("commands %q: %v", c.Fields["commands"], err)
		}
		names := map[string]bool{}
		for _, bc := range list {
			names[bc.Command] = true
			if bc.Command != strings.ToLower(bc.Command) || bc.Description == "" {
				t.Errorf("bad command %+v", bc)
			}
			if bc.Command == "log" {
				seen[c.Fields["language_code"]] = bc.Description
			}
		}
		for _, n := range []string{"goal", "log", "start", "help", "list", "undo", "progress", "new"} {
			if !names[n] {
				t.Errorf("language %q: command %q not registered", c.Fields["language_code"], n)
			}
		}
	}
	if !strings.Contains(seen["zh"], "记录") || !strings.Contains(seen["en"], "Log") || !strings.Contains(seen[""], "Log") {
		t.Errorf("descriptions of /log by language: %q", seen)
	}
	h.stop()
}

func TestPrivateChatChineseGoalAndLogs(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	u := user(2001, "zh-hans")
	team := "tg:u2001"

	api.push(privateMessage(1, u, "/goal 新建 本月销售额达到5万元"))
	created := api.waitTexts(u.ID, 1)[0]
	mustContain(t, created, "已创建目标 #1", "<b>#1 ", "░░░░░░░░░░ 0%")
	if d := buttonData(t, lastTo(t, api, u.ID), "quick_log|"); d != "quick_log|1:1" {
		t.Errorf("quick log button %q", d)
	}

	api.push(privateMessage(2, u, "卖了1.2万")) // "今天卖了1.2万" is read as a goal by the engine today (reported)
	logged := api.waitTexts(u.ID, 2)[1]
	mustContain(t, logged, "已记录 ¥12,000", "¥12,000/¥50,000", "<b>#1 ")
	buttonData(t, lastTo(t, api, u.ID), "undo|")

	api.push(privateMessage(3, u, "/log 1.2万"))
	mustContain(t, api.waitTexts(u.ID, 3)[2], "已记录 ¥12,000", "¥24,000/¥50,000")

	ls := h.logsOf(team)
	if len(ls) != 2 || sum(ls) != 24000 {
		t.Fatalf("logs %+v, want two of 12000", ls)
	}
	if ls[0].Key != "tg:2001:2" || ls[1].Key != "tg:2001:3" || ls[0].User != "2001" {
		t.Errorf("log keys/users: %+v", ls)
	}
	gs := h.goalsOf(team)
	if len(gs) != 1 || gs[0].Target != 50000 || gs[0].Deadline.String() != "2026-11-30" {
		t.Errorf("goals %+v", gs)
	}
}

func TestGroupCommandsWithBotName(t *testing.T) {
	api := newFakeAPI(t, testToken)
	const chat = int64(-1001234)
	admin, member := user(3001, "zh-hans"), user(3002, "zh-hans")
	api.admins[chat] = []int64{3001}
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	team := "tg:-1001234"

	api.push(groupMessage(10, chat, admin, "/goal@GoalTestBot 新建 团队 本月销售额达到10万元"))
	created := api.waitTexts(chat, 1)[0]
	mustContain(t, created, "已创建目标 #1")
	if rp := lastTo(t, api, chat).Fields["reply_parameters"]; !strings.Contains(rp, `"message_id":10`) {
		t.Errorf("group answer should reply to the command: %q", rp)
	}

	// Not for us: another bot's command, chatter, an unknown bare command.
	api.push(groupMessage(11, chat, member, "/goal@OtherBot list"))
	api.push(groupMessage(12, chat, member, "今天卖了3万，大家加油"))
	api.push(groupMessage(13, chat, member, "/ban someone"))
	// For us: the underscore form and /log with the bot's name in other case.
	api.push(groupMessage(14, chat, member, "/goal_log 3万"))
	api.push(groupMessage(15, chat, member, "/log@goaltestbot 1万"))
	texts := api.waitTexts(chat, 3)
	mustContain(t, texts[1], "已记录 ¥30,000")
	mustContain(t, texts[2], "已记录 ¥10,000", "¥40,000/¥100,000")
	api.settle(t)
	if n := len(api.texts(chat)); n != 3 {
		t.Fatalf("group got %d messages, want 3: %q", n, api.texts(chat))
	}

	gs := h.goalsOf(team)
	if len(gs) != 1 || gs[0].Scope != goals.ScopeTeam {
		t.Fatalf("goals %+v", gs)
	}
	ctx := context.Background()
	if m, err := h.db.Member(ctx, team, "3001"); err != nil || m.Role != goals.RoleManager {
		t.Errorf("admin member %+v, %v: want manager", m, err)
	}
	if m, err := h.db.Member(ctx, team, "3002"); err != nil || m.Role == goals.RoleManager {
		t.Errorf("plain member %+v, %v: want member", m, err)
	}
	if n := len(api.sent("getChatAdministrators")); n != 1 {
		t.Errorf("getChatAdministrators called %d times, want 1 (cached)", n)
	}

	// A reminder in the member's private chat with a quick-log button for
	// the group's goal: the press logs to the group's goal.
	err := h.a.Send(ctx, bot.Outgoing{Platform: "telegram", TeamID: team, UserID: "3002",
		Reply: bot.Reply{Text: "今天还没记录", Buttons: []bot.Button{{Action: bot.ActQuickLog, Label: "+1", Value: "1:1"}}}})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	dm := lastTo(t, api, member.ID)
	data := buttonData(t, dm, "~")
	api.push(callbackUpdate("cb-dm", member, models.Chat{ID: member.ID, Type: models.ChatTypePrivate}, 1, data))
	mustContain(t, api.waitTexts(member.ID, 2)[1], "已记录", "¥40,001/¥100,000")
	if ls := h.logsOf(team); len(ls) != 3 || sum(ls) != 40001 {
		t.Fatalf("group logs %+v", ls)
	}
}

func TestCallbackButtonsActOnce(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	u := user(4001, "zh-hans")
	team := "tg:u4001"
	chat := models.Chat{ID: u.ID, Type: models.ChatTypePrivate}

	api.push(privateMessage(1, u, "/goal 新建 本月销售额达到5万元"))
	api.waitTexts(u.ID, 1)
	msg := lastTo(t, api, u.ID)
	quick := buttonData(t, msg, "quick_log|")

	// The same press delivered twice (a webhook retry, a redelivery).
	press := callbackUpdate("cbq-1", u, chat, 1001, quick)
	api.push(press)
	api.push(press)
	api.waitCalls("answerCallbackQuery", 2)
	texts := api.waitTexts(u.ID, 2)
	mustContain(t, texts[1], "已记录")
	api.settle(t)
	if n := len(api.texts(u.ID)); n != 2 {
		t.Fatalf("%d messages, want 2 (one answer to the press): %q", n, api.texts(u.ID))
	}
	for _, c := range api.sent("answerCallbackQuery") {
		if c.Fields["callback_query_id"] != "cbq-1" {
			t.Errorf("answered %q", c.Fields["callback_query_id"])
		}
	}
	if ls := h.logsOf(team); len(ls) != 1 || ls[0].Amount != 1 || ls[0].Key != "tg:cb:cbq-1" {
		t.Fatalf("logs %+v, want one of 1", ls)
	}

	// "Log…" asks for the amount; the reply logs it to that goal.
	custom := buttonData(t, msg, "custom_log|")
	api.push(callbackUpdate("cbq-2", u, chat, 1001, custom))
	prompt := api.waitTexts(u.ID, 3)[2]
	mustContain(t, prompt, "#1", "记录多少")
	if rm := lastTo(t, api, u.ID).Fields["reply_markup"]; !strings.Contains(rm, `"force_reply":true`) {
		t.Errorf("prompt markup %q", rm)
	}
	api.push(privateMessage(2, u, "3000"))
	mustContain(t, api.waitTexts(u.ID, 4)[3], "已记录 ¥3,000")
	if ls := h.logsOf(team); len(ls) != 2 || sum(ls) != 3001 {
		t.Fatalf("logs %+v", ls)
	}

	// An unknown stored payload: answered, nothing done.
	api.push(callbackUpdate("cbq-3", u, chat, 1001, "~doesnotexist"))
	calls := api.waitCalls("answerCallbackQuery", 4)
	if last := calls[len(calls)-1]; !strings.Contains(last.Fields["text"], "失效") {
		t.Errorf("expired button answer %q", last.Fields["text"])
	}
}

func TestGuidedDialogueSurvivesRestart(t *testing.T) {
	api := newFakeAPI(t, testToken)
	dbPath := t.TempDir() + "/goalbot.db"
	h := startHarness(t, api, dbPath)
	u := user(5001, "zh-hans")
	team := "tg:u5001"
	chat := models.Chat{ID: u.ID, Type: models.ChatTypePrivate}

	api.push(privateMessage(1, u, "/new"))
	mustContain(t, api.waitTexts(u.ID, 1)[0], "你想达成什么目标")
	api.push(privateMessage(2, u, "提升店铺销售额"))
	second := api.waitTexts(u.ID, 2)[1]
	api.settle(t)

	// The process restarts in the middle of the dialogue.
	h.stop()
	h = startHarness(t, api, dbPath)

	msgID := 3
	for step := 0; ; step++ {
		if step == 8 {
			t.Fatalf("dialogue did not finish: %q", api.texts(u.ID))
		}
		texts := api.texts(u.ID)
		last := texts[len(texts)-1]
		if step == 0 {
			last = second
		}
		var answer string
		switch {
		case strings.Contains(last, "已创建目标"):
			gs := h.goalsOf(team)
			if len(gs) != 1 || gs[0].Target != 50000 || gs[0].Deadline.String() != "2026-11-30" {
				t.Fatalf("goal after the dialogue: %+v", gs)
			}
			return
		case strings.Contains(last, "具体目标是多少"):
			answer = "5万"
		case strings.Contains(last, "截止到什么时候"):
			answer = "月底"
		case strings.Contains(last, "现在是多少"):
			answer = "0"
		case strings.Contains(last, "要按这个保存吗"):
			data := buttonData(t, lastTo(t, api, u.ID), "accept_rewrite|")
			n := len(texts)
			api.push(callbackUpdate("accept-"+strconv.Itoa(step), u, chat, 1, data))
			api.waitTexts(u.ID, n+1)
			continue
		default:
			t.Fatalf("unexpected question %q", last)
		}
		n := len(texts)
		api.push(privateMessage(msgID, u, answer))
		msgID++
		api.waitTexts(u.ID, n+1)
	}
}

func TestWebhookSecret(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db", WithWebhook("https://bot.example.com", "s3cr3t_Token-1"))
	set := api.waitCalls("setWebhook", 1)[0]
	if set.Fields["url"] != "https://bot.example.com/telegram/webhook" || set.Fields["secret_token"] != "s3cr3t_Token-1" {
		t.Fatalf("setWebhook %+v", set.Fields)
	}
	if n := len(api.sent("getUpdates")); n != 0 {
		t.Errorf("webhook mode polled %d times", n)
	}
	srv := httptest.NewServer(h.a.WebhookHandler())
	defer srv.Close()
	u := user(6001, "zh-hans")
	post := func(secret string, upd models.Update) int {
		body, _ := json.Marshal(&upd)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+WebhookPath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set(SecretHeader, secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	create := privateMessage(1, u, "/goal 新建 本月销售额达到5万元")
	create.ID = 1
	for _, secret := range []string{"", "wrong", "s3cr3t_Token-"} {
		if code := post(secret, create); code != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", secret, code)
		}
	}
	if resp, err := http.Get(srv.URL + WebhookPath); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET without secret: %v %v", resp.StatusCode, err)
	}
	waitIdle(t, h.a) // a 401 is answered before anything is queued; nothing may be in flight
	if teams, _ := h.db.Teams(context.Background()); len(teams) != 0 {
		t.Fatalf("a refused request changed the database: teams %+v", teams)
	}
	if n := len(api.sent("sendMessage")); n != 0 {
		t.Fatalf("a refused request was answered (%d messages)", n)
	}

	if code := post("s3cr3t_Token-1", create); code != http.StatusOK {
		t.Fatalf("right secret: status %d", code)
	}
	// 200 means handled: the goal is already stored.
	if gs := h.goalsOf("tg:u6001"); len(gs) != 1 {
		t.Fatalf("goals after 200: %+v", gs)
	}
	mustContain(t, api.waitTexts(u.ID, 1)[0], "已创建目标 #1")

	// A webhook retry of the same log update logs once.
	logUpd := privateMessage(2, u, "/log 1万")
	logUpd.ID = 2
	for range 2 {
		if code := post("s3cr3t_Token-1", logUpd); code != http.StatusOK {
			t.Fatalf("log: status %d", code)
		}
	}
	mustContain(t, api.waitTexts(u.ID, 2)[1], "已记录 ¥10,000")
	waitIdle(t, h.a) // both posts were answered 200: every reply they make is now sent
	if n := len(api.texts(u.ID)); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
	if ls := h.logsOf("tg:u6001"); len(ls) != 1 || ls[0].Amount != 10000 {
		t.Fatalf("logs %+v, want one", ls)
	}
}

func TestRateLimitedReplyRetriedOnce(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	u := user(7001, "en")

	api.failNext("sendMessage", 1, http.StatusTooManyRequests, 1)
	api.push(privateMessage(1, u, "/start"))
	mustContain(t, api.waitTexts(u.ID, 1)[0], "goalbot")
	api.settle(t)
	var attempts []apiCall
	for _, c := range api.snapshot() {
		if c.Method == "sendMessage" {
			attempts = append(attempts, c)
		}
	}
	if len(attempts) != 2 || attempts[0].OK || !attempts[1].OK {
		t.Fatalf("sendMessage attempts %+v, want a 429 then one delivery", attempts)
	}
	if gap := attempts[1].At.Sub(attempts[0].At); gap < 950*time.Millisecond {
		t.Errorf("retried after %v, before retry_after (1s)", gap)
	}
	if n := len(api.texts(u.ID)); n != 1 {
		t.Fatalf("delivered %d times, want once", n)
	}
	if !strings.Contains(h.logs.String(), "retry_after=1s") {
		t.Errorf("the wait was not logged:\n%s", h.logs.String())
	}

	// The Sender (scheduled messages) hands a 429 back to its caller.
	api.failNext("sendMessage", 1, http.StatusTooManyRequests, 7)
	err := h.a.Send(context.Background(), bot.Outgoing{Platform: "telegram", TeamID: "tg:u7002", Reply: bot.Reply{Text: "daily summary"}})
	var re *bot.RetryError
	if !errors.As(err, &re) || re.After != 7*time.Second {
		t.Fatalf("Send on 429: %v, want *bot.RetryError after 7s", err)
	}
	if n := len(api.texts(7002)); n != 0 {
		t.Fatalf("delivered %d", n)
	}
	// Another chat is not held back.
	if err := h.a.Send(context.Background(), bot.Outgoing{Platform: "telegram", TeamID: "tg:-100555", Channel: "-100555",
		Reply: bot.Reply{Text: "weekly <digest>"}, Thread: []bot.Reply{{Text: "alice: 3/20"}}}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := api.texts(-100555)
	if len(got) != 2 || got[0] != "weekly &lt;digest&gt;" || got[1] != "alice: 3/20" {
		t.Fatalf("group got %q", got)
	}
}

func TestTheSameUpdateTwiceLogsOnce(t *testing.T) {
	api := newFakeAPI(t, testToken)
	dbPath := t.TempDir() + "/goalbot.db"
	h := startHarness(t, api, dbPath)
	u := user(8001, "zh-hans")
	team := "tg:u8001"

	api.push(privateMessage(1, u, "/goal 新建 本月销售额达到5万元"))
	api.waitTexts(u.ID, 1)
	api.push(privateMessage(2, u, "/log 1万"))
	api.waitTexts(u.ID, 2)
	api.settle(t)
	if !h.a.Connected() {
		t.Error("polling gets answers, but the adapter says it is not connected")
	}

	// Restart, and Telegram serves every update again (the offset was
	// never confirmed). The same message also arrives in a new update.
	h.stop()
	h = startHarness(t, api, dbPath)
	api.redeliverAll()
	api.push(privateMessage(2, u, "/log 1万"))
	api.settle(t)

	if n := len(api.texts(u.ID)); n != 2 {
		t.Fatalf("%d replies, want 2: %q", n, api.texts(u.ID))
	}
	if ls := h.logsOf(team); len(ls) != 1 || ls[0].Amount != 10000 {
		t.Fatalf("logs %+v, want one of 10000", ls)
	}
	if gs := h.goalsOf(team); len(gs) != 1 {
		t.Fatalf("goals %+v, want one", gs)
	}
}

func TestTokenNeverLogged(t *testing.T) {
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	clock := goals.ClockFunc(func() time.Time { return testNow })
	db, err := storage.Open(t.TempDir()+"/goalbot.db", storage.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eng := bot.NewEngine(&goals.Service{Store: db, Clock: clock})
	// Nothing listens on port 1: getMe fails with the URL in the error.
	a, err := New(testToken, eng, WithAPIURL("http://127.0.0.1:1"), WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
	defer cancel()
	if err := a.Run(ctx); err == nil {
		t.Fatal("Run without an API: want an error")
	}
	out := logs.String()
	if !strings.Contains(out, "getMe") {
		t.Fatalf("expected a getMe failure in the logs:\n%s", out)
	}
	if strings.Contains(out, testToken) || strings.Contains(out, "TEST-secret") {
		t.Fatalf("token in logs:\n%s", out)
	}
	if err := a.Send(context.Background(), bot.Outgoing{TeamID: "tg:u1", Reply: bot.Reply{Text: "x"}}); err == nil || strings.Contains(err.Error(), "TEST-secret") {
		t.Fatalf("Send error %v: want an error without the token", err)
	}

	// A refused token stops Run with a clear error, no retry loop.
	api := newFakeAPI(t, "other:token")
	b, err := New(testToken, eng, WithAPIURL(api.URL()), WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refused") || strings.Contains(err.Error(), "TEST-secret") {
		t.Fatalf("Run with a refused token: %v", err)
	}
}

func TestSendChartCSVAndThread(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	png := []byte("\x89PNG\r\n\x1a\nfake")
	err := h.a.Send(context.Background(), bot.Outgoing{
		Platform: "telegram", TeamID: "tg:-100777", Channel: "-100777",
		Reply: bot.Reply{Text: "Weekly digest", Chart: png, CSV: []byte("goal,amount\n1,3\n"),
			Buttons: []bot.Button{{Action: bot.ActQuickLog, Label: "+1", Value: "1:1"}}},
		Thread: []bot.Reply{{Text: "alice: 3/20 🟢"}},
	})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	photos := api.sent("sendPhoto")
	if len(photos) != 1 || !bytes.Equal(photos[0].Files["photo"], png) || photos[0].Fields["chat_id"] != "-100777" {
		t.Fatalf("sendPhoto %+v", photos)
	}
	docs := api.sent("sendDocument")
	if len(docs) != 1 || !strings.HasPrefix(string(docs[0].Files["document"]), "goal,amount") {
		t.Fatalf("sendDocument %+v", docs)
	}
	msgs := api.sent("sendMessage")
	if len(msgs) != 2 || msgs[0].Fields["text"] != "Weekly digest" || buttonData(t, msgs[0], "quick_log|") != "quick_log|1:1" {
		t.Fatalf("messages %+v", msgs)
	}
	// The follow-up answers the digest's first message.
	if rp := msgs[1].Fields["reply_parameters"]; !strings.Contains(rp, `"message_id":1001`) {
		t.Errorf("follow-up reply_parameters %q", rp)
	}
}

func TestOddUpdatesAreHandledQuietly(t *testing.T) {
	api := newFakeAPI(t, testToken)
	h := startHarness(t, api, t.TempDir()+"/goalbot.db", WithWebhook("https://bot.example.com/hook", "sec"))
	api.waitCalls("setWebhook", 1)
	srv := httptest.NewServer(h.a.WebhookHandler())
	defer srv.Close()
	u := user(9501, "en")
	bodies := []string{
		`{"update_id":1}`,
		`{"update_id":2,"message":{"message_id":1,"date":1,"chat":{"id":9501,"type":"private"},"text":"/start"}}`,
		`{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":-1005,"type":"channel"},"text":"/goal list"}}`,
		`{"update_id":4,"edited_message":{"message_id":3,"date":1,"chat":{"id":9501,"type":"private"},"from":{"id":9501,"is_bot":false,"first_name":"a"},"text":"/log 5"}}`,
		`{"update_id":5,"message":{"message_id":4,"date":1,"chat":{"id":9501,"type":"private"},"from":{"id":9501,"is_bot":false,"first_name":"a"},"sticker":{"file_id":"x"}}}`,
		`{"update_id":6,"message":{"message_id":5,"date":1,"chat":{"id":-1006,"type":"supergroup"},"from":{"id":42,"is_bot":true,"first_name":"otherbot"},"text":"/goal list"}}`,
		`{"update_id":7,"callback_query":{"id":"c7","from":{"id":9501,"is_bot":false,"first_name":"a"},"chat_instance":"x","data":""}}`,
		`{"update_id":8,"callback_query":{"id":"c8","from":{"id":9501,"is_bot":false,"first_name":"a"},"chat_instance":"x","data":"quick_log|abc"}}`,
		`{"update_id":9,"message":{"message_id":6,"date":1,"chat":{"id":-1007,"type":"group"},"from":{"id":9502,"is_bot":false,"first_name":"b"},"text":"hello","reply_to_message":{"message_id":1,"date":1,"chat":{"id":-1007,"type":"group"}}}}`,
		`{"update_id":10,"message":{"message_id":7,"date":1,"chat":{"id":9501,"type":"private"},"from":{"id":9501,"is_bot":false,"first_name":"a"},"text":"` + strings.Repeat("9", 5000) + `"}}`,
	}
	for i, b := range bodies {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+WebhookPath, strings.NewReader(b))
		req.Header.Set(SecretHeader, "sec")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("update %d: status %d", i+1, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+WebhookPath, strings.NewReader("{not json"))
	req.Header.Set(SecretHeader, "sec")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad json: %v %v", resp.StatusCode, err)
	}
	// Only the button presses (answered) and the oversized number (refused) got a word.
	api.waitCalls("answerCallbackQuery", 2)
	api.waitTexts(u.ID, 2)
	waitIdle(t, h.a) // every post was answered: what they send is sent now
	if all := api.sent("sendMessage"); len(all) != 2 {
		t.Errorf("messages %+v", all)
	}
	if strings.Contains(h.logs.String(), "panic") {
		t.Errorf("panicked:\n%s", h.logs.String())
	}
}
