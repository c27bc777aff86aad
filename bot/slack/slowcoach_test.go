package slackbot_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/prompts"
	"github.com/goalbot/goalbot/storage"
)

// A slash command whose answer waits on a slow LLM is acknowledged while
// the LLM still holds the request (Slack gives 3 s; the adapter waits at
// most its inline wait, 2 s), and the answer follows through the
// response_url once the LLM answers. Ordering, not the wall clock: the
// fake model answers only after the test has the acknowledgement.
func TestSlashCommandAckedBeforeSlowLLM(t *testing.T) {
	asked := make(chan struct{}, 1)
	release := make(chan struct{})
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		http.Error(w, `{"error":{"message":"overloaded","type":"server_error"}}`, http.StatusInternalServerError)
	}))
	defer llm.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	coach := prompts.NewLLMCoach(prompts.Config{BaseURL: llm.URL + "/v1", Timeout: time.Minute}, goals.OfflineCoach{}, quiet)
	e := newEnvWithEngine(t, bot.WithCoach(coach), bot.WithLogger(quiet))

	acked := make(chan *httptest.ResponseRecorder, 1)
	go func() { acked <- e.command("/goal", "new Book 20 demos by Friday") }()
	guard := time.After(30 * time.Second)
	select {
	case <-asked:
	case <-guard:
		t.Fatal("the LLM was never asked")
	}
	var ack *httptest.ResponseRecorder
	select {
	case ack = <-acked:
	case <-guard:
		t.Fatal("no acknowledgement while the LLM held the request")
	}
	if ack.Code != http.StatusOK {
		t.Fatalf("acknowledgement: status %d %s", ack.Code, ack.Body.String())
	}
	if gs, _ := e.db.Goals(t.Context(), goalFilter()); len(gs) != 0 {
		t.Fatalf("a goal was created before the coach answered: %+v", gs)
	}
	if len(e.slack.responsePosts()) != 0 {
		t.Fatal("the answer went out before the coach answered")
	}

	close(release)
	waitFor(t, "the late answer on the response_url", func() bool { return len(e.slack.responsePosts()) > 0 })
	posts := e.slack.responsePosts()
	if len(posts) != 1 || !strings.Contains(string(posts[0].JSON), "Created goal #1") {
		t.Fatalf("late answers: %d %s", len(posts), posts[0].JSON)
	}
	if gs, _ := e.db.Goals(t.Context(), goalFilter()); len(gs) != 1 {
		t.Fatalf("goals after the answer: %+v", gs)
	}
}

// newEnvWithEngine is newEnv (HTTP mode) with engine options.
func newEnvWithEngine(t *testing.T, engOpts ...bot.Option) *env {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(func() time.Time { return testNow }), DefaultTZ: "UTC", DefaultLang: "en"}
	eng := bot.NewEngine(svc, engOpts...)
	fs := newFakeSlack(t)
	ad, err := slackbot.New(eng, slackbot.Config{BotToken: testBotToken, SigningSecret: testSecret, APIURL: fs.URL()},
		slackbot.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), slackbot.WithChannelInterval(10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ad.Close)
	mux := http.NewServeMux()
	ad.Mount(mux)
	return &env{t: t, db: db, eng: eng, slack: fs, ad: ad, mux: mux}
}
