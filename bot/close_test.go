package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// `/goal done` and `/goal archive` close a goal: the stored state changes,
// it leaves the list, progress can no longer be logged to it, and someone
// else's goal cannot be closed.
func TestDoneAndArchiveCloseTheGoal(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want goals.State
	}{{"done", goals.StateDone}, {"archive", goals.StateArchived}} {
		t.Run(tc.cmd, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			e.ok("acme", "alice", "new Book 20 demos by Friday")
			e.ok("acme", "alice", "new Make 40 calls by Friday")
			e.ok("acme", "alice", "log #1 3")

			if r := e.say("acme", "bob", tc.cmd+" #1"); r.OK {
				t.Fatalf("bob closed alice's goal: %q", r.Text)
			}
			if g, _ := e.db.Goal(ctx, "acme", 1); g.State != goals.StateActive {
				t.Fatalf("a refused %s changed the state to %q", tc.cmd, g.State)
			}

			r := e.ok("acme", "alice", tc.cmd+" #1")
			if !strings.Contains(r.Text, "#1") {
				t.Errorf("reply does not name the goal: %q", r.Text)
			}
			g, err := e.db.Goal(ctx, "acme", 1)
			if err != nil || g.State != tc.want {
				t.Fatalf("state after %s: %q %v, want %q", tc.cmd, g.State, err, tc.want)
			}
			if other, _ := e.db.Goal(ctx, "acme", 2); other.State != goals.StateActive {
				t.Fatalf("%s #1 changed #2 to %q", tc.cmd, other.State)
			}
			// A closed goal leaves the active section; the list shows it
			// apart, marked with its state.
			l := e.ok("acme", "alice", "list").Text
			active, closed, _ := strings.Cut(l, "Missed, done and archived:")
			if strings.Contains(active, "Book 20 demos") || !strings.Contains(active, "40 calls") {
				t.Errorf("active goals after %s: %q", tc.cmd, l)
			}
			if !strings.Contains(closed, "Book 20 demos") || !strings.Contains(closed, string(tc.want)) {
				t.Errorf("closed goals after %s: %q", tc.cmd, l)
			}
			logs := e.logCount()
			if r := e.say("acme", "alice", "log #1 2"); r.OK || e.logCount() != logs {
				t.Errorf("logged to a closed goal: ok %v, %q", r.OK, r.Text)
			}
		})
	}
}
