// Package telegram is the Telegram adapter: it turns Bot API updates into
// engine requests and renders the engine's replies as Telegram messages,
// through github.com/go-telegram/bot.
//
// A private chat is the user's personal space (team "tg:u<user id>"); a
// group or supergroup is a team ("tg:<chat id>") whose administrators are
// its managers. Long polling is the default; with a webhook URL the bot
// registers it with a secret token and serves WebhookHandler.
//
// Delivery guarantees: an update is claimed in the store (by chat and
// message id, or callback query id) before the engine handles it, so a
// redelivered update (webhook retry, restart before the polling offset was
// confirmed) acts once; logs are also keyed by chat and message id in the
// engine. The engine commits its writes inside Handle and the reply is
// sent only after Handle returns, so a confirmation the user sees is always
// backed by a committed write. In polling mode the next getUpdates (which
// confirms the offset to Telegram) waits until every fetched update has
// been handled; the webhook answers 200 only then. A crash between the
// claim and the engine's commit (milliseconds) drops that one update: it
// was never answered, and the user sends it again.
package telegram

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// WebhookPath is where the webhook handler is mounted (SPEC §7).
const WebhookPath = "/telegram/webhook"

// SecretHeader carries the webhook secret token Telegram echoes back.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

const (
	defaultAPIURL        = "https://api.telegram.org"
	defaultPollTimeout   = time.Minute
	defaultHandleTimeout = 30 * time.Second
	defaultSendTimeout   = 2 * time.Minute
	defaultAdminTTL      = 10 * time.Minute
	maxWebhookBody       = 1 << 20
	readyWait            = 10 * time.Second
)

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery}

// Adapter connects one Telegram bot to the engine. It is also the single
// bot.Sender for Telegram: every message, answer or scheduled, goes through
// its rate limiter.
type Adapter struct {
	poller     *gateClient // the Bot API client; knows whether polling gets answers
	webhookSet atomic.Bool // setWebhook succeeded (webhook mode)
	eng        *bot.Engine
	b          *tgbot.Bot
	token      string
	log        *slog.Logger

	apiURL        string
	webhookURL    string
	webhookSecret string
	secretMade    bool
	pollTimeout   time.Duration
	handleTimeout time.Duration
	sendTimeout   time.Duration
	perChat       time.Duration
	groupPerMin   int
	globalGap     time.Duration
	adminTTL      time.Duration
	maxAttempts   int

	lim    *limiter
	admins *adminCache
	gate   *counter // updates fetched by polling and not yet handled
	serial serial   // per-chat order of handling
	outq   serial   // per-chat order of replies

	me       atomic.Pointer[identity]
	ready    chan struct{}
	base     context.Context // outlives the run context, so in-flight work finishes
	inflight *counter
}

// identity is the bot's own user, from getMe.
type identity struct {
	ID       int64
	Username string
}

var _ bot.Sender = (*Adapter)(nil)

// Option configures an Adapter.
type Option func(*Adapter)

// WithLogger sets the logger (default slog.Default()). The token is never logged.
func WithLogger(l *slog.Logger) Option { return func(a *Adapter) { a.log = l } }

// WithAPIURL points the adapter at another Bot API server (a local
// telegram-bot-api, a proxy, a test fake). No trailing slash needed.
func WithAPIURL(u string) Option { return func(a *Adapter) { a.apiURL = u } }

// WithWebhook switches from long polling to a webhook at publicURL, checked
// with secret. An empty secret is generated at start (it is set with
// setWebhook each time, so it need not be stable).
func WithWebhook(publicURL, secret string) Option {
	return func(a *Adapter) { a.webhookURL, a.webhookSecret = publicURL, secret }
}

// WithRateLimits overrides Telegram's limits (tests): the gap between two
// messages to one chat and the messages per minute in a group.
func WithRateLimits(perChat time.Duration, groupPerMinute int) Option {
	return func(a *Adapter) { a.perChat, a.groupPerMin, a.globalGap = perChat, groupPerMinute, perChat/30 }
}

// WithPollTimeout sets the long-polling timeout (default one minute; at
// least two seconds, Telegram takes whole seconds).
func WithPollTimeout(d time.Duration) Option { return func(a *Adapter) { a.pollTimeout = d } }

// WithTimeouts bounds the handling of one update (engine) and the delivery
// of its reply (rate limits and retries included).
func WithTimeouts(handle, send time.Duration) Option {
	return func(a *Adapter) { a.handleTimeout, a.sendTimeout = handle, send }
}

// WithAdminTTL sets how long a group's administrator list is cached.
func WithAdminTTL(d time.Duration) Option { return func(a *Adapter) { a.adminTTL = d } }

var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// New builds the adapter. It makes no network call; Run does.
func New(token string, eng *bot.Engine, opts ...Option) (*Adapter, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("telegram: empty bot token")
	}
	if eng == nil {
		return nil, errors.New("telegram: nil engine")
	}
	a := &Adapter{
		eng: eng, token: token, log: slog.Default(), apiURL: defaultAPIURL,
		pollTimeout: defaultPollTimeout, handleTimeout: defaultHandleTimeout, sendTimeout: defaultSendTimeout,
		perChat: defaultPerChat, groupPerMin: defaultGroupN, globalGap: defaultGlobalGap,
		adminTTL: defaultAdminTTL, maxAttempts: 5,
		ready: make(chan struct{}), base: context.Background(),
	}
	for _, o := range opts {
		o(a)
	}
	a.apiURL = strings.TrimRight(strings.TrimSpace(a.apiURL), "/")
	if u, err := url.Parse(a.apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("telegram: TELEGRAM_API_URL must be an http(s) URL like https://api.telegram.org")
	}
	if a.webhookURL != "" {
		u, err := url.Parse(a.webhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("telegram: TELEGRAM_WEBHOOK_URL must be an http(s) URL, e.g. https://bot.example.com%s", WebhookPath)
		}
		if u.Path == "" || u.Path == "/" {
			u.Path = WebhookPath
		}
		a.webhookURL = u.String()
		if a.webhookSecret == "" {
			buf := make([]byte, 32)
			if _, err := rand.Read(buf); err != nil {
				return nil, fmt.Errorf("telegram: webhook secret: %w", err)
			}
			a.webhookSecret, a.secretMade = hex.EncodeToString(buf), true
		}
		if !secretRE.MatchString(a.webhookSecret) {
			return nil, errors.New("telegram: TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	if a.pollTimeout < 2*time.Second {
		a.pollTimeout = 2 * time.Second
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	a.lim = newLimiter(a.perChat, a.groupPerMin, a.globalGap)
	a.admins = newAdminCache(a.adminTTL)
	a.gate = newCounter()
	a.inflight = newCounter()
	a.poller = &gateClient{
		inner:   &http.Client{Timeout: a.pollTimeout + 15*time.Second},
		gate:    a.gate,
		maxWait: a.handleTimeout + 5*time.Second,
		log:     a.log,
	}
	b, err := tgbot.New(token,
		tgbot.WithSkipGetMe(),
		tgbot.WithServerURL(a.apiURL),
		tgbot.WithHTTPClient(a.pollTimeout, a.poller),
		tgbot.WithDefaultHandler(a.onPolled),
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithErrorsHandler(func(err error) {
			if errors.Is(err, context.Canceled) {
				return
			}
			a.log.Warn("telegram api", "err", a.redact(err))
		}),
		tgbot.WithDebugHandler(func(string, ...any) {}),
		tgbot.WithAllowedUpdates(allowedUpdates),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", a.redact(err))
	}
	a.b = b
	return a, nil
}

// Connected reports whether the Bot API is reachable as this mode needs it:
// the last long poll was answered, or the webhook was set (/healthz).
func (a *Adapter) Connected() bool {
	if a.Webhook() {
		return a.webhookSet.Load()
	}
	return a.poller.up.Load()
}

// Webhook reports whether the adapter runs in webhook mode.
func (a *Adapter) Webhook() bool { return a.webhookURL != "" }

func (a *Adapter) store() goals.Store { return a.eng.Service().Store }
func (a *Adapter) now() time.Time     { return a.eng.Service().Now() }

// Run identifies the bot (getMe), registers its commands, then receives
// updates until ctx ends: long polling, or the webhook set with setWebhook.
// Updates being handled when ctx ends are finished before Run returns.
func (a *Adapter) Run(ctx context.Context) error {
	a.base = context.WithoutCancel(ctx)
	me, err := a.identify(ctx)
	if err != nil {
		return err
	}
	a.me.Store(me)
	a.log.Info("telegram bot identified", "bot", me.Username, "mode", map[bool]string{true: "webhook", false: "polling"}[a.Webhook()])
	a.setCommands(ctx)
	if a.Webhook() {
		if err := a.setWebhook(ctx); err != nil {
			return err
		}
		close(a.ready)
		<-ctx.Done()
	} else {
		// getUpdates is refused while a webhook is set.
		if _, err := a.b.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
			a.log.Warn("telegram deleteWebhook", "err", a.redact(err))
		}
		close(a.ready)
		a.b.Start(ctx)
	}
	if timedOut, _ := a.inflight.wait(context.Background(), a.handleTimeout+a.sendTimeout); timedOut {
		a.log.Warn("telegram: stopped with replies still being sent")
	}
	return nil
}

// identify calls getMe, retrying while the API is unreachable; a refused
// token is an error at once.
func (a *Adapter) identify(ctx context.Context) (*identity, error) {
	delay := 500 * time.Millisecond
	for {
		u, err := a.b.GetMe(ctx)
		if err == nil {
			return &identity{ID: u.ID, Username: u.Username}, nil
		}
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
			return nil, errors.New("telegram: the bot token was refused (getMe: unauthorized); check TELEGRAM_BOT_TOKEN")
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		a.log.Warn("telegram getMe failed; retrying", "err", a.redact(err), "in", delay)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 30*time.Second)
	}
}

// setCommands registers the command menu for every user (English), and in
// English and Chinese by language_code. Failure is logged, not fatal.
func (a *Adapter) setCommands(ctx context.Context) {
	for _, lc := range []string{"", "en", "zh"} {
		lang := lc
		if lang == "" {
			lang = "en"
		}
		_, err := a.b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{
			Commands: botCommands(lang), Scope: &models.BotCommandScopeDefault{}, LanguageCode: lc,
		})
		if err != nil {
			a.log.Warn("telegram setMyCommands", "language_code", lc, "err", a.redact(err))
		}
	}
}

func (a *Adapter) setWebhook(ctx context.Context) error {
	if a.secretMade {
		a.log.Info("telegram webhook secret generated for this run (set TELEGRAM_WEBHOOK_SECRET to choose one)")
	}
	delay := 500 * time.Millisecond
	for {
		_, err := a.b.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL: a.webhookURL, SecretToken: a.webhookSecret, AllowedUpdates: allowedUpdates,
		})
		if err == nil {
			a.log.Info("telegram webhook set", "path", WebhookPath)
			a.webhookSet.Store(true)
			return nil
		}
		if permanent(err) {
			return fmt.Errorf("telegram setWebhook: %w", a.redact(err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a.log.Warn("telegram setWebhook failed; retrying", "err", a.redact(err), "in", delay)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, 30*time.Second)
	}
}

// WebhookHandler serves POST /telegram/webhook. A request without the right
// X-Telegram-Bot-Api-Secret-Token is refused with 401 before its body is
// read. An update is answered 200 once it is handled (its writes
// committed); the reply is sent after that, so a slow send does not make
// Telegram retry.
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(SecretHeader)
		if a.webhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.webhookSecret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var upd models.Update
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		if err := dec.Decode(&upd); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		select {
		case <-a.ready:
		case <-r.Context().Done():
			return
		case <-time.After(readyWait):
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		handled := make(chan struct{})
		a.enqueue(&upd, func() { close(handled) })
		select {
		case <-handled:
		case <-r.Context().Done():
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// onPolled is the library's handler for every polled update. Handlers
// are not async (WithNotAsyncHandlers): it only queues the update, so when
// Start returns every fetched update is queued and counted in flight. The
// poll gate is released once the update is handled.
func (a *Adapter) onPolled(_ context.Context, _ *tgbot.Bot, upd *models.Update) {
	a.enqueue(upd, a.gate.done)
}

// enqueue handles upd after the earlier updates of its chat and calls
// handled once its writes are committed. The reply then waits in the
// chat's send queue, so a rate-limited chat never holds up handling (nor,
// in polling mode, the next getUpdates) and replies keep their order.
func (a *Adapter) enqueue(upd *models.Update, handled func()) {
	a.inflight.add(1)
	key := chatKey(upd)
	a.serial.do(key, func() {
		deliver := a.handle(upd)
		if handled != nil {
			handled()
		}
		if deliver == nil {
			a.inflight.done()
			return
		}
		a.outq.do(key, func() {
			defer a.inflight.done()
			a.runDelivery(deliver)
		})
	})
}

// handle runs one update up to its durable point with its own timeout and
// returns the sending to do afterwards. It never panics.
func (a *Adapter) handle(upd *models.Update) (deliver func(context.Context)) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("telegram update panicked", "update", updateID(upd), "panic", fmt.Sprint(p))
			deliver = nil
		}
	}()
	if upd == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(a.base, a.handleTimeout)
	defer cancel()
	return a.process(ctx, upd)
}

func (a *Adapter) runDelivery(deliver func(context.Context)) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("telegram delivery panicked", "panic", fmt.Sprint(p))
		}
	}()
	ctx, cancel := context.WithTimeout(a.base, a.sendTimeout)
	defer cancel()
	deliver(ctx)
}

func updateID(u *models.Update) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

// redact removes the bot token from an error's text (it is part of every
// Bot API URL) while keeping the error chain for errors.Is / errors.As.
func (a *Adapter) redact(err error) error {
	if err == nil || a.token == "" || !strings.Contains(err.Error(), a.token) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), a.token, "<token>"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
