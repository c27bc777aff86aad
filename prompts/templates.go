package prompts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"text/template"

	"github.com/goalbot/goalbot/goals"
	"github.com/sashabaranov/go-openai/jsonschema"
)

//go:embed templates/system.tmpl templates/user.tmpl templates/examples.json templates/schema.json
var templateFS embed.FS

// Markers around the quoted statement in the user message. The data between
// them is JSON encoded with HTML escaping, so '<' and '>' typed by a user
// arrive as \u003c and \u003e and can never close the block.
const (
	dataOpen  = "<statement_data>"
	dataClose = "</statement_data>"
)

// answer is what the model must return. The JSON schema sent as the
// response format (strict) is generated from this struct; every field is
// required, pointers may be null.
type answer struct {
	Specific   bool     `json:"specific" description:"the statement names a clear metric or object"`
	Achievable bool     `json:"achievable" description:"the target looks reachable against the baseline or past results"`
	Relevant   bool     `json:"relevant" description:"the goal serves the team's sales results"`
	Metric     string   `json:"metric" description:"canonical metric key, or the user's own noun"`
	Kind       string   `json:"kind" enum:"total,level" description:"total: logs add up; level: the latest reading counts"`
	Direction  string   `json:"direction" enum:"increase,decrease"`
	Unit       string   `json:"unit" description:"count, percent, minutes, days or a currency code"`
	Baseline   *float64 `json:"baseline" description:"starting value from the statement, or your proposal from history, or null"`
	Target     *float64 `json:"target" description:"target value from the statement, or your proposal, or null"`
	Deadline   *string  `json:"deadline" description:"YYYY-MM-DD from the statement, or your proposal, or null"`
	Cadence    *string  `json:"cadence" enum:"daily,weekly,monthly,quarterly" description:"recurring period from the statement, or null"`
	Suggested  []string `json:"suggested" description:"which of target, baseline, deadline you proposed because the statement lacks them; empty when none"`
	Basis      string   `json:"basis" description:"one line in the user's language: what your proposed values rest on; empty when you proposed nothing"`
	Parts      []string `json:"parts" description:"when the statement holds two goals (grow revenue and cut churn), the two goals in the user's own words; else empty"`
	Rewrite    string   `json:"rewrite" description:"one SMART sentence in the user's language; empty when there is no target"`
	Questions  []string `json:"questions" description:"questions for what is missing, most important first"`
}

// promptData is the JSON object quoted in the user message. The examples
// file uses the same shape, so few-shot turns and real turns look alike.
type promptData struct {
	Statement       string      `json:"statement"`
	Language        string      `json:"language"`
	Today           string      `json:"today"`
	Weekday         string      `json:"weekday"`
	Timezone        string      `json:"timezone"`
	DefaultCurrency string      `json:"default_currency,omitempty"`
	Offline         offlineData `json:"offline_analysis"`
	// History of the metric and the team's active goals, when known.
	History   *historyData   `json:"history,omitempty"`
	TeamGoals []teamGoalData `json:"team_goals,omitempty"`
}

type offlineData struct {
	Metric    string   `json:"metric"`
	Kind      string   `json:"kind"`
	Direction string   `json:"direction"`
	Unit      string   `json:"unit"`
	Baseline  *float64 `json:"baseline"`
	Target    *float64 `json:"target"`
	Deadline  *string  `json:"deadline"`
	Cadence   *string  `json:"cadence"`
	Missing   []string `json:"missing"`
	// Suggested names the values above the parser proposed from history
	// rather than read; Basis says from what.
	Suggested []string `json:"suggested,omitempty"`
	Basis     string   `json:"basis,omitempty"`
}

// example is one few-shot turn: the data a user message carries and the
// answer the model should give.
type example struct {
	Data   promptData      `json:"data"`
	Answer json.RawMessage `json:"answer"`
}

// Compiled templates and schema, built once from the embedded files.
var (
	systemTmpl = template.Must(template.ParseFS(templateFS, "templates/system.tmpl"))
	userTmpl   = template.Must(template.ParseFS(templateFS, "templates/user.tmpl"))

	// answerSchema validates answers; answerSchemaJSON is what the
	// response format sends (properties in struct order, so a model fills
	// the facts before it writes the rewrite).
	answerSchema, answerSchemaJSON = mustSchema()

	examples = mustExamples()

	// systemPrompt is the same for every call, so servers can cache it.
	systemPrompt = mustSystemPrompt()
)

func mustSchema() (jsonschema.Definition, []byte) {
	def, b, err := generateSchema()
	if err != nil {
		panic("prompts: answer schema: " + err.Error())
	}
	return def, b
}

// generateSchema builds the strict JSON schema of answer: go-openai's
// generator, then every pointer field made nullable with anyOf (strict
// mode accepts anyOf, not "nullable").
func generateSchema() (jsonschema.Definition, []byte, error) {
	def, err := jsonschema.GenerateSchemaForType(answer{})
	if err != nil {
		return jsonschema.Definition{}, nil, err
	}
	def.Defs = nil
	t := reflect.TypeOf(answer{})
	var ordered []orderedProp
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		p, ok := def.Properties[name]
		if !ok {
			return jsonschema.Definition{}, nil, fmt.Errorf("field %s missing from the schema", name)
		}
		if f.Type.Kind() == reflect.Pointer {
			desc := p.Description
			p.Description = ""
			p = jsonschema.Definition{Description: desc, AnyOf: []jsonschema.Definition{p, {Type: jsonschema.Null}}}
			def.Properties[name] = p
		}
		ordered = append(ordered, orderedProp{name, p})
	}
	b, err := json.MarshalIndent(orderedSchema{
		Type: def.Type, Properties: ordered, Required: def.Required, AdditionalProperties: false,
	}, "", "  ")
	if err != nil {
		return jsonschema.Definition{}, nil, err
	}
	return *def, b, nil
}

type orderedProp struct {
	name string
	def  jsonschema.Definition
}

type orderedSchema struct {
	Type                 jsonschema.DataType `json:"type"`
	Properties           orderedProps        `json:"properties"`
	Required             []string            `json:"required"`
	AdditionalProperties bool                `json:"additionalProperties"`
}

type orderedProps []orderedProp

func (ps orderedProps) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(p.name)
		buf.Write(k)
		buf.WriteByte(':')
		v, err := json.Marshal(schemaMap(p.def))
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// schemaMap renders a leaf definition without go-openai's MarshalJSON,
// which adds an empty "properties" to every type.
func schemaMap(d jsonschema.Definition) map[string]any {
	m := map[string]any{}
	if d.Type != "" {
		m["type"] = d.Type
	}
	if d.Description != "" {
		m["description"] = d.Description
	}
	if len(d.Enum) > 0 {
		m["enum"] = d.Enum
	}
	if d.Items != nil {
		m["items"] = schemaMap(*d.Items)
	}
	if len(d.AnyOf) > 0 {
		var a []map[string]any
		for _, s := range d.AnyOf {
			a = append(a, schemaMap(s))
		}
		m["anyOf"] = a
	}
	return m
}

func mustExamples() []example {
	b, err := templateFS.ReadFile("templates/examples.json")
	if err != nil {
		panic("prompts: " + err.Error())
	}
	var ex []example
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ex); err != nil {
		panic("prompts: examples.json: " + err.Error())
	}
	for i := range ex {
		var c bytes.Buffer
		if err := json.Compact(&c, ex[i].Answer); err != nil {
			panic("prompts: examples.json: " + err.Error())
		}
		ex[i].Answer = c.Bytes()
	}
	return ex
}

func mustSystemPrompt() string {
	schema, err := templateFS.ReadFile("templates/schema.json")
	if err != nil {
		panic("prompts: " + err.Error())
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, schema); err != nil {
		panic("prompts: templates/schema.json: " + err.Error())
	}
	var keys []string
	for _, m := range goals.KnownMetrics() {
		keys = append(keys, m.Key)
	}
	var buf bytes.Buffer
	err = systemTmpl.Execute(&buf, struct{ Metrics, Schema string }{
		Metrics: strings.Join(keys, ", "),
		Schema:  compact.String(),
	})
	if err != nil {
		panic("prompts: system prompt: " + err.Error())
	}
	return buf.String()
}

// encodeData JSON-encodes the quoted data. json.Marshal escapes <, > and &,
// and every control character, so the statement stays one JSON string.
func encodeData(d promptData) (string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// userMessage renders the user turn around the encoded data.
func userMessage(d promptData) (string, error) {
	data, err := encodeData(d)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := userTmpl.Execute(&buf, struct{ Data string }{data}); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// examplesFor picks the few-shot turns in the statement's language.
func examplesFor(lang string) []example {
	var out []example
	for _, e := range examples {
		if e.Data.Language == lang {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		for _, e := range examples {
			if e.Data.Language == goals.LangEN {
				out = append(out, e)
			}
		}
	}
	return out
}
