// Package prompts is goalbot's LLM SMART coach: the prompt templates
// (embedded), an OpenAI-compatible client (go-openai) asking for a
// structured rewrite, and the checks that keep a model's answer from ever
// changing what the user wrote. The offline analyser of package goals runs
// first and is the answer whenever the model is slow, down, over budget or
// says something the checks refuse.
package prompts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goalbot/goalbot/goals"
	openai "github.com/sashabaranov/go-openai"
)

// Defaults for zero Config fields.
const (
	DefaultModel       = "gpt-4o-mini"
	DefaultTimeout     = 20 * time.Second
	DefaultDailyBudget = 200
	DefaultCacheSize   = 256
)

// GlobalTeam is the budget shared by calls whose context names no team.
const GlobalTeam = "global"

// Sources of a goals.CoachResult.
const (
	sourceLLM     = "llm"
	sourceOffline = "offline"
)

// Response-format modes, remembered per coach (that is, per server).
const (
	modeJSONSchema int32 = iota
	modeJSONObject
)

// After a 429 the server is left alone for Retry-After (default and cap below).
const (
	defaultCooldown = 10 * time.Second
	maxCooldown     = 5 * time.Minute
)

// Config configures the LLM coach.
type Config struct {
	APIKey      string        // OPENAI_API_KEY; empty for keyless local servers (no Authorization header)
	BaseURL     string        // OPENAI_BASE_URL, e.g. http://localhost:11434/v1; empty: api.openai.com
	Model       string        // OPENAI_MODEL; empty: DefaultModel
	Timeout     time.Duration // GOALBOT_LLM_TIMEOUT: deadline of one Coach call's request(s); 0: DefaultTimeout
	DailyBudget int           // LLM calls per team per local day; 0: DefaultDailyBudget; negative: unlimited
	CacheSize   int           // successful answers kept (LRU); 0: DefaultCacheSize; negative: no cache
}

// LLMCoach implements goals.Coach with an OpenAI-compatible model. It is
// safe for concurrent use.
type LLMCoach struct {
	cfg     Config
	client  *openai.Client
	offline goals.Coach
	log     *slog.Logger
	cache   *lru
	budget  *budget
	mode    atomic.Int32

	mu        sync.Mutex
	coolUntil time.Time
}

var _ goals.Coach = (*LLMCoach)(nil)

// NewLLMCoach builds the coach. offline answers first and whenever the
// model's answer is not used (nil: goals.OfflineCoach); log receives one
// line per fallback, never the API key or the user's text (nil: slog.Default).
func NewLLMCoach(cfg Config, offline goals.Coach, log *slog.Logger) *LLMCoach {
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.DailyBudget == 0 {
		cfg.DailyBudget = DefaultDailyBudget
	}
	if cfg.CacheSize == 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	if offline == nil {
		offline = goals.OfflineCoach{}
	}
	if log == nil {
		log = slog.Default()
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	return &LLMCoach{
		cfg:     cfg,
		client:  openai.NewClientWithConfig(oc),
		offline: offline,
		log:     log.With("component", "llm_coach", "model", cfg.Model),
		cache:   newLRU(cfg.CacheSize),
		budget:  newBudget(cfg.DailyBudget),
	}
}

// WithTeam names the team a Coach call is made for; its daily budget is
// charged. Without it the call uses the shared GlobalTeam budget. It is
// goals.WithTeamID: the engine sets it without importing this package.
func WithTeam(ctx context.Context, teamID string) context.Context {
	return goals.WithTeamID(ctx, teamID)
}

func teamFrom(ctx context.Context) string {
	if t := goals.TeamIDFrom(ctx); t != "" {
		return t
	}
	return GlobalTeam
}

// Coach analyses text offline, then asks the model for a SMART rewrite and
// checks it (see merge). The result's Source is "llm" when the model's
// answer is used; otherwise it is the offline result with FellBack set.
func (c *LLMCoach) Coach(ctx context.Context, text string, o goals.AnalyzeOptions) goals.CoachResult {
	off := c.offline.Coach(ctx, text, o)
	off.Source, off.FellBack = sourceOffline, false
	if strings.TrimSpace(text) == "" {
		return off
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	loc := o.Loc
	if loc == nil {
		loc = time.UTC
	}
	today := goals.DateIn(now, loc)
	team := teamFrom(ctx)
	lang := off.Lang
	if lang == "" {
		lang = goals.NormalizeLang(o.Lang)
	}
	if lang == "" {
		lang = goals.DetectLang(text)
	}
	start := time.Now()
	fall := func(reason string, err error) goals.CoachResult {
		attrs := []any{"reason", reason, "team", team, "lang", lang, "chars", len([]rune(text)),
			"elapsed_ms", time.Since(start).Milliseconds()}
		if err != nil {
			attrs = append(attrs, "err", c.redact(err.Error()))
		}
		switch reason {
		case "budget_exhausted", "rate_limited", "too_long":
			c.log.Info("smart coach: LLM skipped, offline analysis used", attrs...)
		default:
			c.log.Warn("smart coach: LLM answer not used, offline analysis used", attrs...)
		}
		r := off
		r.FellBack = true
		return r
	}
	if len(text) > goals.MaxInputLen {
		return fall("too_long", nil)
	}
	key := strings.Join([]string{normalizeText(text), lang, today.String(), loc.String(), o.DefaultCurrency, historyKey(off.Analysis, o.TeamGoals)}, "\x1f")
	if r, ok := c.cache.get(key); ok {
		r.Input = off.Input
		return r
	}
	if err := ctx.Err(); err != nil {
		return fall(classify(err), err)
	}
	if wait := c.cooling(); wait > 0 {
		return fall("rate_limited", fmt.Errorf("server asked to wait %s more", wait.Round(time.Second)))
	}
	if !c.budget.take(team, today.String()) {
		return fall("budget_exhausted", fmt.Errorf("%d calls today", c.cfg.DailyBudget))
	}

	data := promptData{
		Statement: text, Language: lang, Today: today.String(), Weekday: today.Weekday().String(),
		Timezone: loc.String(), DefaultCurrency: o.DefaultCurrency, Offline: offlineOf(off.Analysis),
		History: historyOf(off.History), TeamGoals: teamGoalsOf(o.TeamGoals),
	}
	msgs, err := messages(data)
	if err != nil {
		return fall("prompt", err)
	}
	cctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	content, err := c.complete(cctx, msgs)
	if err != nil {
		return fall(classify(err), err)
	}
	ans, err := decodeAnswer(content)
	if err != nil {
		return fall(reasonOf(err), err)
	}
	merged, err := merge(ans, checkInput{
		Statement: text, Lang: lang, Offline: off.Analysis, Today: today, DefaultCurrency: o.DefaultCurrency,
	})
	if err != nil {
		return fall(reasonOf(err), err)
	}
	parts, err := checkParts(ans.Parts, text)
	if err != nil {
		return fall(reasonOf(err), err)
	}
	res := goals.CoachResult{Analysis: merged, Source: sourceLLM}
	for _, p := range parts {
		// Each part is the user's own phrase: the offline coach, with the
		// history, reads it and proposes what it lacks.
		res.Parts = append(res.Parts, c.offline.Coach(ctx, p, o).Analysis)
	}
	c.cache.put(key, res)
	c.log.Debug("smart coach: LLM answer used", "team", team, "lang", lang, "elapsed_ms", time.Since(start).Milliseconds())
	return res
}

// offlineOf is the part of the offline analysis the model is shown.
func offlineOf(a goals.Analysis) offlineData {
	d := offlineData{
		Metric: a.Metric, Kind: string(a.Kind), Direction: string(a.Direction), Unit: a.Unit,
		Baseline: a.Baseline, Target: a.Target, Missing: append([]string{}, a.Missing...),
		Suggested: a.Suggested, Basis: a.Basis,
	}
	if a.Deadline != nil && !a.Deadline.IsZero() {
		s := a.Deadline.String()
		d.Deadline = &s
	}
	if a.Cadence != goals.CadenceNone {
		s := string(a.Cadence)
		d.Cadence = &s
	}
	return d
}

// exampleTurns are the few-shot user/assistant pairs per language,
// rendered once.
var exampleTurns = func() map[string][]openai.ChatCompletionMessage {
	m := map[string][]openai.ChatCompletionMessage{}
	for _, lang := range []string{goals.LangEN, goals.LangZhCN, goals.LangZhTW} {
		for _, e := range examplesFor(lang) {
			u, err := userMessage(e.Data)
			if err != nil {
				panic("prompts: example: " + err.Error())
			}
			m[lang] = append(m[lang],
				openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: u},
				openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: string(e.Answer)})
		}
	}
	return m
}()

// messages is the whole conversation: the system prompt, the few-shot
// turns in the statement's language, and the statement quoted as data.
func messages(d promptData) ([]openai.ChatCompletionMessage, error) {
	turns := exampleTurns[d.Language]
	if turns == nil {
		turns = exampleTurns[goals.LangEN]
	}
	msgs := make([]openai.ChatCompletionMessage, 0, len(turns)+2)
	msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: systemPrompt})
	msgs = append(msgs, turns...)
	u, err := userMessage(d)
	if err != nil {
		return nil, err
	}
	return append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: u}), nil
}

func (c *LLMCoach) request(msgs []openai.ChatCompletionMessage, mode int32) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: c.cfg.Model, Messages: msgs}
	if mode == modeJSONSchema {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: "smart_goal", Schema: rawJSON(answerSchemaJSON), Strict: true,
			},
		}
	} else {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	if reasoningModel(c.cfg.Model) {
		req.MaxCompletionTokens = 4000 // reasoning tokens count too; no temperature
	} else {
		req.MaxTokens = 800
		req.Temperature = 0.1
	}
	return req
}

// reasoningModel: go-openai refuses max_tokens and temperature for these.
func reasoningModel(m string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}

// rawJSON sends pre-encoded JSON as it is.
type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

// complete runs one chat completion. A server that answers 400 (or 422)
// to a json_schema response format is asked again at once in json_object
// mode, and that mode is kept for every later call.
func (c *LLMCoach) complete(ctx context.Context, msgs []openai.ChatCompletionMessage) (string, error) {
	mode := c.mode.Load()
	resp, err := c.create(ctx, c.request(msgs, mode))
	if err != nil && mode == modeJSONSchema && ctx.Err() == nil {
		if s := statusOf(err); s == http.StatusBadRequest || s == http.StatusUnprocessableEntity {
			if c.mode.CompareAndSwap(modeJSONSchema, modeJSONObject) {
				c.log.Info("smart coach: server refused json_schema response format; using json_object mode",
					"status", s, "err", c.redact(err.Error()))
			}
			resp, err = c.create(ctx, c.request(msgs, modeJSONObject))
		}
	}
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", reject("no_choice", "empty choices")
	}
	ch := resp.Choices[0]
	switch {
	case strings.TrimSpace(ch.Message.Refusal) != "":
		return "", reject("refusal", "%.200s", ch.Message.Refusal)
	case ch.FinishReason == openai.FinishReasonContentFilter:
		return "", reject("refusal", "content filter")
	case ch.FinishReason == openai.FinishReasonLength:
		return "", reject("truncated", "answer cut at the token limit")
	}
	return ch.Message.Content, nil
}

// create is one chat completion call; a 429 starts the cooldown that every
// later call (the coach's and the log interpreter's) waits out.
func (c *LLMCoach) create(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	resp, err := c.client.CreateChatCompletion(ctx, req)
	if err != nil && statusOf(err) == http.StatusTooManyRequests {
		c.coolDown(resp.Header().Get("Retry-After"))
	}
	return resp, err
}

// statusOf is the HTTP status of a go-openai error, 0 for transport errors.
func statusOf(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// classify names a request failure for the log.
func classify(err error) string {
	if r := reasonOf(err); r != "" {
		return r
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	if errors.Is(err, context.Canceled) {
		return "canceled"
	}
	if s := statusOf(err); s != 0 {
		if s == http.StatusTooManyRequests {
			return "rate_limited"
		}
		return "http_" + strconv.Itoa(s)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return "connection"
}

// coolDown keeps calls away from the server for Retry-After (seconds or
// an HTTP date), defaultCooldown when absent, at most maxCooldown.
func (c *LLMCoach) coolDown(retryAfter string) {
	d := defaultCooldown
	if s, err := strconv.Atoi(strings.TrimSpace(retryAfter)); err == nil && s >= 0 {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(retryAfter); err == nil {
		d = time.Until(t)
	}
	if d > maxCooldown {
		d = maxCooldown
	}
	if d <= 0 {
		return
	}
	until := time.Now().Add(d)
	c.mu.Lock()
	if until.After(c.coolUntil) {
		c.coolUntil = until
	}
	c.mu.Unlock()
}

// cooling is how long the server still asked us to wait.
func (c *LLMCoach) cooling() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Until(c.coolUntil)
}

var keyLike = regexp.MustCompile(`\b(sk|pk|rk)-[A-Za-z0-9_\-*.]{6,}`)

// redact keeps keys out of logs and bounds what a server's error body adds.
func (c *LLMCoach) redact(s string) string {
	if len(c.cfg.APIKey) >= 4 {
		s = strings.ReplaceAll(s, c.cfg.APIKey, "[redacted]")
	}
	s = keyLike.ReplaceAllString(s, "$1-[redacted]")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}
