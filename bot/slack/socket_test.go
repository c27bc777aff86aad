package slackbot_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	slackbot "github.com/goalbot/goalbot/bot/slack"
)

// socketPeer is the Slack side of a Socket Mode connection: it sends
// envelopes and collects the acknowledgements.
type socketPeer struct {
	mu    sync.Mutex
	conn  *websocket.Conn
	ready chan struct{}
	acks  chan map[string]json.RawMessage
}

func newSocketPeer(f *fakeSlack) *socketPeer {
	p := &socketPeer{ready: make(chan struct{}), acks: make(chan map[string]json.RawMessage, 16)}
	var once sync.Once
	f.ws = func(c *websocket.Conn) {
		p.mu.Lock()
		p.conn = c
		c.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A0001"}}`))
		p.mu.Unlock()
		once.Do(func() { close(p.ready) })
		// Slack pings; without pings the client reconnects.
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					c.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second))
				}
			}
		}()
		for {
			_, data, err := c.ReadMessage()
			if err != nil {
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(data, &m) == nil {
				p.acks <- m
			}
		}
	}
	return p
}

func (p *socketPeer) send(t *testing.T, v any) {
	t.Helper()
	b, _ := json.Marshal(v)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.conn.WriteMessage(websocket.TextMessage, b); err != nil {
		t.Fatal(err)
	}
}

// ack waits for the acknowledgement of envelope id.
func (p *socketPeer) ack(t *testing.T, id string) map[string]json.RawMessage {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case m := <-p.acks:
			var got string
			json.Unmarshal(m["envelope_id"], &got)
			if got == id {
				return m
			}
		case <-deadline:
			t.Fatalf("no ack for %s", id)
		}
	}
}

func TestSocketModeSlashCommand(t *testing.T) {
	e := newEnv(t, true, slackbot.WithPingInterval(5*time.Second))
	peer := newSocketPeer(e.slack)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.ad.Run(ctx) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after cancel")
		}
	}()
	select {
	case <-peer.ready:
	case <-time.After(5 * time.Second):
		t.Fatal("the adapter did not connect")
	}
	if n := len(e.slack.callsOf("apps.connections.open")); n != 1 {
		t.Fatalf("apps.connections.open calls = %d", n)
	}
	connected := false
	for i := 0; i < 100 && !connected; i++ { // the connected event follows hello
		connected = e.ad.Connected()
		time.Sleep(20 * time.Millisecond)
	}
	if !connected {
		t.Error("Socket Mode is connected, but the adapter says it is not")
	}

	slash := func(envID, text string) map[string]any {
		return map[string]any{
			"type": "slash_commands", "envelope_id": envID, "accepts_response_payload": true,
			"payload": map[string]any{
				"team_id": testTeam, "team_domain": "acme", "channel_id": "C0001", "user_id": testUser,
				"user_name": "alice", "command": "/goal", "text": text, "trigger_id": "trig.sock." + envID,
				"response_url": e.slack.responseURL("sock"),
			},
		}
	}
	peer.send(t, slash("e1", "new Book 20 demos by 2026-11-30"))
	ack := peer.ack(t, "e1")
	var payload struct {
		ResponseType string `json:"response_type"`
		Text         string `json:"text"`
		Blocks       []any  `json:"blocks"`
	}
	if err := json.Unmarshal(ack["payload"], &payload); err != nil {
		t.Fatalf("ack payload: %v: %s", err, ack["payload"])
	}
	if !strings.Contains(payload.Text, "Created goal #1") || payload.ResponseType != "ephemeral" || len(payload.Blocks) == 0 {
		t.Fatalf("ack payload = %s", ack["payload"])
	}

	// A log over Socket Mode, and an event (App Home) acknowledged at once.
	peer.send(t, slash("e2", "log 2"))
	if !strings.Contains(string(peer.ack(t, "e2")["payload"]), "Logged 2 demos") {
		t.Fatal("log not answered in the ack")
	}
	peer.send(t, map[string]any{
		"type": "events_api", "envelope_id": "e3", "accepts_response_payload": false,
		"payload": map[string]any{"type": "event_callback", "team_id": testTeam, "event_id": "EvS1",
			"event": map[string]any{"type": "app_home_opened", "user": testUser, "tab": "home"}},
	})
	if _, ok := peer.ack(t, "e3")["payload"]; ok {
		t.Error("event ack carries a payload")
	}
	// A button press arrives as an interactive envelope.
	peer.send(t, map[string]any{
		"type": "interactive", "envelope_id": "e4",
		"payload": e.blockAction("trig.sock.press", "quick_log", "1:1"),
	})
	peer.ack(t, "e4")
	waitFor(t, "home published and press logged", func() bool {
		return len(e.slack.callsOf("views.publish")) == 1 && len(e.slack.responsePosts()) == 1
	})
	e.ad.Wait()
	if c := e.counts(); c.goals != 1 || c.logs != 2 {
		t.Fatalf("db = %+v", c)
	}
}
