package slackbot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
)

// Sender delivers messages to Slack. Every message the adapter sends goes
// through it: chat.postMessage, chat.postEphemeral and response_url posts
// keep to one message per interval (default one second) per channel, and
// a 429 pauses the channel for Retry-After. Failures worth retrying (429,
// 5xx, timeouts) come back as *bot.RetryError and are not retried inside
// Send, so a caller's retry (the outbox) is the only one. A 429 means
// nothing was posted; after a 5xx or a timeout Slack may, rarely, have
// posted anyway (chat.postMessage has no idempotency key).
type Sender struct {
	api      *slack.Client
	hc       *http.Client
	interval time.Duration
	apiHost  string // response_url may point here (proxies, tests) besides *.slack.com
	redact   func(string) string

	lim *limiter
}

// limiter is the per-channel schedule of one Slack app. Slack's limits
// belong to the token, so every Sender of the same token and API (the
// adapter's, the scheduler's) shares one limiter.
type limiter struct {
	mu   sync.Mutex
	next map[string]time.Time // channel → earliest instant of its next message
	// sweepAt bounds the map: entries in the past are dropped now and then.
	sweepAt time.Time
}

var (
	limitersMu sync.Mutex
	limiters   = map[string]*limiter{}
)

// sharedLimiter is the limiter of a token on an API at an interval.
func sharedLimiter(token, apiURL string, interval time.Duration) *limiter {
	h := sha256.Sum256([]byte(token + "\x00" + apiURL + "\x00" + interval.String()))
	key := hex.EncodeToString(h[:])
	limitersMu.Lock()
	defer limitersMu.Unlock()
	l, ok := limiters[key]
	if !ok {
		l = &limiter{next: map[string]time.Time{}}
		limiters[key] = l
	}
	return l
}

var _ bot.Sender = (*Sender)(nil)

func newSender(api *slack.Client, hc *http.Client, interval time.Duration, apiHost string, redact func(string) string, lim *limiter) *Sender {
	return &Sender{api: api, hc: hc, interval: interval, apiHost: apiHost, redact: redact, lim: lim}
}

// wait blocks until channel may receive its next message and reserves the
// slot after it.
func (s *Sender) wait(ctx context.Context, channel string) error {
	now := time.Now()
	l := s.lim
	l.mu.Lock()
	at := l.next[channel]
	if at.Before(now) {
		at = now
	}
	l.next[channel] = at.Add(s.interval)
	if now.After(l.sweepAt) {
		for k, t := range l.next {
			if t.Before(now) {
				delete(l.next, k)
			}
		}
		l.sweepAt = now.Add(time.Minute)
	}
	l.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return &bot.RetryError{Err: ctx.Err()}
	}
}

// pause keeps channel quiet for d (Slack's Retry-After).
func (s *Sender) pause(channel string, d time.Duration) {
	if d <= 0 {
		return
	}
	until := time.Now().Add(d)
	s.lim.mu.Lock()
	if s.lim.next[channel].Before(until) {
		s.lim.next[channel] = until
	}
	s.lim.mu.Unlock()
}

// retryableSlackErrors are `ok: false` answers that mean "try again later".
var retryableSlackErrors = map[string]bool{
	"ratelimited": true, "rate_limited": true, "internal_error": true, "fatal_error": true,
	"service_unavailable": true, "request_timeout": true, "team_added_to_org": true,
}

// classify turns a Slack client error into a *bot.RetryError when trying
// again later can succeed (429, 5xx, timeouts, network), otherwise returns
// it as is with tokens scrubbed.
func (s *Sender) classify(ctx context.Context, channel string, err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		s.pause(channel, rl.RetryAfter)
		return &bot.RetryError{After: rl.RetryAfter, Err: s.scrub(err)}
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Retryable() {
		return &bot.RetryError{Err: s.scrub(err)}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && retryableSlackErrors[se.Err] {
		return &bot.RetryError{Err: s.scrub(err)}
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || ctx.Err() != nil {
		return &bot.RetryError{Err: s.scrub(err)}
	}
	return s.scrub(err)
}

// scrub removes tokens from an error's text (slack-go does not put them in
// errors, but a proxy's answer might echo a request).
func (s *Sender) scrub(err error) error {
	if s.redact == nil {
		return err
	}
	msg := err.Error()
	if r := s.redact(msg); r != msg {
		return &scrubbed{msg: r, err: err}
	}
	return err
}

type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }

// Send posts m: to m.Channel, or as a direct message to m.UserID. Thread
// replies follow under the first message; a chart or CSV is uploaded into
// the same conversation. Only the first message's failure is returned as a
// *bot.RetryError: once it is delivered, the rest is retried here (until
// ctx ends) rather than by the caller, which would post the first again.
func (s *Sender) Send(ctx context.Context, m bot.Outgoing) error {
	channel := m.Channel
	if channel == "" {
		channel = m.UserID
	}
	if channel == "" {
		return errors.New("slack send: no channel and no user")
	}
	ch, ts, err := s.postMessage(ctx, channel, "", m.Reply)
	if err != nil {
		return err
	}
	var errs []error
	for i, r := range m.Thread {
		if _, _, err := s.postRetrying(ctx, ch, ts, r); err != nil {
			errs = append(errs, fmt.Errorf("thread reply %d of %d: %w", i+1, len(m.Thread), unretry(err)))
			break
		}
	}
	if err := s.attach(ctx, ch, ts, m.Reply); err != nil {
		errs = append(errs, unretry(err))
	}
	return errors.Join(errs...)
}

// unretry hides a RetryError: the caller must not redo what was delivered.
func unretry(err error) error {
	var re *bot.RetryError
	if errors.As(err, &re) {
		return fmt.Errorf("after the first message was delivered: %w", re.Err)
	}
	return err
}

// postMessage is one chat.postMessage within the channel's rate.
func (s *Sender) postMessage(ctx context.Context, channel, threadTS string, rep bot.Reply) (ch, ts string, err error) {
	if err := s.wait(ctx, channel); err != nil {
		return "", "", err
	}
	opts := []slack.MsgOption{
		slack.MsgOptionText(fallbackText(rep), false),
		slack.MsgOptionBlocks(Blocks(rep)...),
		slack.MsgOptionDisableLinkUnfurl(),
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	ch, ts, err = s.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", "", s.classify(ctx, channel, err)
	}
	if ch == "" {
		ch = channel
	}
	return ch, ts, nil
}

// postRetrying is postMessage retried on RetryError until ctx ends.
func (s *Sender) postRetrying(ctx context.Context, channel, threadTS string, rep bot.Reply) (string, string, error) {
	var ch, ts string
	err := retry(ctx, 0, func() error {
		var err error
		ch, ts, err = s.postMessage(ctx, channel, threadTS, rep)
		return err
	})
	return ch, ts, err
}

// ephemeral posts a message only user sees in channel (chat.postEphemeral).
func (s *Sender) ephemeral(ctx context.Context, channel, user string, rep bot.Reply) error {
	if err := s.wait(ctx, channel); err != nil {
		return err
	}
	_, err := s.api.PostEphemeralContext(ctx, channel, user,
		slack.MsgOptionText(fallbackText(rep), false), slack.MsgOptionBlocks(Blocks(rep)...))
	return s.classify(ctx, channel, err)
}

// respondable reports whether a response_url may be posted to: Slack's
// hosts over https, or the configured API host (a proxy, a test fake).
func (s *Sender) respondable(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if s.apiHost != "" && strings.EqualFold(u.Host, s.apiHost) {
		return true
	}
	h := strings.ToLower(u.Hostname())
	return u.Scheme == "https" && (h == "slack.com" || strings.HasSuffix(h, ".slack.com"))
}

// respond posts msg to a response_url (valid 30 minutes, five uses), keyed
// to channel for the rate limit.
func (s *Sender) respond(ctx context.Context, responseURL, channel string, msg Msg) error {
	if !s.respondable(responseURL) {
		return errors.New("response_url refused: not a Slack host")
	}
	if channel == "" {
		channel = "response_url"
	}
	if err := s.wait(ctx, channel); err != nil {
		return err
	}
	no := false
	if msg.ReplaceOriginal == nil {
		msg.ReplaceOriginal = &no
	}
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(msg); err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, &body)
	if err != nil {
		return fmt.Errorf("response_url: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.hc.Do(req)
	if err != nil {
		// The URL carries a secret of its own: keep it out of the error.
		return &bot.RetryError{Err: errors.New("response_url: " + scrubURL(err.Error(), responseURL))}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		after, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		d := time.Duration(after) * time.Second
		s.pause(channel, d)
		return &bot.RetryError{After: d, Err: fmt.Errorf("response_url: %s", resp.Status)}
	case resp.StatusCode >= 500:
		return &bot.RetryError{Err: fmt.Errorf("response_url: %s", resp.Status)}
	case resp.StatusCode >= 300:
		return fmt.Errorf("response_url: %s", resp.Status)
	}
	return nil
}

func scrubURL(msg, u string) string {
	return strings.ReplaceAll(msg, u, "<response_url>")
}

// attach uploads the reply's chart and CSV into the conversation.
func (s *Sender) attach(ctx context.Context, channel, threadTS string, rep bot.Reply) error {
	if len(rep.Chart) == 0 && len(rep.CSV) == 0 {
		return nil
	}
	if strings.HasPrefix(channel, "U") || strings.HasPrefix(channel, "W") {
		ch, _, _, err := s.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{channel}, ReturnIM: true})
		if err != nil {
			return fmt.Errorf("open DM for upload: %w", s.scrub(err))
		}
		channel = ch.ID
	}
	files := []struct {
		data  []byte
		name  string
		title string
	}{{rep.Chart, "goalbot-chart.png", tr(rep.Lang, "chart_title")}, {rep.CSV, "goalbot-export.csv", tr(rep.Lang, "export_title")}}
	for _, f := range files {
		if len(f.data) == 0 {
			continue
		}
		if err := s.wait(ctx, channel); err != nil {
			return err
		}
		_, err := s.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Reader: bytes.NewReader(f.data), FileSize: len(f.data), Filename: f.name, Title: f.title,
			Channel: channel, ThreadTimestamp: threadTS,
		})
		if err != nil {
			return fmt.Errorf("upload %s: %w", f.name, s.classify(ctx, channel, err))
		}
	}
	return nil
}

// SendWithRetry sends m through s, retrying a *bot.RetryError after its
// After (or a back-off of 1, 2, 4 … 30 s) at most attempts times in all.
// It is for answers sent directly (late replies); scheduled messages go
// through the persisted outbox instead.
func SendWithRetry(ctx context.Context, s bot.Sender, m bot.Outgoing, attempts int) error {
	return retry(ctx, attempts, func() error { return s.Send(ctx, m) })
}

// retry calls fn until it returns something other than a *bot.RetryError,
// attempts run out (0: until ctx ends), or ctx ends.
func retry(ctx context.Context, attempts int, fn func() error) error {
	backoff := time.Second
	for i := 1; ; i++ {
		err := fn()
		var re *bot.RetryError
		if err == nil || !errors.As(err, &re) || (attempts > 0 && i >= attempts) {
			return err
		}
		d := re.After
		if d <= 0 {
			d = backoff
			backoff = min(backoff*2, 30*time.Second)
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
	}
}
