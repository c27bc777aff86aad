package prompts

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/goalbot/goalbot/goals"
	openai "github.com/sashabaranov/go-openai"
)

// Plain-language logs the offline parser cannot place ("5 today" with
// several goals) may be read by the model. Its answer is checked (a goal
// among the candidates, an amount written in the message) and is still only
// a suggestion: the engine asks the user to confirm it.

//go:embed templates/log_system.tmpl templates/log_user.tmpl
var logTemplateFS embed.FS

var (
	logSystemPrompt = mustLogTemplate("templates/log_system.tmpl", nil)
	logUserTmpl     = template.Must(template.ParseFS(logTemplateFS, "templates/log_user.tmpl"))
)

// Markers around the quoted message.
const (
	logDataOpen  = "<log_data>"
	logDataClose = "</log_data>"
)

// maxLogCandidates bounds the goals shown to the model.
const maxLogCandidates = 20

// logData is the JSON object quoted in the user message.
type logData struct {
	Message string    `json:"message"`
	Goals   []logGoal `json:"goals"`
}

type logGoal struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
}

// logAnswer is what the model must return.
type logAnswer struct {
	GoalID *int64   `json:"goal_id"`
	Amount *float64 `json:"amount"`
}

func mustLogTemplate(name string, data any) string {
	t := template.Must(template.ParseFS(logTemplateFS, name))
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		panic("prompts: " + name + ": " + err.Error())
	}
	return buf.String()
}

// logUserMessage renders the user turn around the JSON-encoded data
// (json.Marshal escapes <, > and &, so the message cannot close the block).
func logUserMessage(d logData) (string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := logUserTmpl.Execute(&buf, struct{ Data string }{string(b)}); err != nil {
		return "", err
	}
	return buf.String(), nil
}

var _ goals.LogInterpreter = (*LLMCoach)(nil)

// InterpretLog asks the model which candidate goal a plain-language log is
// for. It shares the coach's timeout, daily budget and rate-limit cooldown.
// ok is false on any failure or doubt; a goal outside candidates, or an
// amount not written in text, is refused.
func (c *LLMCoach) InterpretLog(ctx context.Context, text string, candidates []goals.Goal) (int64, goals.Amount, bool) {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > goals.MaxInputLen || len(candidates) == 0 {
		return 0, goals.Amount{}, false
	}
	team := teamFrom(ctx)
	start := time.Now()
	fail := func(reason string, err error) (int64, goals.Amount, bool) {
		attrs := []any{"reason", reason, "team", team, "chars", len([]rune(text)), "elapsed_ms", time.Since(start).Milliseconds()}
		if err != nil {
			attrs = append(attrs, "err", c.redact(err.Error()))
		}
		c.log.Info("log interpreter: no suggestion", attrs...)
		return 0, goals.Amount{}, false
	}
	if err := ctx.Err(); err != nil {
		return fail(classify(err), err)
	}
	if c.cooling() > 0 {
		return fail("rate_limited", nil)
	}
	if !c.budget.take(team, goals.DateIn(time.Now(), time.UTC).String()) {
		return fail("budget_exhausted", nil)
	}
	d := logData{Message: text}
	byID := map[int64]goals.Goal{}
	for i, g := range candidates {
		if i == maxLogCandidates {
			break
		}
		d.Goals = append(d.Goals, logGoal{ID: g.ID, Title: g.Title, Metric: g.Metric, Unit: g.Unit})
		byID[g.ID] = g
	}
	u, err := logUserMessage(d)
	if err != nil {
		return fail("prompt", err)
	}
	req := openai.ChatCompletionRequest{
		Model: c.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: logSystemPrompt},
			{Role: openai.ChatMessageRoleUser, Content: u},
		},
		ResponseFormat: &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject},
	}
	if reasoningModel(c.cfg.Model) {
		req.MaxCompletionTokens = 2000
	} else {
		req.MaxTokens = 100
		req.Temperature = 0
	}
	cctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	resp, err := c.create(cctx, req)
	if err != nil {
		return fail(classify(err), err)
	}
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Refusal) != "" {
		return fail("no_choice", nil)
	}
	var a logAnswer
	dec := json.NewDecoder(strings.NewReader(extractJSON(resp.Choices[0].Message.Content)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return fail("bad_json", err)
	}
	switch {
	case a.GoalID == nil || a.Amount == nil:
		return fail("unsure", nil)
	case byID[*a.GoalID].ID == 0:
		return fail("goal_not_offered", nil)
	case math.IsNaN(*a.Amount) || math.IsInf(*a.Amount, 0) || *a.Amount <= 0 || *a.Amount > goals.MaxAmount:
		return fail("bad_amount", nil)
	case !written(*a.Amount, text):
		return fail("amount_invented", nil)
	}
	v := *a.Amount
	c.log.Debug("log interpreter: suggestion", "team", team, "goal", *a.GoalID, "elapsed_ms", time.Since(start).Milliseconds())
	return *a.GoalID, goals.Amount{Value: v, Raw: strconv.FormatFloat(v, 'f', -1, 64)}, true
}

// written reports whether v is one of the numbers of text ("1.2万" is 1.2
// or 12000), with no arithmetic on them.
func written(v float64, text string) bool {
	for _, w := range flatten(numberTokens(text)) {
		if approx(v, w) {
			return true
		}
	}
	return false
}
