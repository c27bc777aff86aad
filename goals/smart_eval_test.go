package goals

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// smartEvalCase is one labelled statement of testdata/smart_eval.jsonl. The
// labels say what a person expects, not what the analyser happens to do.
type smartEvalCase struct {
	Text       string   `json:"text"`
	Now        string   `json:"now"`
	TZ         string   `json:"tz"`
	Measurable bool     `json:"measurable"`
	TimeBound  bool     `json:"time_bound"`
	Metric     string   `json:"metric"`
	Direction  string   `json:"direction"`
	Target     *float64 `json:"target"`
	Baseline   *float64 `json:"baseline"`
	Deadline   *string  `json:"deadline"`
	Cadence    *string  `json:"cadence"`
	Unit       string   `json:"unit"`
	// Split is "holdout" for statements written after the analyser's first
	// version and scored before any change made for them; "" otherwise.
	Split string `json:"split"`

	// History cases (split "history", issue 13): the user's past results
	// the coach reads, and what it should propose. Suggested nil: not scored.
	History     []evalSeed        `json:"history"`
	RelativePct *float64          `json:"relative_pct"`
	Suggested   *[]string         `json:"suggested"`
	Tags        map[string]string `json:"tags"`
}

// evalSeed is past results of one metric: total spread over the working
// days of [from, to], or for a level metric one reading on to.
type evalSeed struct {
	Metric string  `json:"metric"`
	Unit   string  `json:"unit"`
	Kind   string  `json:"kind"`
	From   string  `json:"from"`
	To     string  `json:"to"`
	Total  float64 `json:"total"`
}

// historyOf is the HistoryFunc over the case's seeds; nil without any.
func (c smartEvalCase) historyOf(t *testing.T) HistoryFunc {
	if len(c.History) == 0 {
		return nil
	}
	byMetric := map[string][]DayTotal{}
	for _, s := range c.History {
		from, err1 := ParseISODate(s.From)
		to, err2 := ParseISODate(s.To)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: seed dates %q %q", c.Text, s.From, s.To)
		}
		key := s.Metric + "|" + s.Unit
		if s.Kind == "level" {
			byMetric[key] = append(byMetric[key], DayTotal{Day: to, Sum: s.Total, Last: s.Total, Count: 1})
			continue
		}
		var days []Date
		for d := from; !d.After(to); d = d.AddDays(1) {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				days = append(days, d)
			}
		}
		for _, d := range days {
			v := s.Total / float64(len(days))
			byMetric[key] = append(byMetric[key], DayTotal{Day: d, Sum: v, Last: v, Count: 1})
		}
	}
	for k := range byMetric {
		sort.Slice(byMetric[k], func(i, j int) bool { return byMetric[k][i].Day.Before(byMetric[k][j].Day) })
	}
	return func(metric, unit string, _ Scope, from, to Date) []DayTotal {
		var out []DayTotal
		for _, d := range byMetric[metric+"|"+unit] {
			if !d.Day.Before(from) && !d.Day.After(to) {
				out = append(out, d)
			}
		}
		return out
	}
}

func loadSmartEval(t *testing.T) []smartEvalCase {
	t.Helper()
	f, err := os.Open("testdata/smart_eval.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []smartEvalCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c smartEvalCase
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("smart_eval.jsonl:%d: %v", n, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func numStr(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func sameNum(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-6*math.Max(1, math.Abs(*b))
}

func strOrEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestSmartEval scores the offline analyser per field on the labelled set
// and fails when a field falls below its threshold.
func TestSmartEval(t *testing.T) {
	cases := loadSmartEval(t)
	if len(cases) < 150 {
		t.Fatalf("only %d labelled statements", len(cases))
	}
	// Every field scored 1.000 (239/239) on 2026-12-04: the gates sit just
	// below, so a regression of more than a few statements fails. Raise
	// them with the score; lower one only with a reason in the commit.
	thresholds := map[string]float64{
		"measurable": 0.99, "time_bound": 0.99,
		"target": 0.98, "baseline": 0.98, "deadline": 0.98, "direction": 0.98, "metric": 0.98, "cadence": 0.98,
		"unit": 0.98,
	}
	fields := []string{"measurable", "time_bound", "metric", "direction", "target", "baseline", "deadline", "cadence", "unit"}
	hits := map[string]int{}
	splitHits := map[string]map[string]int{} // split -> field -> hits
	splitN := map[string]int{}
	perLang := map[string][2]int{} // lang -> {all fields right, cases}
	var misses []string
	extraHits, extraN := map[string]int{}, map[string]int{}
	for _, c := range cases {
		now, err := time.Parse(time.RFC3339, c.Now)
		if err != nil {
			t.Fatalf("%q: now: %v", c.Text, err)
		}
		loc := LoadLocation(c.TZ)
		an := Analyze(c.Text, AnalyzeOptions{Now: now, Loc: loc, History: c.historyOf(t)})
		deadline := ""
		if an.Deadline != nil {
			deadline = an.Deadline.String()
		}
		got := map[string]string{
			"measurable": fmt.Sprint(an.Measurable), "time_bound": fmt.Sprint(an.TimeBound),
			"metric": an.Metric, "direction": string(an.Direction),
			"target": numStr(an.Target), "baseline": numStr(an.Baseline),
			"deadline": deadline, "cadence": string(an.Cadence), "unit": an.Unit,
		}
		want := map[string]string{
			"measurable": fmt.Sprint(c.Measurable), "time_bound": fmt.Sprint(c.TimeBound),
			"metric": c.Metric, "direction": c.Direction,
			"target": numStr(c.Target), "baseline": numStr(c.Baseline),
			"deadline": strOrEmpty(c.Deadline), "cadence": strOrEmpty(c.Cadence), "unit": c.Unit,
		}
		ok := map[string]bool{}
		for _, f := range fields {
			ok[f] = got[f] == want[f]
		}
		ok["target"] = sameNum(an.Target, c.Target)
		ok["baseline"] = sameNum(an.Baseline, c.Baseline)
		// The coach's additions, scored on the cases that label them.
		extra := map[string]bool{}
		if c.Suggested != nil {
			extra["suggested"] = strings.Join(an.Suggested, ",") == strings.Join(*c.Suggested, ",")
			extra["relative_pct"] = sameNum(an.RelativePct, c.RelativePct)
			got["suggested"], want["suggested"] = strings.Join(an.Suggested, ","), strings.Join(*c.Suggested, ",")
			got["relative_pct"], want["relative_pct"] = numStr(an.RelativePct), numStr(c.RelativePct)
		}
		if c.Tags != nil {
			extra["tags"] = fmt.Sprint(an.Tags) == fmt.Sprint(c.Tags)
			got["tags"], want["tags"] = fmt.Sprint(an.Tags), fmt.Sprint(c.Tags)
		}
		for f, good := range extra {
			extraN[f]++
			if good {
				extraHits[f]++
			} else {
				misses = append(misses, fmt.Sprintf("[%s] %q: %s=%q want %q", c.Split, c.Text, f, got[f], want[f]))
			}
		}
		all := true
		var bad []string
		split := c.Split
		if split == "" {
			split = "main"
		}
		if splitHits[split] == nil {
			splitHits[split] = map[string]int{}
		}
		splitN[split]++
		for _, f := range fields {
			if ok[f] {
				hits[f]++
				splitHits[split][f]++
				continue
			}
			all = false
			bad = append(bad, fmt.Sprintf("%s=%q want %q", f, got[f], want[f]))
		}
		lang := DetectLang(c.Text)
		pl := perLang[lang]
		pl[1]++
		if all {
			pl[0]++
		}
		perLang[lang] = pl
		if len(bad) > 0 {
			misses = append(misses, fmt.Sprintf("[%s] %q: %s", split, c.Text, strings.Join(bad, ", ")))
		}
	}
	n := float64(len(cases))
	for _, f := range fields {
		t.Logf("%-10s %.3f (%d/%d)", f, float64(hits[f])/n, hits[f], len(cases))
	}
	for _, f := range []string{"suggested", "relative_pct", "tags"} {
		if extraN[f] > 0 {
			t.Logf("%-12s %.3f (%d/%d)", f, float64(extraHits[f])/float64(extraN[f]), extraHits[f], extraN[f])
		}
	}
	for _, sp := range []string{"main", "holdout", "history"} {
		if splitN[sp] == 0 {
			continue
		}
		var parts []string
		for _, f := range fields {
			parts = append(parts, fmt.Sprintf("%s %.2f", f, float64(splitHits[sp][f])/float64(splitN[sp])))
		}
		t.Logf("%s (%d): %s", sp, splitN[sp], strings.Join(parts, ", "))
	}
	langs := make([]string, 0, len(perLang))
	for l := range perLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t.Logf("%-5s all fields right: %d/%d", l, perLang[l][0], perLang[l][1])
	}
	for _, m := range misses {
		t.Logf("miss: %s", m)
	}
	for _, f := range fields {
		if score := float64(hits[f]) / n; score < thresholds[f] {
			t.Errorf("%s accuracy %.3f is below %.2f", f, score, thresholds[f])
		}
	}
	for f, n := range extraN {
		if score := float64(extraHits[f]) / float64(n); score < 0.90 {
			t.Errorf("%s accuracy %.3f is below 0.90", f, score)
		}
	}
}
