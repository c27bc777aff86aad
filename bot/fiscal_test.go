package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A manager sets the month the team's fiscal year starts (`fiscal=4`, or
// 财年=4); "本财年" and "this fiscal year" in a goal then end on March 31.
func TestSettingsFiscalYear(t *testing.T) {
	e := newEnv(t) // Monday 2026-11-16
	ctx := context.Background()
	r := e.manager("acme", "boss", "settings fiscal=4")
	if !r.OK || !strings.Contains(r.Text, "fiscal=4") {
		t.Fatalf("fiscal=4: %+v", r)
	}
	if tm, err := e.db.Team(ctx, "acme"); err != nil || tm.FiscalStart != time.April {
		t.Fatalf("stored fiscal start %v, %v", tm.FiscalStart, err)
	}
	for text, want := range map[string]string{
		"smart 本财年结束时完成200单":                     "2027-03-31",
		"smart Close 200 deals this fiscal year": "2027-03-31",
	} {
		if r := e.ok("acme", "boss", text); !strings.Contains(r.Text, want) {
			t.Errorf("%s: %s, want %s", text, r.Text, want)
		}
	}
	if r := e.manager("acme", "boss", "settings 财年=一月"); !r.OK {
		t.Fatalf("财年=一月: %+v", r)
	}
	if tm, _ := e.db.Team(ctx, "acme"); tm.FiscalStart > time.January { // January is stored as the default, 0
		t.Errorf("财年=一月 stored %v", tm.FiscalStart)
	}
	if r := e.say("acme", "boss", "settings fiscal=13"); r.OK || r.Error.Code != "bad_fiscal" {
		t.Errorf("fiscal=13: %+v", r)
	}
	if r := e.say("acme", "alice", "settings fiscal=7"); r.OK || r.Error.Code != "managers_only" {
		t.Errorf("member set fiscal: %+v", r)
	}
}

// Team holidays may be named: each is its next date, lunar ones included.
func TestSettingsNamedHolidays(t *testing.T) {
	e := newEnv(t) // Monday 2026-11-16
	r := e.manager("acme", "boss", "settings holidays=春节,black-friday,2026-12-24..2026-12-26")
	if !strings.Contains(r.Text, "holidays=2026-11-27,2026-12-24..2026-12-26,2027-02-06") {
		t.Errorf("named holidays: %s", r.Text)
	}
	if r := e.say("acme", "boss", "settings holidays=someday"); r.OK {
		t.Errorf("an unknown name was accepted: %s", r.Text)
	}
}

// edit deadline= reads the team's fiscal year too.
func TestEditDeadlineFiscalYear(t *testing.T) {
	e := newEnv(t) // Monday 2026-11-16
	e.manager("acme", "boss", "settings fiscal=7")
	e.ok("acme", "boss", "new Close 20 deals by Friday")
	r := e.ok("acme", "boss", "edit #1 deadline=本财年")
	if !strings.Contains(r.Text, "2027-06-30") {
		t.Errorf("deadline=本财年 with fiscal=7: %s", r.Text)
	}
	if r := e.say("acme", "boss", "edit #1 deadline=上个月"); r.OK || r.Error.Code != "date_in_past" {
		t.Errorf("deadline=上个月: %+v", r)
	}
}
