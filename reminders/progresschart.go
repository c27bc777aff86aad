package reminders

import (
	"fmt"
	"math"
	"strconv"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/goalbot/goalbot/goals"
)

// progressChartHeight is the height of one goal's history picture.
const progressChartHeight = 360

// ProgressChartPNG draws one goal's history for `/goal progress`: for a
// total goal the running total from its start to today against the straight
// pace line from 0 to the target at the deadline; for a level goal each
// day's reading against the line from baseline to target. days are the
// goal's daily totals (any window; days outside start..today are ignored).
// Labels are ASCII (see the digest chart); nil when there is nothing to draw.
func ProgressChartPNG(g goals.Goal, days []goals.DayTotal, today goals.Date) ([]byte, error) {
	if g.Start.IsZero() || g.Deadline.IsZero() || today.Before(g.Start) || g.Recurring() {
		return nil, nil
	}
	end := today
	if g.Deadline.Before(end) {
		end = g.Deadline
	}
	span := g.Start.DaysUntil(g.Deadline)
	n := g.Start.DaysUntil(end) + 1
	if n < 2 || span < 1 || n > 3660 {
		return nil, nil
	}
	byDay := make(map[goals.Date]goals.DayTotal, len(days))
	for _, d := range days {
		byDay[d.Day] = d
	}
	xs := make([]float64, n)
	ys := make([]float64, n)
	level := g.Kind == goals.KindLevel
	run, last := 0.0, g.Baseline
	for i := 0; i < n; i++ {
		d := g.Start.AddDays(i)
		xs[i] = float64(i)
		if t, ok := byDay[d]; ok {
			run += t.Sum
			last = t.Last
		}
		if level {
			ys[i] = last
		} else {
			ys[i] = run
		}
	}
	from := 0.0
	if level {
		from = g.Baseline
	}
	pace := chart.ContinuousSeries{
		Name:    "pace to target",
		XValues: []float64{0, float64(span)},
		YValues: []float64{from, g.Target},
		Style:   chart.Style{StrokeWidth: 1, StrokeColor: drawing.ColorFromHex("999999"), StrokeDashArray: []float64{5, 5}},
	}
	actual := chart.ContinuousSeries{
		Name: map[bool]string{true: "reading", false: "running total"}[level], XValues: xs, YValues: ys,
		Style: chart.Style{StrokeWidth: 3, StrokeColor: statusColor[goals.StatusOnTrack]},
	}
	ticks := []chart.Tick{{Value: 0, Label: g.Start.String()}, {Value: float64(span), Label: g.Deadline.String()}}
	if n-1 < span && n-1 > span/8 && span-(n-1) > span/8 {
		ticks = append(ticks[:1], chart.Tick{Value: float64(n - 1), Label: today.String()}, ticks[1])
	}
	f, err := chartFont()
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	c := chart.Chart{
		Title:      clipASCII(fmt.Sprintf("#%d %s", g.ID, g.Metric), 60),
		TitleStyle: chart.Style{FontSize: 12},
		Font:       f,
		Width:      chartWidth, Height: progressChartHeight,
		Background: chart.Style{Padding: chart.Box{Top: 40, Left: 20, Right: 20, Bottom: 10}},
		XAxis:      chart.XAxis{Ticks: ticks, Range: &chart.ContinuousRange{Min: 0, Max: float64(span)}},
		YAxis:      chart.YAxis{ValueFormatter: shortNumber},
		Series:     []chart.Series{pace, actual},
	}
	c.Elements = []chart.Renderable{chart.Legend(&c)}
	img, err := renderImage(c.Render)
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

// shortNumber labels an axis: 1.2M, 85k, 12.5.
func shortNumber(v any) string {
	f, _ := v.(float64)
	switch a := math.Abs(f); {
	case a >= 1e6:
		return strconv.FormatFloat(f/1e6, 'f', 1, 64) + "M"
	case a >= 1e4:
		return strconv.FormatFloat(f/1e3, 'f', 0, 64) + "k"
	case a >= 1e3:
		return strconv.FormatFloat(f/1e3, 'f', 1, 64) + "k"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
