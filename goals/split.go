package goals

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Splitting a goal into children (SPEC §2: "Goals can be split into
// children: by time (year → quarters → months → weeks, using last year's
// seasonal shares where history exists rather than dividing by 12) and by
// dimension (region, channel, customer segment, product, team member)").
//
// SplitByTime and SplitByDimension are pure: a parent and shares in, the
// children and the shares used out. Service.Split reads the history, checks
// who may split, and stores the children.
//
// The rules, in one place:
//
// Sum. The children of a total goal add up to the parent: their targets sum
// exactly to the parent's target in the unit's smallest step (whole numbers
// for counts and JPY, cents for other currencies and every other unit; a
// parent target with finer digits keeps them, up to 6 decimals). Exact
// shares are rounded down to that step and the steps left over go to the
// largest remainders (ties: the earlier part), so no part is ever off by
// more than one step from its exact share. Every child gets at least one
// step: a target smaller than the number of parts is refused
// (split_too_small) rather than creating children with nothing to do.
// Baselines, stretch targets and waterfall steps are shared the same way.
//
// Levels. A level goal (a rate or a reading: conversion 1% → 2%, churn,
// checkout time) cannot be split by sum: two regions at 2% do not make 4%,
// and a year at 2% is not four quarters at 0.5%. Its children keep the
// parent's baseline and target, per period or per dimension value, and the
// share reported is "kept". The same holds for a recurring goal split by
// time ("20 demos a week" from January to June, by month): the target
// applies to each week whichever month it falls in, so each month keeps it
// (with the waterfall steps that fall in that month). Split by a dimension,
// a recurring total's per-period target is shared ("20 demos a week" for
// four members: 5 a week each).
//
// Time. Children cover the calendar periods (quarters, months, ISO weeks)
// that the parent's span touches, clipped to [Start, Deadline]: a child
// starts on its period's first day or the parent's start, whichever is
// later, and its deadline is its period's last day or the parent's
// deadline, whichever is earlier.
//
// Seasonality. Shares follow what the team logged of the same metric (in
// the same unit) in last year's same periods: the same dates a year earlier
// for quarters and months, the same weekdays 52 weeks earlier for weeks.
// History is used only when it covers every period (each had logs): one
// missing month would otherwise get nothing to do. Without that, quarters
// and months share evenly by calendar day (a full month counts as one
// share whatever its length, a clipped one in proportion), and weeks share
// by the working days they hold, so the short week of a holiday-free
// calendar still gets less than a full one.
//
// Dimensions. Each value is a child tagged {dimension: value} on top of the
// parent's tags. Shares may be given in full (they must add up to 100%), in
// part (the rest is shared evenly by the values without one), or not at
// all (even). Splitting by member makes individual goals owned by each
// member; other dimensions keep the parent's scope and owner.

// Sources of a child's share.
const (
	ShareHistory     = "history"      // last year's logs of the same metric in the same periods
	ShareEven        = "even"         // equal per full period or per value
	ShareWorkingDays = "working_days" // weeks without history: by the working days they hold
	ShareGiven       = "given"        // a share the user typed (region EU=40%)
	ShareKept        = "kept"         // level or per-period targets: each child keeps the parent's
)

// Dimensions a goal can be split by, besides time.
const (
	DimMember   = "member"
	DimRegion   = "region"
	DimChannel  = "channel"
	DimProduct  = "product"
	DimCustomer = "customer"
)

// Dimensions lists the split dimensions in help order.
var Dimensions = []string{DimMember, DimRegion, DimChannel, DimProduct, DimCustomer}

// IsDimension reports whether s is one of Dimensions.
func IsDimension(s string) bool {
	for _, d := range Dimensions {
		if s == d {
			return true
		}
	}
	return false
}

// MaxSplitParts bounds the children of one split: a year by week is 53.
const MaxSplitParts = 60

// Share is how much of the parent one child carries and why.
type Share struct {
	Label    string  `json:"label"`           // "2027-Q1", "2027-03", "2027-W05", "EU", a member's name
	Fraction float64 `json:"fraction"`        // 0..1; the fractions of a split add up to 1 (1 each when kept)
	Source   string  `json:"source"`          // ShareHistory, ShareEven, ShareWorkingDays, ShareGiven or ShareKept
	Basis    float64 `json:"basis,omitempty"` // history: last year's total of the same period
}

// Part is one value of a dimension split.
type Part struct {
	Value string  // the tag value; for members the user ID
	Label string  // shown in the child's title; Value when empty
	Share float64 // 0..1; 0 means an even share of what the given ones leave
}

// UnitDecimals is the smallest step of amounts in unit: 0 for counts and
// currencies without minor units, 2 otherwise.
func UnitDecimals(unit string) int {
	switch unit {
	case UnitCount, "JPY":
		return 0
	}
	return 2
}

// cadenceRank orders cadences from the finest.
func cadenceRank(c Cadence) int {
	switch c {
	case CadenceDaily:
		return 1
	case CadenceWeekly:
		return 2
	case CadenceMonthly:
		return 3
	case CadenceQuarterly:
		return 4
	}
	return 0
}

// span is one child's period.
type span struct {
	from, to         Date // clipped to the parent
	fullFrom, fullTo Date // the whole calendar period
	label            string
}

func timeSpans(start, end Date, by Cadence) []span {
	var out []span
	for d := start; !d.After(end); {
		pf, pt := PeriodOf(by, d)
		s := span{from: maxDate(pf, start), to: minDate(pt, end), fullFrom: pf, fullTo: pt, label: PeriodKey(by, pf)}
		out = append(out, s)
		if len(out) > MaxSplitParts {
			break
		}
		d = pt.AddDays(1)
	}
	return out
}

// lastYear is the same period a year earlier: the same dates for months
// and quarters, the same weekdays (52 weeks back) for weeks.
func lastYear(d Date, by Cadence) Date {
	if by == CadenceWeekly {
		return d.AddDays(-364)
	}
	return d.AddMonths(-12)
}

// HistoryWindow is the span of last year's logs SplitByTime looks at for
// parent split by by.
func HistoryWindow(parent Goal, by Cadence) (from, to Date) {
	return lastYear(parent.Start, by), lastYear(parent.Deadline, by)
}

func checkTimeSplit(parent Goal, by Cadence) error {
	switch by {
	case CadenceQuarterly, CadenceMonthly, CadenceWeekly:
	default:
		return Errorf(EInvalid, "split_usage", "cannot split by %q", by)
	}
	if parent.Start.IsZero() || parent.Deadline.IsZero() || parent.Deadline.Before(parent.Start) {
		return Errorf(EInvalid, "deadline_required", "goal %d has no span to split", parent.ID)
	}
	if parent.Recurring() && cadenceRank(parent.Cadence) >= cadenceRank(by) {
		return (&Error{Code: EInvalid, Reason: "split_recurring", Message: fmt.Sprintf("a %s target cannot be split by %s", parent.Cadence, by)}).
			With("cadence", string(parent.Cadence))
	}
	return nil
}

// SplitByTime splits parent into one child per quarter, month or ISO week
// its span touches (see the rules at the top of this file). history is
// last year's daily totals of the same metric in the team (any order, days
// may repeat; empty: none); workdays the working week for week shares (0:
// Monday to Friday). The children are not stored: ID is 0, ParentID points
// at parent.ID, State is active.
func SplitByTime(parent Goal, by Cadence, history []DayTotal, workdays Weekdays, holidays ...DateRange) ([]Goal, []Share, error) {
	if err := checkTimeSplit(parent, by); err != nil {
		return nil, nil, err
	}
	spans := timeSpans(parent.Start, parent.Deadline, by)
	if err := checkPartCount(len(spans)); err != nil {
		return nil, nil, err
	}
	labels := make([]string, len(spans))
	for i, s := range spans {
		labels[i] = s.label
	}
	if parent.Kind == KindLevel || parent.Recurring() {
		shares := keptShares(labels)
		kids := make([]Goal, len(spans))
		for i, s := range spans {
			k := child(parent, s.label)
			k.Start, k.Deadline = s.from, s.to
			if parent.Recurring() && len(parent.Steps) > 0 {
				n := min(max(PeriodIndex(parent.Cadence, parent.Start, s.from), 0), len(parent.Steps)-1)
				k.Steps = append([]float64(nil), parent.Steps[n:]...)
				k.Target = k.Steps[len(k.Steps)-1]
			}
			kids[i] = k
		}
		return kids, shares, nil
	}
	weights, source, basis := timeWeights(spans, by, history, workdays, holidays)
	kids, fr, err := shareOut(parent, labels, weights)
	if err != nil {
		return nil, nil, err
	}
	shares := make([]Share, len(spans))
	for i, s := range spans {
		kids[i].Start, kids[i].Deadline = s.from, s.to
		shares[i] = Share{Label: s.label, Fraction: fr[i], Source: source}
		if source == ShareHistory {
			shares[i].Basis = basis[i]
		}
	}
	return kids, shares, nil
}

// timeWeights are the periods' weights: last year's totals when they cover
// every period, else even by calendar day (quarters, months) or by working
// day (weeks).
func timeWeights(spans []span, by Cadence, history []DayTotal, workdays Weekdays, holidays []DateRange) (w []float64, source string, basis []float64) {
	basis = make([]float64, len(spans))
	covered := len(history) > 0
	for i, s := range spans {
		from, to := lastYear(s.from, by), lastYear(s.to, by)
		for _, h := range history {
			if !h.Day.Before(from) && !h.Day.After(to) && finite(h.Sum) && h.Sum > 0 {
				basis[i] += h.Sum
			}
		}
		if !(basis[i] > 0) {
			covered = false
		}
	}
	if covered {
		return basis, ShareHistory, basis
	}
	w = make([]float64, len(spans))
	if by == CadenceWeekly {
		total := 0.0
		for i, s := range spans {
			w[i] = float64(WorkingDays(s.from, s.to, workdays, nil, holidays...))
			total += w[i]
		}
		if total > 0 {
			return w, ShareWorkingDays, nil
		}
	}
	// Even: one share per full period, clipped periods in proportion to
	// their calendar days.
	for i, s := range spans {
		w[i] = float64(calendarDays(s.from, s.to)) / float64(calendarDays(s.fullFrom, s.fullTo))
	}
	return w, ShareEven, nil
}

// SplitByDimension splits parent into one child per part, tagged
// {dim: value} (see the rules at the top of this file). For DimMember the
// values are user IDs and each child is an individual goal of that member.
func SplitByDimension(parent Goal, dim string, parts []Part) ([]Goal, []Share, error) {
	dim = strings.ToLower(strings.TrimSpace(dim))
	if !IsDimension(dim) {
		return nil, nil, Errorf(EInvalid, "split_usage", "unknown dimension %q", dim)
	}
	if err := checkPartCount(len(parts)); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	labels := make([]string, len(parts))
	given, nGiven := 0.0, 0
	for i, p := range parts {
		v := CleanText(p.Value, MaxTagLen)
		if v == "" || v != p.Value {
			return nil, nil, (&Error{Code: EInvalid, Reason: "split_bad_value"}).With("value", p.Value)
		}
		if seen[strings.ToLower(v)] {
			return nil, nil, (&Error{Code: EInvalid, Reason: "split_duplicate"}).With("value", v)
		}
		seen[strings.ToLower(v)] = true
		labels[i] = p.Label
		if labels[i] == "" {
			labels[i] = v
		}
		switch {
		case !finite(p.Share) || p.Share < 0 || p.Share > 1:
			return nil, nil, (&Error{Code: EInvalid, Reason: "split_bad_share"}).With("value", v)
		case p.Share > 0:
			given += p.Share
			nGiven++
		}
	}
	const tolerance = 0.005 // 33.3% × 3 is a full split
	weights := make([]float64, len(parts))
	sources := make([]string, len(parts))
	switch {
	case nGiven == len(parts) && math.Abs(given-1) > tolerance,
		nGiven < len(parts) && given > 1-tolerance:
		return nil, nil, (&Error{Code: EInvalid, Reason: "split_shares_sum"}).With("sum", fmt.Sprintf("%g%%", math.Round(given*1000)/10))
	}
	rest := 0.0
	if nGiven < len(parts) {
		rest = (1 - given) / float64(len(parts)-nGiven)
	}
	for i, p := range parts {
		if p.Share > 0 {
			weights[i], sources[i] = p.Share, ShareGiven
		} else {
			weights[i], sources[i] = rest, ShareEven
		}
	}
	var kids []Goal
	var shares []Share
	if parent.Kind == KindLevel {
		kids = make([]Goal, len(parts))
		for i := range parts {
			kids[i] = child(parent, labels[i])
		}
		shares = keptShares(labels)
	} else {
		var fr []float64
		var err error
		kids, fr, err = shareOut(parent, labels, weights)
		if err != nil {
			return nil, nil, err
		}
		shares = make([]Share, len(parts))
		for i := range parts {
			shares[i] = Share{Label: labels[i], Fraction: fr[i], Source: sources[i]}
		}
	}
	for i, p := range parts {
		kids[i].Tags[dim] = p.Value
		if dim == DimMember {
			kids[i].Scope, kids[i].Owner = ScopeIndividual, p.Value
		}
	}
	return kids, shares, nil
}

func checkPartCount(n int) error {
	switch {
	case n < 2:
		return &Error{Code: EInvalid, Reason: "split_one_part"}
	case n > MaxSplitParts:
		return (&Error{Code: EInvalid, Reason: "split_too_many"}).With("max", MaxSplitParts)
	}
	return nil
}

func keptShares(labels []string) []Share {
	shares := make([]Share, len(labels))
	for i, l := range labels {
		shares[i] = Share{Label: l, Fraction: 1, Source: ShareKept}
	}
	return shares
}

// child is a copy of parent for one part: a title naming the part, the
// parent's tags (copied), no ID.
func child(parent Goal, label string) Goal {
	k := parent
	k.ID, k.ParentID, k.State, k.CreatedAt = 0, nil, StateActive, time.Time{}
	if parent.ID != 0 {
		id := parent.ID
		k.ParentID = &id
	}
	k.Tags = make(map[string]string, len(parent.Tags)+1)
	for key, v := range parent.Tags {
		k.Tags[key] = v
	}
	k.Steps = append([]float64(nil), parent.Steps...)
	if parent.Stretch != nil {
		s := *parent.Stretch
		k.Stretch = &s
	}
	suffix := " · " + label
	title := []rune(parent.Title)
	if room := MaxTitleLen - len([]rune(suffix)); len(title) > room {
		title = append(title[:max(room-1, 0)], '…')
	}
	k.Title = string(title) + suffix
	return k
}

// shareOut makes one child per label with the parent's target, baseline,
// stretch and steps allocated by weights; fractions are the weights
// normalised.
func shareOut(parent Goal, labels []string, weights []float64) ([]Goal, []float64, error) {
	dec := UnitDecimals(parent.Unit)
	targets, err := Allocate(parent.Target, weights, dec, true)
	if err != nil {
		return nil, nil, err.(*Error).With("target", parent.Target).With("parts", len(labels))
	}
	baselines, _ := Allocate(parent.Baseline, weights, dec, false)
	var stretches []float64
	if parent.Stretch != nil {
		stretches, _ = Allocate(*parent.Stretch, weights, dec, false)
	}
	steps := make([][]float64, len(parent.Steps))
	for j, s := range parent.Steps {
		steps[j], _ = Allocate(s, weights, dec, true)
		if steps[j] == nil { // a step too small for every part to get one
			steps[j], _ = Allocate(s, weights, dec, false)
		}
	}
	kids := make([]Goal, len(labels))
	for i, l := range labels {
		k := child(parent, l)
		k.Target, k.Baseline = targets[i], baselines[i]
		if stretches != nil {
			v := stretches[i]
			k.Stretch = &v
		}
		if len(steps) > 0 {
			k.Steps = make([]float64, len(steps))
			for j := range steps {
				k.Steps[j] = steps[j][i]
			}
		}
		kids[i] = k
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	fr := make([]float64, len(weights))
	for i, w := range weights {
		fr[i] = w / sum
	}
	return kids, fr, nil
}

// Allocate divides total into parts proportional to weights, in steps of
// 10^-decimals (more decimals when total itself has them, up to 6), so that
// the parts add up exactly to total in that step: each part is its exact
// share rounded down, and the steps left over go to the largest remainders
// (ties: the earlier part). With atLeastOne every part gets at least one
// step, taken from the largest parts; a total of fewer steps than parts is
// an error (split_too_small). Weights that are all zero (or invalid) mean
// equal parts.
func Allocate(total float64, weights []float64, decimals int, atLeastOne bool) ([]float64, error) {
	n := len(weights)
	if n == 0 {
		return nil, nil
	}
	if !finite(total) || total < 0 || total > MaxAmount {
		return nil, &Error{Code: EInvalid, Reason: "bad_amount"}
	}
	d := max(decimals, 0)
	for d < 6 && total*math.Pow10(d+1) < 1e15 && !isMultiple(total, d) {
		d++
	}
	scale := math.Pow10(d)
	units := int64(math.Round(total * scale))
	if atLeastOne && units < int64(n) {
		return nil, &Error{Code: EInvalid, Reason: "split_too_small"}
	}
	w := make([]float64, n)
	sumW := 0.0
	for i, x := range weights {
		if finite(x) && x > 0 {
			w[i] = x
			sumW += x
		}
	}
	if !(sumW > 0) {
		for i := range w {
			w[i] = 1
		}
		sumW = float64(n)
	}
	alloc := make([]int64, n)
	rems := make([]float64, n)
	var given int64
	for i := range w {
		q := float64(units) * w[i] / sumW
		f := math.Floor(q)
		alloc[i], rems[i] = int64(f), q-f
		given += alloc[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]] > rems[order[b]] })
	left := units - given
	for k := 0; left > 0; k = (k + 1) % n {
		alloc[order[k]]++
		left--
	}
	for k := 0; left < 0; k = (k + 1) % n { // float rounding gave one too many
		if alloc[order[n-1-k]] > 0 {
			alloc[order[n-1-k]]--
			left++
		}
	}
	if atLeastOne {
		for i := range alloc {
			if alloc[i] > 0 {
				continue
			}
			big := 0
			for j := range alloc {
				if alloc[j] > alloc[big] {
					big = j
				}
			}
			alloc[big]--
			alloc[i]++
		}
	}
	out := make([]float64, n)
	for i, a := range alloc {
		out[i] = float64(a) / scale
	}
	return out, nil
}

// isMultiple reports whether v is a whole number of 10^-d steps.
func isMultiple(v float64, d int) bool {
	x := v * math.Pow10(d)
	return math.Abs(x-math.Round(x)) < 1e-6
}

// --- storing a split ---------------------------------------------------------

// HistoryReader is the query a seasonal split needs: the team's daily totals
// over [from, to] of every goal with this metric and unit, whatever the
// goal's state. The SQLite store implements it in one query; Service.Split
// falls back to Store.Goals and Store.DailyTotals for stores that don't.
type HistoryReader interface {
	MetricDailyTotals(ctx context.Context, teamID, metric, unit string, from, to Date) ([]DayTotal, error)
}

// Credit is the part of a parent's logs that a new child takes over when
// the parent is split, so the child starts from what was already done: the
// logs with Day in [From, To] and, when User is set, written by User.
type Credit struct {
	From, To Date
	User     string
}

// CreditOf says which of parent's logs child takes over: a time split's
// child (a span inside the parent's) those inside its span; a member
// split's child those its member wrote. Children of other dimensions
// (region, channel, product) take none: which region a past log was for is
// not known, and a number the user did not give is never made up.
func CreditOf(parent, child Goal) (Credit, bool) {
	if m := child.Tags[DimMember]; m != "" && child.Scope == ScopeIndividual {
		return Credit{From: parent.Start, To: parent.Deadline, User: m}, true
	}
	if child.Start != parent.Start || child.Deadline != parent.Deadline {
		return Credit{From: child.Start, To: child.Deadline}, true
	}
	return Credit{}, false
}

// ChildrenWriter stores a split in one transaction: all children or none,
// and EConflict "already_split" when the parent already has active or done
// children (two managers splitting at once make one split, not two).
type ChildrenWriter interface {
	// CreateChildren also moves to each child the parent's logs its
	// CreditOf names, in the same transaction.
	CreateChildren(ctx context.Context, teamID string, parentID int64, children []*Goal) error
}

// SplitRequest is one /goal split.
type SplitRequest struct {
	GoalID int64
	By     string // quarter, month, week (or quarterly, monthly, weekly) or a dimension
	Parts  []Part // dimension values; members default to every member of the team
	// Title, when set, names each child in the caller's language (the
	// default is the parent's title and the part's label); the result is
	// cleaned and cut to MaxTitleLen.
	Title func(child Goal, label string) string
}

// SplitResult is a stored split.
type SplitResult struct {
	Parent      Goal
	Children    []Goal
	Shares      []Share
	HistoryFrom Date // the window of last year's logs looked at (time splits of totals)
	HistoryTo   Date
}

// SplitCadence maps a time word of SplitRequest.By to its cadence.
func SplitCadence(by string) (Cadence, bool) {
	switch by {
	case "quarter", "quarterly":
		return CadenceQuarterly, true
	case "month", "monthly":
		return CadenceMonthly, true
	case "week", "weekly":
		return CadenceWeekly, true
	}
	return CadenceNone, false
}

// Split splits one of the actor's team's goals and stores the children. The
// actor must be allowed to edit the goal (a manager for team goals, the
// owner or a manager for individual ones); splitting by member hands goals
// to other people, so it needs a manager. A goal that is closed or already
// split is refused.
func (s *Service) Split(ctx context.Context, a Actor, req SplitRequest) (SplitResult, error) {
	g, err := s.Goal(ctx, a, req.GoalID)
	if err != nil {
		return SplitResult{}, err
	}
	if err := checkEdit(a, g); err != nil {
		return SplitResult{}, err
	}
	if !g.Active() {
		return SplitResult{}, (&Error{Code: EConflict, Reason: "goal_closed"}).With("id", g.ID)
	}
	kids, err := s.children(ctx, a.Team.ID, g.ID)
	if err != nil {
		return SplitResult{}, fmt.Errorf("children of goal %d: %w", g.ID, err)
	}
	if len(kids) > 0 {
		return SplitResult{}, (&Error{Code: EConflict, Reason: "already_split"}).With("id", g.ID)
	}
	res := SplitResult{Parent: g}
	if by, ok := SplitCadence(req.By); ok {
		if len(req.Parts) > 0 {
			return SplitResult{}, &Error{Code: EInvalid, Reason: "split_usage"}
		}
		var hist []DayTotal
		if g.Kind == KindTotal && !g.Recurring() {
			res.HistoryFrom, res.HistoryTo = HistoryWindow(g, by)
			if hist, err = s.MetricHistory(ctx, a.Team.ID, g.Metric, g.Unit, res.HistoryFrom, res.HistoryTo); err != nil {
				return SplitResult{}, err
			}
		}
		wd, err := s.ownerWorkdays(ctx, a.Team, g)
		if err != nil {
			return SplitResult{}, err
		}
		res.Children, res.Shares, err = SplitByTime(g, by, hist, wd, a.Team.Holidays...)
		if err != nil {
			return SplitResult{}, withID(err, g.ID)
		}
	} else {
		parts := req.Parts
		if req.By == DimMember {
			if !a.Member.IsManager() {
				return SplitResult{}, &Error{Code: EForbidden, Reason: "managers_only"}
			}
			if parts, err = s.memberParts(ctx, a.Team.ID, parts); err != nil {
				return SplitResult{}, err
			}
		} else if IsDimension(req.By) && len(parts) == 0 {
			return SplitResult{}, (&Error{Code: EInvalid, Reason: "split_need_values"}).With("by", req.By)
		}
		res.Children, res.Shares, err = SplitByDimension(g, req.By, parts)
		if err != nil {
			return SplitResult{}, withID(err, g.ID)
		}
	}
	ptrs := make([]*Goal, len(res.Children))
	for i := range res.Children {
		k := &res.Children[i]
		k.TeamID = a.Team.ID
		if req.Title != nil {
			if t := CleanText(req.Title(*k, res.Shares[i].Label), MaxTitleLen); t != "" {
				k.Title = t
			}
		}
		if err := k.Validate(); err != nil {
			return SplitResult{}, err
		}
		ptrs[i] = k
	}
	if err := s.createChildren(ctx, a.Team.ID, g.ID, ptrs); err != nil {
		return SplitResult{}, withID(err, g.ID)
	}
	return res, nil
}

// memberParts checks that named members belong to the team (filling in
// their names), or lists every member when none are named.
func (s *Service) memberParts(ctx context.Context, teamID string, parts []Part) ([]Part, error) {
	if len(parts) == 0 {
		ms, err := s.Store.Members(ctx, teamID)
		if err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		for _, m := range ms {
			parts = append(parts, Part{Value: m.UserID, Label: memberLabel(m)})
		}
		return parts, nil
	}
	out := make([]Part, len(parts))
	for i, p := range parts {
		m, err := s.Store.Member(ctx, teamID, p.Value)
		if err != nil {
			if ErrorCode(err) == ENotFound {
				return nil, (&Error{Code: ENotFound, Reason: "member_not_found"}).With("user", p.Value)
			}
			return nil, err
		}
		out[i] = p
		if out[i].Label == "" {
			out[i].Label = memberLabel(m)
		}
	}
	return out, nil
}

func memberLabel(m Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.UserID
}

// ownerWorkdays is the working week of an individual goal's owner, else the team's.
func (s *Service) ownerWorkdays(ctx context.Context, t Team, g Goal) (Weekdays, error) {
	if g.Scope == ScopeIndividual {
		m, err := s.Store.Member(ctx, t.ID, g.Owner)
		if err == nil && m.Workdays != 0 {
			return m.Workdays, nil
		}
		if err != nil && ErrorCode(err) != ENotFound {
			return 0, err
		}
	}
	return t.Workdays, nil
}

// MetricHistory is the team's daily totals over [from, to] of every goal of
// this metric and unit (any state), one row per day, ascending.
func (s *Service) MetricHistory(ctx context.Context, teamID, metric, unit string, from, to Date) ([]DayTotal, error) {
	if hr, ok := s.Store.(HistoryReader); ok {
		h, err := hr.MetricDailyTotals(ctx, teamID, metric, unit, from, to)
		if err != nil {
			return nil, fmt.Errorf("history of %s: %w", metric, err)
		}
		return h, nil
	}
	gs, err := s.Store.Goals(ctx, GoalFilter{TeamID: teamID, Metric: &metric, States: []State{StateActive, StateDone, StateArchived}})
	if err != nil {
		return nil, fmt.Errorf("goals of %s: %w", metric, err)
	}
	byDay := map[Date]DayTotal{}
	for _, g := range gs {
		if g.Unit != unit || g.Kind != KindTotal {
			continue
		}
		days, err := s.Store.DailyTotals(ctx, teamID, g.ID, from, to)
		if err != nil {
			return nil, fmt.Errorf("history of goal %d: %w", g.ID, err)
		}
		for _, d := range days {
			x := byDay[d.Day]
			x.Day, x.Sum, x.Count, x.Last = d.Day, x.Sum+d.Sum, x.Count+d.Count, d.Last
			byDay[d.Day] = x
		}
	}
	out := make([]DayTotal, 0, len(byDay))
	for _, d := range byDay {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day.Before(out[j].Day) })
	return out, nil
}

func (s *Service) createChildren(ctx context.Context, teamID string, parentID int64, kids []*Goal) error {
	if cw, ok := s.Store.(ChildrenWriter); ok {
		return cw.CreateChildren(ctx, teamID, parentID, kids)
	}
	existing, err := s.children(ctx, teamID, parentID)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return (&Error{Code: EConflict, Reason: "already_split"}).With("id", parentID)
	}
	for _, k := range kids {
		if err := s.Store.CreateGoal(ctx, k); err != nil {
			return fmt.Errorf("create child: %w", err)
		}
	}
	return nil
}
