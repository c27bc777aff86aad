package bot_test

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// env is an engine on a real SQLite file with a settable clock.
type env struct {
	t   testing.TB
	db  *storage.DB
	eng *bot.Engine
	mu  sync.Mutex
	now time.Time
}

func newEnv(t testing.TB) *env {
	e := &env{t: t, db: storagetest.MustOpenDB(t)}
	e.now = mustTime("2026-11-16T09:00:00+08:00")
	svc := &goals.Service{Store: e.db, Clock: goals.ClockFunc(e.clock), DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	e.eng = bot.NewEngine(svc)
	return e
}

func (e *env) clock() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }
func (e *env) at(s string)      { e.mu.Lock(); e.now = mustTime(s); e.mu.Unlock() }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func (e *env) say(team, user, text string) bot.Reply {
	return e.eng.Handle(context.Background(), bot.Request{Platform: "test", TeamID: team, UserID: user, Text: text})
}

func (e *env) dm(team, user, text string) bot.Reply {
	return e.eng.Handle(context.Background(), bot.Request{Platform: "test", TeamID: team, UserID: user, Text: text, Direct: true})
}

func (e *env) ok(team, user, text string) bot.Reply {
	e.t.Helper()
	r := e.say(team, user, text)
	if !r.OK {
		e.t.Fatalf("%q refused: %+v", text, r.Error)
	}
	return r
}

func (e *env) logCount() int {
	e.t.Helper()
	ls, err := e.db.Logs(context.Background(), goals.LogFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(ls)
}

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Every message exists in the three languages with the same placeholders.
func TestCatalogComplete(t *testing.T) {
	for _, k := range i18n.Keys() {
		e := i18n.Entry(k)
		want := placeholders(e[0])
		for i, s := range e {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: language %s is empty", k, i18n.Langs[i])
			}
			if got := placeholders(s); got != want {
				t.Errorf("%s: %s has placeholders %s, en has %s", k, i18n.Langs[i], got, want)
			}
		}
	}
}

func placeholders(s string) string {
	m := placeholder.FindAllString(s, -1)
	sort.Strings(m)
	return strings.Join(slicesCompact(m), ",")
}

func slicesCompact(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Every refusal the engine can produce has a sentence, in every language.
func TestRefusalsHaveMessages(t *testing.T) {
	for _, reason := range []string{
		"bad_amount", "missing_amount", "amount_too_large", "negative_amount", "bad_percent", "unit_mismatch",
		"goal_not_found", "not_your_goal", "managers_only", "goal_closed", "no_goals", "no_goal_matches",
		"which_goal", "nothing_to_undo", "unknown_command", "input_too_long", "date_in_past", "bad_date",
		"title_required", "title_too_long", "target_not_above_baseline", "target_not_below_baseline",
		"negative_target", "target_required", "deadline_required", "deadline_before_start", "deadline_too_far",
		"bad_edit", "need_goal_id", "bad_setting", "bad_tz", "bad_lang", "bad_time", "bad_workdays", "bad_holidays", "bad_role",
		"last_manager", "member_not_found", "need_user", "nothing_pending", "internal", "invalid",
	} {
		if !i18n.Has(reason) {
			t.Errorf("no message for %q", reason)
		}
	}
}

func TestLogResolution(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.ok("acme", "alice", "new 5 calls a day")
	e.ok("acme", "alice", "new revenue ¥100,000 by end of month")

	cases := []struct {
		text    string
		goal    int64
		current float64
		code    string
	}{
		{"log 3 demos", 1, 3, ""},
		{"log 2 calls", 2, 2, ""},
		{"log ¥1,200 walk-in customer", 3, 1200, ""},
		{"log revenue 1.5k", 3, 2700, ""},
		{"log #1 2", 1, 5, ""},
		{"记录 1个演示", 1, 6, ""},
		{"log 4", 0, 0, "which_goal"},
		{"log 3 pushups", 0, 0, "which_goal"},
		{"log 3 churn", 0, 0, "no_goal_matches"},
		{"log", 0, 0, "missing_amount"},
	}
	for _, tc := range cases {
		before := e.logCount()
		r := e.say("acme", "alice", tc.text)
		if tc.code != "" {
			if r.OK || r.Error.Code != tc.code {
				t.Errorf("%q: want %s, got %+v", tc.text, tc.code, r.Error)
			}
			if e.logCount() != before {
				t.Errorf("%q: refused but wrote a log", tc.text)
			}
			continue
		}
		if !r.OK {
			t.Errorf("%q: refused %+v", tc.text, r.Error)
			continue
		}
		if g := r.Goals[0]; g.ID != tc.goal || g.Current != tc.current {
			t.Errorf("%q: logged to #%d now %v, want #%d now %v", tc.text, g.ID, g.Current, tc.goal, tc.current)
		}
	}
}

func TestTeamGoalsAndPermissions(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// The first manager comes from the platform (admin) or the CLI's --role.
	r := e.eng.Handle(ctx, bot.Request{TeamID: "acme", UserID: "boss", RoleHint: goals.RoleManager, Text: "new team Q4 revenue 115,000 by end of Q4"})
	if !r.OK || r.Goals[0].Scope != goals.ScopeTeam || r.Goals[0].Target != 115000 {
		t.Fatalf("team goal: %+v %+v", r.Error, r.Goals)
	}
	if r := e.say("acme", "alice", "new team 50 demos by Friday"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member created a team goal: %+v", r)
	}
	e.ok("acme", "alice", "log #1 1000")
	e.ok("acme", "bob", "log #1 3000")
	r = e.ok("acme", "bob", "log #1 500")
	c := r.Goals[0].Contributions
	if len(c) != 2 || c[0].User != "bob" || c[0].Amount != 3500 || c[1].User != "alice" || c[1].Amount != 1000 {
		t.Fatalf("contributions: %+v", c)
	}
	if r := e.say("acme", "alice", "edit #1 target=1"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member edited a team goal: %+v", r)
	}
	if r := e.say("acme", "alice", "role bob manager"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member changed a role: %+v", r)
	}
	e.ok("acme", "boss", "role alice manager")
	e.ok("acme", "alice", "edit #1 target=120000")
	if r := e.say("acme", "boss", "role boss member"); !r.OK {
		t.Fatalf("demoting oneself with another manager present: %+v", r.Error)
	}
	if r := e.say("acme", "alice", "role alice member"); r.OK || r.Error.Code != "last_manager" {
		t.Fatalf("last manager demoted: %+v", r)
	}
	r = e.ok("acme", "alice", "team")
	if !strings.Contains(r.Text, "alice") || !strings.Contains(r.Text, "bob") {
		t.Fatalf("team view: %q", r.Text)
	}
	// Another team sees nothing of it.
	if r := e.say("other", "eve", "log #1 5"); r.OK || r.Error.Code != "goal_not_found" {
		t.Fatalf("cross-team log: %+v", r)
	}
}

func TestPlainLanguageNeverGuesses(t *testing.T) {
	e := newEnv(t)
	e.ok("shop", "wang", "新建 本月销售额达到5万元")
	r := e.dm("shop", "wang", "今天卖了1.2万")
	if !r.OK || r.Goals[0].Current != 12000 {
		t.Fatalf("plain log: %+v", r)
	}
	if len(r.Buttons) == 0 || r.Buttons[0].Action != bot.ActUndo {
		t.Fatalf("plain log without an Undo button: %+v", r.Buttons)
	}
	e.ok("shop", "wang", "新建 本月新增200个订阅")
	before := e.logCount()
	r = e.dm("shop", "wang", "今天好多了 3")
	if r.OK || e.logCount() != before {
		t.Fatalf("ambiguous message was logged: %+v", r)
	}
	if len(r.Buttons) < 2 {
		t.Fatalf("ambiguous message should offer the goals: %+v", r.Buttons)
	}
	// Pressing a goal button logs it there.
	b := r.Buttons[1]
	r = e.eng.Handle(context.Background(), bot.Request{TeamID: "shop", UserID: "wang", Action: &bot.Action{ID: b.Action, Value: b.Value}, Key: "press-1"})
	if !r.OK || r.Goals[0].ID != 2 || r.Goals[0].Current != 3 {
		t.Fatalf("pick goal: %+v", r)
	}
	// Without a direct address, the same text is an unknown command.
	if r := e.say("shop", "wang", "今天卖了1.2万"); r.OK || r.Error.Code != "unknown_command" {
		t.Fatalf("channel message treated as a log: %+v", r)
	}
}

func TestButtonPressedTwiceLogsOnce(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	press := bot.Request{TeamID: "acme", UserID: "alice", Key: "slack:acme:trigger-1", Action: &bot.Action{ID: bot.ActQuickLog, Value: "1:1"}}
	r1 := e.eng.Handle(context.Background(), press)
	r2 := e.eng.Handle(context.Background(), press)
	if !r1.OK || !r2.OK || r2.Goals[0].Current != 1 || e.logCount() != 1 {
		t.Fatalf("double press: %+v / %+v, logs %d", r1, r2, e.logCount())
	}
}

// A redelivered event that now reads as a log to another goal (a goal was
// created in between) logs nothing, and the reply shows the goal the event
// did go to.
func TestRedeliveredLogShowsItsOwnGoal(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	req := bot.Request{TeamID: "acme", UserID: "alice", Text: "log 3", Key: "slack:acme:ev-1"}
	if r := e.eng.Handle(context.Background(), req); !r.OK || r.Goals[0].ID != 1 {
		t.Fatalf("first delivery: %+v", r)
	}
	e.ok("acme", "alice", "new Make 50 calls by Friday")
	req.Text = "log #2 3"
	r := e.eng.Handle(context.Background(), req)
	if !r.OK || e.logCount() != 1 || len(r.Goals) != 1 || r.Goals[0].ID != 1 || r.Goals[0].Current != 3 {
		t.Fatalf("redelivery: %+v, logs %d", r, e.logCount())
	}
}

func TestDialogueSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	r := e.dm("acme", "alice", "/goal new")
	r = e.dm("acme", "alice", "new")
	if !strings.Contains(r.Text, "What do you want") {
		t.Fatalf("dialogue start: %q", r.Text)
	}
	e.dm("acme", "alice", "more demos")
	// A new engine on the same database: the dialogue goes on.
	svc := &goals.Service{Store: e.db, Clock: goals.ClockFunc(e.clock), DefaultTZ: "Asia/Shanghai"}
	e.eng = bot.NewEngine(svc)
	r = e.dm("acme", "alice", "15")
	if !strings.Contains(r.Text, "By when") {
		t.Fatalf("after the number: %q", r.Text)
	}
	r = e.dm("acme", "alice", "by Friday")
	if !r.OK || len(r.Goals) != 1 || r.Goals[0].Target != 15 || r.Goals[0].Deadline.String() != "2026-11-20" {
		t.Fatalf("dialogue result: %+v", r)
	}
}

func TestProposalAcceptAndKeep(t *testing.T) {
	e := newEnv(t)
	r := e.ok("acme", "alice", "new 20 by Friday")
	if len(r.Goals) != 0 {
		t.Fatalf("an unspecific goal was saved without asking: %+v", r)
	}
	var actions []string
	for _, b := range r.Buttons {
		actions = append(actions, b.Action)
	}
	if strings.Join(actions, ",") != "accept_rewrite,edit_rewrite,keep_as_is" {
		t.Fatalf("buttons: %v (%q)", actions, r.Text)
	}
	r = e.eng.Handle(context.Background(), bot.Request{TeamID: "acme", UserID: "alice", Action: &bot.Action{ID: bot.ActKeepAsIs}})
	if !r.OK || r.Goals[0].Title != "20 by Friday" || r.Goals[0].Target != 20 {
		t.Fatalf("keep as is: %+v", r)
	}
	if r := e.eng.Handle(context.Background(), bot.Request{TeamID: "acme", UserID: "alice", Action: &bot.Action{ID: bot.ActAcceptRewrite}}); r.OK || r.Error.Code != "nothing_pending" {
		t.Fatalf("accept twice: %+v", r)
	}
}

func TestDecreaseLevelGoal(t *testing.T) {
	e := newEnv(t)
	e.ok("shop", "wang", "new churn from 45% to 20% by end of Q1")
	r := e.ok("shop", "wang", "log churn 40%")
	g := r.Goals[0]
	if g.Kind != goals.KindLevel || g.Direction != goals.Decrease || g.Current != 40 || g.Percent != 20 {
		t.Fatalf("churn: %+v", g)
	}
	r = e.ok("shop", "wang", "log 35%")
	if r.Goals[0].Current != 35 || r.Goals[0].Percent != 40 {
		t.Fatalf("second reading: %+v", r.Goals[0])
	}
	if r := e.say("shop", "wang", "log 140%"); r.OK || r.Error.Code != "bad_percent" {
		t.Fatalf("140%% accepted: %+v", r)
	}
}

func TestSettings(t *testing.T) {
	e := newEnv(t)
	r := e.ok("acme", "alice", "settings tz=America/New_York lang=zh-CN daily=17:45 workdays=mon-sat away=2026-12-24..2027-01-02")
	if r.Lang != "zh-CN" || !strings.Contains(r.Text, "America/New_York") {
		t.Fatalf("settings: %+v", r)
	}
	m, err := e.db.Member(context.Background(), "acme", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if m.TZ != "America/New_York" || m.Lang != "zh-CN" || m.RemindAt != "17:45" || !m.Workdays.Has(time.Saturday) || m.Away == nil {
		t.Fatalf("stored: %+v", m)
	}
	// The setting now decides the language of Latin-only commands.
	if r := e.ok("acme", "alice", "list"); r.Lang != "zh-CN" {
		t.Fatalf("lang after setting: %s", r.Lang)
	}
	for _, bad := range []string{"tz=Nowhere/City", "lang=fr", "daily=25:00", "workdays=funday", "away=2027-01-01..2026-01-01", "weekly=mon 09:00", "colour=blue"} {
		before, _ := e.db.Member(context.Background(), "acme", "alice")
		if r := e.say("acme", "alice", "settings "+bad); r.OK {
			t.Errorf("settings %s accepted", bad)
		}
		after, _ := e.db.Member(context.Background(), "acme", "alice")
		if !reflect.DeepEqual(before, after) {
			t.Errorf("settings %s changed the member", bad)
		}
	}
}

func TestSettingsHolidays(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	team := func() goals.Team {
		t.Helper()
		tm, err := e.db.Team(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	r := e.eng.Handle(ctx, bot.Request{Platform: "test", TeamID: "acme", UserID: "boss", RoleHint: goals.RoleManager,
		Text: "settings holidays=2027-01-01, 2026-12-24..2026-12-26"})
	if !r.OK {
		t.Fatalf("manager's holidays refused: %+v", r.Error)
	}
	want := []goals.DateRange{
		{From: goals.NewDate(2026, 12, 24), To: goals.NewDate(2026, 12, 26)},
		{From: goals.NewDate(2027, 1, 1), To: goals.NewDate(2027, 1, 1)},
	}
	if got := team().Holidays; !reflect.DeepEqual(got, want) {
		t.Fatalf("stored holidays %v, want %v", got, want)
	}
	if !strings.Contains(r.Text, "holidays=2026-12-24..2026-12-26,2027-01-01") {
		t.Errorf("settings text does not show the holidays: %s", r.Text)
	}
	if r := e.ok("acme", "boss", "settings"); !strings.Contains(r.Text, "holidays=2026-12-24..2026-12-26,2027-01-01") {
		t.Errorf("settings shown without the holidays: %s", r.Text)
	}

	// A member may not change them; nothing is stored, their own settings
	// in the same command included.
	e.ok("acme", "alice", "settings")
	before, err := e.db.Member(ctx, "acme", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if r := e.say("acme", "alice", "settings tz=Europe/Berlin holidays=off"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member set holidays: %+v", r)
	}
	if after, _ := e.db.Member(ctx, "acme", "alice"); !reflect.DeepEqual(before, after) {
		t.Errorf("refused settings changed the member: %+v", after)
	}
	if got := team().Holidays; !reflect.DeepEqual(got, want) {
		t.Fatalf("member's refused command changed holidays to %v", got)
	}

	// Bad values are refused and change nothing.
	many := make([]string, goals.MaxHolidays+1)
	for i := range many {
		many[i] = goals.NewDate(2027, 1, 1).AddDays(i).String()
	}
	for _, bad := range []string{
		"holidays=2027-01-02..2027-01-01", "holidays=2026-01-01..2027-12-31", "holidays=someday", // named holidays (christmas) are read: TestSettingsNamedHolidays
		"holidays=2026-12-24..", "holidays=2026-12-24,off", "holidays=2026-13-01", "holidays=" + strings.Join(many, ","),
	} {
		r := e.eng.Handle(ctx, bot.Request{Platform: "test", TeamID: "acme", UserID: "boss", Text: "settings " + bad})
		if r.OK || r.Error.Code != "bad_holidays" {
			t.Errorf("settings %s: %+v", bad[:min(len(bad), 40)], r.Error)
		}
		if got := team().Holidays; !reflect.DeepEqual(got, want) {
			t.Fatalf("settings %s changed holidays to %v", bad[:min(len(bad), 40)], got)
		}
	}
	// Exactly the limit is fine; off clears.
	e.ok("acme", "boss", "settings holidays="+strings.Join(many[:goals.MaxHolidays], ","))
	if got := team().Holidays; len(got) != goals.MaxHolidays {
		t.Fatalf("%d holidays stored, want %d", len(got), goals.MaxHolidays)
	}
	e.ok("acme", "boss", "settings holidays=off")
	if got := team().Holidays; got != nil {
		t.Fatalf("holidays=off left %v", got)
	}
	if r := e.ok("acme", "boss", "settings"); strings.Contains(r.Text, "holidays=") {
		t.Errorf("cleared holidays still shown: %s", r.Text)
	}
}

func TestHostileInput(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	for _, text := range []string{
		"log NaN", "log Infinity", "log -1", "log 1e309", "log 0x10", "log \x00\x01\x02 3 demos",
		"log 3 \u202eseomed", "log 3 '); DROP TABLE goals; --", "new " + strings.Repeat("啊", 5000),
		"edit #1 deadline=2020-01-01", "edit #1 deadline=someday", "edit #999999999999999999999 target=3",
		"progress #-1", "done", "role", "list @nobody", "\u200f\u202a", strings.Repeat("log 1 ", 2000),
	} {
		before, _ := e.db.Logs(context.Background(), goals.LogFilter{})
		r := e.say("acme", "alice", text)
		if r.Lang == "" || r.Text == "" {
			t.Errorf("%q: empty reply %+v", text[:min(len(text), 30)], r)
		}
		// A number the user did not write is never stored: these are refused.
		if text == "log -1" || text == "log NaN" || text == "log 1e309" || text == "log Infinity" {
			after, _ := e.db.Logs(context.Background(), goals.LogFilter{})
			if r.OK || len(after) != len(before) {
				t.Errorf("%q: accepted (ok %v, %d logs stored, had %d): %q", text, r.OK, len(after), len(before), r.Text)
			}
		}
		if !r.OK && (r.Error == nil || r.Error.Code == "" || r.Error.Code == "internal") {
			t.Errorf("%q: unclear refusal %+v", text[:min(len(text), 30)], r.Error)
		}
	}
	g, err := e.db.Goal(context.Background(), "acme", 1)
	if err != nil || g.Target != 20 || g.Deadline.String() != "2026-11-20" {
		t.Fatalf("goal changed by hostile input: %+v %v", g, err)
	}
	ls, _ := e.db.Logs(context.Background(), goals.LogFilter{})
	for _, l := range ls {
		if strings.ContainsAny(l.Note, "\x00\x01\u202e") || l.Amount < 0 || l.Amount > goals.MaxAmount {
			t.Errorf("stored hostile log %+v", l)
		}
	}
}

func TestConcurrentLogs(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 4000 demos by end of month")
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if r := e.say("acme", "alice", "log 1"); !r.OK {
					t.Errorf("log refused: %+v", r.Error)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := e.logCount(); n != 400 {
		t.Fatalf("logs: %d, want 400", n)
	}
}

// A year split into quarters, a quarter into months: a log goes to the
// month that holds today, and rolls up through the quarter to the year,
// with the member's contribution.
func TestNestedSplitRollsUp(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.at("2026-01-01T09:00:00+08:00")
	r := e.eng.Handle(ctx, bot.Request{TeamID: "acme", UserID: "boss", RoleHint: goals.RoleManager, Text: "new team revenue ¥1,200,000 by 2026-12-31"})
	if !r.OK {
		t.Fatalf("team goal: %+v", r.Error)
	}
	if r := e.ok("acme", "boss", "split #1 by quarter"); len(r.Goals) == 0 {
		t.Fatalf("split: %+v", r)
	}
	// #5 is Q4 (Oct–Dec), which holds 2026-11-16.
	q4, err := e.db.Goal(ctx, "acme", 5)
	if err != nil || q4.Deadline.String() != "2026-12-31" {
		t.Fatalf("Q4 child: %+v %v", q4, err)
	}
	e.ok("acme", "boss", "split #5 by month")
	e.at("2026-11-16T09:00:00+08:00")
	r = e.ok("acme", "alice", "log ¥1,000")
	if g := r.Goals[0]; g.Deadline.String() != "2026-11-30" || g.Current != 1000 {
		t.Fatalf("log went to %+v", g)
	}
	for _, id := range []string{"#5", "#1"} {
		r = e.ok("acme", "boss", "progress "+id)
		g := r.Goals[0]
		if g.Current != 1000 || len(g.Contributions) != 1 || g.Contributions[0].User != "alice" {
			t.Fatalf("%s did not roll up: current %v contributions %+v", id, g.Current, g.Contributions)
		}
	}
}

// /goal progress carries the history picture when a drawer is wired; a
// drawer that fails costs the picture, not the answer.
func TestProgressChart(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.ok("acme", "alice", "log 3")
	var gotDays int
	svc := e.eng.Service()
	e.eng = bot.NewEngine(svc, bot.WithProgressChart(func(g goals.Goal, days []goals.DayTotal, today goals.Date) ([]byte, error) {
		gotDays = len(days)
		return []byte("PNG"), nil
	}))
	if r := e.ok("acme", "alice", "progress #1"); string(r.Chart) != "PNG" || gotDays != 1 {
		t.Fatalf("chart %q from %d days", r.Chart, gotDays)
	}
	e.eng = bot.NewEngine(svc, bot.WithProgressChart(func(goals.Goal, []goals.DayTotal, goals.Date) ([]byte, error) {
		return nil, errors.New("no font")
	}))
	if r := e.ok("acme", "alice", "progress #1"); r.Chart != nil || r.Goals[0].Current != 3 {
		t.Fatalf("failing drawer: %+v", r)
	}
}
