package slackbot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/goals"
)

func TestHTTPSignedCommandAnswered(t *testing.T) {
	e := newEnv(t, false)
	msg, raw := ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	if !strings.Contains(msg.Text, "Created goal #1") {
		t.Fatalf("ack text = %q", msg.Text)
	}
	if msg.ResponseType != "ephemeral" {
		t.Errorf("response_type = %q, want ephemeral", msg.ResponseType)
	}
	for _, want := range []string{`"type":"section"`, "▓", "🟢", `"action_id":"quick_log"`, `"value":"1:1"`, `"action_id":"custom_log"`} {
		if !strings.Contains(raw, want) && !(want == "▓" && strings.Contains(raw, "░")) {
			t.Errorf("ack lacks %s:\n%s", want, raw)
		}
	}

	msg, _ = ackText(t, e.command("/log", "3"))
	if !strings.Contains(msg.Text, "Logged 3 demos") {
		t.Fatalf("/log ack = %q", msg.Text)
	}
	if c := e.counts(); c.goals != 1 || c.logs != 1 {
		t.Fatalf("db = %+v", c)
	}
	// Slack sends & < > escaped and links as <url|label>: the engine gets what was typed.
	ackText(t, e.command("/log", "#1 2 met &lt;ACME&gt; &amp; <https://acme.example|acme.example>"))
	logs, _ := e.db.Logs(context.Background(), goals.LogFilter{TeamID: "slack:" + testTeam})
	if len(logs) != 2 || logs[1].Note != "met <ACME> & acme.example" {
		t.Fatalf("logs = %+v", logs)
	}
	// The team view is posted in the channel.
	msg, _ = ackText(t, e.command("/goal", "team"))
	if msg.ResponseType != "in_channel" {
		t.Errorf("team view response_type = %q, want in_channel", msg.ResponseType)
	}
	// users.info was read once for the user (first contact), not per command.
	if n := len(e.slack.callsOf("users.info")); n != 1 {
		t.Errorf("users.info called %d times, want 1", n)
	}
	// Time zone from users.info reached the member.
	m, err := e.db.Member(context.Background(), "slack:"+testTeam, testUser)
	if err != nil || m.TZ != "Asia/Shanghai" {
		t.Errorf("member = %+v, %v; want TZ from users.info", m, err)
	}
}

func TestHTTPAdminIsManager(t *testing.T) {
	e := newEnv(t, false)
	e.slack.admins[testUser] = true
	ackText(t, e.command("/goal", "list"))
	m, err := e.db.Member(context.Background(), "slack:"+testTeam, testUser)
	if err != nil || m.Role != goals.RoleManager {
		t.Fatalf("member = %+v, %v; want a manager (workspace admin)", m, err)
	}
}

func TestHTTPRefused(t *testing.T) {
	e := newEnv(t, false)
	body := e.commandForm("/goal", "new Book 20 demos by 2026-11-30")
	now := time.Now().Unix()

	cases := []struct {
		name string
		req  func() *http.Request
	}{
		{"Forged", func() *http.Request { return signedRequest("/slack/commands", body, now, "not-the-secret") }},
		{"Stale", func() *http.Request { return signedRequest("/slack/commands", body, now-6*60, testSecret) }},
		{"Future", func() *http.Request { return signedRequest("/slack/commands", body, now+6*60, testSecret) }},
		{"Unsigned", func() *http.Request {
			r := signedRequest("/slack/commands", body, now, testSecret)
			r.Header.Del("X-Slack-Signature")
			r.Header.Del("X-Slack-Request-Timestamp")
			return r
		}},
		{"GarbageSignature", func() *http.Request {
			r := signedRequest("/slack/commands", body, now, testSecret)
			r.Header.Set("X-Slack-Signature", "v0=zz")
			return r
		}},
		{"ReplayedBodyWithOtherText", func() *http.Request {
			// Headers of a valid request, body of another.
			r := signedRequest("/slack/commands", body, now, testSecret)
			other := strings.Replace(body, "Book+20", "Book+9999", 1)
			r2 := signedRequest("/slack/commands", other, now, testSecret)
			r2.Header = r.Header.Clone()
			return r2
		}},
		{"Interactivity", func() *http.Request {
			return signedRequest("/slack/interactivity", interactionForm(map[string]any{"type": "block_actions"}), now, "wrong")
		}},
		{"Events", func() *http.Request {
			return signedRequest("/slack/events", `{"type":"url_verification","challenge":"x"}`, now, "wrong")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(tc.req())
			if w.Code != http.StatusUnauthorized {
				t.Fatalf("status = %d, want 401 (%s)", w.Code, w.Body.String())
			}
			e.ad.Wait()
			if c := e.counts(); c != (counts{}) {
				t.Fatalf("database changed: %+v", c)
			}
		})
	}

	t.Run("ExactReplay", func(t *testing.T) {
		// A copy of a valid request, sent again within the five minutes.
		b, ts := e.commandForm("/goal", "new Book 20 demos by 2026-11-30"), time.Now().Unix()
		if w := e.do(signedRequest("/slack/commands", b, ts, testSecret)); w.Code != http.StatusOK {
			t.Fatalf("first delivery: %d", w.Code)
		}
		e.ad.Wait()
		before := e.counts()
		if before.goals != 1 {
			t.Fatalf("first delivery did not create the goal: %+v", before)
		}
		if w := e.do(signedRequest("/slack/commands", b, ts, testSecret)); w.Code != http.StatusUnauthorized {
			t.Fatalf("replay status = %d, want 401", w.Code)
		}
		e.ad.Wait()
		if after := e.counts(); after != before {
			t.Fatalf("replay changed the database: %+v → %+v", before, after)
		}
	})

	t.Run("GET", func(t *testing.T) {
		r := signedRequest("/slack/commands", "", now, testSecret)
		r.Method = http.MethodGet
		if w := e.do(r); w.Code != http.StatusMethodNotAllowed {
			t.Fatalf("GET status = %d", w.Code)
		}
	})
}

func TestHTTPLateReplyThroughResponseURL(t *testing.T) {
	e := newEnv(t, false, slackbot.WithInlineWait(time.Nanosecond))
	w := e.command("/goal", "new Book 20 demos by 2026-11-30")
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "" {
		t.Fatalf("ack = %d %q, want an empty 200", w.Code, w.Body.String())
	}
	waitFor(t, "response_url post", func() bool { return len(e.slack.responsePosts()) == 1 })
	var m map[string]any
	if err := json.Unmarshal(e.slack.responsePosts()[0].JSON, &m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m["text"].(string), "Created goal #1") || m["response_type"] != "ephemeral" || m["replace_original"] != false {
		t.Fatalf("late reply = %v", m)
	}
}

func TestURLVerification(t *testing.T) {
	e := newEnv(t, false)
	w := e.do(signedRequest("/slack/events", `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, time.Now().Unix(), testSecret))
	if w.Code != 200 || w.Body.String() != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("challenge answer = %d %q", w.Code, w.Body.String())
	}
}

// A Slack mention (<@U…|name>) reaches the engine as "@U…", which it knows.
func TestMentionResolvesToMember(t *testing.T) {
	e := newEnv(t, false)
	ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	_, text := ackText(t, e.command("/goal", "list <@"+testUser+"|alice>"))
	if strings.Contains(text, "don't know") || !strings.Contains(text, "Book 20 demos") {
		t.Fatalf("list by mention: %q", text)
	}
}
