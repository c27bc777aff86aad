package storage_test

import (
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// A split hands each child the parent's logs it stands for: a week the logs
// of that week, a member that member's logs; a region none.
func TestCreateChildrenCreditsLogs(t *testing.T) {
	day := func(d int) goals.Date { return goals.NewDate(2026, 11, d) }
	tests := []struct {
		name  string
		split func(p goals.Goal) []*goals.Goal
		want  []float64 // sums of the children, then the parent's own
	}{
		{"by week", func(p goals.Goal) []*goals.Goal {
			a, b := p, p
			a.Start, a.Deadline = day(16), day(22)
			b.Start, b.Deadline = day(23), day(30)
			return []*goals.Goal{&a, &b}
		}, []float64{3201.5 + 500, 0, 0}},
		{"by member", func(p goals.Goal) []*goals.Goal {
			a, b := p, p
			a.Scope, a.Owner, a.Tags = goals.ScopeIndividual, "lili", map[string]string{"member": "lili"}
			b.Scope, b.Owner, b.Tags = goals.ScopeIndividual, "wang", map[string]string{"member": "wang"}
			return []*goals.Goal{&a, &b}
		}, []float64{3201.5, 500, 0}},
		{"by region", func(p goals.Goal) []*goals.Goal {
			a, b := p, p
			a.Tags, b.Tags = map[string]string{"region": "EU"}, map[string]string{"region": "US"}
			return []*goals.Goal{&a, &b}
		}, []float64{0, 0, 3201.5 + 500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			mustTeam(t, db, "A")
			p := newGoal("A", "boss")
			p.Scope, p.Target, p.Unit, p.Metric = goals.ScopeTeam, 10000, goals.UnitUSD, "revenue"
			p.Start, p.Deadline = day(16), day(30)
			mustGoal(t, db, p)
			at := time.Date(2026, 11, 17, 2, 0, 0, 0, time.UTC)
			mustLog(t, db, goals.Log{GoalID: p.ID, TeamID: "A", User: "lili", Amount: 3201.5, At: at, Day: day(17)})
			mustLog(t, db, goals.Log{GoalID: p.ID, TeamID: "A", User: "wang", Amount: 500, At: at, Day: day(18)})
			kids := tt.split(*p)
			if err := db.CreateChildren(ctx, "A", p.ID, kids); err != nil {
				t.Fatal(err)
			}
			for i, id := range append([]int64{kids[0].ID, kids[1].ID}, p.ID) {
				st, err := db.Stats(ctx, "A", id, goals.Date{}, goals.Date{})
				if err != nil {
					t.Fatal(err)
				}
				if st.Sum != tt.want[i] {
					t.Errorf("goal %d (%d): sum %v, want %v", i, id, st.Sum, tt.want[i])
				}
			}
		})
	}
}
