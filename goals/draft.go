package goals

import "strings"

// StepRelativeBase is the missing part of a relative target without
// history: the current value, which the percentage turns into the target.
const StepRelativeBase = "relative_base"

// RelativeTarget is base changed by pct percent (+15, -5), rounded as the
// unit wants: whole counts, cents otherwise.
func RelativeTarget(base, pct float64, unit string) float64 { return relTarget(base, pct, unit) }

// DraftGoal turns an analysis into a goal ready to store. missing names
// what the user still has to say ("measurable", "baseline", "time_bound"),
// in the order they should be asked; the goal is only usable when it is empty.
// Recurring goals get no deadline unless the statement gives one: a
// recurring target is time-bound per period, and each period that ends
// short is missed on its own (see the status rule in progress.go).
func DraftGoal(an Analysis, today Date) (g Goal, missing []string) {
	g = Goal{
		Title:     CleanText(an.Input, MaxTitleLen),
		Metric:    an.Metric,
		Unit:      an.Unit,
		Kind:      an.Kind,
		Direction: an.Direction,
		Cadence:   an.Cadence,
		Scope:     an.Scope,
		Start:     today,
		State:     StateActive,
	}
	if an.Rewrite != "" {
		g.Title = CleanText(an.Rewrite, MaxTitleLen)
	}
	g.Title = strings.TrimRight(g.Title, ".。 ")
	if an.Start != nil && an.Start.After(today) {
		g.Start = *an.Start // a goal for a later period starts with it
	}
	if g.Unit == "" {
		g.Unit = UnitCount
	}
	if g.Kind == "" {
		g.Kind = KindTotal
	}
	if g.Direction == "" {
		g.Direction = Increase
	}
	if g.Scope == "" {
		g.Scope = ScopeIndividual
	}
	switch {
	case an.Target != nil:
		g.Target = *an.Target
	case an.RelativePct != nil && an.Baseline == nil:
		// "+20%" without history: the current value completes the goal.
		missing = append(missing, StepRelativeBase)
	default:
		missing = append(missing, "measurable")
	}
	if an.Baseline != nil {
		g.Baseline = *an.Baseline
	} else if g.Kind == KindLevel && (an.Target != nil || an.RelativePct == nil) {
		missing = append(missing, "baseline")
	}
	if len(an.Tags) > 0 {
		g.Tags = map[string]string{}
		for k, v := range an.Tags {
			g.Tags[k] = v
		}
	}
	switch {
	case an.Deadline != nil:
		g.Deadline = *an.Deadline
	case g.Cadence != CadenceNone:
	default:
		missing = append(missing, "time_bound")
	}
	if g.Metric == "" {
		g.Metric = "progress"
	}
	return g, missing
}
