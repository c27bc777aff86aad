package slackbot_test

import (
	"bytes"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	slackbot "github.com/goalbot/goalbot/bot/slack"
)

// Signed but odd payloads: missing fields, wrong types, unknown kinds. The
// adapter answers without panicking and writes nothing it should not.
func TestMalformedPayloads(t *testing.T) {
	e := newEnv(t, false)
	now := time.Now().Unix()
	for i, p := range []string{
		`{}`, `{"type":"block_actions"}`, `{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"actions":[null,{}]}`,
		`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"actions":[{"action_id":"quick_log","block_id":"b","value":"x:y"}]}`,
		`{"type":"view_submission","view":{}}`,
		`{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"callback_id":"goalbot_new_goal"}}`,
		`{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"callback_id":"goalbot_log_amount","private_metadata":"{not json"}}`,
		`{"type":"shortcut"}`, `[1,2]`, `"x"`,
	} {
		form := url.Values{"payload": {p}}.Encode()
		w := e.do(signedRequest("/slack/interactivity", form, now-int64(i), testSecret))
		if w.Code != 200 && w.Code != 400 {
			t.Errorf("payload %s: status %d", p, w.Code)
		}
	}
	for i, ev := range []string{
		`{}`, `{"type":"event_callback"}`, `{"type":"event_callback","event":{"type":"message"}}`,
		`{"type":"event_callback","team_id":"T1","event":{"type":"message","user":"U1","channel_type":"im"}}`,
		`{"type":"event_callback","team_id":"T1","event":{"type":"reaction_added","user":"U1"}}`,
		`{"type":"app_rate_limited"}`, `not json`,
	} {
		w := e.do(signedRequest("/slack/events", ev, now-int64(i), testSecret))
		if w.Code != 200 && w.Code != 400 {
			t.Errorf("event %s: status %d", ev, w.Code)
		}
	}
	for i, form := range []string{"", "team_id=T1", "user_id=U1", "team_id=T1&user_id=U1", "%zz"} {
		w := e.do(signedRequest("/slack/commands", form, now-int64(i), testSecret))
		if w.Code != 200 && w.Code != 400 {
			t.Errorf("command %q: status %d", form, w.Code)
		}
	}
	e.ad.Wait()
	if c := e.counts(); c.goals != 0 || c.logs != 0 {
		t.Fatalf("db = %+v", c)
	}
}

// Tokens and the signing secret never reach the log, whatever fails.
func TestNoSecretsInLogs(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := newEnv(t, false, slackbot.WithLogger(log), slackbot.WithInlineWait(time.Nanosecond))
	e.slack.refuse = "channel_not_found"
	e.command("/goal", "new Book 20 demos by 2026-11-30")                                               // late reply
	e.do(signedRequest("/slack/commands", e.commandForm("/goal", "list"), time.Now().Unix(), "forged")) // refused
	form := strings.Replace(e.commandForm("/goal", "team"), url.QueryEscape(e.slack.responseURL("cmd")), url.QueryEscape("https://evil.example/x"), 1)
	e.do(signedRequest("/slack/commands", form, time.Now().Unix(), testSecret)) // response_url refused, post fails
	e.ad.Wait()
	out := buf.String()
	if !strings.Contains(out, "refused") {
		t.Fatalf("expected failures in the log:\n%s", out)
	}
	for _, s := range []string{testBotToken, testAppToken, testSecret, "xoxb-", "xapp-"} {
		if strings.Contains(out, s) {
			t.Fatalf("log contains %q:\n%s", s, out)
		}
	}
}

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
