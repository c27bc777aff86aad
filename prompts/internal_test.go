package prompts

import (
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

var update = flag.Bool("update", false, "rewrite templates/schema.json from the answer struct")

// The schema shown in the system prompt (templates/schema.json) is the one
// generated from the answer struct and sent as the response format.
func TestSchemaFileMatchesStruct(t *testing.T) {
	_, generated, err := generateSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("templates/schema.json", append(generated, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file, err := templateFS.ReadFile("templates/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(file)) != string(generated) {
		t.Fatalf("templates/schema.json is stale; run go test ./prompts -run TestSchemaFileMatchesStruct -update\n%s", generated)
	}
	var s map[string]any
	if err := json.Unmarshal(generated, &s); err != nil {
		t.Fatal(err)
	}
	props := s["properties"].(map[string]any)
	if got, want := len(s["required"].([]any)), len(props); got != want || s["additionalProperties"] != false {
		t.Fatalf("strict schema needs every property required and no additional ones: %d of %d", got, want)
	}
	target := props["target"].(map[string]any)
	if _, ok := target["anyOf"]; !ok {
		t.Fatalf("target must be nullable through anyOf: %v", target)
	}
	if strings.Contains(string(generated), `"nullable"`) || strings.Contains(string(generated), `"properties":{}`) {
		t.Fatalf("keywords strict mode refuses: %s", generated)
	}
}

// Every few-shot answer passes the same checks a live answer does, so the
// examples never teach the model something the validator rejects.
func TestExamplesPassValidation(t *testing.T) {
	langs := map[string]int{}
	for _, e := range examples {
		langs[e.Data.Language]++
		t.Run(e.Data.Statement, func(t *testing.T) {
			a, err := decodeAnswer(string(e.Answer))
			if err != nil {
				t.Fatal(err)
			}
			off := analysisOf(t, e.Data)
			today, err := goals.ParseISODate(e.Data.Today)
			if err != nil {
				t.Fatal(err)
			}
			if w := today.Weekday().String(); w != e.Data.Weekday {
				t.Fatalf("weekday %s, %s is a %s", e.Data.Weekday, e.Data.Today, w)
			}
			got, err := merge(a, checkInput{Statement: e.Data.Statement, Lang: e.Data.Language, Offline: off, Today: today, DefaultCurrency: e.Data.DefaultCurrency})
			if err != nil {
				t.Fatal(err)
			}
			if (got.Target == nil) != (off.Target == nil) || got.Measurable != off.Measurable {
				t.Fatalf("example changes measurability: %+v", got)
			}
			if _, err := userMessage(e.Data); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, l := range []string{goals.LangEN, goals.LangZhCN, goals.LangZhTW} {
		if langs[l] < 3 {
			t.Errorf("%s has %d examples, want at least 3", l, langs[l])
		}
	}
}

func analysisOf(t *testing.T, d promptData) goals.Analysis {
	t.Helper()
	o := d.Offline
	a := goals.Analysis{
		Input: d.Statement, Lang: d.Language, Metric: o.Metric, Kind: goals.Kind(o.Kind),
		Direction: goals.Direction(o.Direction), Unit: o.Unit, Baseline: o.Baseline, Target: o.Target,
		Missing: o.Missing, Specific: true, Achievable: true, Relevant: true, Suggested: o.Suggested, Basis: o.Basis,
	}
	if o.Deadline != nil {
		dl, err := goals.ParseISODate(*o.Deadline)
		if err != nil {
			t.Fatal(err)
		}
		a.Deadline = &dl
	}
	if o.Cadence != nil {
		a.Cadence = goals.Cadence(*o.Cadence)
	}
	a.Measurable = a.Target != nil
	a.TimeBound = a.Deadline != nil || a.Cadence != goals.CadenceNone
	return a
}

func TestSystemPromptHasNoUserData(t *testing.T) {
	for _, want := range []string{"demos", "conversion_rate", "checkout_time", dataOpen, `"rewrite"`, "seasonal"} {
		if !strings.Contains(systemPrompt, want) {
			t.Errorf("system prompt lacks %q", want)
		}
	}
	if strings.Contains(systemPrompt, "{{") {
		t.Error("unrendered template action in the system prompt")
	}
}

func TestNumberTokens(t *testing.T) {
	cases := map[string][][]float64{
		"Q4 revenue 115,000":        {{4}, {115000}},
		"每周销售额达到5万元":                {{5, 50000}},
		"从10万元提高到11.5萬":             {{10, 100000}, {11.5, 115000}},
		"$1.5k by 2026-12-31":       {{1.5, 1500}, {2026}, {12}, {31}},
		"3 minutes, 5 weeks, 2 km":  {{3}, {5}, {2}},
		"１２％ and 1,2":               {{12}, {1}, {2}},
		"転化 1.2.3":                  {{1.2}},
		"grow 15% from 100k, 2.5 m": {{15}, {100, 100000}, {2.5, 2.5e6}},
	}
	for in, want := range cases {
		if got := numberTokens(in); !reflect.DeepEqual(got, want) {
			t.Errorf("numberTokens(%q) = %v, want %v", in, got, want)
		}
	}
	b := 100000.0
	if !grounded(115000, "grow revenue 15% from 100k", nil) || !grounded(115000, "grow 15%", &b) {
		t.Error("baseline x growth not grounded")
	}
	if grounded(1000000, "Book 20 demos by Friday", nil) {
		t.Error("invented number grounded")
	}
}

func TestBudgetResetsDaily(t *testing.T) {
	b := newBudget(1)
	if !b.take("t", "2026-11-22") || b.take("t", "2026-11-22") {
		t.Fatal("limit 1 not kept")
	}
	if !b.take("u", "2026-11-22") || !b.take("t", "2026-11-23") {
		t.Fatal("budget not per team and day")
	}
}

func TestLRUEvictsAndCopies(t *testing.T) {
	c := newLRU(2)
	v := 3.0
	c.put("a", goals.CoachResult{Analysis: goals.Analysis{Target: &v, Questions: []string{"q"}}})
	c.put("b", goals.CoachResult{})
	if _, ok := c.get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.put("c", goals.CoachResult{})
	if _, ok := c.get("b"); ok {
		t.Fatal("b should be evicted")
	}
	r, _ := c.get("a")
	*r.Target = 99
	r.Questions[0] = "changed"
	r2, _ := c.get("a")
	if *r2.Target != 3 || r2.Questions[0] != "q" {
		t.Fatal("cache shares memory with callers")
	}
}

func TestRetryAfterCooldown(t *testing.T) {
	c := NewLLMCoach(Config{BaseURL: "http://127.0.0.1:1/v1"}, goals.OfflineCoach{}, nil)
	// The end of the cool-down is bracketed by the instants around the
	// call, so the check holds however slowly the test runs.
	coolUntil := func() time.Time {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.coolUntil
	}
	within := func(what string, d time.Duration, call func()) {
		t.Helper()
		before := time.Now()
		call()
		after := time.Now()
		if u := coolUntil(); u.Before(before.Add(d)) || u.After(after.Add(d)) {
			t.Fatalf("%s: cooling until %v, want %v after the call", what, u.Sub(before), d)
		}
		if w := c.cooling(); w > d {
			t.Fatalf("%s: cooling %v, more than %v", what, w, d)
		}
	}
	within("Retry-After: 2", 2*time.Second, func() { c.coolDown("2") })
	within("an HTTP date an hour away", maxCooldown, func() {
		c.coolDown(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	})
}

func TestRedact(t *testing.T) {
	c := NewLLMCoach(Config{APIKey: "sk-test-SECRET123456", BaseURL: "http://x/v1"}, nil, nil)
	got := c.redact(`401: Incorrect API key provided: sk-test-SECRET123456 and sk-abc***xyz1`)
	if strings.Contains(got, "SECRET") || strings.Contains(got, "abc***") {
		t.Fatalf("key leaked: %s", got)
	}
}
