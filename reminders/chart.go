package reminders

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/goalbot/goalbot/goals"
)

// The digest chart: progress per member and goal (bars coloured by status)
// above the last weeks' trend (one line per metric). It is drawn with
// go-chart, whose only font is the embedded Roboto: it has no CJK glyphs
// (they render as nothing, without an error), so every label on the chart
// is ASCII: goal ids, user ids and metric keys, with other characters
// dropped. The text of the digest carries the names in full.
//
// The outbox stores the ChartSpec, not the PNG: a spec is a few hundred
// bytes where the PNG is tens of kilobytes, and drawing happens at delivery,
// spread over time, instead of in the scheduler's tick for every team at
// once. Drawing is deterministic, so a retried delivery sends the same image.

// ChartSpec is what the chart shows.
type ChartSpec struct {
	Title  string        `json:"title"`
	Bars   []ChartBar    `json:"bars"`
	Weeks  []string      `json:"weeks"`
	Series []ChartSeries `json:"series"`
}

// ChartBar is one goal's progress.
type ChartBar struct {
	Label   string       `json:"label"`
	Percent float64      `json:"pct"`
	Status  goals.Status `json:"status"`
}

// ChartSeries is one metric's weekly totals, oldest first.
type ChartSeries struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

// Chart limits: the bars that fit side by side, the lines that stay readable.
const (
	maxChartBars   = 40
	maxChartSeries = 4
)

func chartOf(d *Digest, gds []GoalData, p Period) *ChartSpec {
	spec := &ChartSpec{Title: ascii(d.teamName) + " " + p.Key}
	if strings.TrimSpace(ascii(d.teamName)) == "" {
		spec.Title = ascii(d.Team) + " " + p.Key
	}
	add := func(v GoalDigest) {
		if len(spec.Bars) < maxChartBars {
			label := "#" + strconv.FormatInt(v.ID, 10)
			if v.Scope != goals.ScopeTeam {
				label += " " + clipASCII(v.Owner, 8)
			} else {
				label += " team"
			}
			spec.Bars = append(spec.Bars, ChartBar{Label: label, Percent: roundTo(v.Percent, 1), Status: v.Status})
		}
	}
	for _, v := range d.TeamGoals {
		add(v)
	}
	for _, m := range d.Members {
		for _, v := range m.Goals {
			add(v)
		}
	}
	for _, b := range p.Buckets {
		_, w := b.ISOWeek()
		spec.Weeks = append(spec.Weeks, fmt.Sprintf("W%02d", w))
	}
	// One line per metric and unit of the total goals: weekly sums.
	type key struct{ metric, unit string }
	sums := map[key][]float64{}
	for _, gd := range gds {
		g := gd.Goal
		if g.Kind != goals.KindTotal || g.ParentID != nil || len(gd.Buckets) != len(p.Buckets) {
			continue // children are in their parent's sums already
		}
		k := key{g.Metric, g.Unit}
		if sums[k] == nil {
			sums[k] = make([]float64, len(p.Buckets))
		}
		for i, v := range gd.Buckets {
			sums[k][i] += v
		}
	}
	for k, vals := range sums {
		name := clipASCII(k.metric, 16)
		if name == "" {
			name = "goal"
		}
		if k.unit != "" && k.unit != goals.UnitCount {
			name += " (" + clipASCII(k.unit, 8) + ")"
		}
		spec.Series = append(spec.Series, ChartSeries{Name: name, Values: roundAll(vals)})
	}
	slices.SortFunc(spec.Series, func(a, b ChartSeries) int {
		return cmp.Or(cmp.Compare(total(b.Values), total(a.Values)), strings.Compare(a.Name, b.Name))
	})
	if len(spec.Series) > maxChartSeries {
		spec.Series = spec.Series[:maxChartSeries]
	}
	return spec
}

func total(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}

func roundAll(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = roundTo(v, 2)
	}
	return out
}

// ascii keeps printable ASCII, so the chart's Latin-only font can draw it.
func ascii(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && unicode.IsPrint(r) {
			return r
		}
		return -1
	}, s)
}

func clipASCII(s string, n int) string {
	s = ascii(s)
	if len(s) > n {
		return s[:n]
	}
	return s
}

var statusColor = map[goals.Status]drawing.Color{
	goals.StatusOnTrack:  drawing.ColorFromHex("2e9e44"),
	goals.StatusAtRisk:   drawing.ColorFromHex("e0a800"),
	goals.StatusBehind:   drawing.ColorFromHex("d64545"),
	goals.StatusAchieved: drawing.ColorFromHex("2f6fd6"),
	goals.StatusMissed:   drawing.ColorFromHex("9a9a9a"),
}

// Chart sizes in pixels.
const (
	chartWidth     = 1000
	barPanelHeight = 420
	trendHeight    = 300
)

// go-chart loads its default font lazily into a global without a lock:
// load it once here and hand it to every chart, so concurrent deliveries
// do not race.
var (
	fontOnce sync.Once
	font     *truetype.Font
	fontErr  error
)

func chartFont() (*truetype.Font, error) {
	fontOnce.Do(func() { font, fontErr = chart.GetDefaultFont() })
	return font, fontErr
}

// RenderPNG draws spec as one PNG: the bars above the trend.
func RenderPNG(spec *ChartSpec) ([]byte, error) {
	if spec == nil {
		return nil, nil
	}
	f, err := chartFont()
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	var panels []image.Image
	if len(spec.Bars) > 0 {
		img, err := barPanel(spec, f)
		if err != nil {
			return nil, err
		}
		panels = append(panels, img)
	}
	if len(spec.Series) > 0 && len(spec.Weeks) > 1 {
		img, err := trendPanel(spec, f)
		if err != nil {
			return nil, err
		}
		panels = append(panels, img)
	}
	if len(panels) == 0 {
		return nil, nil
	}
	h := 0
	for _, p := range panels {
		h += p.Bounds().Dy()
	}
	out := image.NewRGBA(image.Rect(0, 0, chartWidth, h))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	y := 0
	for _, p := range panels {
		r := image.Rect(0, y, p.Bounds().Dx(), y+p.Bounds().Dy())
		draw.Draw(out, r, p, p.Bounds().Min, draw.Src)
		y += p.Bounds().Dy()
	}
	return encodePNG(out)
}

// encodePNG is the PNG every chart is sent as: fast compression, since
// charts are drawn on the delivery path.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

func barPanel(spec *ChartSpec, f *truetype.Font) (image.Image, error) {
	maxPct := 100.0
	for _, b := range spec.Bars {
		maxPct = math.Max(maxPct, math.Min(b.Percent, 300))
	}
	bars := make([]chart.Value, 0, len(spec.Bars))
	for _, b := range spec.Bars {
		v := math.Max(0, math.Min(b.Percent, maxPct))
		c, ok := statusColor[b.Status]
		if !ok {
			c = drawing.ColorFromHex("666666")
		}
		bars = append(bars, chart.Value{Value: v, Label: ascii(b.Label), Style: chart.Style{FillColor: c, StrokeColor: c}})
	}
	barWidth := max(8, min(60, (chartWidth-120)/max(1, len(bars))-6))
	bc := chart.BarChart{
		Title:      ascii(spec.Title) + "  progress %",
		TitleStyle: chart.Style{FontSize: 12},
		Font:       f,
		Width:      chartWidth, Height: barPanelHeight,
		Background: chart.Style{Padding: chart.Box{Top: 40, Left: 10, Right: 10, Bottom: 40}},
		BarWidth:   barWidth,
		BarSpacing: 6,
		XAxis:      chart.Style{FontSize: 7},
		YAxis: chart.YAxis{
			Range:          &chart.ContinuousRange{Min: 0, Max: maxPct},
			ValueFormatter: func(v any) string { return fmt.Sprintf("%.0f%%", v) },
		},
		Bars: bars,
	}
	if len(bars) == 1 {
		// go-chart needs two values to scale.
		bc.Bars = append(bc.Bars, chart.Value{Value: 0, Label: " "})
	}
	return renderImage(bc.Render)
}

func trendPanel(spec *ChartSpec, f *truetype.Font) (image.Image, error) {
	xs := make([]float64, len(spec.Weeks))
	ticks := make([]chart.Tick, len(spec.Weeks))
	for i, w := range spec.Weeks {
		xs[i] = float64(i)
		ticks[i] = chart.Tick{Value: float64(i), Label: w}
	}
	var series []chart.Series
	for _, s := range spec.Series {
		best := 0.0
		for _, v := range s.Values {
			best = math.Max(best, v)
		}
		ys := make([]float64, len(xs))
		for i := range ys {
			if i < len(s.Values) && best > 0 {
				ys[i] = s.Values[i] / best * 100
			}
		}
		series = append(series, chart.ContinuousSeries{
			Name:    fmt.Sprintf("%s (best %s)", ascii(s.Name), strconv.FormatFloat(roundTo(best, 2), 'f', -1, 64)),
			XValues: xs, YValues: ys,
			Style: chart.Style{StrokeWidth: 2, DotWidth: 3},
		})
	}
	c := chart.Chart{
		Title:      "weekly totals, % of best week",
		TitleStyle: chart.Style{FontSize: 11},
		Font:       f,
		Width:      chartWidth, Height: trendHeight,
		Background: chart.Style{Padding: chart.Box{Top: 40, Left: 230, Right: 20, Bottom: 10}},
		XAxis:      chart.XAxis{Ticks: ticks, Range: &chart.ContinuousRange{Min: 0, Max: float64(len(xs) - 1)}},
		YAxis: chart.YAxis{
			Range:          &chart.ContinuousRange{Min: 0, Max: 105},
			ValueFormatter: func(v any) string { return fmt.Sprintf("%.0f%%", v) },
		},
		Series: series,
	}
	c.Elements = []chart.Renderable{chart.LegendLeft(&c)}
	return renderImage(c.Render)
}

func renderImage(render func(chart.RendererProvider, io.Writer) error) (image.Image, error) {
	var buf bytes.Buffer
	if err := render(chart.PNG, &buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return img, nil
}
