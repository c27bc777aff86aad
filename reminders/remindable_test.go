package reminders_test

import (
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// Check-ins name the goals that take logs now; level goals at most weekly.
func TestRemindable(t *testing.T) {
	day := func(s string) goals.Date {
		d, err := goals.ParseISODate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	calls := goals.Goal{Kind: goals.KindTotal, Start: day("2026-11-02"), Cadence: goals.CadenceDaily} // no deadline
	churn := goals.Goal{Kind: goals.KindLevel, Direction: goals.Decrease, Start: day("2026-11-02"), Deadline: day("2027-03-31")}
	nextQ := goals.Goal{Kind: goals.KindTotal, Start: day("2027-01-01"), Deadline: day("2027-03-31")}
	over := goals.Goal{Kind: goals.KindTotal, Start: day("2026-11-02"), Deadline: day("2026-11-06")}
	tue := goals.Weekdays(1<<2 | 1<<3 | 1<<4) // Tue-Thu
	tests := []struct {
		name string
		g    goals.Goal
		day  string
		w    goals.Weekdays
		want bool
	}{
		{"recurring without deadline, Monday", calls, "2026-11-16", 0, true},
		{"recurring without deadline, Wednesday", calls, "2026-11-18", 0, true},
		{"level goal on Monday: new reading?", churn, "2026-11-16", 0, true},
		{"level goal on Tuesday: not again", churn, "2026-11-17", 0, false},
		{"level goal on Friday: not again", churn, "2026-11-20", 0, false},
		{"level goal, Tue-Thu week: Tuesday asks", churn, "2026-11-17", tue, true},
		{"level goal, Tue-Thu week: Wednesday does not", churn, "2026-11-18", tue, false},
		{"a goal for next quarter waits", nextQ, "2026-11-16", 0, false},
		{"past its deadline", over, "2026-11-16", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reminders.Remindable(tt.g, day(tt.day), tt.w); got != tt.want {
				t.Errorf("Remindable = %v, want %v", got, tt.want)
			}
		})
	}
	msg, err := reminders.CheckinMessage(goals.Team{ID: "local"}, goals.Member{UserID: "amy"}, []goals.Goal{{ID: 4, Title: "Reduce churn", Kind: goals.KindLevel}}, "en")
	if err != nil || !strings.Contains(string(msg.Payload), "new reading?") {
		t.Errorf("level check-in: %s, %v", msg.Payload, err)
	}
}
