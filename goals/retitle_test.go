package goals_test

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// Titles made from the figures follow an edit of those figures.
func TestRetitle(t *testing.T) {
	g := func(title, unit string, target float64, deadline string) goals.Goal {
		return goals.Goal{Title: title, Unit: unit, Target: target, Deadline: d(deadline)}
	}
	tests := []struct {
		name     string
		old      goals.Goal
		target   float64
		deadline string
		want     string
		ok       bool
	}{
		{"issue example: target=25", g("Book 20 demos by 2026-11-20", "count", 20, "2026-11-20"), 25, "2026-11-20", "Book 25 demos by 2026-11-20", true},
		{"deadline edit", g("Book 20 demos by 2026-11-20", "count", 20, "2026-11-20"), 20, "2026-11-27", "Book 20 demos by 2026-11-27", true},
		{"both", g("Book 20 demos by 2026-11-20", "count", 20, "2026-11-20"), 30, "2026-11-27", "Book 30 demos by 2026-11-27", true},
		{"dollars", g("Reach $50,000 in revenue by 2026-11-30", "USD", 50000, "2026-11-30"), 60000, "2026-11-30", "Reach $60,000 in revenue by 2026-11-30", true},
		{"万", g("每周销售额达到5万元", "CNY", 50000, "2026-12-31"), 80000, "2026-12-31", "每周销售额达到8万元", true},
		{"萬", g("本月營收達到12萬元", "TWD", 120000, "2026-12-31"), 150000, "2026-12-31", "本月營收達到15萬元", true},
		{"own words are kept", g("My demo push", "count", 20, "2026-11-20"), 25, "2026-11-20", "My demo push", false},
		{"a number inside another is not the target", g("Call 120 shops, 20 demos, 20 follow-ups", "count", 20, "2026-11-20"), 25, "2026-11-20", "Call 120 shops, 20 demos, 20 follow-ups", false},
		{"not a digit run's part", g("Q4 2026: 20 demos", "count", 2026, "2026-11-20"), 2027, "2026-11-20", "Q4 2027: 20 demos", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.old
			e.Target, e.Deadline = tt.target, d(tt.deadline)
			got, ok := goals.Retitle(tt.old.Title, tt.old, e)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Retitle = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
