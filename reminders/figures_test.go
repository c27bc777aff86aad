package reminders_test

import (
	"context"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// Digests judge like replies: a daily goal with two working days that ended
// short is behind in the daily summary; a split parent's top contributors
// include what was logged to its children.
func TestDigestFiguresAgreeWithReplies(t *testing.T) {
	team := goals.Team{ID: "t", TZ: "UTC", Lang: "en"}
	calls := goals.Goal{ID: 1, TeamID: "t", Owner: "amy", Scope: goals.ScopeIndividual, Title: "10 calls a day", Metric: "calls",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 10, Cadence: goals.CadenceDaily,
		Start: goals.NewDate(2026, 11, 9), State: goals.StateActive}
	asOf := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC) // Wednesday
	p := reminders.PeriodAt(reminders.KindDaily, asOf, time.UTC)
	tests := []struct {
		name    string
		buckets []float64 // Nov 11 .. Nov 18
		want    goals.Status
		run     int
	}{
		{"two short working days, today met: achieved", []float64{10, 10, 10, 0, 0, 0, 0, 10}, goals.StatusAchieved, 2},
		{"Mon and Tue short, nothing today: behind", []float64{10, 10, 10, 0, 0, 0, 0, 0}, goals.StatusBehind, 2},
		{"only Tuesday short: at risk", []float64{10, 10, 10, 0, 0, 10, 0, 0}, goals.StatusAtRisk, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			has := make([]bool, len(tt.buckets))
			for i := range has {
				has[i] = true
			}
			today := tt.buckets[len(tt.buckets)-1]
			s := reminders.Snapshot{Team: team, Members: []goals.Member{{TeamID: "t", UserID: "amy"}},
				Goals: []reminders.GoalData{{Goal: calls, Stats: goals.Stats{Sum: today, Count: 1}, Buckets: tt.buckets, Has: has}}}
			d := reminders.Build(s, p, "en")
			v := d.Members[0].Goals[0]
			if v.Status != tt.want || v.MissedRun != tt.run {
				t.Errorf("status %s, run %d; want %s, %d\n%s", v.Status, v.MissedRun, tt.want, tt.run, d.Text)
			}
		})
	}

	// lili logged ¥6,000 to her part of the team goal: she is a top contributor.
	parent := goals.Goal{ID: 5, TeamID: "t", Owner: "boss", Scope: goals.ScopeTeam, Title: "Team revenue", Metric: "revenue",
		Unit: goals.UnitCNY, Kind: goals.KindTotal, Direction: goals.Increase, Target: 100000,
		Start: goals.NewDate(2026, 11, 16), Deadline: goals.NewDate(2026, 12, 31), State: goals.StateActive}
	pid := parent.ID
	part := parent
	part.ID, part.Owner, part.Scope, part.ParentID, part.Target = 6, "lili", goals.ScopeIndividual, &pid, 50000
	wp := reminders.PeriodAt(reminders.KindWeekly, time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC), time.UTC)
	s := reminders.Snapshot{Team: team, Members: []goals.Member{{TeamID: "t", UserID: "boss"}, {TeamID: "t", UserID: "lili", Name: "lili"}},
		Goals: []reminders.GoalData{
			{Goal: parent},
			{Goal: part, Stats: goals.Stats{Sum: 6000, Count: 2}, Contributions: []goals.Contribution{{User: "lili", Amount: 6000}}},
		}}
	d := reminders.Build(s, wp, "en")
	if len(d.Top) != 1 || d.Top[0].User != "lili" || d.Top[0].Contribution != 6000 {
		t.Errorf("top contributors %+v\n%s", d.Top, d.Text)
	}
}

// A member's individual goal is measured on the member's own days in the
// digest too: a Shanghai member's log at 01:00 on Tuesday (Monday in the
// UTC team) counts in the daily summary sent at 18:00 UTC, as in her reply.
func TestDigestUsesOwnersDay(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 16, 17, 0, 0, 0, time.UTC) // Tue 01:00 in Shanghai
	clk := goals.ClockFunc(func() time.Time { return now })
	db := mustOpen(t, clk)
	svc := &goals.Service{Store: db, Clock: clk, DefaultTZ: "UTC", DefaultLang: "en"}
	a, err := svc.Enter(ctx, goals.Team{ID: "t", TZ: "UTC"}, goals.Member{UserID: "mei", TZ: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := svc.CreateGoal(ctx, a, goals.Goal{Title: "5 calls a day", Metric: "calls", Unit: goals.UnitCount, Kind: goals.KindTotal,
		Direction: goals.Increase, Target: 5, Cadence: goals.CadenceDaily, Start: goals.NewDate(2026, 11, 16)})
	if err != nil {
		t.Fatal(err)
	}
	_, _, f, err := svc.AddLog(ctx, a, g, goals.Amount{Value: 3}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, 11, 16, 18, 0, 0, 0, time.UTC)
	team, err := db.Team(ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	p := reminders.PeriodAt(reminders.KindDaily, now, team.Location())
	snaps, err := reminders.LoadSnapshots(ctx, db, []reminders.SnapshotRequest{{Team: team, Period: p}})
	if err != nil {
		t.Fatal(err)
	}
	d := reminders.Build(snaps[0], p, "en")
	if len(d.Members) != 1 || len(d.Members[0].Goals) != 1 {
		t.Fatalf("digest: %s", d.Text)
	}
	v := d.Members[0].Goals[0]
	if f.Progress.Current != 3 || v.Current != 3 || v.Status != f.Progress.Status {
		t.Errorf("reply %v %s, digest %v %s\n%s", f.Progress.Current, f.Progress.Status, v.Current, v.Status, d.Text)
	}
}
