package bot_test

import (
	"context"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// manager sends text as a platform admin (the first manager of a team).
func (e *env) manager(team, user, text string) bot.Reply {
	e.t.Helper()
	r := e.eng.Handle(context.Background(), bot.Request{Platform: "test", TeamID: team, UserID: user, UserName: user, RoleHint: goals.RoleManager, Text: text})
	if !r.OK {
		e.t.Fatalf("%q refused: %+v", text, r.Error)
	}
	return r
}

// press sends a button press.
func (e *env) press(team, user string, b bot.Button) bot.Reply {
	return e.eng.Handle(context.Background(), bot.Request{Platform: "test", TeamID: team, UserID: user, Action: &bot.Action{ID: b.Action, Value: b.Value}})
}

// seedRevenue2026 stores last year's revenue of team shop: an archived
// goal with a log every day, slow in February, busy in December.
func (e *env) seedRevenue2026() {
	e.t.Helper()
	ctx := context.Background()
	old := goals.Goal{TeamID: "shop", Owner: "boss", Scope: goals.ScopeTeam, Title: "Revenue 2026", Metric: "revenue",
		Unit: goals.UnitCNY, Kind: goals.KindTotal, Direction: goals.Increase, Target: 400_000,
		Start: goals.NewDate(2026, 1, 1), Deadline: goals.NewDate(2026, 12, 31), State: goals.StateArchived}
	if err := e.db.CreateGoal(ctx, &old); err != nil {
		e.t.Fatal(err)
	}
	loc := goals.LoadLocation("Asia/Shanghai")
	for day := goals.NewDate(2026, 1, 1); !day.After(goals.NewDate(2026, 12, 31)); day = day.AddDays(1) {
		l := goals.Log{GoalID: old.ID, TeamID: "shop", User: "amy", Amount: season[day.Month()],
			At: day.StartIn(loc).Add(19 * time.Hour), Day: day}
		if _, err := e.db.AddLog(ctx, &l, nil); err != nil {
			e.t.Fatal(err)
		}
	}
}

var season = [13]float64{0, 1000, 600, 900, 1000, 1100, 1000, 950, 1000, 1100, 1300, 1800, 2600}

func sumTargets(vs []bot.GoalView) float64 {
	s := 0.0
	for _, v := range vs {
		s += v.Target
	}
	return s
}

func TestSplitCommandSeasonal(t *testing.T) {
	e := newEnv(t)
	e.at("2027-01-01T09:00:00+08:00")
	r := e.manager("shop", "boss", "new team revenue ¥1,200,000 by 2027-12-31")
	year := r.Goals[0]
	if year.Target != 1_200_000 || year.Metric != "revenue" || year.Unit != goals.UnitCNY || year.Start.String() != "2027-01-01" {
		t.Fatalf("annual goal: %+v", year)
	}
	e.ok("shop", "amy", "list") // amy joins as a member
	e.seedRevenue2026()

	if r := e.say("shop", "amy", "split #1 by quarter"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member split a team goal: %+v", r)
	}
	r = e.ok("shop", "boss", "split #1 by quarter")
	if len(r.Goals) != 5 || r.Goals[0].ID != year.ID {
		t.Fatalf("split reply goals: %+v", r.Goals)
	}
	kids := r.Goals[1:]
	if sumTargets(kids) != 1_200_000 {
		t.Fatalf("quarters add up to %v", sumTargets(kids))
	}
	// Last year's quarters: 2,490 + 2,950 + 2,940 + 5,750 per ... in proportion.
	var q [4]float64
	for day := goals.NewDate(2026, 1, 1); !day.After(goals.NewDate(2026, 12, 31)); day = day.AddDays(1) {
		q[day.Quarter()-1] += season[day.Month()]
	}
	total := q[0] + q[1] + q[2] + q[3]
	for i, k := range kids {
		if want := 1_200_000 * q[i] / total; math.Abs(k.Target-want) > 0.01 {
			t.Errorf("Q%d: %v, want %v", i+1, k.Target, want)
		}
		if k.Parent == nil || *k.Parent != year.ID || k.Scope != goals.ScopeTeam {
			t.Errorf("Q%d: %+v", i+1, k)
		}
	}
	for _, want := range []string{"last year's revenue", "2026-01-01 – 2026-12-31", "2027-Q4", "▓", "⏰ 2027-12-31", "last year ¥"} {
		if !strings.Contains(r.Text, want) && !(want == "▓" && strings.Contains(r.Text, "░")) {
			t.Errorf("split reply lacks %q:\n%s", want, r.Text)
		}
	}
	if kids[0].Title != "2027-Q1: ¥"+bot.Num(kids[0].Target)+" revenue (part of #1)" {
		t.Errorf("child title %q", kids[0].Title)
	}
	if r := e.say("shop", "boss", "split #1 by month"); r.OK || r.Error.Code != "already_split" {
		t.Fatalf("second split: %+v", r)
	}

	// Q1 by month, in Chinese: months follow last year's January..March.
	r = e.ok("shop", "boss", "拆解 #"+itoa(kids[0].ID)+" 按月")
	if r.Lang != "zh-CN" || len(r.Goals) != 4 || !strings.Contains(r.Text, "去年同期") {
		t.Fatalf("zh split: %s %q", r.Lang, r.Text)
	}
	months := r.Goals[1:]
	if sumTargets(months) != kids[0].Target {
		t.Fatalf("months add up to %v, Q1 is %v", sumTargets(months), kids[0].Target)
	}
	if !(months[1].Target < months[0].Target && months[1].Target < months[2].Target) {
		t.Errorf("February (slow last year) should get the least: %v %v %v", months[0].Target, months[1].Target, months[2].Target)
	}

	// Logs into January roll up into Q1 on the parent's view.
	e.at("2027-01-05T18:00:00+08:00")
	e.ok("shop", "amy", "log #"+itoa(months[0].ID)+" ¥8,000")
	r = e.ok("shop", "boss", "progress #"+itoa(kids[0].ID))
	if r.Goals[0].Current != 8000 {
		t.Fatalf("Q1 roll-up: %+v", r.Goals[0])
	}
}

func TestSplitCommandEvenAndDimensions(t *testing.T) {
	e := newEnv(t)
	e.manager("acme", "boss", "team")
	e.ok("acme", "alice", "list")
	e.ok("acme", "bob", "list")
	// No history: 30 working days ... an even split of a quarter by month.
	r := e.manager("acme", "boss", "new team 600 demos by 2027-03-31")
	id := r.Goals[0].ID
	r = e.ok("acme", "boss", "split #1 by month")
	if len(r.Goals) != 6 || !strings.Contains(r.Text, "shared evenly") {
		t.Fatalf("even split: %d goals %q", len(r.Goals), r.Text)
	}
	if got := sumTargets(r.Goals[1:]); got != 600 {
		t.Fatalf("months add up to %v", got)
	}
	for _, k := range r.Goals[1:] {
		if k.Target != math.Round(k.Target) {
			t.Fatalf("a count split into fractions: %v", k.Target)
		}
	}
	_ = id

	// Weeks by working days.
	r = e.ok("acme", "alice", "new 130 calls by 2026-12-06")
	calls := r.Goals[0].ID
	r = e.ok("acme", "alice", "split #"+itoa(calls)+" by week")
	if !strings.Contains(r.Text, "working days") || sumTargets(r.Goals[1:]) != 130 {
		t.Fatalf("weeks: %q", r.Text)
	}
	if r.Goals[1].Owner != "alice" || r.Goals[1].Scope != goals.ScopeIndividual {
		t.Fatalf("own goal's children: %+v", r.Goals[1])
	}
	// Mon 2026-11-16 .. Sun 2026-12-06: three full weeks.
	if r.Goals[1].Target != 44 || r.Goals[2].Target != 43 || r.Goals[3].Target != 43 {
		t.Fatalf("weeks: %v %v %v", r.Goals[1].Target, r.Goals[2].Target, r.Goals[3].Target)
	}
	// alice may not split bob's goal, nor hand her goal to others.
	r = e.ok("acme", "bob", "new 40 calls by 2026-12-31")
	bobs := itoa(r.Goals[0].ID)
	if r := e.say("acme", "alice", "split #"+bobs+" by week"); r.OK || r.Error.Code != "not_your_goal" {
		t.Fatalf("split of someone else's goal: %+v", r)
	}
	if r := e.say("acme", "bob", "split #"+bobs+" by member"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member split by member: %+v", r)
	}

	// Region with shares, then even; member split of a team goal.
	r = e.manager("acme", "boss", "new team Q4 revenue $115,000 by 2026-12-31")
	rev := itoa(r.Goals[0].ID)
	if r := e.say("acme", "boss", "split #"+rev+" by region EU=40% US=50%"); r.OK || r.Error.Code != "split_shares_sum" || !strings.Contains(r.Error.Message, "90%") {
		t.Fatalf("shares that miss 100%%: %+v", r)
	}
	if r := e.say("acme", "boss", "split #"+rev+" by region"); r.OK || r.Error.Code != "split_need_values" {
		t.Fatalf("region split without values: %+v", r)
	}
	r = e.ok("acme", "boss", "split #"+rev+" by region EU=40% US=35% APAC=25%")
	want := map[string]float64{"EU": 46_000, "US": 40_250, "APAC": 28_750}
	for _, k := range r.Goals[1:] {
		if want[k.Tags["region"]] != k.Target {
			t.Errorf("region %q: %v", k.Tags["region"], k.Target)
		}
	}
	if len(r.Goals) != 4 || !strings.Contains(r.Text, "as you gave them") {
		t.Fatalf("region split: %q", r.Text)
	}
	r = e.manager("acme", "boss", "new team 100 deals by 2026-12-31")
	deals := itoa(r.Goals[0].ID)
	r = e.ok("acme", "boss", "split #"+deals+" by channel web store phone")
	if r.Goals[1].Target != 34 || r.Goals[2].Target != 33 || r.Goals[3].Tags["channel"] != "phone" {
		t.Fatalf("even channel split: %+v", r.Goals[1:])
	}
	r = e.manager("acme", "boss", "new team 90 demos by 2026-12-31")
	demos := itoa(r.Goals[0].ID)
	if r := e.say("acme", "alice", "split #"+demos+" by member"); r.OK || r.Error.Code != "managers_only" {
		t.Fatalf("member split by a member: %+v", r)
	}
	r = e.ok("acme", "boss", "split #"+demos+" by member @alice=60% @bob=40%")
	if r.Goals[1].Owner != "alice" || r.Goals[1].Target != 54 || r.Goals[2].Owner != "bob" || r.Goals[2].Target != 36 ||
		r.Goals[1].Scope != goals.ScopeIndividual || r.Goals[1].Tags["member"] != "alice" {
		t.Fatalf("member split: %+v", r.Goals[1:])
	}
	// Each logs into their own part; the team goal rolls up.
	e.ok("acme", "alice", "log #"+itoa(r.Goals[1].ID)+" 5")
	e.ok("acme", "bob", "log #"+itoa(r.Goals[2].ID)+" 3")
	r = e.ok("acme", "boss", "progress #"+demos)
	if r.Goals[0].Current != 8 {
		t.Fatalf("team goal roll-up: %+v", r.Goals[0])
	}
	if r := e.say("acme", "boss", "split #"+demos+" by quarter"); r.OK || r.Error.Code != "already_split" {
		t.Fatalf("second split: %+v", r)
	}
	for _, bad := range []struct{ text, code string }{
		{"split", "need_goal_id"},
		{"split #" + deals + " sideways", "split_usage"},
		{"split #" + deals + " by month EU=40%", "split_usage"},
		{"split #999 by month", "goal_not_found"},
	} {
		if r := e.say("acme", "boss", bad.text); r.OK || r.Error.Code != bad.code {
			t.Errorf("%q: %+v, want %s", bad.text, r.Error, bad.code)
		}
	}
	// Another team sees none of it.
	if r := e.manager("evil", "eve", "list team"); len(r.Goals) != 0 {
		t.Fatalf("cross-team: %+v", r.Goals)
	}
	if r := e.say("evil", "eve", "split #"+demos+" by week"); r.OK || r.Error.Code != "goal_not_found" {
		t.Fatalf("cross-team split: %+v", r)
	}
}

func itoa(id int64) string { return bot.Num(float64(id)) }

// Members are refused every manager-only command, and the refusal changes nothing.
func TestManagerOnlyCommands(t *testing.T) {
	e := newEnv(t)
	e.manager("acme", "boss", "new team 50 demos by 2026-12-31")
	e.ok("acme", "alice", "log #1 3")
	before := e.logCount()
	for _, text := range []string{"split #1 by week", "split #1 by member", "export", "role alice manager", "导出"} {
		r := e.say("acme", "alice", text)
		if r.OK || r.Error.Code != "managers_only" || len(r.Buttons) != 0 || r.CSV != nil {
			t.Errorf("%q by a member: %+v", text, r)
		}
	}
	gs, err := e.db.Goals(context.Background(), goals.GoalFilter{TeamID: "acme"})
	if err != nil || len(gs) != 1 || e.logCount() != before {
		t.Fatalf("refusals changed the team: %d goals, %v", len(gs), err)
	}
}

func TestExportChat(t *testing.T) {
	e := newEnv(t)
	e.manager("acme", "boss", "new team 50 demos by 2026-12-31")
	e.ok("acme", "alice", "log #1 3 cold call")
	e.ok("acme", "bob", "log #1 2 =HYPERLINK(\"x\")")
	e.ok("acme", "alice", "new 10 calls by Friday")
	e.ok("acme", "alice", "log #2 4")
	e.manager("evil", "eve", "new 99 calls by 2026-12-31")
	e.ok("evil", "eve", "log #3 7 do not leak")

	r := e.ok("acme", "boss", "export")
	if !strings.Contains(r.Text, "goals: 2, logs: 3") || len(r.CSV) == 0 || r.Public {
		t.Fatalf("export reply: %q public=%v", r.Text, r.Public)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.CSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != "team,log_id,goal_id,goal_title,metric,unit,user,amount,note,at,day" {
		t.Fatalf("csv: %q", rows)
	}
	if rows[1][0] != "acme" || rows[1][2] != "1" || rows[1][4] != "demos" || rows[1][5] != "count" || rows[1][6] != "alice" ||
		rows[1][7] != "3" || rows[1][8] != "cold call" || rows[1][9] != "2026-11-16T09:00:00+08:00" || rows[1][10] != "2026-11-16" {
		t.Errorf("first row: %q", rows[1])
	}
	if rows[2][8] != `'=HYPERLINK("x")` {
		t.Errorf("formula not defused: %q", rows[2][8])
	}
	if strings.Contains(string(r.CSV), "leak") || strings.Contains(string(r.CSV), "evil") {
		t.Fatalf("another team's data in the export:\n%s", r.CSV)
	}
	// The other team's manager gets only theirs.
	r = e.ok("evil", "eve", "export")
	if strings.Contains(string(r.CSV), "acme") || strings.Contains(string(r.CSV), "demos") || !strings.Contains(string(r.CSV), "do not leak") {
		t.Fatalf("evil export:\n%s", r.CSV)
	}
	// The builder: team goals with contributions, members, logs.
	x, err := bot.BuildExport(context.Background(), e.eng.Service(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Teams) != 1 || len(x.Members) != 3 || len(x.Goals) != 2 || len(x.Logs) != 3 {
		t.Fatalf("export: %+v", x)
	}
	c := x.Goals[0].Contributions
	if x.Goals[0].Team != "acme" || x.Goals[0].Current != 5 || len(c) != 2 || c[0].User != "alice" || c[0].Amount != 3 || c[1].User != "bob" {
		t.Fatalf("team goal in export: %+v", x.Goals[0])
	}
	// In Chinese, by alias.
	r = e.ok("acme", "boss", "导出")
	if !strings.Contains(r.Text, "条记录") || len(r.CSV) == 0 {
		t.Fatalf("zh export: %q", r.Text)
	}
}

func TestBreakeven(t *testing.T) {
	e := newEnv(t)
	r := e.ok("shop", "wang", "breakeven fixed=20000 price=99 cost=60")
	// 20000 / 39 = 512.8 → 513 units; 513 × 99 = 50,787.
	if !strings.Contains(r.Text, "513 units") || !strings.Contains(r.Text, "50,787") || !strings.Contains(r.Text, "2026-11-30") {
		t.Fatalf("breakeven: %q", r.Text)
	}
	if len(r.Buttons) != 2 || r.Buttons[0].Action != bot.ActAcceptRewrite || r.Buttons[1].Action != bot.ActKeepAsIs {
		t.Fatalf("buttons: %+v", r.Buttons)
	}
	if n := len(goalsOf(t, e, "shop")); n != 0 {
		t.Fatalf("breakeven created %d goals before Accept", n)
	}
	r = e.press("shop", "wang", r.Buttons[0])
	if !r.OK || len(r.Goals) != 1 || r.Goals[0].Target != 513 || r.Goals[0].Deadline.String() != "2026-11-30" ||
		r.Goals[0].Unit != goals.UnitCount || !strings.Contains(r.Goals[0].Title, "513 units") {
		t.Fatalf("accepted: %+v", r)
	}
	// Exact in cents: 100 / (1.10 − 1.00) is 1000 units, not 1001.
	r = e.ok("shop", "wang", "breakeven fixed=$100 price=$1.10 cost=$1.00 by=end of December")
	if !strings.Contains(r.Text, "1,000 units") || !strings.Contains(r.Text, "$1,100") || !strings.Contains(r.Text, "2026-12-31") {
		t.Fatalf("cents: %q", r.Text)
	}
	// Chinese keys and answer; Keep as is uses the short title.
	r = e.ok("shop", "wang", "保本 固定成本=2万 售价=¥99 成本=¥60")
	if r.Lang != "zh-CN" || !strings.Contains(r.Text, "513 件") || !strings.Contains(r.Text, "¥50,787") {
		t.Fatalf("zh breakeven: %s %q", r.Lang, r.Text)
	}
	r = e.press("shop", "wang", r.Buttons[1])
	if !r.OK || r.Goals[0].Title != "保本：513 件" || r.Goals[0].Target != 513 {
		t.Fatalf("kept: %+v", r.Goals)
	}
	// Positional form; numbers alone keep the language wang writes in.
	if r := e.ok("shop", "wang", "breakeven 20000 99 60"); !strings.Contains(r.Text, "513 件") {
		t.Fatalf("positional: %q", r.Text)
	}
	for _, bad := range []struct{ text, code string }{
		{"breakeven fixed=20000 price=50 cost=60", "breakeven_no_margin"},
		{"breakeven fixed=20000 price=60 cost=60", "breakeven_no_margin"},
		{"breakeven fixed=20000 price=99", "breakeven_usage"},
		{"breakeven colour=red", "breakeven_usage"},
		{"breakeven fixed=abc price=99 cost=60", "bad_amount"},
		{"breakeven fixed=20000 price=99 cost=60 by=2020-01-01", "date_in_past"},
	} {
		before := len(goalsOf(t, e, "shop"))
		r := e.say("shop", "wang", bad.text)
		if r.OK || r.Error.Code != bad.code || len(goalsOf(t, e, "shop")) != before {
			t.Errorf("%q: %+v, want %s", bad.text, r.Error, bad.code)
		}
	}
}

func goalsOf(t *testing.T, e *env, team string) []goals.Goal {
	t.Helper()
	gs, err := e.db.Goals(context.Background(), goals.GoalFilter{TeamID: team})
	if err != nil {
		t.Fatal(err)
	}
	return gs
}
