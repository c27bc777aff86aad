package reminders_test

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

func TestProgressChartPNG(t *testing.T) {
	g := goals.Goal{ID: 7, Title: "本月销售额达到10万元", Metric: "revenue", Unit: goals.UnitCNY, Kind: goals.KindTotal,
		Direction: goals.Increase, Target: 100000, Start: goals.NewDate(2026, 11, 1), Deadline: goals.NewDate(2026, 11, 30)}
	var days []goals.DayTotal
	for d := 2; d <= 20; d += 2 {
		days = append(days, goals.DayTotal{Day: goals.NewDate(2026, 11, d), Sum: 4000, Last: 4000, Count: 1})
	}
	img, err := reminders.ProgressChartPNG(g, days, goals.NewDate(2026, 11, 22))
	if err != nil {
		t.Fatal(err)
	}
	p, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := p.Bounds(); b.Dx() < 500 || b.Dy() < 200 {
		t.Fatalf("picture %v", b)
	}
	if path := os.Getenv("GOALBOT_CHART_OUT"); path != "" { // to look at it
		os.WriteFile(path, img, 0o644)
	}
	// Nothing to draw: a recurring goal (its history is per period), a goal not started.
	rec := g
	rec.Cadence = goals.CadenceDaily
	if img, _ := reminders.ProgressChartPNG(rec, days, goals.NewDate(2026, 11, 22)); img != nil {
		t.Error("a recurring goal got a running-total chart")
	}
	if img, _ := reminders.ProgressChartPNG(g, nil, goals.NewDate(2026, 10, 1)); img != nil {
		t.Error("a goal that has not started got a chart")
	}
	lvl := goals.Goal{ID: 8, Metric: "churn", Unit: goals.UnitPercent, Kind: goals.KindLevel, Direction: goals.Decrease,
		Baseline: 45, Target: 20, Start: goals.NewDate(2026, 10, 1), Deadline: goals.NewDate(2027, 3, 31)}
	if img, err := reminders.ProgressChartPNG(lvl, []goals.DayTotal{{Day: goals.NewDate(2026, 11, 1), Last: 40, Sum: 40, Count: 1}}, goals.NewDate(2026, 11, 22)); err != nil || img == nil {
		t.Fatalf("level goal chart: %v", err)
	}
}
