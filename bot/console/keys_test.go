package console_test

import (
	"strings"
	"testing"
)

// Buttons are pressed with letters, so a number typed after a reply is an
// answer: "1" after a log logs 1 (never Undo), "1" under "How much
// exactly?" is the target (never Edit). Numbers press buttons only when a
// reply offers nothing but choices (which goal?).
func TestButtonKeysCannotMisfire(t *testing.T) {
	ch := newChat(t, "2026-11-16T09:00:00+08:00")
	c := ch.console("alice")
	typeLine(t, c, "/goal new Book 20 demos by Friday")
	out := typeLine(t, c, "/goal log 3 demos")
	if !strings.Contains(out, "[a] Undo  [b] +1  (type the letter)") {
		t.Fatalf("log reply keys:\n%s", out)
	}
	out = typeLine(t, c, "1")
	if ls := ch.logs(); len(ls) != 2 || ls[1].Amount != 1 || says(out, "undone") {
		t.Fatalf("typing 1 after a log must log 1: %d logs\n%s", len(ls), out)
	}
	out = typeLine(t, c, "a")
	if !says(out, "undone") || len(ch.logs()) != 1 {
		t.Fatalf("the letter of Undo:\n%s", out)
	}
	// Undo has nothing left to offer a key to: "a" now is just text.
	if out := typeLine(t, c, "a"); says(out, "undone") || len(ch.logs()) != 1 {
		t.Fatalf("a stale key pressed Undo again:\n%s", out)
	}
	typeLine(t, c, "/goal log 2 demos")
	out = typeLine(t, c, "b")
	if ls := ch.logs(); len(ls) != 3 || ls[2].Amount != 1 || !strings.Contains(out, "Logged 1 demo.") {
		t.Fatalf("the +1 letter: %+v\n%s", ls, out)
	}

	// Under a question with an Edit button, a number is the answer.
	out = typeLine(t, c, "/goal new grow sales")
	if !says(out, "ask_target") || !strings.Contains(out, "[a] Edit") {
		t.Fatalf("question:\n%s", out)
	}
	out = typeLine(t, c, "1")
	if says(out, "edit_prompt") || !says(out, "ask_deadline") {
		t.Fatalf("typing 1 under How much exactly? must answer it:\n%s", out)
	}
	typeLine(t, c, "/goal cancel")

	// A question whose buttons are all goals takes numbers.
	typeLine(t, c, "/goal new Make 5 calls a day")
	out = typeLine(t, c, "7 pushups")
	if !strings.Contains(out, "[1] #1 ") || !strings.Contains(out, "(type the number)") {
		t.Fatalf("choices only:\n%s", out)
	}
	n := len(ch.logs())
	out = typeLine(t, c, "1")
	if ls := ch.logs(); len(ls) != n+1 || ls[n].GoalID != 1 || ls[n].Amount != 7 {
		t.Fatalf("picking goal 1: %+v\n%s", ls, out)
	}
}

// A misspelt command in the terminal is pointed out and does nothing.
func TestConsoleTypos(t *testing.T) {
	ch := newChat(t, "2026-11-16T09:00:00+08:00")
	c := ch.console("alice")
	typeLine(t, c, "/goal new Book 20 demos by Friday")
	for _, tc := range []struct{ line, want string }{
		{"/gaol list", "Did you mean `/goal list`?"},
		{"/goal lgo 3 demos", "Did you mean `/goal log 3 demos`?"},
		{"/goal progres #1", "Did you mean `/goal progress #1`?"},
		{"/goal xyz 3 demos", `I don't know "xyz"`},
	} {
		if out := typeLine(t, c, tc.line); !strings.Contains(out, tc.want) || len(ch.logs()) != 0 {
			t.Errorf("%q: %d logs\n%s", tc.line, len(ch.logs()), out)
		}
	}
	if out := typeLine(t, c, "/list"); !strings.Contains(out, "#1 Book 20 demos") {
		t.Errorf("/list:\n%s", out)
	}
}
