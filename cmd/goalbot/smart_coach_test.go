package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// `goalbot smart --team T --user U` reads that member's history: a vague
// goal gets a whole proposal (SPEC §6's added fields say which values are
// proposed and from what), and an LLM's proposal is used only when history
// makes it plausible.

// seedCalls gives alice of team shop two calls every working day of the
// four weeks before Sunday 2026-11-22, on an archived goal.
func seedCalls(t *testing.T, c *cli) {
	t.Helper()
	if _, errOut, err := c.run("send", "--user", "alice", "--team", "shop", "/goal list"); err != nil {
		t.Fatalf("first contact: %v %s", err, errOut)
	}
	db, err := storage.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	g := goals.Goal{TeamID: "shop", Owner: "alice", Scope: goals.ScopeIndividual, Title: "past calls", Metric: "calls", Unit: goals.UnitCount,
		Kind: goals.KindTotal, Direction: goals.Increase, Target: 40, Start: goals.NewDate(2026, 10, 26), Deadline: goals.NewDate(2026, 11, 20), State: goals.StateArchived}
	if err := db.CreateGoal(ctx, &g); err != nil {
		t.Fatal(err)
	}
	for d := g.Start; !d.After(g.Deadline); d = d.AddDays(1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		l := goals.Log{GoalID: g.ID, TeamID: "shop", User: "alice", Amount: 2, Day: d, At: d.StartIn(time.UTC).Add(10 * time.Hour)}
		if _, err := db.AddLog(ctx, &l, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSmartJSONProposesFromHistory(t *testing.T) {
	c := newCLI(t)
	c.now = "2026-11-22T10:00:00+08:00"
	seedCalls(t, c)
	for _, text := range []string{"make more calls", "多打电话", "多打電話"} {
		out, errOut, err := c.run("smart", "--json", "--team", "shop", "--user", "alice", text)
		if err != nil {
			t.Fatalf("%q: %v %s", text, err, errOut)
		}
		m := decodeOne(t, out)
		fields(t, text, m, map[string]any{
			"source": "offline", "target": 11.0, "deadline": "2026-11-29", "suggested": []any{"target", "deadline"},
			"relative_pct": nil, "metric": "calls",
			// The flags describe the statement as written.
			"smart": map[string]any{"specific": false, "measurable": false, "achievable": true, "relevant": true, "time_bound": false},
		})
		if r, _ := m["rewrite"].(string); !strings.Contains(r, "11") || !strings.Contains(r, "2026-11-29") {
			t.Errorf("%q: rewrite %q", text, r)
		}
		if b, _ := m["basis"].(string); !strings.Contains(b, "2") || b == "" {
			t.Errorf("%q: basis %q", text, b)
		}
	}
	// Without --team nothing is read: the questions, as before.
	m, _ := c.smartRun("make more calls")
	fields(t, "make more calls", m, map[string]any{"target": nil, "rewrite": "", "suggested": []any{}, "basis": nil})
	// A relative target says its percentage.
	m, _ = c.smartRun("Grow Q4 revenue 15%")
	fields(t, "Grow Q4 revenue 15%", m, map[string]any{"relative_pct": 15.0, "target": nil})
}

func TestSmartJSONLLMProposal(t *testing.T) {
	propose := func(target float64, deadline, unit string) map[string]any {
		a := demosAnswer(target)
		a["metric"], a["unit"], a["deadline"], a["specific"] = "calls", unit, deadline, false
		a["suggested"], a["basis"] = []string{"target", "deadline"}, "your pace is 2 calls a working day; a little more next week"
		a["rewrite"] = fmt.Sprintf("Make %v customer calls by %s.", target, deadline)
		return a
	}
	cases := []struct {
		name   string
		answer map[string]any
		want   map[string]any
		reason string
	}{
		{"plausible", propose(12, "2026-11-27", "count"), map[string]any{"source": "llm", "target": 12.0, "deadline": "2026-11-27",
			"basis": "your pace is 2 calls a working day; a little more next week", "rewrite": "Make 12 customer calls by 2026-11-27."}, ""},
		{"100× history", propose(1200, "2026-11-27", "count"), map[string]any{"source": "offline", "target": 11.0, "deadline": "2026-11-29"}, "implausible_target"},
		{"a past date", propose(12, "2026-11-13", "count"), map[string]any{"source": "offline", "target": 11.0, "deadline": "2026-11-29"}, "deadline_past"},
		{"a changed unit", propose(12, "2026-11-27", "USD"), map[string]any{"source": "offline", "target": 11.0, "deadline": "2026-11-29"}, "unit_changed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeOpenAI(t, answerLLM(tc.answer))
			c := llmCLI(t, srv.URL)
			seedCalls(t, c)
			out, errOut, err := c.run("smart", "--json", "--team", "shop", "--user", "alice", "make more calls")
			if err != nil {
				t.Fatalf("%v %s", err, errOut)
			}
			m := decodeOne(t, out)
			fields(t, tc.name, m, tc.want)
			if tc.reason != "" && (!strings.Contains(errOut, "reason="+tc.reason) || !strings.Contains(errOut, "offline analysis used")) {
				t.Errorf("stderr does not say why the offline proposal was used: %s", errOut)
			}
			if calls := srv.calls(); len(calls) != 1 || !strings.Contains(calls[0], `\"history\"`) {
				t.Errorf("the model was not given the history: %q", calls)
			}
			// The text mode says the LLM was not used.
			if tc.reason != "" {
				txt, _, _ := c.run("smart", "--team", "shop", "--user", "alice", "make more calls")
				if !strings.Contains(txt, "offline analysis") {
					t.Errorf("text mode does not say it fell back: %q", txt)
				}
			}
		})
	}
}

func decodeOne(t *testing.T, out string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	return m
}
