package slackbot

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Mount adds the HTTP endpoints of HTTP mode to mux: /slack/commands,
// /slack/interactivity and /slack/events.
func (a *Adapter) Mount(mux *http.ServeMux) {
	mux.Handle("/slack/commands", a.CommandsHandler())
	mux.Handle("/slack/interactivity", a.InteractivityHandler())
	mux.Handle("/slack/events", a.EventsHandler())
}

// replayWindow is how long a signature is remembered: Slack's timestamps
// are accepted five minutes either way, so a copy of a request can only be
// replayed within this window, and is refused.
const replayWindow = 11 * time.Minute

// replayCache remembers the signatures of accepted requests.
type replayCache struct {
	mu      sync.Mutex
	seen    map[string]time.Time
	sweepAt time.Time
}

func newReplayCache() *replayCache { return &replayCache{seen: map[string]time.Time{}} }

// first records sig and reports whether it is new.
func (c *replayCache) first(sig string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.sweepAt) {
		for k, t := range c.seen {
			if now.Sub(t) > replayWindow {
				delete(c.seen, k)
			}
		}
		c.sweepAt = now.Add(time.Minute)
	}
	if t, ok := c.seen[sig]; ok && now.Sub(t) <= replayWindow {
		return false
	}
	c.seen[sig] = now
	return true
}

// verified reads the body of a Slack request and checks its signature
// before anything is parsed: v0 HMAC-SHA256 of "v0:timestamp:body" with
// the signing secret, a timestamp within five minutes, and a signature not
// seen before (a replayed copy). On any failure it answers 401 and
// returns false; nothing has been read into the bot then.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	deny := func(reason string) ([]byte, bool) {
		a.log.Info("slack: request refused", "path", r.URL.Path, "reason", reason, "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
	if err != nil {
		switch {
		case errors.Is(err, slack.ErrExpiredTimestamp):
			return deny("stale timestamp")
		case errors.Is(err, slack.ErrMissingHeaders):
			return deny("unsigned")
		}
		return deny("bad signature header")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, a.maxBody+1))
	if err != nil {
		return deny("unreadable body")
	}
	if int64(len(body)) > a.maxBody {
		return deny("body too large")
	}
	if _, err := sv.Write(body); err != nil {
		return deny("hash")
	}
	if err := sv.Ensure(); err != nil {
		return deny("signature mismatch")
	}
	// Hex is case-insensitive: "v0=AB…" and "v0=ab…" are the same signature.
	if !a.replay.first(strings.ToLower(r.Header.Get("X-Slack-Signature")), time.Now()) {
		return deny("replayed request")
	}
	return body, true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// ack answers a Slack request: with v as JSON, or, when v is nil, with an
// empty 200.
func ack[T any](w http.ResponseWriter, v *T) {
	if v == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, v)
}

// CommandsHandler serves /slack/commands: the acknowledgement carries the
// reply when it is ready within the inline wait; otherwise it is empty and
// the reply follows through the response_url.
func (a *Adapter) CommandsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		sc := slack.SlashCommand{
			TeamID: form.Get("team_id"), TeamDomain: form.Get("team_domain"),
			EnterpriseID: form.Get("enterprise_id"), ChannelID: form.Get("channel_id"),
			ChannelName: form.Get("channel_name"), UserID: form.Get("user_id"), UserName: form.Get("user_name"),
			Command: form.Get("command"), Text: form.Get("text"), ResponseURL: form.Get("response_url"),
			TriggerID: form.Get("trigger_id"), APIAppID: form.Get("api_app_id"),
		}
		ack(w, a.command(r.Context(), sc, 0))
	})
}

// InteractivityHandler serves /slack/interactivity: button presses and
// modal submissions.
func (a *Adapter) InteractivityHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		form, err := url.ParseQuery(string(body))
		if err != nil || form.Get("payload") == "" {
			http.Error(w, "no payload", http.StatusBadRequest)
			return
		}
		var ic slack.InteractionCallback
		if err := json.Unmarshal([]byte(form.Get("payload")), &ic); err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		ack(w, a.interaction(r.Context(), ic))
	})
}

// EventsHandler serves /slack/events: the url_verification challenge, and
// event callbacks acknowledged at once and handled in the background (a
// retry of an event already seen, by event_id, does nothing).
func (a *Adapter) EventsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		var outer eventEnvelope
		if err := json.Unmarshal(body, &outer); err != nil {
			http.Error(w, "bad event", http.StatusBadRequest)
			return
		}
		if outer.Type == "url_verification" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, outer.Challenge)
			return
		}
		w.WriteHeader(http.StatusOK)
		a.event(outer, r.Header.Get("X-Slack-Retry-Num"))
	})
}
