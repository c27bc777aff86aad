package prompts_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/prompts"
)

// The model may propose what a vague statement lacks, through go-openai
// against a local fake: a plausible proposal is used (source llm, marked
// suggested, with its basis); one history makes implausible, a past date or
// a changed unit falls back to the offline analyser's own proposal.

// demoHistory: two demos every working day of the four weeks before
// Sunday 2026-11-22, the user's.
func demoHistory(metric, unit string, _ goals.Scope, from, to goals.Date) []goals.DayTotal {
	if metric != "demos" || unit != goals.UnitCount {
		return nil
	}
	var out []goals.DayTotal
	for d := goals.NewDate(2026, 10, 26); !d.After(goals.NewDate(2026, 11, 20)); d = d.AddDays(1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || d.Before(from) || d.After(to) {
			continue
		}
		out = append(out, goals.DayTotal{Day: d, Sum: 2, Last: 2, Count: 1})
	}
	return out
}

func historyOpts() goals.AnalyzeOptions {
	o := opts()
	o.History = demoHistory
	o.TeamGoals = []goals.Goal{{ID: 4, Scope: goals.ScopeTeam, State: goals.StateActive, Metric: "demos", Unit: goals.UnitCount, Title: "Team: 200 demos this quarter", Target: 200, Deadline: goals.NewDate(2026, 12, 31)}}
	return o
}

// proposal is a model answer proposing a target and a deadline for "sell more demos".
func proposal(edit func(m map[string]any)) string {
	return answerWith(func(m map[string]any) {
		m["specific"] = false
		m["target"], m["deadline"] = 20, "2026-11-27"
		m["suggested"] = []string{"target", "deadline"}
		m["basis"] = "your pace is 2 demos a working day; 20 by Friday is a stretch"
		m["rewrite"] = "Close 20 demos by 2026-11-27."
		m["questions"] = []string{}
		if edit != nil {
			edit(m)
		}
	})
}

const vagueDemos = "sell more demos"

func TestPlausibleProposalIsUsed(t *testing.T) {
	f := newFake(t, answering(proposal(nil)))
	c, logs := newCoach(t, prompts.Config{BaseURL: f.url()}, goals.OfflineCoach{})
	res := c.Coach(context.Background(), vagueDemos, historyOpts())
	if res.Source != "llm" || res.FellBack {
		t.Fatalf("proposal not used: %s", logs)
	}
	a := res.Analysis
	if a.Target == nil || *a.Target != 20 || a.Deadline == nil || a.Deadline.String() != "2026-11-27" || a.Rewrite != "Close 20 demos by 2026-11-27." {
		t.Fatalf("proposal: %+v", a)
	}
	if !a.Proposed("target") || !a.Proposed("deadline") || !strings.Contains(a.Basis, "2 demos a working day") {
		t.Fatalf("suggested %v basis %q", a.Suggested, a.Basis)
	}
	// The flags still describe the statement as the user wrote it.
	if a.Measurable || a.TimeBound {
		t.Fatalf("flags changed by a proposal: %+v", a)
	}
	// The model was given the history, today and the team's goals as data.
	var user string
	for _, m := range f.last().Req.Messages {
		user = m.Content
	}
	for _, want := range []string{`"history"`, `"recent_per_working_day":2`, `"today":"2026-11-22"`, `"team_goals"`, `Team: 200 demos this quarter`, `"suggested":["target","deadline"]`} {
		if !strings.Contains(user, want) {
			t.Errorf("prompt lacks %s:\n%s", want, user)
		}
	}
}

func TestImplausibleProposalFallsBack(t *testing.T) {
	offline := goals.OfflineCoach{}.Coach(context.Background(), vagueDemos, historyOpts()).Analysis
	if offline.Target == nil || !offline.Proposed("target") {
		t.Fatalf("the offline coach should propose from history: %+v", offline)
	}
	cases := []struct {
		name, reason string
		edit         func(m map[string]any)
	}{
		{"100× history", "implausible_target", func(m map[string]any) {
			m["target"], m["rewrite"] = 1000, "Close 1000 demos by 2026-11-27."
		}},
		{"a past date", "deadline_past", func(m map[string]any) {
			m["deadline"], m["rewrite"] = "2026-11-13", "Close 20 demos by 2026-11-13."
		}},
		{"a changed unit", "unit_changed", func(m map[string]any) { m["unit"] = "USD" }},
		{"a proposal without a basis", "target_changed", func(m map[string]any) { m["basis"] = "" }},
		{"a link in the basis", "bad_basis", func(m map[string]any) { m["basis"] = "see https://example.com/offer" }},
		{"a baseline from nowhere", "implausible_baseline", func(m map[string]any) {
			m["baseline"], m["suggested"] = 500, []string{"target", "deadline", "baseline"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, answering(proposal(tc.edit)))
			c, logs := newCoach(t, prompts.Config{BaseURL: f.url()}, goals.OfflineCoach{})
			res := c.Coach(context.Background(), vagueDemos, historyOpts())
			if res.Source != "offline" || !res.FellBack || !strings.Contains(logs.String(), "reason="+tc.reason) {
				t.Fatalf("source %s fellBack %v:\n%s", res.Source, res.FellBack, logs)
			}
			a, _ := json.Marshal(res.Analysis)
			b, _ := json.Marshal(offline)
			if string(a) != string(b) {
				t.Fatalf("fallback is not the offline proposal:\n got %s\nwant %s", a, b)
			}
		})
	}
}

// What the user wrote is kept exactly, proposal or not.
func TestProposalKeepsWhatTheUserWrote(t *testing.T) {
	f := newFake(t, answering(proposal(func(m map[string]any) {
		m["target"], m["rewrite"] = 25, "Book 25 demos by 2026-11-27."
	})))
	c, logs := newCoach(t, prompts.Config{BaseURL: f.url()}, goals.OfflineCoach{})
	res := c.Coach(context.Background(), "Book 20 demos by Friday", historyOpts())
	if res.Source != "offline" || !strings.Contains(logs.String(), "reason=target_changed") || *res.Target != 20 {
		t.Fatalf("a written target was replaced: %+v\n%s", res.Analysis, logs)
	}
}

// A compound statement may be split into two goals, each a phrase the user
// wrote; the offline coach then proposes each from history. A part the
// statement does not hold rejects the answer.
func TestCompoundStatementSplit(t *testing.T) {
	hist := func(metric, unit string, _ goals.Scope, from, to goals.Date) []goals.DayTotal {
		switch {
		case metric == "revenue" && unit == goals.UnitUSD:
			var out []goals.DayTotal
			for d := goals.NewDate(2026, 10, 26); !d.After(goals.NewDate(2026, 11, 20)); d = d.AddDays(1) {
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					out = append(out, goals.DayTotal{Day: d, Sum: 1000, Last: 1000, Count: 1})
				}
			}
			return out
		case metric == "churn" && unit == goals.UnitPercent:
			return []goals.DayTotal{{Day: goals.NewDate(2026, 11, 20), Sum: 40, Last: 40, Count: 1}}
		}
		return nil
	}
	o := opts()
	o.History = hist
	split := func(parts ...string) string {
		return answerWith(func(m map[string]any) {
			// The first goal keeps the offline proposal for the whole statement.
			m["metric"], m["unit"], m["target"], m["deadline"] = "revenue", "USD", 6600, "2026-11-30"
			m["rewrite"] = "Reach $6,600 in revenue by 2026-11-30."
			m["specific"], m["parts"] = false, parts
		})
	}
	f := newFake(t, answering(split("grow revenue", "cut churn")))
	c, logs := newCoach(t, prompts.Config{BaseURL: f.url()}, goals.OfflineCoach{})
	res := c.Coach(context.Background(), "grow revenue and cut churn", o)
	if res.Source != "llm" || len(res.Parts) != 2 {
		t.Fatalf("no split: %+v\n%s", res, logs)
	}
	rev, churn := res.Parts[0], res.Parts[1]
	if rev.Metric != "revenue" || rev.Target == nil || !rev.Proposed("target") || churn.Metric != "churn" || churn.Target == nil || *churn.Target >= 40 {
		t.Fatalf("parts: %+v / %+v", rev, churn)
	}

	f = newFake(t, answering(split("grow revenue", "hire 3 staff")))
	c, logs = newCoach(t, prompts.Config{BaseURL: f.url()}, goals.OfflineCoach{})
	if res := c.Coach(context.Background(), "grow revenue and cut churn", o); res.Source != "offline" || len(res.Parts) != 0 || !strings.Contains(logs.String(), "reason=part_invented") {
		t.Fatalf("an invented part was used: %+v\n%s", res, logs)
	}
}
