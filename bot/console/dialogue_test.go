package console_test

import (
	"strings"
	"testing"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// The accept/edit dialogue of `/goal new`, end to end through the console:
// the analysis and the proposed rewrite with Accept / Edit / Keep as is as
// numbered choices, the missing parts asked one at a time, and the pending
// proposal kept in the database across a restart.

// lastGoal is the newest goal, and whether there is one.
func (ch *chat) lastGoal() (goals.Goal, bool) {
	gs := ch.goals()
	if len(gs) == 0 {
		return goals.Goal{}, false
	}
	return gs[len(gs)-1], true
}

// proposed checks a reply that proposes a rewrite: the SMART parts, the
// rewrite, and the three choices in lang.
func proposed(t *testing.T, out, rewrite, lang string) {
	t.Helper()
	if !says(out, "smart_parts") || !strings.Contains(out, rewrite) {
		t.Fatalf("no analysis or rewrite %q in:\n%s", rewrite, out)
	}
	want := "[a] " + i18n.T(lang, "btn_accept") + "  [b] " + i18n.T(lang, "btn_edit") + "  [c] " + i18n.T(lang, "btn_keep")
	if !strings.Contains(out, want) {
		t.Fatalf("choices %q missing in:\n%s", want, out)
	}
}

func TestDialogueAcceptKeepEdit(t *testing.T) {
	cases := []struct {
		user, lang, statement, rewrite string
	}{
		{"alice", "en", "grow revenue from $10,000 to $500,000 by Friday", "Increase revenue from $10,000 to $500,000 by 2026-11-20"},
		{"alice", "en", "Write 5 blog posts by Friday", "Write 5 blog posts by 2026-11-20"},
		{"li", "zh-CN", "本周五前把销售额从1万元做到50万元", "在2026-11-20前将销售额从1万元提升到50万元"},
		{"chen", "zh-TW", "本週五前把營收從1萬做到50萬", "在2026-11-20前將營收從1萬元提升到50萬元"},
	}
	for _, tc := range cases {
		t.Run(tc.statement, func(t *testing.T) {
			// Accept saves the rewrite.
			ch := newChat(t, "2026-11-16T09:00:00+08:00")
			c := ch.console(tc.user)
			out := typeLine(t, c, "/goal new "+tc.statement)
			proposed(t, out, tc.rewrite, tc.lang)
			if len(ch.goals()) != 0 || !ch.pending(tc.user) {
				t.Fatalf("a proposal must be stored and nothing created yet")
			}
			out = typeLine(t, c, "a")
			g, ok := ch.lastGoal()
			if !ok || g.Title != tc.rewrite || !says(out, "created") || ch.pending(tc.user) {
				t.Fatalf("Accept: goal %+v, pending %v:\n%s", g, ch.pending(tc.user), out)
			}
			if g.Deadline.String() != "2026-11-20" || g.Owner != tc.user {
				t.Fatalf("Accept: deadline %s owner %s", g.Deadline, g.Owner)
			}

			// Keep as is saves the user's own wording.
			out = typeLine(t, c, "/goal new "+tc.statement)
			proposed(t, out, tc.rewrite, tc.lang)
			out = typeLine(t, c, "c")
			g, _ = ch.lastGoal()
			if len(ch.goals()) != 2 || g.Title != tc.statement || g.Deadline.String() != "2026-11-20" {
				t.Fatalf("Keep as is: %d goals, last %+v:\n%s", len(ch.goals()), g, out)
			}

			// Edit drops the proposal and asks for the goal again.
			typeLine(t, c, "/goal new "+tc.statement)
			out = typeLine(t, c, "b")
			if !says(out, "edit_prompt") || ch.pending(tc.user) || len(ch.goals()) != 2 {
				t.Fatalf("Edit: pending %v, %d goals:\n%s", ch.pending(tc.user), len(ch.goals()), out)
			}
			// Nothing is left to accept.
			if out := typeLine(t, c, "/goal accept"); !says(out, "nothing_pending") || len(ch.goals()) != 2 {
				t.Fatalf("accept after Edit:\n%s", out)
			}
		})
	}
}

// Missing parts are asked one at a time, and the answers complete the goal.
func TestDialogueAsksOneAtATime(t *testing.T) {
	type step struct {
		line string
		ask  string // catalog key of the one question expected; "" at the end
	}
	cases := []struct {
		user  string
		steps []step
		check func(g goals.Goal) bool
	}{
		{"alice", []step{{"/goal new grow sales", "ask_target"}, {"to 50000", "ask_deadline"}, {"end of month", ""}},
			func(g goals.Goal) bool {
				return g.Metric == "revenue" && g.Target == 50000 && g.Deadline.String() == "2026-11-30" && g.Title == "Reach $50,000 in revenue by 2026-11-30"
			}},
		{"alice", []step{{"/goal new", "ask_what"}, {"get more customers", "ask_target"}, {"30", "ask_deadline"}, {"by Friday", ""}},
			func(g goals.Goal) bool {
				return g.Metric == "customers" && g.Target == 30 && g.Deadline.String() == "2026-11-20"
			}},
		{"li", []step{{"/goal new 提升销量", "ask_target"}, {"5万", "ask_deadline"}, {"月底", ""}},
			func(g goals.Goal) bool {
				return g.Metric == "revenue" && g.Target == 50000 && g.Unit == goals.UnitCNY && g.Deadline.String() == "2026-11-30"
			}},
		{"chen", []step{{"/goal new 提升轉換率", "ask_target"}, {"3%", "ask_baseline"}, {"2.2%", "ask_deadline"}, {"年底", ""}},
			func(g goals.Goal) bool {
				return g.Metric == "conversion_rate" && g.Target == 3 && g.Baseline == 2.2 && g.Kind == goals.KindLevel && g.Deadline.String() == "2026-12-31"
			}},
	}
	questions := []string{"ask_what", "ask_target", "ask_deadline", "ask_baseline"}
	for _, tc := range cases {
		t.Run(tc.steps[0].line, func(t *testing.T) {
			ch := newChat(t, "2026-11-16T09:00:00+08:00")
			c := ch.console(tc.user)
			for i, s := range tc.steps {
				out := typeLine(t, c, s.line)
				if s.ask == "" {
					g, ok := ch.lastGoal()
					if !ok || !says(out, "created") || !tc.check(g) || ch.pending(tc.user) {
						t.Fatalf("%q should complete the goal: %+v\n%s", s.line, g, out)
					}
					continue
				}
				if len(ch.goals()) != 0 || !ch.pending(tc.user) {
					t.Fatalf("step %d %q: %d goals, pending %v", i, s.line, len(ch.goals()), ch.pending(tc.user))
				}
				for _, q := range questions {
					if says(out, q) != (q == s.ask) {
						t.Fatalf("step %d %q: want only the question %s:\n%s", i, s.line, s.ask, out)
					}
				}
			}
		})
	}
}

// A wrong answer repeats the question; cancel drops the dialogue.
func TestDialogueBadAnswersAndCancel(t *testing.T) {
	ch := newChat(t, "2026-11-16T09:00:00+08:00")
	c := ch.console("alice")
	typeLine(t, c, "/goal new grow sales")
	if out := typeLine(t, c, "lots"); !says(out, "dialogue_need_number") || !says(out, "ask_target") {
		t.Fatalf("no number:\n%s", out)
	}
	typeLine(t, c, "50000")
	if out := typeLine(t, c, "someday"); !says(out, "dialogue_need_date") {
		t.Fatalf("no date:\n%s", out)
	}
	// A date already past is refused too (the question is asked again).
	if out := typeLine(t, c, "2026-11-01"); !(says(out, "date_in_past") || says(out, "dialogue_need_date")) || len(ch.goals()) != 0 || !ch.pending("alice") {
		t.Fatalf("past date:\n%s", out)
	}
	if out := typeLine(t, c, "cancel"); !says(out, "dialogue_cancelled") || ch.pending("alice") || len(ch.goals()) != 0 {
		t.Fatalf("cancel:\n%s", out)
	}
	// After cancel a number is plain language again, not an answer.
	if out := typeLine(t, c, "end of month"); says(out, "created") || len(ch.goals()) != 0 {
		t.Fatalf("answer after cancel:\n%s", out)
	}
}

// The pending proposal lives in the database: a restart (a new engine and
// console on the same file) in the middle of the dialogue loses nothing.
func TestDialogueSurvivesRestart(t *testing.T) {
	ch := newChat(t, "2026-11-16T09:00:00+08:00")
	out := typeLine(t, ch.console("li"), "/goal new 提升销量")
	if !says(out, "ask_target") {
		t.Fatalf("first question:\n%s", out)
	}
	ch.restart()
	if !ch.pending("li") {
		t.Fatal("the proposal did not survive the restart")
	}
	if out := typeLine(t, ch.console("li"), "5万"); !says(out, "ask_deadline") {
		t.Fatalf("answer after restart:\n%s", out)
	}
	ch.set("2026-11-17T10:00:00+08:00") // the next day, after another restart
	ch.restart()
	out = typeLine(t, ch.console("li"), "月底")
	g, ok := ch.lastGoal()
	if !ok || !says(out, "created") || g.Target != 50000 || g.Deadline.String() != "2026-11-30" || g.Start.String() != "2026-11-17" {
		t.Fatalf("completed after restarts: %+v\n%s", g, out)
	}

	// A proposal waiting for Accept survives too; after a restart the
	// console's numbered choices are gone, so the command accepts it.
	out = typeLine(t, ch.console("alice"), "/goal new grow revenue from $10,000 to $500,000 by Friday")
	proposed(t, out, "Increase revenue from $10,000 to $500,000 by 2026-11-20", "en")
	ch.restart()
	out = typeLine(t, ch.console("alice"), "/goal accept")
	g, _ = ch.lastGoal()
	if !says(out, "created") || g.Title != "Increase revenue from $10,000 to $500,000 by 2026-11-20" || ch.pending("alice") {
		t.Fatalf("accept after restart: %+v\n%s", g, out)
	}
	// Keep as is, by its Chinese command, after a restart.
	typeLine(t, ch.console("li"), "/goal new 本周五前把销售额从1万元做到50万元")
	ch.restart()
	out = typeLine(t, ch.console("li"), "/goal 保持原样")
	g, _ = ch.lastGoal()
	if !says(out, "created") || g.Title != "本周五前把销售额从1万元做到50万元" {
		t.Fatalf("keep after restart: %+v\n%s", g, out)
	}
}
