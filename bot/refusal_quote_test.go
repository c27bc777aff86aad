package bot_test

import (
	"strings"
	"testing"
)

// A range or a limit is refused quoting what the user wrote, not the first
// number of it, and nothing is logged.
func TestRangeAndLimitQuoteTheText(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Reach $1000 in revenue by Friday")
	for _, tt := range []struct{ in, quote, code string }{
		{"log #1 10到20", "10到20", "amount_range"},
		{"log #1 between 10 and 20 dollars", "between 10 and 20 dollars", "amount_range"},
		{"log #1 at least 3", "at least 3", "amount_bound"},
		{"log #1 under seven dollars", "under seven dollars", "amount_bound"},
	} {
		before := e.logCount()
		r := e.say("acme", "alice", tt.in)
		if r.OK || r.Error == nil || r.Error.Code != tt.code || !strings.Contains(r.Text, tt.quote) {
			t.Errorf("%q: ok %v, %+v, %q; want %s quoting %q", tt.in, r.OK, r.Error, r.Text, tt.code, tt.quote)
		}
		if e.logCount() != before {
			t.Errorf("%q logged something", tt.in)
		}
	}
}
