package slackbot_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/prompts"
	"github.com/goalbot/goalbot/storage"
)

// A slow model never delays the slash-command acknowledgement: the model
// (a local OpenAI-compatible fake, through go-openai) holds its answer until
// the test has the acknowledgement in hand; the coach's reply then follows
// through the response_url.
func TestSlowModelDoesNotDelayAck(t *testing.T) {
	asked := make(chan struct{}, 1)
	release := make(chan struct{})
	var answered atomic.Bool
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case asked <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		answered.Store(true)
		content, _ := json.Marshal(map[string]any{
			"specific": false, "achievable": true, "relevant": true, "metric": "revenue", "kind": "total",
			"direction": "increase", "unit": "USD", "baseline": nil, "target": nil, "deadline": nil, "cadence": nil,
			"suggested": []string{}, "basis": "", "parts": []string{}, "rewrite": "", "questions": []string{"How much revenue do you make in a typical month?"},
		})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"x","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%q}}]}`, content)
	}))
	defer model.Close()
	defer close(release)

	db, err := storage.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	coach := prompts.NewLLMCoach(prompts.Config{BaseURL: model.URL + "/v1", Timeout: time.Minute}, nil, quiet)
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(func() time.Time { return testNow }), DefaultTZ: "UTC", DefaultLang: "en"}
	eng := bot.NewEngine(svc, bot.WithLogger(quiet), bot.WithCoach(coach))
	fs := newFakeSlack(t)
	ad, err := slackbot.New(eng, slackbot.Config{BotToken: testBotToken, SigningSecret: testSecret, APIURL: fs.URL()},
		slackbot.WithLogger(quiet), slackbot.WithInlineWait(20*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ad.Close)
	mux := http.NewServeMux()
	ad.Mount(mux)
	e := &env{t: t, db: db, eng: eng, slack: fs, ad: ad, mux: mux}

	acked := make(chan *httptest.ResponseRecorder, 1)
	go func() { acked <- e.command("/goal", "smart grow sales") }()
	<-asked // the model has the request and holds it
	w := <-acked
	if answered.Load() {
		t.Fatal("the acknowledgement waited for the model")
	}
	if w.Code != http.StatusOK {
		t.Fatalf("ack = %d %q", w.Code, w.Body.String())
	}
	release <- struct{}{}
	waitFor(t, "the coach's reply through the response_url", func() bool { return len(e.slack.responsePosts()) == 1 })
	var m map[string]any
	if err := json.Unmarshal(e.slack.responsePosts()[0].JSON, &m); err != nil {
		t.Fatal(err)
	}
	if text, _ := m["text"].(string); !strings.Contains(text, "How much revenue do you make in a typical month?") {
		t.Fatalf("late reply is not the model's: %v", m)
	}
}
