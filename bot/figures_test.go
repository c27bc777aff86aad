package bot_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// Tests of issue 15, "figures a user can trust", through the engine on a
// real SQLite file.

// agrees checks one goal of a reply: the status it prints never
// contradicts the expected-by-now, the projection and the current value
// printed with it (the STATUS RULE of goals/progress.go, from the view's
// rounded figures).
func agrees(v bot.GoalView) error {
	origin := 0.0
	if v.Kind == goals.KindLevel {
		origin = v.Baseline
	}
	way := v.Target - origin
	expPct := 0.0
	if way != 0 {
		expPct = (v.Expected - origin) / way * 100
	}
	isCap := v.Kind == goals.KindTotal && v.Direction == goals.Decrease
	reached := v.Current >= v.Target
	if v.Kind == goals.KindLevel && v.Direction == goals.Decrease {
		reached = v.Current <= v.Target
	}
	projPct := v.Percent
	if v.Projected && way != 0 {
		projPct = (v.Projection - origin) / way * 100
	}
	const slack = 0.2 // percentage points of rounding
	okNow := v.Percent >= expPct*0.9-slack
	okEnd := !v.Projected || projPct >= 90-slack
	switch v.Status {
	case goals.StatusAchieved:
		if !reached && !isCap {
			return fmt.Errorf("achieved at %v of %v", v.Current, v.Target)
		}
	case goals.StatusUpcoming:
		if math.Abs(v.Expected-origin) > 0.01 {
			return fmt.Errorf("upcoming with %v expected", v.Expected)
		}
	case goals.StatusOnTrack:
		if isCap {
			if v.Current > v.Target {
				return fmt.Errorf("cap on track over the cap")
			}
			break
		}
		if v.MissedRun >= 2 {
			return fmt.Errorf("on track after %d missed periods", v.MissedRun)
		}
		if v.Projected && !okEnd {
			return fmt.Errorf("on track with a projection of %v of %v", v.Projection, v.Target)
		}
		if v.Projected && v.Kind == goals.KindTotal && !okNow {
			return fmt.Errorf("on track at %v%% with %v%% expected", v.Percent, expPct)
		}
	case goals.StatusAtRisk, goals.StatusBehind:
		if reached && !isCap {
			return fmt.Errorf("%s although reached", v.Status)
		}
		if !isCap && v.MissedRun < 2 && v.Percent >= expPct+slack && (!v.Projected || projPct >= 100) {
			return fmt.Errorf("%s at %v%% with %v%% expected, projection %v", v.Status, v.Percent, expPct, v.Projection)
		}
	case goals.StatusMissed:
		if reached && !isCap {
			return fmt.Errorf("missed although reached")
		}
	default:
		return fmt.Errorf("unknown status %q", v.Status)
	}
	if v.Kind == goals.KindLevel && v.Projected && (v.Projection < 0 || v.Unit == goals.UnitPercent && v.Projection > 100) {
		return fmt.Errorf("projection %v beyond the scale", v.Projection)
	}
	return nil
}

func checkAgrees(t *testing.T, what string, r bot.Reply) {
	t.Helper()
	for _, v := range r.Goals {
		if err := agrees(v); err != nil {
			t.Errorf("%s: #%d %q: %v\n%s", what, v.ID, v.Title, err, r.Text)
		}
	}
}

func buttonActions(bs []bot.Button) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Action+"="+b.Label)
	}
	return strings.Join(out, ",")
}

// Status examples of the issue, as the replies show them.
func TestReplyStatusExamples(t *testing.T) {
	e := newEnv(t)
	e.at("2026-11-16T09:00:00Z")
	e.ok("t", "amy", "settings tz=UTC")
	e.ok("t", "amy", "new Book 20 demos by 2026-11-20")
	e.at("2026-11-16T20:00:00Z")
	r := e.ok("t", "amy", "progress #1")
	if v := r.Goals[0]; v.Status == goals.StatusOnTrack || v.Expected != 4 {
		t.Errorf("day 1 at 20:00, 0/20: %s with %v expected\n%s", v.Status, v.Expected, r.Text)
	}
	checkAgrees(t, "day 1", r)

	e.at("2026-11-16T09:01:00Z")
	r = e.ok("t", "amy", "new 5 calls a day")
	if v := r.Goals[0]; v.Status != goals.StatusOnTrack || strings.Contains(r.Text, "⏰") || !v.Deadline.IsZero() {
		t.Errorf("5 calls a day at 09:01: %s, deadline %q\n%s", v.Status, v.Deadline, r.Text)
	}
	// A week with nothing logged: each day that ended short is missed, the run is behind.
	e.at("2026-11-23T09:01:00Z")
	r = e.ok("t", "amy", "progress #2")
	if v := r.Goals[0]; v.Status != goals.StatusBehind || v.MissedRun != 5 || !strings.Contains(r.Text, "Missed the last 5") {
		t.Errorf("after a week of nothing: %s, run %d\n%s", v.Status, v.MissedRun, r.Text)
	}
	checkAgrees(t, "missed week", r)
}

// Level goals record readings: no +1, the last value shown, a projection
// only from two readings on different days, never beyond the scale.
func TestLevelGoalReadings(t *testing.T) {
	e := newEnv(t)
	e.at("2026-11-16T09:00:00+08:00")
	r := e.ok("shop", "wang", "new reduce churn from 45% to 20% by 2027-03-31")
	id := r.Goals[0].ID
	if strings.Contains(r.Text, fmt.Sprintf("log #%d 1`", id)) || strings.Contains(buttonActions(r.Buttons), bot.ActQuickLog) {
		t.Fatalf("level goal offers +1: %s %s", r.Text, buttonActions(r.Buttons))
	}
	if !strings.Contains(r.Text, "45%") || !strings.Contains(buttonActions(r.Buttons), "Record a reading") {
		t.Errorf("no reading offered: %s %s", r.Text, buttonActions(r.Buttons))
	}
	// A stale +1 (an old message) records nothing.
	n := e.logCount()
	r = e.press("shop", "wang", bot.Button{Action: bot.ActQuickLog, Value: fmt.Sprintf("%d:1", id)})
	if e.logCount() != n || len(r.Goals) == 0 || r.Goals[0].Status == goals.StatusAchieved {
		t.Fatalf("+1 on churn logged or achieved: %+v", r)
	}
	e.at("2026-11-17T10:00:00+08:00")
	r = e.ok("shop", "wang", fmt.Sprintf("log #%d 40%%", id))
	if bs := buttonActions(r.Buttons); strings.Contains(bs, bot.ActQuickLog) {
		t.Errorf("after a reading: %s", bs)
	}
	r = e.ok("shop", "wang", fmt.Sprintf("progress #%d", id))
	if r.Goals[0].Projected || !strings.Contains(r.Text, "Not enough readings yet") || !strings.Contains(buttonActions(r.Buttons), "last 40%") {
		t.Errorf("one reading: %s %s", r.Text, buttonActions(r.Buttons))
	}
	checkAgrees(t, "one reading", r)
	e.at("2026-11-24T10:00:00+08:00")
	e.ok("shop", "wang", fmt.Sprintf("log #%d 30%%", id))
	r = e.ok("shop", "wang", fmt.Sprintf("progress #%d", id))
	if v := r.Goals[0]; !v.Projected || v.Projection != 0 {
		t.Errorf("two readings falling 10 points a week: projection %v (%v), want 0%%\n%s", v.Projection, v.Projected, r.Text)
	}
	checkAgrees(t, "two readings", r)

	// A conversion rate rising fast stops at 100%.
	r = e.ok("shop", "wang", "new conversion rate from 1% to 2% by 2027-06-30")
	cid := r.Goals[0].ID
	e.ok("shop", "wang", fmt.Sprintf("log #%d 5%%", cid))
	e.at("2026-11-25T10:00:00+08:00")
	r = e.ok("shop", "wang", fmt.Sprintf("log #%d 50%%", cid))
	if v := r.Goals[0]; v.Projected && v.Projection > 100 {
		t.Errorf("conversion projected to %v%%", v.Projection)
	}
	checkAgrees(t, "conversion", r)
}

// Splits credit each child with the logs already made.
func TestSplitCreditsLogs(t *testing.T) {
	e := newEnv(t)
	e.at("2026-11-16T10:00:00+08:00")
	e.ok("shop", "amy", "new revenue $10,000 by 2026-12-31")
	e.at("2026-11-18T10:00:00+08:00")
	e.ok("shop", "amy", "log $3,201.5")
	r := e.ok("shop", "amy", "split #1 by week")
	var week bot.GoalView
	for _, v := range r.Goals {
		if v.Start.String() == "2026-11-16" {
			week = v
		}
	}
	if week.Current != 3201.5 {
		t.Errorf("this week's child shows %v, want 3201.5\n%s", week.Current, r.Text)
	}

	e.manager("shop", "boss", "new team revenue ¥100,000 by 2026-12-31")
	e.ok("shop", "lili", "log #9 ¥5,000")
	e.ok("shop", "wang", "list")
	r = e.manager("shop", "boss", "split #9 by member boss lili wang")
	got := map[string]float64{}
	for _, v := range r.Goals {
		got[v.Owner] = v.Current
	}
	if got["lili"] != 5000 || got["wang"] != 0 {
		t.Errorf("member split: %v\n%s", got, r.Text)
	}
}

// A member's zone sets the day of their own logs; times shown are theirs.
func TestMemberZone(t *testing.T) {
	e := newEnv(t) // team zone Asia/Shanghai
	e.at("2026-11-10T12:00:00Z")
	e.ok("t", "ann", "settings tz=America/New_York")
	e.ok("t", "mei", "settings tz=Asia/Shanghai")
	e.ok("t", "mei", "new Book 20 demos by 2026-11-20")
	e.ok("t", "ann", "new Book 10 demos by 2026-11-20")
	// 07:00 in Shanghai on Nov 11 is Nov 10 in UTC and in New York.
	e.at("2026-11-10T23:00:00Z")
	e.ok("t", "mei", "log #1 2")
	e.ok("t", "ann", "log #2 1")
	ls, err := e.db.Logs(context.Background(), goals.LogFilter{TeamID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	days := map[string]string{}
	for _, l := range ls {
		days[l.User] = l.Day.String()
	}
	if days["mei"] != "2026-11-11" || days["ann"] != "2026-11-10" {
		t.Errorf("log days %v, want mei 2026-11-11, ann 2026-11-10", days)
	}
	e.at("2026-11-16T01:01:00Z")
	e.ok("t", "mei", "log #1 1")
	r := e.ok("t", "mei", "undo")
	if !strings.Contains(r.Text, "2026-11-16 09:01") {
		t.Errorf("undo shows another zone's time: %s", r.Text)
	}
}

// Titles made from the figures follow an edit of them.
func TestTitleFollowsEdit(t *testing.T) {
	e := newEnv(t)
	e.ok("t", "amy", "new Book 20 demos by 2026-11-20")
	r := e.ok("t", "amy", "edit #1 target=25")
	if !strings.Contains(r.Text, "Book 25 demos by 2026-11-20") || strings.Contains(r.Text, "Book 20") {
		t.Errorf("edited card: %s", r.Text)
	}
	e.ok("t", "amy", "edit #1 title=My demo push")
	r = e.ok("t", "amy", "edit #1 target=30")
	if !strings.Contains(r.Text, "My demo push") || !strings.Contains(r.Text, "/30") {
		t.Errorf("own title: %s", r.Text)
	}
}

// A week on a fake clock, two members in America/New_York and Asia/Shanghai
// logging at their own hours: every reply's status agrees with its figures,
// and every log is booked to its writer's local day.
func TestWeekInTwoZones(t *testing.T) {
	e := newEnv(t)
	e.at("2026-11-16T00:30:00Z") // Monday morning in Shanghai, Sunday evening in New York
	members := []struct{ user, tz string }{{"ann", "America/New_York"}, {"mei", "Asia/Shanghai"}}
	for _, m := range members {
		e.ok("team", m.user, "settings tz="+m.tz)
	}
	e.manager("team", "boss", "settings tz=UTC")
	type ev struct {
		at   time.Time
		user string
		text string
	}
	var evs []ev
	for i, m := range members {
		loc := goals.LoadLocation(m.tz)
		start := time.Date(2026, 11, 16, 9, 5, 0, 0, loc)
		evs = append(evs,
			ev{start, m.user, "new Book 20 demos by Friday"},
			ev{start.Add(time.Minute), m.user, "new 5 calls a day"},
			ev{start.Add(2 * time.Minute), m.user, "new reduce checkout time from 3 minutes to 1.25 minutes by 2026-12-31"},
		)
		for day := 0; day < 7; day++ {
			for h, hour := range []int{10, 14, 19} {
				at := time.Date(2026, 11, 16+day, hour, 0, 0, 0, loc)
				amt := (day*3 + h + i) % 4 // 0..3, some days nothing
				if i == 1 && day >= 2 {
					amt = 0 // mei stops on Wednesday: behind, then missed
				}
				if amt > 0 {
					evs = append(evs, ev{at, m.user, fmt.Sprintf("log %d demos", amt)})
					evs = append(evs, ev{at.Add(time.Minute), m.user, fmt.Sprintf("log %d calls", amt+h)})
				}
				if h == 1 && day%2 == 0 {
					evs = append(evs, ev{at.Add(2 * time.Minute), m.user, fmt.Sprintf("log checkout time %.2f", 3-0.2*float64(day+1))})
				}
				evs = append(evs, ev{at.Add(3 * time.Minute), m.user, "list"})
				for id := 1; id <= 6; id++ {
					evs = append(evs, ev{at.Add(4 * time.Minute), m.user, fmt.Sprintf("progress #%d", id)})
				}
			}
		}
	}
	sort.SliceStable(evs, func(a, b int) bool { return evs[a].at.Before(evs[b].at) })
	replies := 0
	statuses := map[goals.Status]int{}
	for _, x := range evs {
		e.at(x.at.UTC().Format(time.RFC3339))
		r := e.say("team", x.user, x.text)
		if !r.OK {
			if r.Error != nil && (r.Error.Code == "not_your_goal" || r.Error.Code == "goal_not_found") {
				continue // another member's goal
			}
			t.Fatalf("%s %s %q: %+v", x.at, x.user, x.text, r.Error)
		}
		replies++
		for _, v := range r.Goals {
			statuses[v.Status]++
		}
		checkAgrees(t, x.at.Format(time.RFC3339)+" "+x.user+" "+x.text, r)
	}
	ls, err := e.db.Logs(context.Background(), goals.LogFilter{TeamID: "team"})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		tz := map[string]string{"ann": "America/New_York", "mei": "Asia/Shanghai"}[l.User]
		if want := goals.DateIn(l.At, goals.LoadLocation(tz)); l.Day != want {
			t.Errorf("log %d by %s at %s booked to %s, want %s", l.ID, l.User, l.At, l.Day, want)
		}
	}
	t.Logf("%d replies, %d logs, statuses shown: %v", replies, len(ls), statuses)
	if replies < 200 || len(ls) < 30 || statuses[goals.StatusBehind] == 0 || statuses[goals.StatusMissed] == 0 || statuses[goals.StatusAtRisk] == 0 {
		t.Errorf("simulation too small: %d replies, %d logs", replies, len(ls))
	}
}

// The property of issue 15 at the reply's level: over random goals and
// logs, the status a reply carries never contradicts the expected-by-now
// and the projection it prints (rounded as shown).
func TestReplyStatusAgreesProperty(t *testing.T) {
	r := newRand(15)
	base := goals.NewDate(2026, 10, 1)
	cadences := []goals.Cadence{goals.CadenceNone, goals.CadenceNone, goals.CadenceDaily, goals.CadenceWeekly, goals.CadenceMonthly}
	for i := 0; i < 30000; i++ {
		start := base.AddDays(r.IntN(90))
		g := goals.Goal{ID: int64(i + 1), Title: "g", Kind: goals.KindTotal, Direction: goals.Increase, Unit: goals.UnitCount,
			Start: start, Deadline: start.AddDays(r.IntN(120)), Cadence: cadences[r.IntN(len(cadences))], State: goals.StateActive,
			CreatedAt: start.StartIn(time.UTC).Add(time.Duration(r.IntN(24)) * time.Hour)}
		switch r.IntN(4) {
		case 0:
			g.Kind, g.Unit, g.Baseline = goals.KindLevel, goals.UnitPercent, float64(r.IntN(50))
			g.Target = g.Baseline + 1 + float64(r.IntN(50))
		case 1:
			g.Kind, g.Unit, g.Direction, g.Target = goals.KindLevel, goals.UnitMinutes, goals.Decrease, float64(r.IntN(5))
			g.Baseline = g.Target + 1 + float64(r.IntN(5))
		case 2:
			g.Direction, g.Target = goals.Decrease, 1+float64(r.IntN(50))
		default:
			g.Target = 1 + float64(r.IntN(100000))
		}
		if g.Recurring() && r.IntN(2) == 0 {
			g.Deadline = goals.Date{}
		}
		now := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(200 * 24 * time.Hour))))
		var s goals.Stats
		if n := r.IntN(4); n > 0 {
			s = goals.Stats{Count: n, Sum: r.Float64() * g.Target * 2, First: r.Float64() * 100, Latest: r.Float64() * 100,
				FirstDay: start.AddDays(r.IntN(20)), LatestAt: now.Add(-time.Duration(r.Int64N(int64(96 * time.Hour))))}
		}
		p := goals.ComputeProgress(g, s, now, goals.LoadLocation("Asia/Shanghai"), goals.MonFri)
		if g.Recurring() && r.IntN(3) == 0 {
			p.SetMissedRun(r.IntN(4))
		}
		v := bot.ViewOf(goals.Figures{Goal: g, Progress: p})
		if err := agrees(v); err != nil {
			t.Fatalf("case %d: %v\n%+v\n%+v", i, err, v, p)
		}
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 2026)) }

// A goal for a later period takes no logs before it starts: they would
// count nowhere. It shows as upcoming, apart from the active goals.
func TestUpcomingGoal(t *testing.T) {
	e := newEnv(t)
	e.at("2026-11-10T09:00:00+08:00")
	r := e.manager("shop", "boss", "new team 明年第一季度销售额达到15万元")
	if v := r.Goals[0]; v.Start.String() != "2027-01-01" || v.Status != goals.StatusUpcoming {
		t.Fatalf("Q1 goal: start %s status %s\n%s", v.Start, v.Status, r.Text)
	}
	n := e.logCount()
	r = e.say("shop", "boss", "log #1 ¥5,000")
	if r.OK || r.Error.Code != "goal_not_started" || e.logCount() != n || !strings.Contains(r.Error.Message, "2027-01-01") {
		t.Errorf("log before the start: %+v", r)
	}
	r = e.manager("shop", "boss", "拆解 #1 按月")
	var months []string
	for _, v := range r.Goals {
		if v.Parent != nil {
			months = append(months, v.Start.String()[:7])
		}
	}
	if strings.Join(months, ",") != "2027-01,2027-02,2027-03" {
		t.Errorf("split by month: %v\n%s", months, r.Text)
	}
	r = e.manager("shop", "boss", "list")
	if !strings.Contains(r.Text, "即将开始") && !strings.Contains(r.Text, "Upcoming") {
		t.Errorf("list: %s", r.Text)
	}
	e.at("2027-01-04T10:00:00+08:00")
	r = e.manager("shop", "boss", "log ¥5,000")
	if v := r.Goals[0]; v.Start.String() != "2027-01-01" || v.Status == goals.StatusUpcoming {
		t.Errorf("January log went to %+v", v)
	}
	checkAgrees(t, "january", r)
}

// The same property end to end: random goals and random logs at random
// instants through the engine; every reply (log, progress, list) carries a
// status its printed figures agree with.
func TestRandomSessionsAgree(t *testing.T) {
	r := newRand(2027)
	statements := []string{
		"new Book 20 demos by 2026-11-27",
		"new revenue $50,000 by 2026-12-31",
		"new 5 calls a day",
		"new 10 emails a week",
		"new reduce churn from 45% to 20% by 2027-03-31",
		"new raise conversion rate from 1% to 2% by 2026-12-31",
		"new reduce checkout time from 3 minutes to 1.25 minutes by 2026-12-31",
		"new at most 10 returns by 2026-11-30",
	}
	zones := []string{"America/New_York", "Asia/Shanghai", "UTC"}
	start := time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC)
	checked := 0
	for s := 0; s < 12; s++ {
		e := newEnv(t)
		e.at(start.Format(time.RFC3339))
		user := fmt.Sprintf("u%d", s)
		e.ok("t", user, "settings tz="+zones[s%len(zones)])
		var ids []int64
		for _, st := range statements {
			if r.IntN(2) == 0 {
				continue
			}
			if rep := e.say("t", user, st); rep.OK && len(rep.Goals) > 0 {
				ids = append(ids, rep.Goals[0].ID)
				checkAgrees(t, st, rep)
			}
		}
		now := start
		for step := 0; step < 40 && len(ids) > 0; step++ {
			now = now.Add(time.Duration(r.IntN(20)) * time.Hour)
			e.at(now.Format(time.RFC3339))
			id := ids[r.IntN(len(ids))]
			var text string
			switch r.IntN(4) {
			case 0:
				text = fmt.Sprintf("progress #%d", id)
			case 1:
				text = "list"
			default:
				text = fmt.Sprintf("log #%d %d", id, 1+r.IntN(40))
			}
			rep := e.say("t", user, text)
			if !rep.OK {
				continue // a reading out of range, a goal over: refused, nothing to check
			}
			checked += len(rep.Goals)
			checkAgrees(t, now.Format(time.RFC3339)+" "+text, rep)
		}
	}
	t.Logf("%d goal views checked", checked)
	if checked < 200 {
		t.Errorf("only %d goal views checked", checked)
	}
}
