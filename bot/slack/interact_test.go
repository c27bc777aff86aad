package slackbot_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
)

// blockAction is a block_actions payload for one button press.
func (e *env) blockAction(trigger, actionID, value string) map[string]any {
	return map[string]any{
		"type": "block_actions", "trigger_id": trigger,
		"team":         map[string]any{"id": testTeam, "domain": "acme"},
		"user":         map[string]any{"id": testUser, "name": "alice", "team_id": testTeam},
		"channel":      map[string]any{"id": "C0001"},
		"container":    map[string]any{"type": "message", "channel_id": "C0001", "message_ts": "1.1", "is_ephemeral": true},
		"response_url": e.slack.responseURL("act"),
		"actions": []map[string]any{{
			"action_id": actionID, "block_id": "act0", "type": "button", "value": value,
			"action_ts": "1700000000.1", "text": map[string]any{"type": "plain_text", "text": "+1"},
		}},
	}
}

func (e *env) interact(payload any) *http.Response {
	w := e.do(signedRequest("/slack/interactivity", interactionForm(payload), time.Now().Unix(), testSecret))
	return w.Result()
}

func TestButtonPressDeliveredTwiceLogsOnce(t *testing.T) {
	e := newEnv(t, false)
	ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	press := e.blockAction("trig.press.1", bot.ActQuickLog, "1:1")
	base := time.Now().Unix() // fixed: a second boundary between deliveries must not make them identical
	for i := 0; i < 2; i++ {
		// Each delivery is a fresh request from Slack (new timestamp, so a
		// new signature): only the interaction id says it is the same press.
		w := e.do(signedRequest("/slack/interactivity", interactionForm(press), base-int64(i), testSecret))
		if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "" {
			t.Fatalf("ack %d = %d %q", i, w.Code, w.Body.String())
		}
	}
	e.ad.Wait()
	if c := e.counts(); c.logs != 1 {
		t.Fatalf("logs = %d, want 1", c.logs)
	}
	posts := e.slack.responsePosts()
	if len(posts) != 1 {
		t.Fatalf("response_url posts = %d, want 1", len(posts))
	}
	var m map[string]any
	json.Unmarshal(posts[0].JSON, &m)
	if !strings.Contains(m["text"].(string), "Logged 1") || m["response_type"] != "ephemeral" {
		t.Fatalf("reply = %v", m)
	}
	// Another press (another trigger) logs again.
	e.interact(e.blockAction("trig.press.2", bot.ActQuickLog, "1:1"))
	e.ad.Wait()
	if c := e.counts(); c.logs != 2 {
		t.Fatalf("logs after a second press = %d, want 2", c.logs)
	}
}

func TestButtonCustomAmountOpensModal(t *testing.T) {
	e := newEnv(t, false)
	ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	e.interact(e.blockAction("trig.custom", bot.ActCustomLog, "1"))
	opens := e.slack.callsOf("views.open")
	if len(opens) != 1 {
		t.Fatalf("views.open calls = %d", len(opens))
	}
	var req struct {
		TriggerID string `json:"trigger_id"`
		View      struct {
			CallbackID      string `json:"callback_id"`
			PrivateMetadata string `json:"private_metadata"`
		} `json:"view"`
	}
	if err := json.Unmarshal(opens[0].JSON, &req); err != nil {
		t.Fatal(err)
	}
	if req.TriggerID != "trig.custom" || req.View.CallbackID != "goalbot_log_amount" || !strings.Contains(string(opens[0].JSON), "Book 20 demos") {
		t.Fatalf("views.open = %s", opens[0].JSON)
	}
	// Submitting it logs the amount, once even if delivered twice.
	sub := viewSubmission("V-log-1", req.View.CallbackID, req.View.PrivateMetadata, map[string]map[string]any{
		"amount": {"v": map[string]any{"type": "plain_text_input", "value": "4"}},
		"note":   {"v": map[string]any{"type": "plain_text_input", "value": "call with ACME"}},
	})
	for i := 0; i < 2; i++ {
		// 10 s apart: redeliveries stay distinct requests even across a second boundary.
		w := e.do(signedRequest("/slack/interactivity", interactionForm(sub), time.Now().Unix()-int64(10*i), testSecret))
		if w.Code != 200 || strings.TrimSpace(w.Body.String()) != "" {
			t.Fatalf("submission ack = %d %q", w.Code, w.Body.String())
		}
	}
	e.ad.Wait()
	if c := e.counts(); c.logs != 1 {
		t.Fatalf("logs = %d, want 1", c.logs)
	}
	// A non-number is refused in the modal, under the field.
	bad := viewSubmission("V-log-2", req.View.CallbackID, req.View.PrivateMetadata, map[string]map[string]any{
		"amount": {"v": map[string]any{"type": "plain_text_input", "value": "lots"}},
	})
	w := e.do(signedRequest("/slack/interactivity", interactionForm(bad), time.Now().Unix(), testSecret))
	if !strings.Contains(w.Body.String(), `"response_action":"errors"`) || !strings.Contains(w.Body.String(), `"amount"`) {
		t.Fatalf("bad amount answer = %s", w.Body.String())
	}
}

func viewSubmission(viewID, callback, meta string, values map[string]map[string]any) map[string]any {
	return map[string]any{
		"type": "view_submission", "trigger_id": "trig." + viewID,
		"team": map[string]any{"id": testTeam, "domain": "acme"},
		"user": map[string]any{"id": testUser, "name": "alice", "team_id": testTeam},
		"view": map[string]any{
			"id": viewID, "team_id": testTeam, "type": "modal", "callback_id": callback,
			"private_metadata": meta, "state": map[string]any{"values": values},
		},
	}
}

func TestModalCreatesGoal(t *testing.T) {
	e := newEnv(t, false)
	// `/goal new` without text opens the modal with the trigger id.
	w := e.command("/goal", "new")
	if w.Code != 200 || strings.TrimSpace(w.Body.String()) != "" {
		t.Fatalf("ack = %d %q, want empty (modal opened)", w.Code, w.Body.String())
	}
	opens := e.slack.callsOf("views.open")
	if len(opens) != 1 {
		t.Fatalf("views.open calls = %d", len(opens))
	}
	var req struct {
		TriggerID string `json:"trigger_id"`
		View      struct {
			CallbackID      string `json:"callback_id"`
			PrivateMetadata string `json:"private_metadata"`
			Blocks          []struct {
				BlockID string `json:"block_id"`
			} `json:"blocks"`
		} `json:"view"`
	}
	json.Unmarshal(opens[0].JSON, &req)
	var ids []string
	for _, b := range req.View.Blocks {
		ids = append(ids, b.BlockID)
	}
	// A member is not offered the team scope.
	if got := strings.Join(ids, ","); got != "title,metric,target,baseline,deadline,cadence" {
		t.Fatalf("modal inputs = %s", got)
	}
	if !strings.HasPrefix(req.TriggerID, "trig.") {
		t.Fatalf("trigger = %q", req.TriggerID)
	}
	values := func(title, target, deadline string) map[string]map[string]any {
		return map[string]map[string]any{
			"title":    {"v": map[string]any{"type": "plain_text_input", "value": title}},
			"metric":   {"v": map[string]any{"type": "plain_text_input", "value": "demos"}},
			"target":   {"v": map[string]any{"type": "plain_text_input", "value": target}},
			"baseline": {"v": map[string]any{"type": "plain_text_input", "value": ""}},
			"deadline": {"v": map[string]any{"type": "datepicker", "selected_date": deadline}},
			"cadence":  {"v": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "weekly"}}},
			"scope":    {"v": map[string]any{"type": "radio_buttons", "selected_option": map[string]any{"value": "individual"}}},
		}
	}

	t.Run("FieldErrors", func(t *testing.T) {
		sub := viewSubmission("V-bad", "goalbot_new_goal", req.View.PrivateMetadata, values("Demos <3", "many", "2020-01-01"))
		w := e.do(signedRequest("/slack/interactivity", interactionForm(sub), time.Now().Unix(), testSecret))
		body := w.Body.String()
		for _, want := range []string{`"response_action":"errors"`, `"target"`, `"deadline"`} {
			if !strings.Contains(body, want) {
				t.Errorf("answer lacks %s: %s", want, body)
			}
		}
		if c := e.counts(); c.goals != 0 {
			t.Fatalf("a refused form created a goal: %+v", c)
		}
	})

	t.Run("OK", func(t *testing.T) {
		sub := viewSubmission("V-ok", "goalbot_new_goal", req.View.PrivateMetadata, values("Book 5 demos a week <team> & co", "5", "2026-12-31"))
		w := e.do(signedRequest("/slack/interactivity", interactionForm(sub), time.Now().Unix(), testSecret))
		if w.Code != 200 || strings.TrimSpace(w.Body.String()) != "" {
			t.Fatalf("submission ack = %d %q", w.Code, w.Body.String())
		}
		e.ad.Wait()
		gs, err := e.db.Goals(t.Context(), goalFilter())
		if err != nil || len(gs) != 1 {
			t.Fatalf("goals = %v, %v", gs, err)
		}
		g := gs[0]
		if g.Title != "Book 5 demos a week <team> & co" || g.Metric != "demos" || g.Target != 5 || g.Cadence != "weekly" || g.Deadline.String() != "2026-12-31" || g.Owner != testUser {
			t.Fatalf("goal = %v", g)
		}
		posts := e.slack.responsePosts()
		if len(posts) != 1 {
			t.Fatalf("response_url posts = %d", len(posts))
		}
		raw := string(posts[0].JSON)
		if !strings.Contains(raw, "Created goal #1") || !strings.Contains(raw, "&lt;team&gt; &amp; co") || strings.Contains(raw, "<team>") {
			t.Fatalf("reply not escaped or missing: %s", raw)
		}
		// Delivered again: nothing more is created.
		e.do(signedRequest("/slack/interactivity", interactionForm(sub), time.Now().Unix()-1, testSecret))
		e.ad.Wait()
		if c := e.counts(); c.goals != 1 {
			t.Fatalf("goals after a redelivery = %d", c.goals)
		}
	})

	t.Run("AdminIsOfferedTeamScope", func(t *testing.T) {
		e := newEnv(t, false)
		e.slack.admins[testUser] = true
		e.command("/goal", "new")
		opens := e.slack.callsOf("views.open")
		if len(opens) != 1 || !strings.Contains(string(opens[0].JSON), `"block_id":"scope"`) {
			t.Fatalf("views.open = %v", opens)
		}
	})

	t.Run("TeamScopeNeedsManager", func(t *testing.T) {
		v := values("Team demos", "50", "2026-12-31")
		v["scope"] = map[string]any{"v": map[string]any{"type": "radio_buttons", "selected_option": map[string]any{"value": "team"}}}
		sub := viewSubmission("V-team", "goalbot_new_goal", req.View.PrivateMetadata, v)
		w := e.do(signedRequest("/slack/interactivity", interactionForm(sub), time.Now().Unix(), testSecret))
		if !strings.Contains(w.Body.String(), `"scope"`) {
			t.Fatalf("answer = %s", w.Body.String())
		}
	})
}

func TestAppHomePublished(t *testing.T) {
	e := newEnv(t, false)
	ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	ev := `{"token":"x","team_id":"` + testTeam + `","api_app_id":"A1","type":"event_callback","event_id":"Ev0001","event_time":1,` +
		`"event":{"type":"app_home_opened","user":"` + testUser + `","channel":"D0001","tab":"home","event_ts":"1.1"}}`
	for i, retry := range []string{"", "1"} {
		r := signedRequest("/slack/events", ev, time.Now().Unix()-int64(10*i), testSecret)
		r.Header.Set("Content-Type", "application/json")
		if retry != "" {
			r.Header.Set("X-Slack-Retry-Num", retry)
			r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if w := e.do(r); w.Code != 200 {
			t.Fatalf("event ack = %d", w.Code)
		}
	}
	e.ad.Wait()
	pubs := e.slack.callsOf("views.publish")
	if len(pubs) != 1 {
		t.Fatalf("views.publish calls = %d, want 1 (the retry does nothing)", len(pubs))
	}
	raw := string(pubs[0].JSON)
	for _, want := range []string{`"user_id":"` + testUser + `"`, `"type":"home"`, "Book 20 demos", `"action_id":"quick_log"`, `"action_id":"goalbot_open_new_goal"`, "Team status"} {
		if !strings.Contains(raw, want) {
			t.Errorf("home view lacks %s:\n%s", want, raw)
		}
	}
}

func TestDirectMessageLogsOnce(t *testing.T) {
	e := newEnv(t, false)
	ackText(t, e.command("/goal", "new Book 20 demos by 2026-11-30"))
	msg := func(id, text, extra string) string {
		return `{"team_id":"` + testTeam + `","type":"event_callback","event_id":"` + id + `",` +
			`"event":{"type":"message","channel_type":"im","channel":"D0001","user":"` + testUser + `","text":"` + text + `","ts":"1700000001.000200"` + extra + `}}`
	}
	for i, body := range []string{
		msg("EvM1", "3 demos", ""),
		msg("EvM1", "3 demos", ""),               // retry of the same event
		msg("EvM2", "ignored", `,"bot_id":"B1"`), // the bot's own message
		msg("EvM3", "edited", `,"subtype":"message_changed"`),
	} {
		r := signedRequest("/slack/events", body, time.Now().Unix()-int64(10*i), testSecret)
		if w := e.do(r); w.Code != 200 {
			t.Fatalf("event %d ack = %d", i, w.Code)
		}
	}
	e.ad.Wait()
	if c := e.counts(); c.logs != 1 {
		t.Fatalf("logs = %d, want 1", c.logs)
	}
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 1 || posts[0].Form.Get("channel") != "D0001" || !strings.Contains(posts[0].Form.Get("text"), "Logged 3 demos") {
		t.Fatalf("DM replies = %+v", posts)
	}
	if posts[0].Form.Get("token") != testBotToken {
		t.Fatalf("chat.postMessage without the bot token")
	}
}

func TestAppMentionAnswersInChannel(t *testing.T) {
	e := newEnv(t, false)
	body := `{"team_id":"` + testTeam + `","type":"event_callback","event_id":"EvA1",` +
		`"event":{"type":"app_mention","channel":"C0001","user":"` + testUser + `","text":"<@UBOT> team","ts":"1700000002.000300"}}`
	if w := e.do(signedRequest("/slack/events", body, time.Now().Unix(), testSecret)); w.Code != 200 {
		t.Fatalf("ack = %d", w.Code)
	}
	e.ad.Wait()
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 1 || posts[0].Form.Get("channel") != "C0001" || posts[0].Form.Get("thread_ts") != "1700000002.000300" {
		t.Fatalf("mention reply = %+v", posts)
	}
}
