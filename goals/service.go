package goals

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Service holds the business rules: who may do what, which goal a log is
// for, what a valid goal is. Transports call it; it calls the Store.
type Service struct {
	Store Store
	Clock Clock
	// Defaults for teams seen for the first time.
	DefaultTZ   string
	DefaultLang string
}

// Actor is the person a request comes from, inside their team.
type Actor struct {
	Team   Team
	Member Member
}

// Now is the service clock's instant.
func (s *Service) Now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock.Now()
}

// Today is the current local date in the team's zone.
func (s *Service) Today(t Team) Date { return DateIn(s.Now(), t.Location()) }

// Zone is a member's time zone: their own when they set one, else the team's.
func Zone(t Team, m Member) *time.Location {
	if m.TZ != "" {
		return LoadLocation(m.TZ)
	}
	return t.Location()
}

// GoalZone is the zone whose days a goal is measured in: its owner's for an
// individual goal (a member's zone sets the day of their own logs), the
// team's for a team goal (one set of day boundaries for everyone in it).
func GoalZone(t Team, g Goal, owner *Member) *time.Location {
	if g.Scope == ScopeIndividual && owner != nil && owner.UserID == g.Owner {
		return Zone(t, *owner)
	}
	return t.Location()
}

// goalZone is GoalZone with the owner read from the store when needed.
func (s *Service) goalZone(ctx context.Context, t Team, g Goal) (*time.Location, *Member, error) {
	if g.Scope != ScopeIndividual {
		return t.Location(), nil, nil
	}
	m, err := s.Store.Member(ctx, t.ID, g.Owner)
	switch {
	case err == nil:
		return GoalZone(t, g, &m), &m, nil
	case ErrorReason(err) == ErrMemberNotFound.Reason:
		return t.Location(), nil, nil
	}
	return nil, nil, fmt.Errorf("owner of goal %d: %w", g.ID, err)
}

// Enter makes sure team and member exist and returns them. Hints fill in a
// new team's or member's fields only; stored settings win afterwards, except
// the role: member.Role RoleManager (the platform says: an admin — Slack
// workspace admin, Telegram group administrator) promotes, and RoleMember
// (the platform says: not an admin) takes back a manager role that came
// from the platform, but not one given with /goal role. An empty role
// means the platform did not say.
func (s *Service) Enter(ctx context.Context, team Team, member Member) (Actor, error) {
	if team.ID == "" || member.UserID == "" {
		return Actor{}, Errorf(EInvalid, "no_identity", "request without team or user")
	}
	if team.TZ == "" {
		team.TZ = s.DefaultTZ
	}
	if team.Lang == "" {
		team.Lang = s.DefaultLang
	}
	if team.DailyAt == "" {
		team.DailyAt = "18:00"
	}
	if team.WeeklyAt == "" {
		team.WeeklyAt = "mon 09:00"
	}
	// Nearly every request comes from someone already known: one read.
	t, m, err := s.Store.TeamMember(ctx, team.ID, member.UserID)
	switch {
	case err == nil:
		return s.refresh(ctx, t, m, false, team, member)
	case ErrorReason(err) != ErrMemberNotFound.Reason:
		return Actor{}, fmt.Errorf("enter team %s: %w", team.ID, err)
	}
	t, err = s.Store.EnsureTeam(ctx, team)
	if err != nil {
		return Actor{}, fmt.Errorf("enter team %s: %w", team.ID, err)
	}
	first := member
	first.TeamID = t.ID
	if first.Role == "" {
		first.Role = RoleMember
	}
	first.RoleGranted = false
	m, created, err := s.Store.EnsureMember(ctx, first)
	if err != nil {
		return Actor{}, fmt.Errorf("enter member: %w", err)
	}
	return s.refresh(ctx, t, m, created, team, member)
}

// refresh applies what the platform says now about a stored team and
// member: a name given for the first time, and the role (see Enter).
func (s *Service) refresh(ctx context.Context, t Team, m Member, created bool, team Team, member Member) (Actor, error) {
	if team.Name != "" && t.Name != team.Name && (t.Name == "" || t.Name == t.ID) {
		// The first contact may have come without a name (an event); take it when one arrives.
		name := team.Name
		if t2, err := s.Store.UpdateTeam(ctx, t.ID, func(x *Team) error { x.Name = name; return nil }); err == nil {
			t = t2
		}
	}
	var err error
	switch {
	case created:
	case member.Role == RoleManager && m.Role != RoleManager:
		m, err = s.Store.UpdateMember(ctx, t.ID, m.UserID, func(x *Member) error { x.Role, x.RoleGranted = RoleManager, false; return nil })
		if err != nil {
			return Actor{}, fmt.Errorf("promote member: %w", err)
		}
	case member.Role == RoleMember && m.Role == RoleManager && !m.RoleGranted:
		// No longer an admin: the role the platform gave goes with it.
		m, err = s.Store.UpdateMember(ctx, t.ID, m.UserID, func(x *Member) error { x.Role = RoleMember; return nil })
		if err != nil {
			return Actor{}, fmt.Errorf("demote member: %w", err)
		}
	}
	if !created && member.Name != "" && m.Name != member.Name {
		name := member.Name
		if m2, err := s.Store.UpdateMember(ctx, t.ID, m.UserID, func(x *Member) error { x.Name = name; return nil }); err == nil {
			m = m2
		}
	}
	return Actor{Team: t, Member: m}, nil
}

// CreateGoal stores a new goal for the actor. Team goals need a manager.
func (s *Service) CreateGoal(ctx context.Context, a Actor, g Goal) (Goal, error) {
	g.TeamID = a.Team.ID
	if g.Owner == "" {
		g.Owner = a.Member.UserID
	}
	if g.Scope == "" {
		g.Scope = ScopeIndividual
	}
	if g.Scope == ScopeTeam && !a.Member.IsManager() {
		return Goal{}, &Error{Code: EForbidden, Reason: "managers_only"}
	}
	if g.Scope == ScopeIndividual && g.Owner != a.Member.UserID && !a.Member.IsManager() {
		return Goal{}, &Error{Code: EForbidden, Reason: "not_your_goal"}
	}
	today := s.Today(a.Team)
	if g.Scope == ScopeIndividual && g.Owner == a.Member.UserID {
		today = DateIn(s.Now(), Zone(a.Team, a.Member))
	}
	if g.Start.IsZero() {
		g.Start = today
	}
	if g.State == "" {
		g.State = StateActive
	}
	if g.CreatedAt.IsZero() {
		g.CreatedAt = s.Now()
	}
	if g.Deadline.Before(today) && !g.Deadline.IsZero() {
		return Goal{}, &Error{Code: EInvalid, Reason: "date_in_past"}
	}
	if err := g.Validate(); err != nil {
		return Goal{}, err
	}
	if err := s.Store.CreateGoal(ctx, &g); err != nil {
		return Goal{}, fmt.Errorf("create goal: %w", err)
	}
	return g, nil
}

// Goal returns one goal of the actor's team.
func (s *Service) Goal(ctx context.Context, a Actor, id int64) (Goal, error) {
	g, err := s.Store.Goal(ctx, a.Team.ID, id)
	if err != nil {
		return Goal{}, withID(err, id)
	}
	return g, nil
}

func withID(err error, id int64) error {
	if e, ok := err.(*Error); ok && e.Code == ENotFound {
		return e.With("id", id)
	}
	return err
}

// CanLog reports whether the actor may log to g.
func CanLog(a Actor, g Goal) bool {
	return g.TeamID == a.Team.ID && (g.Scope == ScopeTeam || g.Owner == a.Member.UserID)
}

// checkLog is CanLog, and the goal still open, as the error users see.
func checkLog(a Actor, g Goal) error {
	if !CanLog(a, g) {
		return (&Error{Code: EForbidden, Reason: "not_your_goal"}).With("id", g.ID)
	}
	if !g.Active() {
		return (&Error{Code: EConflict, Reason: "goal_closed"}).With("id", g.ID)
	}
	return nil
}

// CanEdit reports whether the actor may edit or close g: the owner of an
// individual goal, a manager for team goals (and for their members' goals).
func CanEdit(a Actor, g Goal) bool {
	if g.TeamID != a.Team.ID {
		return false
	}
	if g.Scope == ScopeTeam {
		return a.Member.IsManager()
	}
	return g.Owner == a.Member.UserID || a.Member.IsManager()
}

// checkEdit is CanEdit as the error users see: a team goal needs a
// manager, someone else's goal is not theirs.
func checkEdit(a Actor, g Goal) error {
	if CanEdit(a, g) {
		return nil
	}
	reason := "not_your_goal"
	if g.Scope == ScopeTeam {
		reason = "managers_only"
	}
	return (&Error{Code: EForbidden, Reason: reason}).With("id", g.ID)
}

// LoggableGoals are the active goals the actor may log to, team goals last.
func (s *Service) LoggableGoals(ctx context.Context, a Actor) ([]Goal, error) {
	// Filtered in the store: a team has many members' goals, and each log
	// would otherwise read them all.
	out, err := s.Store.Goals(ctx, GoalFilter{TeamID: a.Team.ID, LoggableBy: a.Member.UserID})
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Scope != out[j].Scope {
			return out[i].Scope == ScopeIndividual
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// GoalRef is how a user points at a goal in a log command: an id, or words
// (a metric, a unit, part of the title). Both empty means "the obvious one".
type GoalRef struct {
	ID    int64
	Words string
}

// ResolveForLog picks the goal a log is for. With no reference it is the
// only loggable goal; with words it is the one whose metric or title they
// name. When several fit, the error lists them (Reason "which_goal").
func (s *Service) ResolveForLog(ctx context.Context, a Actor, ref GoalRef, amountUnit string) (Goal, error) {
	if ref.ID != 0 {
		g, err := s.Goal(ctx, a, ref.ID)
		if err != nil {
			return Goal{}, err
		}
		if err := checkLog(a, g); err != nil {
			return Goal{}, err
		}
		return g, nil
	}
	cands, err := s.LoggableGoals(ctx, a)
	if err != nil {
		return Goal{}, err
	}
	if len(cands) == 0 {
		return Goal{}, &Error{Code: ENotFound, Reason: "no_goals"}
	}
	words := strings.TrimSpace(ref.Words)
	matched := cands
	if words != "" {
		matched = MatchGoals(cands, words)
		if len(matched) == 0 {
			return Goal{}, (&Error{Code: ENotFound, Reason: "no_goal_matches"}).With("words", words).With("candidates", cands)
		}
	}
	if amountUnit != "" {
		// The exact unit first (¥ picks the CNY goal over the USD one), then the family.
		matched = narrow(matched, func(g Goal) bool { return g.Unit == amountUnit })
		matched = narrow(matched, func(g Goal) bool { return unitFits(g.Unit, amountUnit) })
	}
	if len(matched) > 1 {
		// After a split by time the children share a metric: the one whose
		// span holds today is meant.
		today := s.Today(a.Team)
		matched = narrow(matched, func(g Goal) bool { return !today.Before(g.Start) && (g.Deadline.IsZero() || !today.After(g.Deadline)) })
	}
	if len(matched) > 1 {
		// An individual goal of the actor wins over team goals of the same metric.
		var own []Goal
		for _, g := range matched {
			if g.Scope == ScopeIndividual {
				own = append(own, g)
			}
		}
		if len(own) == 1 && words != "" {
			return own[0], nil
		}
		return Goal{}, (&Error{Code: EConflict, Reason: "which_goal"}).With("candidates", matched)
	}
	return matched[0], nil
}

// narrow keeps the goals of gs that keep holds for, unless that would be
// none of them; a single goal is left as it is.
func narrow(gs []Goal, keep func(Goal) bool) []Goal {
	if len(gs) <= 1 {
		return gs
	}
	var out []Goal
	for _, g := range gs {
		if keep(g) {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return gs
	}
	return out
}

// MatchGoals keeps the goals that the words name: their metric (in any
// language the lexicon knows), unit or a word of their title.
func MatchGoals(gs []Goal, words string) []Goal {
	w := strings.ToLower(strings.TrimSpace(words))
	if w == "" {
		return gs
	}
	var key string
	if m, _, _, ok := LookupMetric(w); ok {
		key = m.Key
	}
	var out []Goal
	for _, g := range gs {
		switch {
		case key != "" && g.Metric == key:
		case strings.EqualFold(g.Metric, w) || strings.EqualFold(strings.TrimSuffix(w, "s"), strings.TrimSuffix(g.Metric, "s")):
		case key == "" && titleHas(g.Title, w):
		default:
			continue
		}
		out = append(out, g)
	}
	return out
}

func titleHas(title, w string) bool {
	t := strings.ToLower(title)
	for _, f := range strings.FieldsFunc(w, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) {
		if len([]rune(f)) >= 2 && strings.Contains(t, strings.TrimSuffix(f, "s")) {
			return true
		}
	}
	return false
}

// UnitFits reports whether an amount typed in amountUnit ("" for a bare
// number) can be logged to a goal counted in goalUnit.
func UnitFits(goalUnit, amountUnit string) bool { return unitFits(goalUnit, amountUnit) }

func unitFits(goalUnit, amountUnit string) bool {
	switch {
	case amountUnit == "":
		return true
	case amountUnit == UnitPercent:
		return goalUnit == UnitPercent
	case IsCurrency(amountUnit):
		return IsCurrency(goalUnit)
	}
	return goalUnit == amountUnit
}

// AddLog validates the amount against the goal and writes it. Total goals
// add it up; level goals take it as the new reading. A repeated key logs
// once. The figures are g's right after the write (g takes logs, so it has
// no children), from stats the store reads in the write's transaction.
func (s *Service) AddLog(ctx context.Context, a Actor, g Goal, amt Amount, note, key string) (Log, bool, Figures, error) {
	if err := checkLog(a, g); err != nil {
		return Log{}, false, Figures{}, err
	}
	if err := CheckAmount(amt.Value); err != nil {
		return Log{}, false, Figures{}, err
	}
	if IsCurrency(g.Unit) && !amt.FitsCurrency(g.Unit) {
		// No exchange rates offline: ¥500 is not $500.
		return Log{}, false, Figures{}, (&Error{Code: EInvalid, Reason: "currency_mismatch"}).With("unit", g.Unit).With("other", amt.Currency()).With("id", g.ID)
	}
	if amt.Unit != "" && !unitFits(g.Unit, amt.Unit) {
		return Log{}, false, Figures{}, (&Error{Code: EInvalid, Reason: "unit_mismatch"}).With("unit", g.Unit).With("id", g.ID)
	}
	if amt.Unit == UnitPercent && g.Unit == UnitPercent && amt.Value > 100 {
		return Log{}, false, Figures{}, &Error{Code: EInvalid, Reason: "bad_percent"}
	}
	note = CleanText(note, MaxNoteLen)
	now := s.Now()
	// The logger owns an individual goal (checkLog), so their zone dates it.
	today := DateIn(now, GoalZone(a.Team, g, &a.Member))
	if !g.Start.IsZero() && today.Before(g.Start) {
		// Its window begins at Start: a log now would count nowhere.
		return Log{}, false, Figures{}, (&Error{Code: EConflict, Reason: "goal_not_started"}).With("id", g.ID).With("start", g.Start.String())
	}
	l := Log{
		GoalID: g.ID, TeamID: a.Team.ID, User: a.Member.UserID,
		Amount: amt.Value, Note: note, At: now, Day: today, Key: key,
	}
	from, to := MeasureWindow(g, today)
	res, err := s.Store.AddLog(ctx, &l, &DateRange{From: from, To: to})
	if err != nil {
		return Log{}, false, Figures{}, fmt.Errorf("add log to goal %d: %w", g.ID, err)
	}
	if !res.Inserted && l.GoalID != g.ID {
		// The event was logged before, to another goal: show that one.
		stored, err := s.Store.Goal(ctx, a.Team.ID, l.GoalID)
		if err != nil {
			return Log{}, false, Figures{}, fmt.Errorf("goal %d of a repeated log: %w", l.GoalID, err)
		}
		f, err := s.Figures(ctx, a.Team, stored, a.Member.Workdays)
		return l, false, f, err
	}
	f, err := s.figures(ctx, a.Team, g, a.Member.Workdays, &res.Stats)
	if err != nil {
		return Log{}, false, Figures{}, err
	}
	return l, res.Inserted, f, nil
}

// CheckAmount refuses amounts no real log has.
func CheckAmount(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return &Error{Code: EInvalid, Reason: "bad_amount"}
	case v < 0:
		return &Error{Code: EInvalid, Reason: "negative_amount"}
	case v > MaxAmount:
		return &Error{Code: EInvalid, Reason: "amount_too_large"}
	}
	return nil
}

// Undo removes the actor's newest log.
func (s *Service) Undo(ctx context.Context, a Actor) (Log, Goal, error) {
	l, err := s.Store.UndoLastLog(ctx, a.Team.ID, a.Member.UserID)
	if err != nil {
		return Log{}, Goal{}, err
	}
	g, err := s.Store.Goal(ctx, a.Team.ID, l.GoalID)
	if err != nil {
		return l, Goal{}, fmt.Errorf("goal of undone log: %w", err)
	}
	return l, g, nil
}

// EditGoal applies key=value changes (already parsed into fn) if the actor
// may edit. A title made from the figures follows an edit of them (see
// Retitle), unless the edit sets the title itself.
func (s *Service) EditGoal(ctx context.Context, a Actor, id int64, fn func(*Goal) error) (Goal, error) {
	g, err := s.Goal(ctx, a, id)
	if err != nil {
		return Goal{}, err
	}
	if err := checkEdit(a, g); err != nil {
		return Goal{}, err
	}
	return s.Store.UpdateGoal(ctx, a.Team.ID, id, func(x *Goal) error {
		old := *x
		if err := fn(x); err != nil {
			return err
		}
		if x.Title == old.Title {
			x.Title, _ = Retitle(x.Title, old, *x)
		}
		return nil
	})
}

// SetState closes (done, archived) or reopens a goal.
func (s *Service) SetState(ctx context.Context, a Actor, id int64, st State) (Goal, error) {
	return s.EditGoal(ctx, a, id, func(g *Goal) error { g.State = st; return nil })
}

// SetRole changes a member's role; managers only, and the last manager
// cannot demote themselves (the team would be left without one).
func (s *Service) SetRole(ctx context.Context, a Actor, userID string, r Role) (Member, error) {
	if !a.Member.IsManager() {
		return Member{}, &Error{Code: EForbidden, Reason: "managers_only"}
	}
	if r != RoleManager && r != RoleMember {
		return Member{}, &Error{Code: EInvalid, Reason: "bad_role"}
	}
	if r == RoleMember {
		ms, err := s.Store.Members(ctx, a.Team.ID)
		if err != nil {
			return Member{}, err
		}
		managers := 0
		for _, m := range ms {
			if m.IsManager() && m.UserID != userID {
				managers++
			}
		}
		if managers == 0 {
			return Member{}, &Error{Code: EConflict, Reason: "last_manager"}
		}
	}
	// Given by a manager, the role stays whatever the platform says later.
	return s.Store.UpdateMember(ctx, a.Team.ID, userID, func(m *Member) error { m.Role, m.RoleGranted = r, r == RoleManager; return nil })
}

// Figures is a goal with everything replies and digests show about it.
type Figures struct {
	Goal          Goal
	Progress      Progress
	Streak        int
	Contributions []Contribution
	Children      []Figures
}

// Figures computes a goal's progress now. Parents of split goals roll up
// from their children: totals add, the parent's percent is the children's sum
// against its own target.
func (s *Service) Figures(ctx context.Context, t Team, g Goal, workdays Weekdays) (Figures, error) {
	return s.figures(ctx, t, g, workdays, nil)
}

// figures computes g's figures. known, when not nil, are g's own stats over
// its measurement window, read with a log just written to g: g takes logs,
// so it is no split parent and has no children to query.
func (s *Service) figures(ctx context.Context, t Team, g Goal, workdays Weekdays, known *Stats) (Figures, error) {
	now := s.Now()
	loc, owner, err := s.goalZone(ctx, t, g)
	if err != nil {
		return Figures{}, err
	}
	today := DateIn(now, loc)
	from, to := MeasureWindow(g, today)
	var st Stats
	if known != nil {
		st = *known
	} else {
		var err error
		if st, err = s.Store.Stats(ctx, t.ID, g.ID, from, to); err != nil {
			return Figures{}, fmt.Errorf("stats of goal %d: %w", g.ID, err)
		}
	}
	f := Figures{Goal: g}
	var kids []Goal
	if known == nil {
		kids, err = s.children(ctx, t.ID, g.ID)
		if err != nil {
			return Figures{}, fmt.Errorf("children of goal %d: %w", g.ID, err)
		}
	}
	for _, k := range kids {
		kf, err := s.Figures(ctx, t, k, workdays)
		if err != nil {
			return Figures{}, err
		}
		f.Children = append(f.Children, kf)
	}
	// A split parent's total rolls up from its whole subtree (year →
	// quarters → months) over the parent's own window; its contributions
	// merge the members' logs in the subtree.
	var contrib map[string]float64
	if g.Scope == ScopeTeam {
		contrib = map[string]float64{}
	}
	if len(kids) > 0 && g.Kind == KindTotal {
		for _, k := range kids {
			sum, n, err := s.subtree(ctx, t.ID, k.ID, from, to, contrib)
			if err != nil {
				return Figures{}, err
			}
			st.Sum += sum
			st.Count += n
		}
	}
	f.Progress = ComputeProgress(g, st, now, loc, workdays, t.Holidays...)
	if g.Recurring() {
		days, err := s.Store.DailyTotals(ctx, t.ID, g.ID, today.AddDays(-400), today)
		if err != nil {
			return Figures{}, fmt.Errorf("daily totals of goal %d: %w", g.ID, err)
		}
		// The owner's vacation keeps their streak (a team goal has no
		// single owner whose absence could excuse a period).
		var away *DateRange
		if owner != nil {
			away = owner.Away
		}
		f.Streak = Streak(g, days, today, workdays, away, t.Holidays...)
		f.Progress.SetMissedRun(MissedRun(g, days, today, workdays, away, t.Holidays...))
	}
	if g.Scope == ScopeTeam {
		c, err := s.Store.Contributions(ctx, t.ID, g.ID, from, to)
		if err != nil {
			return Figures{}, fmt.Errorf("contributions to goal %d: %w", g.ID, err)
		}
		for _, x := range c {
			contrib[x.User] += x.Amount
		}
		f.Contributions = sortedContributions(contrib)
	}
	return f, nil
}

// subtree sums the logs of goal id and all its descendants in [from, to],
// adding each user's share to contrib when it is not nil.
func (s *Service) subtree(ctx context.Context, teamID string, id int64, from, to Date, contrib map[string]float64) (float64, int, error) {
	st, err := s.Store.Stats(ctx, teamID, id, from, to)
	if err != nil {
		return 0, 0, fmt.Errorf("stats of goal %d: %w", id, err)
	}
	sum, n := st.Sum, st.Count
	if contrib != nil && n > 0 {
		c, err := s.Store.Contributions(ctx, teamID, id, from, to)
		if err != nil {
			return 0, 0, fmt.Errorf("contributions to goal %d: %w", id, err)
		}
		for _, x := range c {
			contrib[x.User] += x.Amount
		}
	}
	kids, err := s.children(ctx, teamID, id)
	if err != nil {
		return 0, 0, fmt.Errorf("children of goal %d: %w", id, err)
	}
	for _, k := range kids {
		ks, kn, err := s.subtree(ctx, teamID, k.ID, from, to, contrib)
		if err != nil {
			return 0, 0, err
		}
		sum += ks
		n += kn
	}
	return sum, n, nil
}

// children are the open and done goals split from goal id.
func (s *Service) children(ctx context.Context, teamID string, id int64) ([]Goal, error) {
	return s.Store.Goals(ctx, GoalFilter{TeamID: teamID, ParentID: &id, States: []State{StateActive, StateDone}})
}

// sortedContributions orders users by amount, largest first (ties by name).
func sortedContributions(m map[string]float64) []Contribution {
	out := make([]Contribution, 0, len(m))
	for u, a := range m {
		out = append(out, Contribution{User: u, Amount: a})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Amount != out[j].Amount {
			return out[i].Amount > out[j].Amount
		}
		return out[i].User < out[j].User
	})
	return out
}

// CleanText removes control and bidi-override characters, folds runs of
// white space and cuts to max runes, so stored text renders safely everywhere.
func CleanText(s string, max int) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if n >= max {
			break
		}
		switch {
		case r == '\u202a' || r == '\u202b' || r == '\u202c' || r == '\u202d' || r == '\u202e' ||
			r == '\u2066' || r == '\u2067' || r == '\u2068' || r == '\u2069' || r == '\u200e' || r == '\u200f':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
