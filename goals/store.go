package goals

import (
	"context"
	"time"
)

// Clock is the time source. clockwork.Clock satisfies it, so tests and
// `--now` pin time without touching the code under test.
type Clock interface{ Now() time.Time }

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

func (f ClockFunc) Now() time.Time { return f() }

// Store is everything the domain needs from persistence. Every method is
// scoped to one team: a read never returns another team's rows. Methods
// return *Error values with Code ENotFound / EConflict / EInvalid for the
// cases users can cause, and wrapped errors otherwise.
type Store interface {
	// EnsureTeam inserts t if no team has its ID and returns the stored team;
	// for the old id of a team that moved (MoveTeam), the team at its new id.
	EnsureTeam(ctx context.Context, t Team) (Team, error)
	// Team returns ErrTeamNotFound when there is none.
	Team(ctx context.Context, id string) (Team, error)
	Teams(ctx context.Context) ([]Team, error)
	// MoveTeam gives every row of team m.From to team m.To: the platform
	// changed the team's identity (a Telegram group that becomes a
	// supergroup gets a new chat id). Subscriptions and queued messages
	// naming m.FromChat on m.Platform follow to m.ToChat. moved is false
	// when there is no team m.From (already moved).
	MoveTeam(ctx context.Context, m TeamMove) (moved bool, err error)
	// UpdateTeam reads the team, applies fn and writes it, in one transaction.
	UpdateTeam(ctx context.Context, id string, fn func(*Team) error) (Team, error)

	// EnsureMember inserts m if the (team, user) pair is new; created reports it.
	EnsureMember(ctx context.Context, m Member) (stored Member, created bool, err error)
	// Member returns ErrMemberNotFound when there is none.
	Member(ctx context.Context, teamID, userID string) (Member, error)
	// TeamMember reads a team and its member together (ErrMemberNotFound
	// when either is missing): the one read of a known user's request.
	TeamMember(ctx context.Context, teamID, userID string) (Team, Member, error)
	Members(ctx context.Context, teamID string) ([]Member, error)
	UpdateMember(ctx context.Context, teamID, userID string, fn func(*Member) error) (Member, error)

	// CreateGoal validates g, stores it and sets g.ID and g.CreatedAt.
	CreateGoal(ctx context.Context, g *Goal) error
	// Goal returns ErrGoalNotFound when id is not a goal of teamID.
	Goal(ctx context.Context, teamID string, id int64) (Goal, error)
	Goals(ctx context.Context, f GoalFilter) ([]Goal, error)
	// UpdateGoal reads the goal, applies fn, validates and writes it, in one
	// transaction; fn's error aborts the update and is returned as is.
	UpdateGoal(ctx context.Context, teamID string, id int64, fn func(*Goal) error) (Goal, error)

	// AddLog stores l and sets its ID. When l.Key is not empty and a log with
	// that key exists in the team, nothing is written, l is overwritten with
	// the stored log and Inserted is false: a retried platform event logs
	// once. With a window, Stats are the goal's over it (as Stats would
	// return them), read in the write's own transaction: a reply then shows
	// exactly the state this log produced.
	AddLog(ctx context.Context, l *Log, window *DateRange) (LogResult, error)
	// UndoLastLog deletes and returns the newest log the user wrote in the
	// team (ErrLogNotFound when there is none), in one transaction.
	UndoLastLog(ctx context.Context, teamID, userID string) (Log, error)
	Logs(ctx context.Context, f LogFilter) ([]Log, error)

	// Stats aggregates the goal's logs whose Day lies in [from, to]
	// (inclusive; zero dates mean unbounded), in SQL.
	Stats(ctx context.Context, teamID string, goalID int64, from, to Date) (Stats, error)
	// DailyTotals is one row per local day that has logs in [from, to], ascending.
	DailyTotals(ctx context.Context, teamID string, goalID int64, from, to Date) ([]DayTotal, error)
	// Contributions sums the goal's logs per user in [from, to], largest first.
	Contributions(ctx context.Context, teamID string, goalID int64, from, to Date) ([]Contribution, error)

	// PutPending stores conversation state (a proposed rewrite, a dialogue
	// step) for one user, replacing any of the same kind.
	PutPending(ctx context.Context, p Pending) error
	// Pending returns ENotFound when there is none or it has expired at now.
	Pending(ctx context.Context, teamID, userID, kind string, now time.Time) (Pending, error)
	DeletePending(ctx context.Context, teamID, userID, kind string) error

	// ClaimEvent records a platform event key; first is false when it was
	// seen before, so a redelivered button press or event acts once.
	ClaimEvent(ctx context.Context, key string, at time.Time) (first bool, err error)
	// EventSeen reports whether key was claimed, without claiming it: an
	// adapter checks before handling and claims after the handling has
	// committed, so a crash in between redelivers rather than drops.
	EventSeen(ctx context.Context, key string) (bool, error)
}

// GoalFilter selects goals of one team. Nil fields do not filter.
type GoalFilter struct {
	TeamID   string // required
	IDs      []int64
	Owner    *string
	Scope    *Scope
	States   []State // empty: active only
	ParentID *int64
	Metric   *string
	// LoggableBy, a user id, keeps the goals that user may log to (see
	// CanLog): their individual goals and the team's goals, less split
	// parents with an active child, which roll up and take no logs.
	LoggableBy string
}

// LogFilter selects logs of one team (TeamID empty: every team, for the
// trusted command-line export only). Zero values do not filter.
type LogFilter struct {
	TeamID string
	GoalID int64
	User   string
	From   Date
	To     Date
	Limit  int // newest first when set; otherwise oldest first
}

// Stats is an aggregate of a goal's logs over a window.
type Stats struct {
	Sum      float64   // total of amounts
	Count    int       // number of logs
	Latest   float64   // amount of the newest log (the reading of a level goal); 0 when Count is 0
	LatestAt time.Time // instant of the newest log
	FirstDay Date      // day of the oldest log in the window
	First    float64   // amount of the oldest log (a level goal's first reading); 0 when Count is 0
}

// TeamMove is a team changing identity; see Store.MoveTeam.
type TeamMove struct {
	From, To         string // team ids
	Platform         string
	FromChat, ToChat string // the chat as subscriptions and the outbox name it
}

// LogResult is what AddLog reports.
type LogResult struct {
	Inserted bool  // false: the key was already logged, nothing written
	Stats    Stats // over the window asked for; zero without one
}

// DayTotal is one local day of a goal's logs.
type DayTotal struct {
	Day   Date
	Sum   float64
	Last  float64 // the day's newest amount (level goals)
	Count int
}

// Contribution is one user's share of a goal.
type Contribution struct {
	User   string  `json:"user"`
	Amount float64 `json:"amount"`
}

// Pending is stored conversation state, opaque to the store.
type Pending struct {
	TeamID  string
	UserID  string
	Kind    string // "rewrite", "dialogue" ...
	Data    []byte // JSON owned by whoever put it
	Expires time.Time
}
