package bot_test

import "testing"

// A number word or numeral the reader could not join, a span, or money going
// out: nothing is logged, the bot asks or refuses. What it can read whole is
// still logged exactly.
func TestUnsureAmountsAreNotLogged(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Reach $50000 in revenue by Friday")
	for _, tt := range []struct{ in, code string }{
		{"log #1 half a million", "unsure_amount"},
		{"log #1 two and a half thousand", "unsure_amount"},
		{"log #1 one and a half k", "unsure_amount"},
		{"log #1 seven fifty", "unsure_amount"},
		{"log #1 1'000", "unsure_amount"},
		{"log #1 half a thousand", "unsure_amount"},
		{"log #1 five or six hundred", "amount_range"},
		{"log #1 五到八千", "amount_range"},
		{"log #1 5 to 6k", "amount_range"},
		{"log #1 refund 500", "negative_amount"},
		{"log #1 退款500", "negative_amount"},
		{"log #1 lost 500", "negative_amount"},
	} {
		before := e.logCount()
		if r := e.say("acme", "alice", tt.in); r.OK || r.Error == nil || r.Error.Code != tt.code {
			t.Errorf("%q: ok %v %+v %q, want %s", tt.in, r.OK, r.Error, r.Text, tt.code)
		}
		if e.logCount() != before {
			t.Errorf("%q logged something", tt.in)
		}
	}
	for _, in := range []string{"log #1 2500", "log #1 三千五", "log #1 1.2万", "log #1 twenty-one", "log #1 $20 and 43c", "log #1 1200 万达广场"} {
		before := e.logCount()
		if r := e.say("acme", "alice", in); !r.OK || e.logCount() != before+1 {
			t.Errorf("%q: ok %v %q, want one log", in, r.OK, r.Text)
		}
	}
}
