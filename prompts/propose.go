package prompts

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/goalbot/goalbot/goals"
)

// What the model is told of the metric's past and the team's goals, and
// the checks a value it proposes must pass: the model may suggest a target,
// a baseline or a deadline the statement lacks, never change one the user
// wrote, and only within what history makes plausible.

// PlausibleFactor bounds a proposed target: at most this multiple of the
// best recent period (or reading) in the history.
const PlausibleFactor = 3.0

// maxBasisLen bounds the model's one-line basis.
const maxBasisLen = 200 // runes

type periodData struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Value *float64 `json:"value,omitempty"` // total, or last reading for a level metric; absent: nothing logged
}

// historyData is the history summary the prompt carries.
type historyData struct {
	Whose               string      `json:"whose"` // "user" or "team"
	Metric              string      `json:"metric"`
	Unit                string      `json:"unit"`
	Kind                string      `json:"kind"`
	Period              string      `json:"period"` // weekly, monthly, quarterly, yearly, or "span"
	CurrentPeriod       periodData  `json:"current_period"`
	PreviousPeriod      *periodData `json:"previous_period,omitempty"`
	SamePeriodLastYear  *periodData `json:"same_period_last_year,omitempty"`
	BestRecentPeriod    *float64    `json:"best_recent_period,omitempty"`
	RecentTotal         *float64    `json:"recent_total,omitempty"` // over recent_from..recent_to
	RecentFrom          string      `json:"recent_from,omitempty"`
	RecentTo            string      `json:"recent_to,omitempty"`
	RecentPerWorkingDay *float64    `json:"recent_per_working_day,omitempty"`
	LatestReading       *float64    `json:"latest_reading,omitempty"`
}

type teamGoalData struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	Metric   string  `json:"metric"`
	Unit     string  `json:"unit"`
	Target   float64 `json:"target"`
	Deadline string  `json:"deadline"`
}

func fptr(v float64) *float64 { return &v }

func period(f goals.PeriodFigure) *periodData {
	if f.From.IsZero() {
		return nil
	}
	p := &periodData{From: f.From.String(), To: f.To.String()}
	if f.Has {
		p.Value = fptr(f.Value)
	}
	return p
}

// historyOf is the prompt's view of the summary, nil without one.
func historyOf(h *goals.HistorySummary) *historyData {
	if h == nil {
		return nil
	}
	d := &historyData{
		Whose: "user", Metric: h.Metric, Unit: h.Unit, Kind: string(h.Kind), Period: string(h.Period),
		CurrentPeriod:  periodData{From: h.Current.From.String(), To: h.Current.To.String()},
		PreviousPeriod: period(h.Prev), SamePeriodLastYear: period(h.LastYear),
	}
	if h.Scope == goals.ScopeTeam {
		d.Whose = "team"
	}
	if d.Period == "" {
		d.Period = "span"
	}
	if h.Best > 0 {
		d.BestRecentPeriod = fptr(h.Best)
	}
	if h.Kind != goals.KindLevel && !h.RecentFrom.IsZero() {
		d.RecentTotal, d.RecentFrom, d.RecentTo = fptr(h.RecentTotal), h.RecentFrom.String(), h.RecentTo.String()
		d.RecentPerWorkingDay = fptr(math.Round(h.RatePerWorkday*100) / 100)
	}
	if h.Latest != nil {
		d.LatestReading = fptr(*h.Latest)
	}
	return d
}

// teamGoalsOf lists the team's active goals for the prompt, at most ten.
func teamGoalsOf(gs []goals.Goal) []teamGoalData {
	var out []teamGoalData
	for _, g := range gs {
		if g.Scope != goals.ScopeTeam || !g.Active() {
			continue
		}
		out = append(out, teamGoalData{ID: g.ID, Title: g.Title, Metric: g.Metric, Unit: g.Unit, Target: g.Target, Deadline: g.Deadline.String()})
		if len(out) == 10 {
			break
		}
	}
	return out
}

// proposes reports whether the model declares field its own proposal and
// says why.
func (a answer) proposes(field string) bool {
	if strings.TrimSpace(a.Basis) == "" {
		return false
	}
	for _, s := range a.Suggested {
		if strings.EqualFold(strings.TrimSpace(s), field) {
			return true
		}
	}
	return false
}

// historyBound is the largest value history makes plausible for a target
// (PlausibleFactor × the best recent period or reading), 0 when history
// says nothing.
func historyBound(h *goals.HistorySummary, workdaysLeft int) float64 {
	if h == nil {
		return 0
	}
	best := math.Max(h.Best, math.Max(h.Prev.Value, h.LastYear.Value))
	if h.Latest != nil {
		best = math.Max(best, *h.Latest)
	}
	if h.Kind != goals.KindLevel && workdaysLeft > 0 {
		best = math.Max(best, h.RatePerWorkday*float64(workdaysLeft))
	}
	return PlausibleFactor * best
}

// checkProposal refuses a proposed target or baseline history makes
// implausible: over PlausibleFactor × the best recent period, a target on
// the wrong side of the baseline, a rate over 100%.
func checkProposal(out goals.Analysis, in checkInput, proposedTarget, proposedBaseline bool) error {
	h := out.History
	left := 0
	if out.Deadline != nil {
		left = goals.WorkingDays(in.Today, *out.Deadline, 0, nil)
	}
	bound := historyBound(h, left)
	if proposedBaseline && bound == 0 {
		return reject("baseline_invented", "a baseline needs history")
	}
	for _, f := range []struct {
		name string
		on   bool
		v    *float64
	}{{"target", proposedTarget, out.Target}, {"baseline", proposedBaseline, out.Baseline}} {
		if !f.on || f.v == nil {
			continue
		}
		if bound > 0 && *f.v > bound {
			return reject("implausible_"+f.name, "%v is over %v× the best recent period", *f.v, PlausibleFactor)
		}
		if out.Unit == goals.UnitPercent && *f.v > 100 && out.Kind == goals.KindLevel {
			return reject("implausible_"+f.name, "rate %v%%", *f.v)
		}
	}
	if (proposedTarget || proposedBaseline) && out.Target != nil && out.Baseline != nil {
		t, b := *out.Target, *out.Baseline
		if (out.Direction == goals.Increase && t < b) || (out.Direction == goals.Decrease && t > b) {
			return reject("implausible_target", "%s from %v to %v", out.Direction, b, t)
		}
	}
	return nil
}

// cleanBasis is the model's basis as one bounded line.
func cleanBasis(s string) string {
	s = cleanText(s)
	if utf8.RuneCountInString(s) > maxBasisLen {
		s = string([]rune(s)[:maxBasisLen-1]) + "…"
	}
	return s
}

// historyKey is the part of the cache key the history and team goals make:
// the same statement with other history is another question.
func historyKey(a goals.Analysis, teamGoals []goals.Goal) string {
	var b strings.Builder
	if h := a.History; h != nil {
		fmt.Fprintf(&b, "%s|%s|%v|%v|%v|%v|%v", h.Period, h.Current.From, h.Prev.Value, h.LastYear.Value, h.Best, h.RatePerWorkday, h.Latest != nil)
		if h.Latest != nil {
			fmt.Fprintf(&b, "%v", *h.Latest)
		}
	}
	for _, g := range teamGoals {
		fmt.Fprintf(&b, "|%d", g.ID)
	}
	return b.String()
}

// checkParts accepts a split of a compound statement: exactly two parts,
// each one of the statement's own phrases (a substring, or only words and
// numbers the statement has), so a split never adds to what the user wrote.
func checkParts(parts []string, statement string) ([]string, error) {
	var out []string
	for _, p := range parts {
		if p = cleanText(p); p != "" {
			out = append(out, p)
		}
	}
	switch {
	case len(out) == 0:
		return nil, nil
	case len(out) != 2:
		return nil, reject("bad_parts", "%d parts", len(out))
	}
	norm := strings.ToLower(strings.Join(strings.Fields(statement), " "))
	for _, p := range out {
		lp := strings.ToLower(p)
		if strings.Contains(norm, lp) {
			continue
		}
		for _, w := range strings.Fields(lp) {
			if !strings.Contains(norm, w) {
				return nil, reject("part_invented", "%q is not in the statement", w)
			}
		}
		for _, r := range lp {
			if r > 0x2e80 && !strings.ContainsRune(norm, r) {
				return nil, reject("part_invented", "%q is not in the statement", string(r))
			}
		}
		if !tokensWithin(p, statement) {
			return nil, reject("part_invented", "a number of %q is not in the statement", p)
		}
	}
	return out, nil
}

// tokensWithin: every number of s is written in statement.
func tokensWithin(s, statement string) bool {
	allowed := flatten(numberTokens(statement))
	for _, tok := range numberTokens(s) {
		if !tokenIn(tok, allowed) {
			return false
		}
	}
	return true
}
