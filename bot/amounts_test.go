package bot_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// The amounts issue 12 saw logged wrong, through `/goal log #id <text>`:
// what is stored now, or the refusal and nothing stored.
func TestLogAmountsAsWritten(t *testing.T) {
	b := newAmountBench(t)
	tests := []struct {
		unit, text string
		want       float64
		refusal    string   // the reply's error code when nothing may be stored
		says       []string // what the refusal names
	}{
		{goals.UnitCount, "1,2", 0, "ambiguous_amount", []string{"1.2", "12"}},
		{goals.UnitCount, "1万2", 12000, "", nil},
		{goals.UnitCount, "一千零十", 1010, "", nil},
		{goals.UnitCount, ".77", 0.77, "", nil},
		{goals.UnitCount, "零點77", 0.77, "", nil},
		{goals.UnitCount, "一百点123", 100.123, "", nil},
		{goals.UnitPercent, "百分之一点五七", 1.57, "", nil},
		{goals.UnitCount, "1e+6", 1e6, "", nil},
		{goals.UnitCNY, "20分", 0.2, "", nil},
		{goals.UnitCNY, "2角", 0.2, "", nil},
		{goals.UnitCount, "五個半", 5.5, "", nil},
		{goals.UnitCount, "负1,200,000", 0, "negative_amount", nil},
		{goals.UnitCount, "minus 1,200,000", 0, "negative_amount", nil},
		{goals.UnitUSD, "¥500", 0, "currency_mismatch", []string{"USD", "CNY"}},
		{goals.UnitCount, "三千五", 3500, "", nil},
		{goals.UnitCount, "2萬5", 25000, "", nil},
		{goals.UnitCount, "百名", 100, "", nil},
		{goals.UnitCount, "壹万贰仟", 12000, "", nil},
		{goals.UnitCount, "five", 5, "", nil},
		{goals.UnitCount, "twenty-one", 21, "", nil},
		{"INR", "₹2,000", 2000, "", nil},
		{"INR", "$5", 0, "currency_mismatch", []string{"INR", "USD"}},
		{"MYR", "RM 42", 42, "", nil},
		{goals.UnitCNY, "10到20元", 0, "amount_range", nil},
		{goals.UnitCount, "between 10 and 20", 0, "amount_range", nil},
		{goals.UnitEUR, "under seven euros", 0, "amount_bound", nil},
		{"lbs", "5 pounds", 5, "", nil}, // a weight, on a goal not counted in money
		{"GBP", "5 pounds", 5, "", nil},
		{"lbs", "£5", 0, "unit_mismatch", nil},
		{goals.UnitUSD, "5 pounds", 0, "currency_mismatch", []string{"USD", "GBP"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok, code := b.logged(tt.unit, tt.text)
			switch {
			case tt.refusal == "" && !ok:
				t.Fatalf("%q on a %s goal refused (%s), want %v stored", tt.text, tt.unit, code, tt.want)
			case tt.refusal == "" && !sameAmount(got, tt.want):
				t.Fatalf("%q on a %s goal stored %v, want %v", tt.text, tt.unit, got, tt.want)
			case tt.refusal != "" && ok:
				t.Fatalf("%q on a %s goal stored %v, want refusal %s", tt.text, tt.unit, got, tt.refusal)
			case tt.refusal != "" && code != tt.refusal:
				t.Fatalf("%q on a %s goal refused with %s, want %s", tt.text, tt.unit, code, tt.refusal)
			}
			if tt.refusal != "" {
				r := b.e.say("acme", "alice", "log #"+strconv.FormatInt(b.goal(tt.unit), 10)+" "+tt.text)
				for _, s := range tt.says {
					if !strings.Contains(r.Text, s) {
						t.Errorf("%q: the answer %q does not name %s", tt.text, r.Text, s)
					}
				}
			}
		})
	}
}

// A goal stated in any ISO 4217 currency is kept in it, and its figures
// are written in it.
func TestGoalsInAnyCurrency(t *testing.T) {
	e := newEnv(t)
	tests := []struct{ text, unit, shows string }{
		{"new Reach 1000000 INR in revenue by end of year", "INR", "₹1,000,000"},
		{"new Reach ₹500000 revenue by end of year", "INR", "₹500,000"},
		{"new Reach 100000 rupees in revenue by end of year", "INR", "₹100,000"},
		{"new Reach 1000000 MYR in revenue by end of year", "MYR", "RM1,000,000"},
		{"new Reach 20000 ringgit in revenue by end of year", "MYR", "RM20,000"},
		{"new Reach 1000000 EGP in revenue by end of year", "EGP", "1,000,000 EGP"},
		{"new Reach CAD 50,000 in revenue by end of year", "CAD", "CA$50,000"},
		{"new Reach 50000 CHF in revenue by end of year", "CHF", "50,000 CHF"},
		{"new Reach 80000 AED in revenue by end of year", "AED", "80,000 AED"},
		{"new Reach 90000 SGD in revenue by end of year", "SGD", "S$90,000"},
		{"new Reach 700000 THB in revenue by end of year", "THB", "฿700,000"},
		{"new Reach 5000000 JPY in revenue by end of year", "JPY", "JP¥5,000,000"},
		{"new Reach 9000000 KRW in revenue by end of year", "KRW", "₩9,000,000"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := e.ok("acme", "alice", tt.text)
			if len(r.Goals) != 1 {
				t.Fatalf("%q: no goal created: %s", tt.text, r.Text)
			}
			g, err := e.db.Goal(t.Context(), "acme", r.Goals[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if g.Unit != tt.unit {
				t.Fatalf("%q created a %s goal, want %s", tt.text, g.Unit, tt.unit)
			}
			if !strings.Contains(r.Text, tt.shows) {
				t.Errorf("%q: the answer does not write %s:\n%s", tt.text, tt.shows, r.Text)
			}
		})
	}
}

// edit reads amounts as a log does: another currency is refused, nothing changed.
func TestEditTargetInAnotherCurrency(t *testing.T) {
	b := newAmountBench(t)
	id := strconv.FormatInt(b.goal(goals.UnitUSD), 10)
	r := b.e.say("acme", "alice", "edit #"+id+" target=¥500")
	if r.OK || r.Error == nil || r.Error.Code != "currency_mismatch" || !strings.Contains(r.Text, "CNY") {
		t.Fatalf("edit target=¥500 on a USD goal: %+v", r)
	}
	g, err := b.e.db.Goal(t.Context(), "acme", b.goal(goals.UnitUSD))
	if err != nil || g.Target != goals.MaxAmount {
		t.Fatalf("target changed to %v (%v)", g.Target, err)
	}
	if r := b.e.say("acme", "alice", "edit #"+id+" target=$500"); !r.OK {
		t.Fatalf("edit target=$500 on a USD goal refused: %s", r.Text)
	}
	if r := b.e.say("acme", "alice", "edit #"+id+" target=1,2"); r.OK || r.Error.Code != "ambiguous_amount" {
		t.Fatalf("edit target=1,2: %+v", r)
	}
}

// A dialogue answer is read as a log is: "1,2" is a question, not a target.
func TestDialogueAnswerAsks(t *testing.T) {
	e := newEnv(t)
	e.dm("acme", "alice", "new")
	e.dm("acme", "alice", "more demos")
	r := e.dm("acme", "alice", "1,2")
	if r.OK || r.Error == nil || r.Error.Code != "ambiguous_amount" || !strings.Contains(r.Text, "1.2") || !strings.Contains(r.Text, "12") {
		t.Fatalf("answer 1,2: %+v", r)
	}
	r = e.dm("acme", "alice", "twelve")
	if !strings.Contains(r.Text, "By when") {
		t.Fatalf("after twelve: %q", r.Text)
	}
	r = e.dm("acme", "alice", "by Friday")
	if !r.OK || len(r.Goals) != 1 || r.Goals[0].Target != 12 {
		t.Fatalf("dialogue result: %+v", r)
	}
}
