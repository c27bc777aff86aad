package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalbot/goalbot/goals"
)

// smartJSON is the object `goalbot smart --json` prints (SPEC §6).
type smartJSON struct {
	Input     string          `json:"input"`
	Lang      string          `json:"lang"`
	Source    string          `json:"source"`
	Smart     map[string]bool `json:"smart"`
	Missing   []string        `json:"missing"`
	Metric    *string         `json:"metric"`
	Direction goals.Direction `json:"direction"`
	Baseline  *float64        `json:"baseline"`
	Target    *float64        `json:"target"`
	Unit      *string         `json:"unit"`
	Deadline  *string         `json:"deadline"`
	Cadence   *string         `json:"cadence"`
	Rewrite   string          `json:"rewrite"`
	Questions []string        `json:"questions"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// SmartJSON converts a coach result to the contract object.
func SmartJSON(r goals.CoachResult) smartJSON {
	a := r.Analysis
	out := smartJSON{
		Input: a.Input, Lang: a.Lang, Source: r.Source,
		Smart: map[string]bool{"specific": a.Specific, "measurable": a.Measurable, "achievable": a.Achievable,
			"relevant": a.Relevant, "time_bound": a.TimeBound},
		Missing: a.Missing, Metric: strPtr(a.Metric), Direction: a.Direction,
		Baseline: a.Baseline, Target: a.Target, Unit: strPtr(a.Unit),
		Cadence: strPtr(string(a.Cadence)), Rewrite: a.Rewrite, Questions: a.Questions,
	}
	if a.Deadline != nil {
		out.Deadline = strPtr(a.Deadline.String())
	}
	if out.Missing == nil {
		out.Missing = []string{}
	}
	if out.Questions == nil {
		out.Questions = []string{}
	}
	if out.Direction == "" {
		out.Direction = goals.Increase
	}
	return out
}

func (m *Main) runSmart(ctx context.Context, args []string) error {
	fs := m.flagSet("smart")
	asJSON := fs.Bool("json", false, "print the analysis as JSON")
	lang := fs.String("lang", "", "answer in this language (en, zh-CN, zh-TW); default: the input's")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" {
		fmt.Fprintln(m.Stderr, `usage: goalbot smart [--json] "<text>"`)
		return exitCode(2)
	}
	cfg, err := loadConfig(m.Getenv, m.dbPath)
	if err != nil {
		return err
	}
	m.cfg = cfg
	m.log = newLogger(m.Stderr, cfg.LogLevel, cfg.LogFormat)
	now, err := m.instant()
	if err != nil {
		return err
	}
	res := m.coach().Coach(ctx, text, goals.AnalyzeOptions{Now: now, Loc: goals.LoadLocation(cfg.TZ), Lang: goals.NormalizeLang(*lang)})
	if *asJSON {
		return writeJSON(m.Stdout, SmartJSON(res))
	}
	a := res.Analysis
	fmt.Fprintf(m.Stdout, "specific=%v measurable=%v achievable=%v relevant=%v time_bound=%v\n",
		a.Specific, a.Measurable, a.Achievable, a.Relevant, a.TimeBound)
	if a.Rewrite != "" {
		fmt.Fprintln(m.Stdout, a.Rewrite)
	}
	for _, q := range a.Questions {
		fmt.Fprintln(m.Stdout, "?", q)
	}
	if res.FellBack {
		fmt.Fprintln(m.Stdout, "(the LLM coach was unavailable; this is the offline analysis)")
	}
	return nil
}
