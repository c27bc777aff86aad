package bot

import (
	"math"

	"github.com/goalbot/goalbot/goals"
)

// Reply is the neutral answer adapters render. Its JSON is the contract of
// `goalbot send --json` (SPEC §6): keep field names stable.
type Reply struct {
	OK      bool        `json:"ok"`
	Lang    string      `json:"lang"`
	Text    string      `json:"text"`
	Goals   []GoalView  `json:"goals"`
	Buttons []Button    `json:"buttons"`
	Error   *ReplyError `json:"error"`
	// Public asks adapters to post in the channel (team views) instead of
	// answering only the user (ephemeral in Slack).
	Public bool `json:"-"`
	// Chart is an optional PNG picture of the reply (history, digest).
	Chart []byte `json:"-"`
	// CSV is an optional file (export) adapters attach.
	CSV []byte `json:"-"`
}

// ReplyError is a refused command: a stable code and a message in the user's language.
type ReplyError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Button is an action the user can take with one press.
type Button struct {
	Action string `json:"action"`
	Label  string `json:"label"`
	Value  string `json:"value,omitempty"`
}

// Button actions adapters route back as Request.Action.
const (
	ActAcceptRewrite = "accept_rewrite"
	ActEditRewrite   = "edit_rewrite"
	ActKeepAsIs      = "keep_as_is"
	ActQuickLog      = "quick_log"  // Value: "<goal id>:<amount>"
	ActCustomLog     = "custom_log" // Value: goal id; adapters ask for the amount
	ActUndo          = "undo"
	ActPickGoal      = "pick_goal" // Value: "<goal id>|<original text>"
)

// GoalView is a goal with its figures, as every reply and digest shows it.
type GoalView struct {
	ID           int64           `json:"id"`
	Title        string          `json:"title"`
	Owner        string          `json:"owner"`
	Scope        goals.Scope     `json:"scope"`
	Metric       string          `json:"metric"`
	Unit         string          `json:"unit"`
	Kind         goals.Kind      `json:"kind"`
	Direction    goals.Direction `json:"direction"`
	Baseline     float64         `json:"baseline"`
	Target       float64         `json:"target"`
	Stretch      *float64        `json:"stretch"`
	Current      float64         `json:"current"`
	Percent      float64         `json:"percent"`
	Start        goals.Date      `json:"start"`
	Deadline     goals.Date      `json:"deadline"`
	Cadence      *goals.Cadence  `json:"cadence"`
	Status       goals.Status    `json:"status"`
	RequiredRate float64         `json:"required_rate"`
	RequiredPer  string          `json:"required_per"`
	Projection   float64         `json:"projection"`
	// Projected is false when there is no projection to show yet (too
	// early; a level goal without two readings on different days).
	Projected     bool                 `json:"projected"`
	Parent        *int64               `json:"parent"`
	Tags          map[string]string    `json:"tags"`
	Contributions []goals.Contribution `json:"contributions"`
	// Streak is the number of periods in a row a recurring target was met.
	Streak int `json:"streak,omitempty"`
	// GrowthPct is set by digests: growth against the previous period.
	GrowthPct *float64 `json:"growth_pct,omitempty"`
	// Ordering for sequence goals; not part of the contract, so omitted when 0.
	Priority int `json:"priority,omitempty"`
	// RemainingDays is the working days left in the measured window, for pace lines.
	RemainingDays int `json:"-"`
	// PeriodStart and PeriodEnd are the window measured (recurring: this period).
	PeriodStart goals.Date `json:"-"`
	PeriodEnd   goals.Date `json:"-"`
	// Expected is where Current should be now ("expected by now").
	Expected float64 `json:"expected"`
	// MissedRun is the recurring periods missed in a row before this one.
	MissedRun int `json:"missed_run,omitempty"`
	// Readings is the level goal's readings in the window (0: none yet).
	Readings int `json:"-"`
	// StretchPct is progress toward the stretch target.
	StretchPct *float64 `json:"-"`
	// State is omitted for active goals.
	State goals.State `json:"state,omitempty"`
}

// ViewOf builds the contract view of a goal and its figures. Figures are
// rounded to what a person reads (two decimals, one for percent).
func ViewOf(f goals.Figures) GoalView {
	g, p := f.Goal, f.Progress
	v := GoalView{
		ID: g.ID, Title: g.Title, Owner: g.Owner, Scope: g.Scope, Metric: g.Metric, Unit: g.Unit,
		Kind: g.Kind, Direction: g.Direction, Baseline: g.Baseline, Target: g.Target,
		Stretch: g.Stretch, Current: round(p.Current, 2), Percent: round(p.Percent, 1),
		Start: g.Start, Deadline: g.Deadline, Status: p.Status,
		RequiredRate: round(p.RequiredRate, 2), RequiredPer: p.RequiredPer,
		Projection: round(p.Projection, 2), Parent: g.ParentID, Tags: g.Tags,
		Contributions: f.Contributions, Streak: f.Streak, Priority: g.Priority,
		RemainingDays: p.RemainingDays, PeriodStart: p.PeriodStart, PeriodEnd: p.PeriodEnd,
		Expected: round(p.Expected, 2), StretchPct: p.StretchPct,
		Projected: p.Projected, MissedRun: p.MissedRun, Readings: p.Readings,
	}
	if g.Recurring() {
		c := g.Cadence
		v.Cadence = &c
		v.Target = p.Target
	}
	if v.Tags == nil {
		v.Tags = map[string]string{}
	}
	if v.Contributions == nil {
		v.Contributions = []goals.Contribution{}
	}
	if g.State != goals.StateActive {
		v.State = g.State
	}
	return v
}

func round(x float64, digits int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
