package goals_test

import (
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Goals for a later period start when that period starts; a deadline
// ("by end of Q1") starts today.
func TestLaterPeriodStarts(t *testing.T) {
	sh := zone("Asia/Shanghai")
	tests := []struct {
		text, now   string
		start, dead string
	}{
		{"明年第一季度销售额达到15万元", "2026-11-10T09:00:00+08:00", "2027-01-01", "2027-03-31"},
		{"revenue $50,000 next quarter", "2026-11-10T09:00:00+08:00", "2027-01-01", "2027-03-31"},
		{"Q4 revenue 115,000", "2026-09-10T09:00:00+08:00", "2026-10-01", "2026-12-31"},
		{"下个月完成30场演示", "2026-11-10T09:00:00+08:00", "2026-12-01", "2026-12-31"},
		{"下個月營收達到12萬元", "2026-11-10T09:00:00+08:00", "2026-12-01", "2026-12-31"},
		{"book 40 demos next month", "2026-11-10T09:00:00+08:00", "2026-12-01", "2026-12-31"},
		{"Q4 revenue 115,000", "2026-11-10T09:00:00+08:00", "2026-11-10", "2026-12-31"}, // Q4 has begun
		{"20 demos by end of Q1", "2026-11-10T09:00:00+08:00", "2026-11-10", "2027-03-31"},
		{"第一季度末前完成20场演示", "2026-11-10T09:00:00+08:00", "2026-11-10", "2027-03-31"},
		{"book 20 demos by Friday", "2026-11-10T09:00:00+08:00", "2026-11-10", "2026-11-13"},
	}
	for _, tt := range tests {
		t.Run(tt.text+"@"+tt.now[:10], func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			an := goals.Analyze(tt.text, goals.AnalyzeOptions{Now: now, Loc: sh})
			g, missing := goals.DraftGoal(an, goals.DateIn(now, sh))
			if g.Start != d(tt.start) || g.Deadline != d(tt.dead) {
				t.Errorf("start %s deadline %s (missing %v), want %s %s", g.Start, g.Deadline, missing, tt.start, tt.dead)
			}
			// Before its start the goal is upcoming: nothing expected, no status verdict.
			p := goals.ComputeProgress(g, goals.Stats{}, now, sh, goals.MonFri)
			if upcoming := g.Start.After(goals.DateIn(now, sh)); upcoming != (p.Status == goals.StatusUpcoming) || upcoming && p.Expected != 0 {
				t.Errorf("status %s, expected %v before the start %s", p.Status, p.Expected, g.Start)
			}
		})
	}
}

// Recurring goals have no deadline unless the statement gives one.
func TestRecurringHasNoInventedDeadline(t *testing.T) {
	now := at("2026-11-16T09:01:00Z")
	for _, tt := range []struct{ text, dead string }{
		{"5 calls a day", ""},
		{"每天打10通電話", ""},
		{"每周新增 10 个客户", ""},
		{"5 calls a day until 2026-12-18", "2026-12-18"},
	} {
		an := goals.Analyze(tt.text, goals.AnalyzeOptions{Now: now})
		g, missing := goals.DraftGoal(an, goals.DateIn(now, time.UTC))
		if g.Deadline.String() != tt.dead || len(missing) != 0 {
			t.Errorf("%q: deadline %q, missing %v; want %q", tt.text, g.Deadline, missing, tt.dead)
		}
		if g.Owner, g.TeamID, g.Title = "u", "t", "x"; g.Validate() != nil {
			t.Errorf("%q: %v", tt.text, g.Validate())
		}
	}
}
