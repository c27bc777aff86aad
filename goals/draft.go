package goals

import "strings"

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
	if an.Target == nil {
		missing = append(missing, "measurable")
	} else {
		g.Target = *an.Target
	}
	if an.Baseline != nil {
		g.Baseline = *an.Baseline
	} else if g.Kind == KindLevel {
		missing = append(missing, "baseline")
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
