// Package slackbot is the Slack adapter: it turns slash commands, button
// presses, modal submissions and Events API events into bot.Requests and
// renders bot.Replies as Block Kit. It runs over Socket Mode (an app token,
// no public URL) or over HTTP endpoints verified with the signing secret.
//
// Every request is acknowledged within Slack's three seconds: the reply is
// in the acknowledgement when the engine answers within InlineWait (2 s),
// otherwise it follows through the response_url or chat.postMessage.
// Outgoing messages go through one Sender (one message per second per
// channel, Retry-After honoured).
package slackbot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Platform is the Request.Platform and Outgoing.Platform of Slack.
const Platform = "slack"

// DefaultAPIURL is Slack's Web API base.
const DefaultAPIURL = "https://slack.com/api/"

// Config is what the adapter needs from the environment (SPEC §7).
type Config struct {
	BotToken      string // SLACK_BOT_TOKEN (xoxb-…): the Web API
	AppToken      string // SLACK_APP_TOKEN (xapp-…): Socket Mode when set
	SigningSecret string // SLACK_SIGNING_SECRET: HTTP mode request signatures
	APIURL        string // SLACK_API_URL: Web API base (proxies, tests)
}

// Adapter connects one Slack app to the engine. It is safe for concurrent use.
type Adapter struct {
	connected atomic.Bool // Socket Mode: a live connection
	eng       *bot.Engine
	svc       *goals.Service
	cfg       Config
	api       *slack.Client
	hc        *http.Client
	log       *slog.Logger
	sender    *Sender
	users     *users
	replay    *replayCache

	inlineWait      time.Duration
	eventTimeout    time.Duration
	usersTimeout    time.Duration
	pingInterval    time.Duration
	channelInterval time.Duration
	shutdownWait    time.Duration
	maxBody         int64

	base context.Context // lives until Run returns; parents every event's context
	stop context.CancelFunc
	work tracker // background work: late replies, events, uploads
}

// tracker counts work in flight. Unlike a WaitGroup it may gain work while
// someone waits for it to drain (requests arriving during shutdown).
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{}
}

func (t *tracker) add() {
	t.mu.Lock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	if t.n == 0 {
		close(t.idle)
	}
	t.mu.Unlock()
}

// drained is closed when no work is in flight.
func (t *tracker) drained() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		c := make(chan struct{})
		close(c)
		return c
	}
	return t.idle
}

// Option configures an Adapter.
type Option func(*Adapter)

// WithLogger sets the logger (default slog.Default()). Tokens and the
// signing secret are never logged.
func WithLogger(l *slog.Logger) Option { return func(a *Adapter) { a.log = l } }

// WithHTTPClient sets the client for the Web API and response_url posts.
func WithHTTPClient(c *http.Client) Option { return func(a *Adapter) { a.hc = c } }

// WithInlineWait sets how long an acknowledgement waits for the engine's
// reply before the reply goes out later instead (default 2 s; Slack allows 3).
func WithInlineWait(d time.Duration) Option { return func(a *Adapter) { a.inlineWait = d } }

// WithEventTimeout bounds the handling of one event (default 30 s).
func WithEventTimeout(d time.Duration) Option { return func(a *Adapter) { a.eventTimeout = d } }

// WithChannelInterval sets the least time between two messages to one
// channel (default 1 s).
func WithChannelInterval(d time.Duration) Option { return func(a *Adapter) { a.channelInterval = d } }

// WithPingInterval sets how long Socket Mode waits for Slack's ping before
// reconnecting (default 30 s).
func WithPingInterval(d time.Duration) Option { return func(a *Adapter) { a.pingInterval = d } }

// New builds the adapter. The engine's service provides the store (event
// idempotency) and the clock.
func New(eng *bot.Engine, cfg Config, opts ...Option) (*Adapter, error) {
	if eng == nil {
		return nil, errors.New("slack: no engine")
	}
	if cfg.BotToken == "" {
		return nil, errors.New("slack: SLACK_BOT_TOKEN is not set")
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return nil, errors.New("slack: set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode")
	}
	if cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-") {
		return nil, errors.New("slack: SLACK_APP_TOKEN should be an app-level token (xapp-…)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	u, err := url.Parse(cfg.APIURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New("slack: SLACK_API_URL is not an http(s) URL")
	}
	a := &Adapter{
		eng: eng, svc: eng.Service(), cfg: cfg, log: slog.Default(),
		users: newUsers(), replay: newReplayCache(),
		inlineWait: 2 * time.Second, eventTimeout: 30 * time.Second, usersTimeout: time.Second,
		pingInterval: 30 * time.Second, channelInterval: time.Second, shutdownWait: 8 * time.Second,
		maxBody: 1 << 20,
	}
	for _, o := range opts {
		o(a)
	}
	if a.hc == nil {
		a.hc = &http.Client{Timeout: 15 * time.Second}
	}
	sopts := []slack.Option{slack.OptionAPIURL(cfg.APIURL), slack.OptionHTTPClient(a.hc)}
	if cfg.AppToken != "" {
		sopts = append(sopts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	a.api = slack.New(cfg.BotToken, sopts...)
	a.sender = newSender(a.api, a.hc, a.channelInterval, u.Host, a.redact,
		sharedLimiter(cfg.BotToken, cfg.APIURL, a.channelInterval))
	a.base, a.stop = context.WithCancel(context.Background())
	return a, nil
}

// SocketMode reports whether the adapter connects over Socket Mode.
func (a *Adapter) SocketMode() bool { return a.cfg.AppToken != "" }

// Sender is the adapter's bot.Sender (reminders and digests use it).
func (a *Adapter) Sender() *Sender { return a.sender }

// Connected reports, for /healthz, whether Socket Mode holds a live
// connection; in HTTP mode Slack calls in, so there is nothing to lose.
func (a *Adapter) Connected() bool { return !a.SocketMode() || a.connected.Load() }

// Run serves until ctx ends: over Socket Mode it holds the connection; in
// HTTP mode the endpoints (Mount) do the work and Run only waits. Either
// way it returns after in-flight work finished (or shutdownWait passed).
func (a *Adapter) Run(ctx context.Context) error {
	var err error
	if a.SocketMode() {
		err = a.runSocket(ctx)
	} else {
		<-ctx.Done()
	}
	a.Close()
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// Close waits for background work (late replies, events) up to the
// shutdown grace, then cancels what is left.
func (a *Adapter) Close() {
	select {
	case <-a.work.drained():
	case <-time.After(a.shutdownWait):
		a.log.Warn("slack: shutdown with work in flight")
	}
	a.stop()
}

// Wait blocks until no background work is in flight (tests, shutdown).
// Work that starts more work does so before it ends, so one drain suffices.
func (a *Adapter) Wait() { <-a.work.drained() }

// background runs fn in its own goroutine with a per-event timeout.
func (a *Adapter) background(fn func(ctx context.Context)) {
	a.work.add()
	go func() {
		defer a.work.done()
		ctx, cancel := context.WithTimeout(a.base, a.eventTimeout)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack: panic in background work", "panic", p)
			}
		}()
		fn(ctx)
	}()
}

// redact hides the tokens and the secret in text bound for a log.
func (a *Adapter) redact(s string) string {
	for _, secret := range []string{a.cfg.BotToken, a.cfg.AppToken, a.cfg.SigningSecret} {
		if len(secret) >= 8 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

func (a *Adapter) logErr(msg string, err error, args ...any) {
	if err != nil {
		args = append(args, "err", a.redact(err.Error()))
	}
	a.log.Warn("slack: "+msg, args...)
}

// teamKey is the engine's team id of a Slack workspace.
func teamKey(teamID string) string { return "slack:" + teamID }

// eventKey is an idempotency key scoped to the workspace.
func eventKey(teamID, kind, id string) string {
	return "slack:" + teamID + ":" + kind + ":" + id
}

// request builds the engine request of a Slack user, with the users.info hints.
func (a *Adapter) request(ctx context.Context, teamID, teamName, userID, userName string) bot.Request {
	p := a.profileOf(ctx, teamID, userID)
	if p.name != "" {
		userName = p.name
	}
	// An empty name leaves the stored one alone (the engine renames a
	// member only when told a name).
	return bot.Request{
		Platform: Platform, TeamID: teamKey(teamID), TeamName: teamName,
		UserID: userID, UserName: userName,
		LangHint: p.locale, TZHint: p.tz, RoleHint: p.role(),
	}
}

// langOf is the language to speak to a user on Slack-only surfaces
// (modals, App Home): their setting or the language they write in, then
// their Slack locale, then the team's.
func (a *Adapter) langOf(ctx context.Context, req bot.Request) string {
	if m, err := a.svc.Store.Member(ctx, req.TeamID, req.UserID); err == nil && m.ReadLang() != "" {
		return m.ReadLang()
	}
	if l := goals.NormalizeLang(req.LangHint); l != "" {
		return l
	}
	if t, err := a.svc.Store.Team(ctx, req.TeamID); err == nil && t.Lang != "" {
		return t.Lang
	}
	return i18n.EN
}

// answer runs the engine on req. When the reply is ready by deadline it is
// returned (inline true); otherwise late is called with it once it is, and
// the caller acknowledges without it. Exactly one of the two happens. The
// engine's context outlives the HTTP request.
func (a *Adapter) answer(ctx context.Context, deadline time.Time, req bot.Request, late func(ctx context.Context, rep bot.Reply)) (bot.Reply, bool) {
	res := make(chan bot.Reply)
	gaveUp := make(chan struct{})
	a.background(func(bctx context.Context) {
		rep := a.eng.Handle(bctx, req)
		select {
		case res <- rep:
		case <-gaveUp:
			late(bctx, rep)
		}
	})
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case rep := <-res:
		return rep, true
	case <-t.C:
	case <-ctx.Done():
	}
	close(gaveUp)
	return bot.Reply{}, false
}

// reply is where an answer goes when it is not in the acknowledgement.
type reply struct {
	teamID      string
	channel     string
	user        string
	responseURL string
	threadTS    string
	// public answers to a DM-less surface (App Home) go to the user's DM.
	dm bool
}

// deliver sends rep to where the request came from: the response_url when
// there is one, else the channel (public replies) or only the user
// (ephemeral), else the user's DM. Retryable failures are retried here.
func (a *Adapter) deliver(ctx context.Context, to reply, rep bot.Reply) {
	err := a.deliverOnce(ctx, to, rep)
	if err != nil {
		a.logErr("reply not delivered", err, "team", to.teamID, "channel", to.channel, "user", to.user)
	}
	if err == nil && (len(rep.Chart) > 0 || len(rep.CSV) > 0) {
		a.attachFiles(ctx, to, rep)
	}
}

func (a *Adapter) deliverOnce(ctx context.Context, to reply, rep bot.Reply) error {
	s := a.sender
	if to.responseURL != "" && !to.dm {
		msg := Message(rep)
		err := retry(ctx, replyAttempts, func() error { return s.respond(ctx, to.responseURL, to.channel, msg) })
		if err == nil {
			return nil
		}
		a.logErr("response_url failed; posting instead", err, "team", to.teamID)
	}
	if to.channel != "" && !to.dm {
		if rep.Public {
			err := a.post(ctx, to.teamID, to.channel, "", rep)
			if err == nil {
				return nil
			}
			a.logErr("chat.postMessage failed; sending as DM", err, "team", to.teamID)
		} else if to.user != "" {
			err := retry(ctx, replyAttempts, func() error { return s.ephemeral(ctx, to.channel, to.user, rep) })
			if err == nil {
				return nil
			}
			a.logErr("chat.postEphemeral failed; sending as DM", err, "team", to.teamID)
		}
	}
	if to.user == "" {
		return errors.New("nowhere to deliver")
	}
	return a.post(ctx, to.teamID, "", to.user, rep)
}

// replyAttempts bounds the retries of an answer delivered directly.
const replyAttempts = 4

// post sends rep without its files to channel, or with channel "" to the
// user's DM, retrying here (see SendWithRetry).
func (a *Adapter) post(ctx context.Context, teamID, channel, user string, rep bot.Reply) error {
	out := bot.Outgoing{Platform: Platform, TeamID: teamKey(teamID), Channel: channel, UserID: user, Reply: withoutFiles(rep)}
	return SendWithRetry(ctx, a.sender, out, replyAttempts)
}

func withoutFiles(rep bot.Reply) bot.Reply {
	rep.Chart, rep.CSV = nil, nil
	return rep
}

// attachFiles uploads a reply's chart or CSV: into the channel for public
// replies, else into the user's DM (an export is for the manager only).
func (a *Adapter) attachFiles(ctx context.Context, to reply, rep bot.Reply) {
	target := to.user
	thread := ""
	if rep.Public && to.channel != "" && !to.dm {
		target = to.channel
		thread = to.threadTS
	}
	if target == "" {
		return
	}
	if err := a.sender.attach(ctx, target, thread, rep); err != nil {
		a.logErr("file upload failed", err, "team", to.teamID)
	}
}
