package slackbot_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

const (
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	testBotToken = "xoxb-test-bot-token-123456"
	testAppToken = "xapp-1-test-app-token-123456"
	testTeam     = "T0001"
	testUser     = "U0001"
)

// testNow is the engine's clock: a Monday.
var testNow = time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)

// call is one request the fake Web API received.
type call struct {
	Method string
	Form   url.Values
	JSON   json.RawMessage
	At     time.Time
}

// fakeSlack stands in for Slack: the Web API under /api/, response_urls
// under /respond/, and the Socket Mode websocket under /ws.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	mu        sync.Mutex
	calls     []call
	responses []call // posts to response_urls
	// fail429 answers this many chat.postMessage calls with 429 Retry-After: retryAfter.
	fail429    int
	retryAfter string
	// fail500 answers this many chat.postMessage calls with 500.
	fail500 int
	// failText answers the chat.postMessage calls whose text is the key
	// with these statuses in turn (429: Retry-After retryAfter).
	failText map[string][]int
	// refuse answers chat.* calls with ok:false and this error.
	refuse string
	admins map[string]bool
	// ws handles the Socket Mode connection when set.
	ws func(c *websocket.Conn)
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{t: t, retryAfter: "1", admins: map[string]bool{}, failText: map[string][]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.api)
	mux.HandleFunc("/respond/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.responses = append(f.responses, call{Method: r.URL.Path, JSON: body, At: time.Now()})
		f.mu.Unlock()
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.calls = append(f.calls, call{Method: "upload", JSON: body, At: time.Now()})
		f.mu.Unlock()
		w.Write([]byte("OK"))
	})
	mux.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }} // the client sends Origin: https://api.slack.com
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		if f.ws != nil {
			f.ws(c)
		}
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) URL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) responseURL(id string) string { return f.srv.URL + "/respond/" + id }

func (f *fakeSlack) api(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := call{Method: method, At: time.Now()}
	body, _ := io.ReadAll(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		c.JSON = body
	} else {
		c.Form, _ = url.ParseQuery(string(body))
	}
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	if method == "chat.postMessage" && f.fail429 > 0 {
		f.fail429--
		f.calls = append(f.calls, call{Method: "429 " + method, Form: c.Form, At: c.At})
		f.mu.Unlock()
		w.Header().Set("Retry-After", f.retryAfter)
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"ok":false,"error":"ratelimited"}`))
		return
	}
	if q := f.failText[c.Form.Get("text")]; method == "chat.postMessage" && len(q) > 0 {
		f.failText[c.Form.Get("text")] = q[1:]
		f.calls = append(f.calls, call{Method: strconv.Itoa(q[0]) + " " + method, Form: c.Form, At: c.At})
		f.mu.Unlock()
		if q[0] == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.WriteHeader(q[0])
		w.Write([]byte(`{"ok":false,"error":"ratelimited"}`))
		return
	}
	if method == "chat.postMessage" && f.fail500 > 0 {
		f.fail500--
		f.calls = append(f.calls, call{Method: "500 " + method, Form: c.Form, At: c.At})
		f.mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	f.calls = append(f.calls, c)
	admin := f.admins[c.Form.Get("user")]
	refuse := f.refuse
	f.mu.Unlock()
	if refuse != "" && strings.HasPrefix(method, "chat.") {
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, refuse)
		return
	}

	switch method {
	case "apps.connections.open":
		if r.Header.Get("Authorization") != "Bearer "+testAppToken {
			w.Write([]byte(`{"ok":false,"error":"invalid_auth"}`))
			return
		}
		u := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"
		fmt.Fprintf(w, `{"ok":true,"url":%q}`, u)
	case "users.info":
		u := c.Form.Get("user")
		fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":"alice","real_name":"Alice","tz":"Asia/Shanghai","tz_offset":28800,"locale":"en-US","is_admin":%v,"profile":{"display_name":"alice"}}}`, u, admin)
	case "chat.postMessage":
		ch := c.Form.Get("channel")
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"%d.000100"}`, ch, time.Now().UnixNano())
	case "chat.postEphemeral":
		w.Write([]byte(`{"ok":true,"message_ts":"1.2"}`))
	case "views.open", "views.publish":
		w.Write([]byte(`{"ok":true,"view":{"id":"V1"}}`))
	case "files.getUploadURLExternal":
		fmt.Fprintf(w, `{"ok":true,"upload_url":%q,"file_id":"F0001"}`, f.srv.URL+"/upload")
	case "files.completeUploadExternal":
		w.Write([]byte(`{"ok":true,"files":[{"id":"F0001","title":"chart"}]}`))
	case "conversations.open":
		w.Write([]byte(`{"ok":true,"channel":{"id":"D0001"}}`))
	default:
		w.Write([]byte(`{"ok":false,"error":"unknown_method"}`))
	}
}

// failOn makes the chat.postMessage calls with this text fail with the
// statuses in turn.
func (f *fakeSlack) failOn(text string, codes ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failText[text] = append(f.failText[text], codes...)
}

// callsOf returns the calls of one method.
func (f *fakeSlack) callsOf(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeSlack) responsePosts() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.responses...)
}

// env is a real engine on a real database with the adapter in front.
type env struct {
	t     testing.TB
	db    *storage.DB
	eng   *bot.Engine
	slack *fakeSlack
	ad    *slackbot.Adapter
	mux   *http.ServeMux
}

func newEnv(t testing.TB, socket bool, opts ...slackbot.Option) *env {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(func() time.Time { return testNow }), DefaultTZ: "UTC", DefaultLang: "en"}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	eng := bot.NewEngine(svc, bot.WithLogger(quiet))
	fs := newFakeSlack(t)
	cfg := slackbot.Config{BotToken: testBotToken, SigningSecret: testSecret, APIURL: fs.URL()}
	if socket {
		cfg.AppToken = testAppToken
	}
	all := append([]slackbot.Option{slackbot.WithLogger(quiet), slackbot.WithChannelInterval(10 * time.Millisecond)}, opts...)
	ad, err := slackbot.New(eng, cfg, all...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ad.Close)
	mux := http.NewServeMux()
	if !socket {
		ad.Mount(mux)
	}
	return &env{t: t, db: db, eng: eng, slack: fs, ad: ad, mux: mux}
}

// sign returns the v0 signature of body at ts with secret.
func sign(secret string, ts int64, body string) string {
	h := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(h, "v0:%d:%s", ts, body)
	return "v0=" + hex.EncodeToString(h.Sum(nil))
}

// signedRequest is a POST to path with Slack's signature headers.
func signedRequest(path, body string, ts int64, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	r.Header.Set("X-Slack-Signature", sign(secret, ts, body))
	return r
}

// do serves r and returns the recorder.
func (e *env) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.mux.ServeHTTP(w, r)
	return w
}

var triggerSeq int64
var triggerMu sync.Mutex

func nextTrigger() string {
	triggerMu.Lock()
	defer triggerMu.Unlock()
	triggerSeq++
	return fmt.Sprintf("trig.%d", triggerSeq)
}

// commandForm is a slash command as Slack posts it.
func (e *env) commandForm(command, text string) string {
	return url.Values{
		"team_id": {testTeam}, "team_domain": {"acme"}, "channel_id": {"C0001"}, "channel_name": {"sales"},
		"user_id": {testUser}, "user_name": {"alice"}, "command": {command}, "text": {text},
		"response_url": {e.slack.responseURL("cmd")}, "trigger_id": {nextTrigger()}, "api_app_id": {"A0001"},
	}.Encode()
}

// command posts a signed slash command and returns the acknowledgement.
func (e *env) command(command, text string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(signedRequest("/slack/commands", e.commandForm(command, text), time.Now().Unix(), testSecret))
}

// ackText decodes an acknowledgement body into its text and raw JSON.
func ackText(t testing.TB, w *httptest.ResponseRecorder) (slackbot.Msg, string) {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var m struct {
		ResponseType string            `json:"response_type"`
		Text         string            `json:"text"`
		Blocks       []json.RawMessage `json:"blocks"`
	}
	raw := w.Body.String()
	if strings.TrimSpace(raw) == "" {
		return slackbot.Msg{}, ""
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatalf("ack is not JSON: %v: %s", err, raw)
	}
	return slackbot.Msg{ResponseType: m.ResponseType, Text: m.Text}, raw
}

// counts is what the database holds, to check that nothing changed.
type counts struct{ teams, goals, logs int }

func (e *env) counts() counts {
	e.t.Helper()
	ctx := context.Background()
	ts, err := e.db.Teams(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	c := counts{teams: len(ts)}
	for _, t := range ts {
		gs, err := e.db.Goals(ctx, goals.GoalFilter{TeamID: t.ID, States: []goals.State{goals.StateActive, goals.StateDone, goals.StateArchived}})
		if err != nil {
			e.t.Fatal(err)
		}
		c.goals += len(gs)
		ls, err := e.db.Logs(ctx, goals.LogFilter{TeamID: t.ID})
		if err != nil {
			e.t.Fatal(err)
		}
		c.logs += len(ls)
	}
	return c
}

// interactionForm wraps an interaction payload as Slack posts it.
func interactionForm(payload any) string {
	b, _ := json.Marshal(payload)
	return url.Values{"payload": {string(b)}}.Encode()
}

// waitFor polls cond for up to a minute: a hang guard only (under -race
// on a loaded 2-core machine a few seconds are not enough).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func goalFilter() goals.GoalFilter {
	return goals.GoalFilter{TeamID: "slack:" + testTeam}
}
