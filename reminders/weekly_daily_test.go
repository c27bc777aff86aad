package reminders_test

import (
	"context"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// A "5 calls a day" goal in the Monday weekly digest is judged on the week
// just ended (12 of 5 × 5 working days), not on Sunday alone.
func TestWeeklyDigestShowsDailyGoalsAsTheirWeek(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, sh) // Monday
	db := mustOpen(t, goals.ClockFunc(func() time.Time { return now }))
	ctx := context.Background()
	team, err := db.EnsureTeam(ctx, goals.Team{ID: "shop", TZ: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "shop", UserID: "wang", Role: goals.RoleMember}); err != nil {
		t.Fatal(err)
	}
	g := &goals.Goal{TeamID: "shop", Owner: "wang", Scope: goals.ScopeIndividual, Title: "5 calls a day", Metric: "calls",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 5, Cadence: goals.CadenceDaily,
		Start: goals.NewDate(2026, 11, 16), Deadline: goals.NewDate(2026, 12, 31), State: goals.StateActive}
	if err := db.CreateGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
	for d := 16; d <= 18; d++ {
		day := goals.NewDate(2026, 11, d)
		l := goals.Log{GoalID: g.ID, TeamID: "shop", User: "wang", Amount: 4, Day: day, At: day.StartIn(sh).Add(17 * time.Hour)}
		if _, err := db.AddLog(ctx, &l, nil); err != nil {
			t.Fatal(err)
		}
	}
	p := reminders.PeriodAt(reminders.KindWeekly, reminders.ReportAsOf(reminders.KindWeekly, now, sh), sh)
	snaps, err := reminders.LoadSnapshots(ctx, db, []reminders.SnapshotRequest{{Team: team, Period: p}})
	if err != nil {
		t.Fatal(err)
	}
	d := reminders.Build(snaps[0], p, "en")
	if d.Period != "2026-W47" || len(d.Members) != 1 || len(d.Members[0].Goals) != 1 {
		t.Fatalf("digest %+v", d)
	}
	v := d.Members[0].Goals[0]
	if v.Current != 12 || v.Target != 25 || v.Cadence == nil || *v.Cadence != goals.CadenceWeekly || v.RequiredRate != 0 {
		t.Fatalf("daily goal in the weekly digest: current %v target %v cadence %v required %v", v.Current, v.Target, v.Cadence, v.RequiredRate)
	}
	if v.Status != goals.StatusBehind {
		t.Errorf("12 of 25 at the end of the week: status %s, want behind", v.Status)
	}
}
