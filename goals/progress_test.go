package goals_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

const eps = 1e-6

func near(got, want float64) bool {
	return math.Abs(got-want) <= eps*math.Max(1, math.Abs(want))
}

// at parses an RFC 3339 instant: only for literals.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func zone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func ptr(f float64) *float64 { return &f }

// Goal builders for the table.
func total(target float64, start, deadline string) goals.Goal {
	return goals.Goal{Kind: goals.KindTotal, Direction: goals.Increase, Target: target, Start: d(start), Deadline: d(deadline)}
}

func level(dir goals.Direction, baseline, target float64, start, deadline string) goals.Goal {
	return goals.Goal{Kind: goals.KindLevel, Direction: dir, Baseline: baseline, Target: target, Start: d(start), Deadline: d(deadline)}
}

func capGoal(target float64, start, deadline string) goals.Goal {
	return goals.Goal{Kind: goals.KindTotal, Direction: goals.Decrease, Target: target, Start: d(start), Deadline: d(deadline)}
}

func recurring(g goals.Goal, c goals.Cadence, steps ...float64) goals.Goal {
	g.Cadence, g.Steps = c, steps
	return g
}

func withBaseline(g goals.Goal, b float64) goals.Goal { g.Baseline = b; return g }
func withStretch(g goals.Goal, s float64) goals.Goal  { g.Stretch = &s; return g }

func sum(v float64) goals.Stats { return goals.Stats{Sum: v, Count: 1, Latest: v} }

// reading is a level goal's latest reading, logged at the instant when.
func reading(v float64, when string) goals.Stats {
	s := goals.Stats{Sum: v, Count: 1, Latest: v}
	if when != "" {
		s.LatestAt = at(when)
	}
	return s
}

// want lists every figure of a Progress; dates as strings.
type want struct {
	current, target, percent, expected, expectedPct float64
	status                                          goals.Status
	rate                                            float64
	per                                             string
	remaining                                       int
	projection                                      float64
	from, to                                        string
	stretch                                         *float64
}

func TestComputeProgress(t *testing.T) {
	ny, sh := zone("America/New_York"), zone("Asia/Shanghai")
	// Calendar notes: 2026-11-01 is a Sunday; Mondays are 2, 9, 16, 23, 30.
	// November 2026 has 21 working days Mon-Fri, October 22, December 23,
	// the year 261; 2026-01-01..2026-07-01 holds 130 of them.
	week := total(20, "2026-11-16", "2026-11-22") // Mon..Sun
	tests := []struct {
		name string
		g    goals.Goal
		s    goals.Stats
		now  string
		loc  *time.Location
		w    goals.Weekdays
		want want
	}{
		// The example of SPEC §6: 3/20 on the first day of a Mon-Sat week.
		{"spec example Mon-Sat first day", week, sum(3), "2026-11-16T19:00:00Z", time.UTC, monSat,
			want{3, 20, 15, 20.0 / 6, 100.0 / 6, goals.StatusOnTrack, 17.0 / 6, "day", 6, 18, "2026-11-16", "2026-11-22", nil}},
		{"Mon-Fri first day at 19:00 nothing logged is at risk", week, goals.Stats{}, "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{0, 20, 0, 4, 20, goals.StatusAtRisk, 4, "day", 5, 0, "2026-11-16", "2026-11-22", nil}},
		{"increase total midway on track", week, sum(12), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{12, 20, 60, 12, 60, goals.StatusOnTrack, 8.0 / 3, "day", 3, 20, "2026-11-16", "2026-11-22", nil}},
		{"increase total midway 83% of expected is at risk", week, sum(10), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{10, 20, 50, 12, 60, goals.StatusAtRisk, 10.0 / 3, "day", 3, 50.0 / 3, "2026-11-16", "2026-11-22", nil}},
		{"increase total midway at risk", week, sum(8), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{8, 20, 40, 12, 60, goals.StatusAtRisk, 4, "day", 3, 40.0 / 3, "2026-11-16", "2026-11-22", nil}},
		{"increase total midway behind", week, sum(4), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{4, 20, 20, 12, 60, goals.StatusBehind, 16.0 / 3, "day", 3, 20.0 / 3, "2026-11-16", "2026-11-22", nil}},
		{"achieved early", week, sum(21), "2026-11-17T19:00:00Z", time.UTC, goals.MonFri,
			want{21, 20, 105, 8, 40, goals.StatusAchieved, 0, "day", 4, 52.5, "2026-11-16", "2026-11-22", nil}},
		{"missed after the deadline", week, sum(15), "2026-11-23T19:00:00Z", time.UTC, goals.MonFri,
			want{15, 20, 75, 20, 100, goals.StatusMissed, 5, "day", 0, 15, "2026-11-16", "2026-11-22", nil}},
		{"achieved stays achieved after the deadline", week, sum(20), "2026-12-01T19:00:00Z", time.UTC, goals.MonFri,
			want{20, 20, 100, 20, 100, goals.StatusAchieved, 0, "day", 0, 20, "2026-11-16", "2026-11-22", nil}},
		{"deadline today on a working day", total(20, "2026-11-16", "2026-11-20"), sum(17), "2026-11-20T19:00:00Z", time.UTC, goals.MonFri,
			want{17, 20, 85, 20, 100, goals.StatusAtRisk, 3, "day", 1, 17, "2026-11-16", "2026-11-20", nil}},
		{"deadline today on a Sunday: no working day left", week, sum(18), "2026-11-22T19:00:00Z", time.UTC, goals.MonFri,
			want{18, 20, 90, 20, 100, goals.StatusOnTrack, 2, "day", 0, 18, "2026-11-16", "2026-11-22", nil}},
		{"Saturday Mon-Fri: the week is over, the deadline is not", week, sum(15), "2026-11-21T19:00:00Z", time.UTC, goals.MonFri,
			want{15, 20, 75, 20, 100, goals.StatusAtRisk, 5, "day", 0, 15, "2026-11-16", "2026-11-22", nil}},
		{"Saturday Mon-Sat: one working day left", week, sum(15), "2026-11-21T19:00:00Z", time.UTC, monSat,
			want{15, 20, 75, 20, 100, goals.StatusAtRisk, 5, "day", 1, 15, "2026-11-16", "2026-11-22", nil}},
		{"start in the future", total(100, "2026-12-01", "2026-12-31"), goals.Stats{}, "2026-11-20T19:00:00Z", time.UTC, goals.MonFri,
			want{0, 100, 0, 0, 0, goals.StatusUpcoming, 100.0 / 23, "day", 23, 0, "2026-12-01", "2026-12-31", nil}},
		{"zero baseline total", total(50, "2026-11-01", "2026-11-30"), sum(25), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{25, 50, 50, 50 * 11.0 / 21, 1100.0 / 21, goals.StatusOnTrack, 25.0 / 11, "day", 11, 25.0 / 11 * 21, "2026-11-01", "2026-11-30", nil}},
		// A total goal's baseline is last period's figure, not a head start.
		{"baseline > 0 total counts from zero", withBaseline(total(2000, "2026-11-01", "2026-11-30"), 1200), sum(1000), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{1000, 2000, 50, 2000 * 11.0 / 21, 1100.0 / 21, goals.StatusOnTrack, 1000.0 / 11, "day", 11, 1000.0 / 11 * 21, "2026-11-01", "2026-11-30", nil}},
		{"baseline > 0 total before any log", withBaseline(total(2000, "2026-11-01", "2026-11-30"), 1200), goals.Stats{}, "2026-11-02T19:00:00Z", time.UTC, goals.MonFri,
			want{0, 2000, 0, 2000.0 / 21, 100.0 / 21, goals.StatusAtRisk, 2000.0 / 21, "day", 21, 0, "2026-11-01", "2026-11-30", nil}},
		{"annual total per month", total(1200, "2026-01-01", "2026-12-31"), sum(500), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{500, 1200, 500.0 / 12, 1200 * 130.0 / 261, 13000.0 / 261, goals.StatusAtRisk, 700.0 / 6, "month", 132, 500.0 / 130 * 261, "2026-01-01", "2026-12-31", nil}},
		{"stretch percent", withStretch(week, 25), sum(15), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{15, 20, 75, 12, 60, goals.StatusOnTrack, 5.0 / 3, "day", 3, 25, "2026-11-16", "2026-11-22", ptr(60)}},
		{"window without working days uses calendar days", total(10, "2026-11-21", "2026-11-22"), sum(2), "2026-11-21T19:00:00Z", time.UTC, goals.MonFri,
			want{2, 10, 20, 5, 50, goals.StatusAtRisk, 4, "day", 2, 4, "2026-11-21", "2026-11-22", nil}},

		// Level goals that increase: conversion rate 1% -> 2% in Q4.
		{"level increase on track, reading two months in", level(goals.Increase, 1, 2, "2026-10-01", "2026-12-31"), reading(1.5, "2026-11-15T12:00:00Z"), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{1.5, 2, 50, 1.5, 50, goals.StatusOnTrack, 0.5 / 7, "week", 34, 1.5, "2026-10-01", "2026-12-31", nil}},
		{"level reading without an instant trends to today", level(goals.Increase, 1, 2, "2026-10-01", "2026-12-31"), reading(1.5, ""), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{1.5, 2, 50, 1.5, 50, goals.StatusOnTrack, 0.5 / 7, "week", 34, 1.5, "2026-10-01", "2026-12-31", nil}},
		{"level without a reading is the baseline", level(goals.Increase, 1, 2, "2026-10-01", "2026-12-31"), goals.Stats{}, "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{1, 2, 0, 1.5, 50, goals.StatusBehind, 1.0 / 7, "week", 34, 1, "2026-10-01", "2026-12-31", nil}},

		// Level goals that decrease: churn 45% -> 20% over 2026.
		{"churn on track", level(goals.Decrease, 45, 20, "2026-01-01", "2026-12-31"), reading(35, "2026-07-01T09:00:00Z"), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{35, 20, 40, 45 - 25*130.0/261, 13000.0 / 261, goals.StatusAtRisk, 2.5, "month", 132, 35, "2026-01-01", "2026-12-31", nil}},
		{"churn behind", level(goals.Decrease, 45, 20, "2026-01-01", "2026-12-31"), reading(44, "2026-07-01T09:00:00Z"), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{44, 20, 4, 45 - 25*130.0/261, 13000.0 / 261, goals.StatusBehind, 4, "month", 132, 44, "2026-01-01", "2026-12-31", nil}},
		{"churn worse than the baseline is negative", level(goals.Decrease, 45, 20, "2026-01-01", "2026-12-31"), reading(50, "2026-07-01T09:00:00Z"), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{50, 20, -20, 45 - 25*130.0/261, 13000.0 / 261, goals.StatusBehind, 5, "month", 132, 50, "2026-01-01", "2026-12-31", nil}},
		{"churn achieved, projection never below 0", level(goals.Decrease, 45, 20, "2026-01-01", "2026-12-31"), reading(19, "2026-07-01T09:00:00Z"), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{19, 20, 104, 45 - 25*130.0/261, 13000.0 / 261, goals.StatusAchieved, 0, "month", 132, 19, "2026-01-01", "2026-12-31", nil}},
		{"churn stretch", withStretch(level(goals.Decrease, 45, 20, "2026-01-01", "2026-12-31"), 15), reading(35, "2026-07-01T09:00:00Z"), "2026-07-01T19:00:00Z", time.UTC, goals.MonFri,
			want{35, 20, 40, 45 - 25*130.0/261, 13000.0 / 261, goals.StatusAtRisk, 2.5, "month", 132, 35, "2026-01-01", "2026-12-31", ptr(100.0 / 3)}},
		{"checkout time 3 -> 1.25 without a reading", level(goals.Decrease, 3, 1.25, "2026-11-02", "2026-11-27"), goals.Stats{}, "2026-11-11T19:00:00Z", time.UTC, goals.MonFri,
			want{3, 1.25, 0, 2.3, 40, goals.StatusBehind, 1.75 / 13, "day", 13, 3, "2026-11-02", "2026-11-27", nil}},
		{"checkout time 3 -> 1.25 at 2 minutes", level(goals.Decrease, 3, 1.25, "2026-11-02", "2026-11-27"), reading(2, "2026-11-10T10:00:00Z"), "2026-11-11T19:00:00Z", time.UTC, goals.MonFri,
			want{2, 1.25, 100 / 1.75, 2.3, 40, goals.StatusOnTrack, 0.75 / 13, "day", 13, 2, "2026-11-02", "2026-11-27", nil}},
		{"return rate 15 -> 12 at risk", level(goals.Decrease, 15, 12, "2026-10-01", "2026-12-31"), reading(14, "2026-11-15T12:00:00Z"), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{14, 12, 100.0 / 3, 13.5, 50, goals.StatusAtRisk, 2.0 / 7, "week", 34, 14, "2026-10-01", "2026-12-31", nil}},
		{"return rate missed at the deadline", level(goals.Decrease, 15, 12, "2026-10-01", "2026-12-31"), reading(12.5, "2026-12-30T12:00:00Z"), "2027-01-02T19:00:00Z", time.UTC, goals.MonFri,
			want{12.5, 12, 250.0 / 3, 12, 100, goals.StatusMissed, 0.5, "day", 0, 12.5, "2026-10-01", "2026-12-31", nil}},

		// Decrease totals are caps: at most 10 returns in November.
		{"cap under the pace", capGoal(10, "2026-11-01", "2026-11-30"), sum(4), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{4, 10, 40, 110.0 / 21, 1100.0 / 21, goals.StatusOnTrack, 0, "day", 11, 4.0 / 11 * 21, "2026-11-01", "2026-11-30", nil}},
		{"cap over the pace", capGoal(10, "2026-11-01", "2026-11-30"), sum(7), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{7, 10, 70, 110.0 / 21, 1100.0 / 21, goals.StatusAtRisk, 0, "day", 11, 7.0 / 11 * 21, "2026-11-01", "2026-11-30", nil}},
		{"cap exceeded", capGoal(10, "2026-11-01", "2026-11-30"), sum(12), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{12, 10, 120, 110.0 / 21, 1100.0 / 21, goals.StatusBehind, 0, "day", 11, 12.0 / 11 * 21, "2026-11-01", "2026-11-30", nil}},
		{"cap kept to the end", capGoal(10, "2026-11-01", "2026-11-30"), sum(9), "2026-12-01T19:00:00Z", time.UTC, goals.MonFri,
			want{9, 10, 90, 10, 100, goals.StatusAchieved, 0, "day", 0, 9, "2026-11-01", "2026-11-30", nil}},
		{"cap broken at the end", capGoal(10, "2026-11-01", "2026-11-30"), sum(11), "2026-12-01T19:00:00Z", time.UTC, goals.MonFri,
			want{11, 10, 110, 10, 100, goals.StatusMissed, 0, "day", 0, 11, "2026-11-01", "2026-11-30", nil}},

		// Recurring goals are measured on the current period.
		{"daily: the day is its only working day", recurring(total(5, "2026-11-01", "2026-12-31"), goals.CadenceDaily), sum(2), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{2, 5, 40, 5, 100, goals.StatusAtRisk, 3, "day", 1, 2, "2026-11-18", "2026-11-18", nil}},
		{"daily achieved", recurring(total(5, "2026-11-01", "2026-12-31"), goals.CadenceDaily), sum(6), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{6, 5, 120, 5, 100, goals.StatusAchieved, 0, "day", 1, 6, "2026-11-18", "2026-11-18", nil}},
		{"daily with a baseline above the target counts from 0", withBaseline(recurring(total(5, "2026-11-01", "2026-12-31"), goals.CadenceDaily), 8), sum(2), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{2, 5, 40, 5, 100, goals.StatusAtRisk, 3, "day", 1, 2, "2026-11-18", "2026-11-18", nil}},
		{"daily after the deadline: last day missed", recurring(total(5, "2026-11-01", "2026-11-20"), goals.CadenceDaily), sum(3), "2026-11-23T19:00:00Z", time.UTC, goals.MonFri,
			want{3, 5, 60, 5, 100, goals.StatusMissed, 2, "day", 0, 3, "2026-11-20", "2026-11-20", nil}},
		{"daily New York DST end: 23:30 EST is still Nov 1", recurring(total(5, "2026-10-01", "2026-12-31"), goals.CadenceDaily), sum(1), "2026-11-02T04:30:00Z", ny, allWeek,
			want{1, 5, 20, 5, 100, goals.StatusAtRisk, 4, "day", 1, 1, "2026-11-01", "2026-11-01", nil}},
		{"daily New York DST end: 00:30 EDT is Nov 1", recurring(total(5, "2026-10-01", "2026-12-31"), goals.CadenceDaily), sum(1), "2026-11-01T04:30:00Z", ny, allWeek,
			want{1, 5, 20, 0, 0, goals.StatusOnTrack, 4, "day", 1, 1, "2026-11-01", "2026-11-01", nil}},
		{"daily New York after midnight EST is Nov 2", recurring(total(5, "2026-10-01", "2026-12-31"), goals.CadenceDaily), sum(1), "2026-11-02T05:30:00Z", ny, allWeek,
			want{1, 5, 20, 0, 0, goals.StatusOnTrack, 4, "day", 1, 1, "2026-11-02", "2026-11-02", nil}},
		{"week in New York on the DST Sunday is before the start", total(10, "2026-11-02", "2026-11-06"), goals.Stats{}, "2026-11-02T04:30:00Z", ny, goals.MonFri,
			want{0, 10, 0, 0, 0, goals.StatusUpcoming, 2, "day", 5, 0, "2026-11-02", "2026-11-06", nil}},
		{"week in UTC at the same instant is Monday", total(10, "2026-11-02", "2026-11-06"), goals.Stats{}, "2026-11-02T19:00:00Z", time.UTC, goals.MonFri,
			want{0, 10, 0, 2, 20, goals.StatusAtRisk, 2, "day", 5, 0, "2026-11-02", "2026-11-06", nil}},
		{"Shanghai: 00:30 local is Monday", week, goals.Stats{}, "2026-11-15T16:30:00Z", sh, goals.MonFri,
			want{0, 20, 0, 0, 0, goals.StatusOnTrack, 4, "day", 5, 0, "2026-11-16", "2026-11-22", nil}},
		{"Shanghai instant in UTC is still Sunday", week, goals.Stats{}, "2026-11-15T16:30:00Z", nil, goals.MonFri,
			want{0, 20, 0, 0, 0, goals.StatusUpcoming, 4, "day", 5, 0, "2026-11-16", "2026-11-22", nil}},
		{"weekly waterfall third week targets 20", recurring(total(20, "2026-11-02", "2026-12-27"), goals.CadenceWeekly, 10, 15, 20), sum(12), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{12, 20, 60, 12, 60, goals.StatusOnTrack, 8.0 / 3, "day", 3, 20, "2026-11-16", "2026-11-22", nil}},
		{"weekly waterfall second week targets 15", recurring(total(20, "2026-11-02", "2026-12-27"), goals.CadenceWeekly, 10, 15, 20), sum(9), "2026-11-11T19:00:00Z", time.UTC, goals.MonFri,
			want{9, 15, 60, 9, 60, goals.StatusOnTrack, 2, "day", 3, 15, "2026-11-09", "2026-11-15", nil}},
		{"weekly before the start: first, clipped period", recurring(total(20, "2026-11-25", "2026-12-27"), goals.CadenceWeekly), goals.Stats{}, "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{0, 20, 0, 0, 0, goals.StatusUpcoming, 20.0 / 3, "day", 3, 0, "2026-11-25", "2026-11-29", nil}},
		{"weekly ISO week 53 across the new year", recurring(total(20, "2026-12-01", "2027-02-28"), goals.CadenceWeekly), sum(18), "2027-01-01T19:00:00Z", time.UTC, goals.MonFri,
			want{18, 20, 90, 20, 100, goals.StatusOnTrack, 2, "day", 1, 18, "2026-12-28", "2027-01-03", nil}},
		{"monthly clipped to a mid-month start", recurring(total(100, "2026-11-10", "2027-03-31"), goals.CadenceMonthly), sum(30), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{30, 100, 30, 100.0 / 3, 100.0 / 3, goals.StatusOnTrack, 70.0 / 11, "day", 11, 90, "2026-11-10", "2026-11-30", nil}},
		{"quarterly waterfall fourth quarter per week", recurring(total(180, "2026-01-01", "2026-12-31"), goals.CadenceQuarterly, 100, 120, 150, 180), sum(90), "2026-11-16T19:00:00Z", time.UTC, goals.MonFri,
			want{90, 180, 50, 90, 50, goals.StatusOnTrack, 90.0 / 7, "week", 34, 180, "2026-10-01", "2026-12-31", nil}},
		{"daily cap in progress is never achieved before the day ends", recurring(capGoal(3, "2026-11-01", "2026-12-31"), goals.CadenceDaily), sum(2), "2026-11-18T19:00:00Z", time.UTC, goals.MonFri,
			want{2, 3, 200.0 / 3, 3, 100, goals.StatusOnTrack, 0, "day", 1, 2, "2026-11-18", "2026-11-18", nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := goals.ComputeProgress(tt.g, tt.s, at(tt.now), tt.loc, tt.w)
			w := tt.want
			check := func(field string, got, want float64) {
				t.Helper()
				if !near(got, want) {
					t.Errorf("%s = %.9g, want %.9g", field, got, want)
				}
			}
			check("Current", p.Current, w.current)
			check("Target", p.Target, w.target)
			check("Percent", p.Percent, w.percent)
			check("Expected", p.Expected, w.expected)
			check("ExpectedPct", p.ExpectedPct, w.expectedPct)
			check("RequiredRate", p.RequiredRate, w.rate)
			check("Projection", p.Projection, w.projection)
			if p.Status != w.status {
				t.Errorf("Status = %s, want %s", p.Status, w.status)
			}
			if p.RequiredPer != w.per {
				t.Errorf("RequiredPer = %q, want %q", p.RequiredPer, w.per)
			}
			if p.RemainingDays != w.remaining {
				t.Errorf("RemainingDays = %d, want %d", p.RemainingDays, w.remaining)
			}
			if p.PeriodStart != d(w.from) || p.PeriodEnd != d(w.to) {
				t.Errorf("window = %s..%s, want %s..%s", p.PeriodStart, p.PeriodEnd, w.from, w.to)
			}
			switch {
			case w.stretch == nil && p.StretchPct != nil:
				t.Errorf("StretchPct = %v, want nil", *p.StretchPct)
			case w.stretch != nil && p.StretchPct == nil:
				t.Errorf("StretchPct = nil, want %v", *w.stretch)
			case w.stretch != nil:
				check("StretchPct", *p.StretchPct, *w.stretch)
			}
		})
	}
}

// A cap has nothing to reach: RequiredRate stays 0 and Allowance says how
// much may still be used per day (week, month) without breaking it.
func TestCapAllowance(t *testing.T) {
	month := capGoal(10, "2026-11-01", "2026-11-30")
	tests := []struct {
		name      string
		g         goals.Goal
		s         goals.Stats
		now       string
		allowance float64
		per       string
	}{
		{"under the pace", month, sum(4), "2026-11-16T12:00:00Z", 6.0 / 11, "day"},
		{"over the pace", month, sum(7), "2026-11-16T12:00:00Z", 3.0 / 11, "day"},
		{"over the cap", month, sum(12), "2026-11-16T12:00:00Z", 0, "day"},
		{"window over", month, sum(4), "2026-12-01T12:00:00Z", 0, "day"},
		{"last weekend of the window", capGoal(10, "2026-11-16", "2026-11-22"), sum(4), "2026-11-21T12:00:00Z", 6, "day"},
		{"a half-year cap per week", capGoal(26, "2026-07-01", "2026-12-31"), sum(5), "2026-10-01T12:00:00Z", 21.0 / 14, "week"},
		{"an annual cap per month", capGoal(120, "2026-01-01", "2026-12-31"), sum(60), "2026-07-01T12:00:00Z", 10, "month"},
		{"daily cap", recurring(capGoal(3, "2026-11-01", "2026-12-31"), goals.CadenceDaily), sum(2), "2026-11-18T12:00:00Z", 1, "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := goals.ComputeProgress(tt.g, tt.s, at(tt.now), time.UTC, goals.MonFri)
			if p.RequiredRate != 0 || !near(p.Allowance, tt.allowance) || p.RequiredPer != tt.per {
				t.Errorf("RequiredRate %v, Allowance %v per %s; want 0, %v per %s", p.RequiredRate, p.Allowance, p.RequiredPer, tt.allowance, tt.per)
			}
		})
	}
	if p := goals.ComputeProgress(week20(), sum(3), at("2026-11-18T12:00:00Z"), time.UTC, goals.MonFri); p.Allowance != 0 {
		t.Errorf("Allowance of an increase goal = %v, want 0", p.Allowance)
	}
}

func week20() goals.Goal { return total(20, "2026-11-16", "2026-11-22") }

func TestMeasureWindow(t *testing.T) {
	tests := []struct {
		name     string
		g        goals.Goal
		today    string
		from, to string
	}{
		{"one-off", total(10, "2026-11-04", "2026-12-20"), "2026-11-18", "2026-11-04", "2026-12-20"},
		{"one-off after the deadline", total(10, "2026-11-04", "2026-12-20"), "2027-01-18", "2026-11-04", "2026-12-20"},
		{"weekly", recurring(total(10, "2026-11-04", "2026-12-20"), goals.CadenceWeekly), "2026-11-18", "2026-11-16", "2026-11-22"},
		{"weekly first week clipped", recurring(total(10, "2026-11-04", "2026-12-20"), goals.CadenceWeekly), "2026-11-06", "2026-11-04", "2026-11-08"},
		{"weekly before the start", recurring(total(10, "2026-11-04", "2026-12-20"), goals.CadenceWeekly), "2026-10-06", "2026-11-04", "2026-11-08"},
		{"monthly last month clipped", recurring(total(10, "2026-11-04", "2026-12-20"), goals.CadenceMonthly), "2026-12-18", "2026-12-01", "2026-12-20"},
		{"monthly after the deadline", recurring(total(10, "2026-11-04", "2026-12-20"), goals.CadenceMonthly), "2027-02-01", "2026-12-01", "2026-12-20"},
		{"quarterly", recurring(total(10, "2026-01-01", "2027-12-31"), goals.CadenceQuarterly), "2027-05-05", "2027-04-01", "2027-06-30"},
		{"daily", recurring(total(10, "2026-01-01", "2027-12-31"), goals.CadenceDaily), "2027-05-05", "2027-05-05", "2027-05-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := goals.MeasureWindow(tt.g, d(tt.today))
			if from != d(tt.from) || to != d(tt.to) {
				t.Errorf("MeasureWindow = %s..%s, want %s..%s", from, to, tt.from, tt.to)
			}
		})
	}
}

func TestGrowthRate(t *testing.T) {
	tests := []struct {
		name              string
		current, previous float64
		pct               float64
		ok                bool
	}{
		{"growth", 120, 100, 20, true},
		{"decline", 80, 100, -20, true},
		{"flat", 100, 100, 0, true},
		{"from zero is undefined", 5, 0, 0, false},
		{"zero to zero is undefined", 0, 0, 0, false},
		{"to zero", 0, 40, -100, true},
		{"negative previous, improving", 50, -100, 150, true},
		{"negative previous, worsening", -150, -100, -50, true},
		{"not a number", math.NaN(), 100, 0, false},
		{"infinite previous", 100, math.Inf(1), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pct, ok := goals.GrowthRate(tt.current, tt.previous)
			if ok != tt.ok || !near(pct, tt.pct) {
				t.Errorf("GrowthRate(%v, %v) = %v, %v; want %v, %v", tt.current, tt.previous, pct, ok, tt.pct, tt.ok)
			}
		})
	}
}

// days builds DayTotals from "date:amount" pairs.
func days(pairs ...any) []goals.DayTotal {
	var out []goals.DayTotal
	for i := 0; i < len(pairs); i += 2 {
		var v float64
		switch x := pairs[i+1].(type) {
		case int:
			v = float64(x)
		case float64:
			v = x
		}
		out = append(out, goals.DayTotal{Day: d(pairs[i].(string)), Sum: v, Last: v, Count: 1})
	}
	return out
}

// everyDay logs amount on each working day Mon-Fri in [from, to].
func everyDay(from, to string, amount float64) []goals.DayTotal {
	var out []goals.DayTotal
	for x := d(from); !x.After(d(to)); x = x.AddDays(1) {
		if goals.MonFri.Has(x.Weekday()) {
			out = append(out, goals.DayTotal{Day: x, Sum: amount, Last: amount, Count: 1})
		}
	}
	return out
}

func without(ds []goals.DayTotal, skip ...string) []goals.DayTotal {
	var out []goals.DayTotal
next:
	for _, x := range ds {
		for _, s := range skip {
			if x.Day == d(s) {
				continue next
			}
		}
		out = append(out, x)
	}
	return out
}

func with(ds []goals.DayTotal, extra ...goals.DayTotal) []goals.DayTotal {
	out := append(append([]goals.DayTotal(nil), ds...), extra...)
	// keep ascending order: tests pass sorted input unless they say otherwise
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Day.Before(out[j-1].Day); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestStreak(t *testing.T) {
	daily := recurring(total(5, "2026-11-02", "2026-12-31"), goals.CadenceDaily)
	twoWeeks := everyDay("2026-11-02", "2026-11-13", 5) // Mon 2 .. Fri 13
	weekly := recurring(total(20, "2026-11-02", "2026-12-31"), goals.CadenceWeekly)
	away := &goals.DateRange{From: d("2026-11-09"), To: d("2026-11-11")}
	reversed := append([]goals.DayTotal(nil), twoWeeks...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	churn := recurring(level(goals.Decrease, 30, 20, "2026-10-01", "2027-12-31"), goals.CadenceMonthly)
	refunds := recurring(capGoal(3, "2026-11-02", "2026-12-31"), goals.CadenceDaily)
	tests := []struct {
		name  string
		g     goals.Goal
		days  []goals.DayTotal
		today string
		w     goals.Weekdays
		away  *goals.DateRange
		want  int
	}{
		{"two working weeks, today not logged yet, weekend skipped", daily, twoWeeks, "2026-11-16", goals.MonFri, nil, 10},
		{"today already met counts", daily, with(twoWeeks, days("2026-11-16", 6)...), "2026-11-16", goals.MonFri, nil, 11},
		{"on Sunday the streak ends Friday", daily, twoWeeks, "2026-11-15", goals.MonFri, nil, 10},
		{"a short day breaks it", daily, with(without(twoWeeks, "2026-11-11"), days("2026-11-11", 3)...), "2026-11-16", goals.MonFri, nil, 2},
		{"a day without logs breaks it", daily, without(twoWeeks, "2026-11-12"), "2026-11-16", goals.MonFri, nil, 1},
		{"away days neither break nor extend", daily, without(twoWeeks, "2026-11-09", "2026-11-10", "2026-11-11"), "2026-11-16", goals.MonFri, away, 7},
		{"away days with logs do not extend either", daily, twoWeeks, "2026-11-16", goals.MonFri, away, 7},
		{"weekend work does not extend", daily, with(twoWeeks, days("2026-11-07", 5, "2026-11-14", 5)...), "2026-11-16", goals.MonFri, nil, 10},
		{"Mon-Sat: an empty Saturday breaks it", daily, twoWeeks, "2026-11-16", monSat, nil, 0},
		{"Mon-Sat: Saturdays logged keep it", daily, with(twoWeeks, days("2026-11-07", 5, "2026-11-14", 5)...), "2026-11-16", monSat, nil, 12},
		{"counting stops at the start", daily, with(days("2026-10-30", 5), twoWeeks...), "2026-11-16", goals.MonFri, nil, 10},
		{"unsorted days", daily, reversed, "2026-11-16", goals.MonFri, nil, 10},
		{"after the deadline the last day counts", recurring(total(5, "2026-11-02", "2026-11-13"), goals.CadenceDaily), twoWeeks, "2026-11-20", goals.MonFri, nil, 10},
		{"after the deadline a missed last day ends it", recurring(total(5, "2026-11-02", "2026-11-13"), goals.CadenceDaily), without(twoWeeks, "2026-11-13"), "2026-11-20", goals.MonFri, nil, 0},
		{"zero start counts from the first log", recurring(total(5, "", "2026-12-31"), goals.CadenceDaily), twoWeeks, "2026-11-16", goals.MonFri, nil, 10},
		{"weekly, current week still running", weekly, days("2026-11-03", 22, "2026-11-10", 12, "2026-11-12", 8, "2026-11-16", 8), "2026-11-18", goals.MonFri, nil, 2},
		{"weekly, current week already met", weekly, days("2026-11-03", 22, "2026-11-10", 20, "2026-11-17", 25), "2026-11-18", goals.MonFri, nil, 3},
		{"weekly, a week away entirely is skipped", weekly, days("2026-11-03", 22, "2026-11-17", 25), "2026-11-18", goals.MonFri, &goals.DateRange{From: d("2026-11-07"), To: d("2026-11-15")}, 2},
		{"weekly waterfall 10, 15, 20", recurring(total(20, "2026-11-02", "2026-12-31"), goals.CadenceWeekly, 10, 15, 20), days("2026-11-03", 12, "2026-11-10", 14, "2026-11-17", 25), "2026-11-18", goals.MonFri, nil, 1},
		{"weekly waterfall all steps met", recurring(total(20, "2026-11-02", "2026-12-31"), goals.CadenceWeekly, 10, 15, 20), days("2026-11-03", 10, "2026-11-10", 15, "2026-11-17", 19), "2026-11-18", goals.MonFri, nil, 2},
		{"weekly across ISO week 53", recurring(total(20, "2026-12-14", "2027-03-31"), goals.CadenceWeekly), days("2026-12-15", 20, "2026-12-22", 20, "2026-12-29", 10, "2027-01-01", 10), "2027-01-05", goals.MonFri, nil, 3},
		{"level monthly: latest reading of each month", churn, days("2026-10-15", 22, "2026-11-10", 19, "2026-12-05", 18), "2026-12-10", goals.MonFri, nil, 2},
		{"level monthly: a reading carries into a month without one", churn, days("2026-10-15", 19, "2026-12-05", 18), "2026-12-10", goals.MonFri, nil, 3},
		{"cap: days without logs are kept, the running day is skipped", refunds, days("2026-11-04", 5, "2026-11-10", 2, "2026-11-12", 1), "2026-11-12", goals.MonFri, nil, 5},
		{"one-off goals have no streak", total(5, "2026-11-02", "2026-12-31"), twoWeeks, "2026-11-16", goals.MonFri, nil, 0},
		{"no days, no start", recurring(total(5, "", "2026-12-31"), goals.CadenceDaily), nil, "2026-11-16", goals.MonFri, nil, 0},
		{"before the start", daily, nil, "2026-10-16", goals.MonFri, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goals.Streak(tt.g, tt.days, d(tt.today), tt.w, tt.away); got != tt.want {
				t.Errorf("Streak = %d, want %d", got, tt.want)
			}
		})
	}
}

// Whatever the inputs, no figure is NaN or Inf and the invariants hold.
func TestComputeProgressFiniteProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	locs := []*time.Location{nil, time.UTC, zone("America/New_York"), zone("Asia/Shanghai"), zone("Pacific/Chatham")}
	kinds := []goals.Kind{goals.KindTotal, goals.KindLevel, ""}
	dirs := []goals.Direction{goals.Increase, goals.Decrease, ""}
	cadences := []goals.Cadence{goals.CadenceNone, goals.CadenceDaily, goals.CadenceWeekly, goals.CadenceMonthly, goals.CadenceQuarterly, "hourly"}
	amount := func() float64 {
		switch r.IntN(12) {
		case 0:
			return 0
		case 1:
			return goals.MaxAmount
		case 2:
			return 1e-300
		case 3:
			return -r.Float64() * 100
		case 4:
			return math.NaN()
		case 5:
			return math.Inf(1)
		case 6:
			return math.MaxFloat64
		}
		return r.Float64() * 1000
	}
	date := func() goals.Date {
		if r.IntN(20) == 0 {
			return goals.Date{}
		}
		return d("2024-01-01").AddDays(r.IntN(2000))
	}
	finite := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	for i := 0; i < 20000; i++ {
		g := goals.Goal{
			Kind:      kinds[r.IntN(len(kinds))],
			Direction: dirs[r.IntN(len(dirs))],
			Baseline:  amount(),
			Target:    amount(),
			Start:     date(),
			Deadline:  date(),
			Cadence:   cadences[r.IntN(len(cadences))],
		}
		if r.IntN(3) == 0 {
			g.Stretch = ptr(amount())
		}
		for n := r.IntN(4); n > 0; n-- {
			g.Steps = append(g.Steps, amount())
		}
		s := goals.Stats{Sum: amount(), Count: r.IntN(3), Latest: amount()}
		if r.IntN(2) == 0 {
			s.LatestAt = time.Unix(r.Int64N(2e9), 0)
		}
		now := time.Unix(1.6e9+r.Int64N(3e8), 0)
		loc := locs[r.IntN(len(locs))]
		w := goals.Weekdays(r.IntN(256))

		p := goals.ComputeProgress(g, s, now, loc, w)
		for name, f := range map[string]float64{
			"Current": p.Current, "Target": p.Target, "Percent": p.Percent, "Expected": p.Expected,
			"ExpectedPct": p.ExpectedPct, "RequiredRate": p.RequiredRate, "Projection": p.Projection, "Allowance": p.Allowance,
		} {
			if !finite(f) {
				t.Fatalf("case %d: %s = %v for %+v, %+v", i, name, f, g, s)
			}
		}
		if p.StretchPct != nil && !finite(*p.StretchPct) {
			t.Fatalf("case %d: StretchPct = %v", i, *p.StretchPct)
		}
		if (g.Stretch != nil) != (p.StretchPct != nil) {
			t.Fatalf("case %d: StretchPct presence %v with Stretch %v", i, p.StretchPct != nil, g.Stretch)
		}
		if p.Allowance < 0 || p.RequiredRate < 0 || p.RemainingDays < 0 || p.ExpectedPct < 0 || p.ExpectedPct > 100 {
			t.Fatalf("case %d: rate %v, remaining %d, expected %v%%", i, p.RequiredRate, p.RemainingDays, p.ExpectedPct)
		}
		switch p.RequiredPer {
		case goals.PerDay, goals.PerWeek, goals.PerMonth:
		default:
			t.Fatalf("case %d: RequiredPer %q", i, p.RequiredPer)
		}
		switch p.Status {
		case goals.StatusOnTrack, goals.StatusAtRisk, goals.StatusBehind, goals.StatusAchieved, goals.StatusMissed, goals.StatusUpcoming:
		default:
			t.Fatalf("case %d: Status %q", i, p.Status)
		}
		if p.PeriodStart.IsZero() || p.PeriodEnd.Before(p.PeriodStart) {
			t.Fatalf("case %d: window %s..%s", i, p.PeriodStart, p.PeriodEnd)
		}
		if p.Status == goals.StatusAchieved && p.RequiredRate != 0 {
			t.Fatalf("case %d: achieved with rate %v", i, p.RequiredRate)
		}

		if i%4 != 0 { // Streak walks period by period: a quarter of the cases is plenty
			continue
		}
		var ds []goals.DayTotal
		for n := r.IntN(30); n > 0; n-- {
			v := amount()
			ds = append(ds, goals.DayTotal{Day: date(), Sum: v, Last: v, Count: 1})
		}
		if st := goals.Streak(g, ds, goals.DateIn(now, time.UTC), w, nil); st < 0 {
			t.Fatalf("case %d: streak %d", i, st)
		}
	}
}
