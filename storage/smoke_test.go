package storage_test

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
)

func TestSmoke(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "local")
	g := mustGoal(t, db, newGoal("local", "alice"))
	l := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "local", User: "alice", Amount: 3, Key: "k1"})
	s, err := db.Stats(ctx, "local", g.ID, goals.Date{}, goals.Date{})
	if err != nil || s.Sum != 3 || s.Count != 1 || l.ID == 0 {
		t.Fatalf("stats %+v %v log %+v", s, err, l)
	}
	t.Logf("%+v %+v", l, s)
}
