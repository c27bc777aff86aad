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
	// Additive (issue 13): what the coach proposed rather than read.
	Suggested   []string `json:"suggested"`
	Basis       *string  `json:"basis"`
	RelativePct *float64 `json:"relative_pct"`
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
		Suggested: append([]string{}, a.Suggested...), Basis: strPtr(a.Basis), RelativePct: a.RelativePct,
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
	team := fs.String("team", "", "read this team's history and goals (`id`)")
	user := fs.String("user", "", "with --team: this member's history (`id`; default: the whole team's)")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" || (*user != "" && *team == "") {
		fmt.Fprintln(m.Stderr, `usage: goalbot smart [--json] [--team T [--user U]] "<text>"`)
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
	o := goals.AnalyzeOptions{Now: now, Loc: goals.LoadLocation(cfg.TZ), Lang: goals.NormalizeLang(*lang)}
	if *team != "" {
		// History lives in the database: only --team opens it.
		if err := m.setup(true); err != nil {
			return err
		}
		defer m.Close()
		if err := m.smartHistory(ctx, &o, *team, *user); err != nil {
			return err
		}
		ctx = goals.WithTeamID(ctx, *team)
	}
	res := m.coach().Coach(ctx, text, o)
	if *asJSON {
		return writeJSON(m.Stdout, SmartJSON(res))
	}
	a := res.Analysis
	fmt.Fprintf(m.Stdout, "specific=%v measurable=%v achievable=%v relevant=%v time_bound=%v\n",
		a.Specific, a.Measurable, a.Achievable, a.Relevant, a.TimeBound)
	if a.Rewrite != "" {
		fmt.Fprintln(m.Stdout, a.Rewrite)
	}
	if a.Working != "" {
		fmt.Fprintln(m.Stdout, a.Working)
	}
	if len(a.Suggested) > 0 {
		fmt.Fprintf(m.Stdout, "suggested: %s (%s)\n", strings.Join(a.Suggested, ", "), a.Basis)
	}
	if a.Pace != nil {
		fmt.Fprintln(m.Stdout, "!", a.Pace.Note, "→", a.Pace.Option)
	}
	if a.Supports != nil {
		fmt.Fprintf(m.Stdout, "supports #%d %s\n", a.Supports.ID, a.Supports.Title)
	}
	for _, q := range a.Questions {
		fmt.Fprintln(m.Stdout, "?", q)
	}
	if res.FellBack {
		fmt.Fprintln(m.Stdout, "(the LLM coach was unavailable; this is the offline analysis)")
	}
	return nil
}

// smartHistory points the analysis at a team's history, zone, goals and,
// with a user, that member's logs and working week.
func (m *Main) smartHistory(ctx context.Context, o *goals.AnalyzeOptions, teamID, userID string) error {
	t, err := m.db.Team(ctx, teamID)
	if goals.ErrorCode(err) == goals.ENotFound {
		fmt.Fprintf(m.Stderr, "goalbot smart: no team %q\n", teamID)
		return exitCode(1)
	}
	if err != nil {
		return err
	}
	o.Loc = t.Location()
	o.Dates = t.DateOptions()
	if userID == "" {
		o.Scope = goals.ScopeTeam // the whole team's history
	}
	if userID != "" {
		if mem, err := m.db.Member(ctx, teamID, userID); err == nil {
			o.Workdays = mem.Workdays
		}
	}
	if h, ok := goals.HistoryFromStore(ctx, m.db, teamID, userID); ok {
		o.History = h
	}
	scope := goals.ScopeTeam
	gs, err := m.db.Goals(ctx, goals.GoalFilter{TeamID: teamID, Scope: &scope})
	if err != nil {
		return err
	}
	o.TeamGoals = gs
	return nil
}
