// Package reminders sends what the bot says on its own: the daily check-in
// reminders, the daily team summary and the weekly digest (SPEC §4).
//
// The parts, in the order a message travels:
//
//   - Scheduler (scheduler.go): one gocron job fires every minute and looks
//     at the span of time since the previous look (the watermark, kept in
//     the database). Due lists what fell due in that span, in each team's
//     and member's own time zone; a span that covers downtime is the
//     catch-up. For each due send the scheduler builds the messages and
//     claims (team, kind, period) and queues them in ONE transaction
//     (Store.ClaimAndEnqueue), so a period is sent once: never twice after
//     a restart, and still once after downtime within the period.
//   - Digest builder (digest.go): a pure function of a team snapshot and a
//     period; the snapshot is read for many teams at once (snapshot.go).
//   - Outbox worker (outbox.go): delivers queued messages through each
//     platform's bot.Sender with per-chat pacing and exponential back-off
//     with jitter on *bot.RetryError; gives up after MaxAttempts.
//
// The package imports goals and bot only; storage implements Store, and
// cmd wires the two.
package reminders

import (
	"context"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Store is what the reminders need from persistence beyond goals.Store.
// *storage.DB implements it. The row types are aliases of unnamed struct
// types that package storage declares identically, so storage implements
// Store without importing this package; keep both declarations in step
// (cmd/goalbot checks it at compile time).
type Store interface {
	goals.Store

	// ClaimAndEnqueue records c and queues msgs in one transaction; claimed
	// is false, and nothing is written, when c exists already.
	ClaimAndEnqueue(ctx context.Context, c Claim, msgs []OutboxMessage) (claimed bool, err error)
	// Claimed reports whether c exists.
	Claimed(ctx context.Context, c Claim) (bool, error)

	// OutboxHeads returns the oldest pending message of each chat, soonest
	// due first.
	OutboxHeads(ctx context.Context, limit int) ([]OutboxRow, error)
	MarkOutboxSent(ctx context.Context, id int64, attempts int, at time.Time) error
	RetryOutbox(ctx context.Context, id int64, attempts int, next time.Time, lastErr string) error
	FailOutbox(ctx context.Context, id int64, attempts int, at time.Time, lastErr string) error

	Subscribe(ctx context.Context, s Subscription) (created bool, err error)
	Unsubscribe(ctx context.Context, teamID, platform, channel, kind string) (int, error)
	// Subscriptions lists a team's subscriptions ("" for every team's).
	Subscriptions(ctx context.Context, teamID string) ([]Subscription, error)

	SchedulerMark(ctx context.Context, name string) (at time.Time, ok bool, err error)
	SetSchedulerMark(ctx context.Context, name string, at time.Time) error
	PruneReminders(ctx context.Context, before time.Time) (int64, error)

	// LastLogAt is the instant of each member's newest log, by user id.
	LastLogAt(ctx context.Context, teamID string) (map[string]time.Time, error)
	// DigestGoals and DigestMembers read many teams at once (nil: all).
	DigestGoals(ctx context.Context, teamIDs []string) ([]goals.Goal, error)
	DigestMembers(ctx context.Context, teamIDs []string) ([]goals.Member, error)
	// DigestAggregates answers every window in the order given.
	DigestAggregates(ctx context.Context, wins []AggWindow) ([]GoalAgg, error)
	DigestContributions(ctx context.Context, wins []ContribWindow) ([]GoalContribution, error)
}

// Claim names one scheduled send: a team's digest of a kind for a period,
// or (Subject = user id) one member's reminder.
type Claim = struct {
	TeamID  string
	Kind    string // "daily", "weekly", "checkin"
	Period  string // goals.PeriodKey: "2026-11-22", "2026-W47"
	Subject string // user id for per-member sends; "" for the team's
	At      time.Time
}

// OutboxMessage is one message to queue.
type OutboxMessage = struct {
	TeamID   string
	Platform string // "slack", "telegram", "console"
	Chat     string // channel id, or user id for a direct message: the pacing key
	Kind     string
	Period   string
	Payload  []byte
}

// OutboxRow is a queued message and its delivery state.
type OutboxRow = struct {
	ID          int64
	TeamID      string
	Platform    string
	Chat        string
	Kind        string
	Period      string
	Payload     []byte
	Status      string // "pending", "sent", "failed"
	Attempts    int
	NextAttempt time.Time
	LastError   string
	CreatedAt   time.Time
	DoneAt      time.Time // sent or failed; zero while pending
}

// Subscription is a channel that gets a team's daily or weekly digest.
type Subscription = struct {
	TeamID   string
	Platform string
	Channel  string
	Kind     string // "daily" or "weekly"
}

// AggWindow asks for one goal's aggregates over [Lo, Hi] and per trend
// bucket (bucket k spans [Buckets[k], Buckets[k+1]), the last [Buckets[n-1], Hi]).
type AggWindow = struct {
	GoalID  int64
	Level   bool
	Lo, Hi  goals.Date
	Buckets []goals.Date
}

// GoalAgg answers an AggWindow: goals.Stats over [Lo, Hi] (Latest for level
// goals only), and per bucket the sum (total goals) or, for the last two
// buckets of a level goal, the newest reading on or before its end.
type GoalAgg = struct {
	GoalID    int64
	Count     int
	Sum       float64
	Latest    float64
	LatestAt  time.Time
	Buckets   []float64
	HasBucket []bool
}

// ContribWindow asks for the per-user sums of a goal over [Lo, Hi].
type ContribWindow = struct {
	GoalID int64
	Lo, Hi goals.Date
}

// GoalContribution is one user's sum of one goal's logs.
type GoalContribution = struct {
	GoalID int64
	User   string
	Amount float64
}

// Kinds of scheduled sends (and of subscriptions, for the first two).
const (
	KindDaily   = "daily"
	KindWeekly  = "weekly"
	KindCheckin = "checkin"
)
