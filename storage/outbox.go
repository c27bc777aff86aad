package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// The tables of package reminders: subscriptions, exactly-once claims, the
// outbox and the scheduler's watermark (migration 0003).
//
// The row types below are aliases of unnamed struct types. Package
// reminders declares the very same aliases, so *DB implements
// reminders.Store without storage importing reminders (siblings do not
// import each other) and without a conversion layer; cmd/goalbot holds the
// compile-time check that the two declarations stay identical.

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

// Outbox statuses.
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

const outboxColumns = `id, team_id, platform, chat, kind, period, payload, status, attempts, next_attempt_at, last_error, created_at, done_at`

func scanOutbox(sc interface{ Scan(...any) error }) (OutboxRow, error) {
	var r OutboxRow
	var next, created int64
	var done sql.NullInt64
	if err := sc.Scan(&r.ID, &r.TeamID, &r.Platform, &r.Chat, &r.Kind, &r.Period, &r.Payload, &r.Status,
		&r.Attempts, &next, &r.LastError, &created, &done); err != nil {
		return OutboxRow{}, err
	}
	r.NextAttempt, r.CreatedAt = fromNanos(next), fromNanos(created)
	if done.Valid {
		r.DoneAt = fromNanos(done.Int64)
	}
	return r, nil
}

// ClaimAndEnqueue records the claim and queues msgs, in one transaction.
// When the claim exists already nothing is written and claimed is false:
// whoever claimed first queued the messages, so a period is sent once
// however often (and from however many processes) it is attempted.
func (db *DB) ClaimAndEnqueue(ctx context.Context, c Claim, msgs []OutboxMessage) (claimed bool, err error) {
	at := c.At
	if at.IsZero() {
		at = db.clock.Now()
	}
	err = db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO claims (team_id, kind, period, subject, claimed_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, c.TeamID, c.Kind, c.Period, c.Subject, toNanos(at))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		claimed = true
		return enqueue(ctx, tx, msgs, at)
	})
	if err != nil {
		return false, wrap("claim and enqueue", err)
	}
	return claimed, nil
}

// Enqueue queues msgs without a claim (previews, one-off messages).
func (db *DB) Enqueue(ctx context.Context, msgs []OutboxMessage) error {
	now := db.clock.Now()
	return wrap("enqueue", db.write(ctx, func(ctx context.Context, tx *sql.Tx) error { return enqueue(ctx, tx, msgs, now) }))
}

func enqueue(ctx context.Context, tx *sql.Tx, msgs []OutboxMessage, at time.Time) error {
	if len(msgs) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO outbox (team_id, platform, chat, kind, period, payload, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, m := range msgs {
		if _, err := st.ExecContext(ctx, m.TeamID, m.Platform, m.Chat, m.Kind, m.Period, m.Payload, toNanos(at), toNanos(at)); err != nil {
			return err
		}
	}
	return nil
}

// Claimed reports whether the claim exists (its At is ignored). The
// scheduler asks before building a digest it may not need; the claim in
// ClaimAndEnqueue stays the guarantee.
func (db *DB) Claimed(ctx context.Context, c Claim) (bool, error) {
	var ok bool
	err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM claims WHERE team_id = ? AND kind = ? AND period = ? AND subject = ?)`,
		c.TeamID, c.Kind, c.Period, c.Subject).Scan(&ok)
	return ok, wrap("claimed", err)
}

// OutboxHeads returns the oldest pending message of each chat (messages to
// one chat go out in the order they were queued), soonest due first, at
// most limit rows.
func (db *DB) OutboxHeads(ctx context.Context, limit int) ([]OutboxRow, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox o
		WHERE o.status = 'pending'
		  AND o.id = (SELECT MIN(x.id) FROM outbox x WHERE x.status = 'pending' AND x.platform = o.platform AND x.chat = o.chat)
		ORDER BY o.next_attempt_at, o.id LIMIT ?`, limit)
	if err != nil {
		return nil, wrap("outbox heads", err)
	}
	return collect(rows, "outbox heads", scanOutbox)
}

// OutboxRows lists messages of one status ("" for every status), oldest
// first, at most limit rows (tests and tools).
func (db *DB) OutboxRows(ctx context.Context, status string, limit int) ([]OutboxRow, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE (? = '' OR status = ?) ORDER BY id LIMIT ?`,
		status, status, limit)
	if err != nil {
		return nil, wrap("outbox rows", err)
	}
	return collect(rows, "outbox rows", scanOutbox)
}

// FailedOutbox lists the messages that were given up on, newest first: for
// `goalbot doctor`.
func (db *DB) FailedOutbox(ctx context.Context, limit int) ([]OutboxRow, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE status = 'failed' ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, wrap("failed outbox", err)
	}
	return collect(rows, "failed outbox", scanOutbox)
}

// OutboxCounts counts messages per status.
func (db *DB) OutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, wrap("outbox counts", err)
	}
	defer rows.Close()
	out := map[string]int{OutboxPending: 0, OutboxSent: 0, OutboxFailed: 0}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, wrap("outbox counts", err)
		}
		out[s] = n
	}
	return out, wrap("outbox counts", rows.Err())
}

// errOutboxNotPending: the row was finished by someone else (or never existed).
var errOutboxNotPending = errors.New("outbox row is not pending")

// MarkOutboxSent records a delivery: attempts is the number of attempts
// made, this one included.
func (db *DB) MarkOutboxSent(ctx context.Context, id int64, attempts int, at time.Time) error {
	return db.finishOutbox(ctx, "mark sent", `UPDATE outbox SET status = 'sent', attempts = ?, done_at = ?, last_error = ''
		WHERE id = ? AND status = 'pending'`, attempts, toNanos(at), id)
}

// RetryOutbox records a failed attempt and when to try again.
func (db *DB) RetryOutbox(ctx context.Context, id int64, attempts int, next time.Time, lastErr string) error {
	return db.finishOutbox(ctx, "retry", `UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?
		WHERE id = ? AND status = 'pending'`, attempts, toNanos(next), clipError(lastErr), id)
}

// FailOutbox gives up on a message.
func (db *DB) FailOutbox(ctx context.Context, id int64, attempts int, at time.Time, lastErr string) error {
	return db.finishOutbox(ctx, "fail", `UPDATE outbox SET status = 'failed', attempts = ?, done_at = ?, last_error = ?
		WHERE id = ? AND status = 'pending'`, attempts, toNanos(at), clipError(lastErr), id)
}

func (db *DB) finishOutbox(ctx context.Context, op, q string, args ...any) error {
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = errOutboxNotPending
			}
			return err
		}
		return nil
	})
	return wrap("outbox "+op, err)
}

func clipError(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}

// Subscribe adds a subscription; created is false when it existed.
func (db *DB) Subscribe(ctx context.Context, s Subscription) (created bool, err error) {
	err = db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := findTeam(ctx, tx, s.TeamID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (team_id, platform, channel, kind, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, s.TeamID, s.Platform, s.Channel, s.Kind, toNanos(db.clock.Now()))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		created = n == 1
		return err
	})
	if err != nil {
		return false, wrap("subscribe", err)
	}
	return created, nil
}

// Unsubscribe removes the channel's subscriptions of kind ("" for every
// kind) and returns how many there were.
func (db *DB) Unsubscribe(ctx context.Context, teamID, platform, channel, kind string) (int, error) {
	n, err := db.execCount(ctx, "unsubscribe", `DELETE FROM subscriptions WHERE team_id = ? AND platform = ? AND channel = ? AND (? = '' OR kind = ?)`,
		teamID, platform, channel, kind, kind)
	return int(n), err
}

// Subscriptions lists a team's subscriptions ("" for every team's).
func (db *DB) Subscriptions(ctx context.Context, teamID string) ([]Subscription, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT team_id, platform, channel, kind FROM subscriptions
		WHERE (? = '' OR team_id = ?) ORDER BY team_id, kind, platform, channel`, teamID, teamID)
	if err != nil {
		return nil, wrap("subscriptions", err)
	}
	defer rows.Close()
	out := []Subscription{}
	for rows.Next() {
		var s Subscription
		if err := rows.Scan(&s.TeamID, &s.Platform, &s.Channel, &s.Kind); err != nil {
			return nil, wrap("subscriptions", err)
		}
		out = append(out, s)
	}
	return out, wrap("subscriptions", rows.Err())
}

// SchedulerMark is how far the named scheduler has looked; ok is false
// before its first tick.
func (db *DB) SchedulerMark(ctx context.Context, name string) (at time.Time, ok bool, err error) {
	var n int64
	err = db.r.QueryRowContext(ctx, `SELECT at FROM scheduler_marks WHERE name = ?`, name).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, wrap("scheduler mark", err)
	}
	return fromNanos(n), true, nil
}

// SetSchedulerMark records how far the named scheduler has looked.
func (db *DB) SetSchedulerMark(ctx context.Context, name string, at time.Time) error {
	return wrap("set scheduler mark", db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO scheduler_marks (name, at) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET at = excluded.at`, name, toNanos(at))
		return err
	}))
}

// PruneReminders deletes claims made before before and finished (sent or
// failed) outbox rows done before before. Claims older than the longest
// catch-up window can never be needed again.
func (db *DB) PruneReminders(ctx context.Context, before time.Time) (int64, error) {
	var total int64
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM claims WHERE claimed_at < ?`,
			`DELETE FROM outbox WHERE status <> 'pending' AND done_at < ?`,
		} {
			res, err := tx.ExecContext(ctx, q, toNanos(before))
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			total += n
		}
		return nil
	})
	return total, wrap("prune reminders", err)
}

// LastLogAt is the instant of each member's newest log in the team, by
// user id (check-in reminders skip who logged that day).
func (db *DB) LastLogAt(ctx context.Context, teamID string) (map[string]time.Time, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT user_id, MAX(at) FROM logs WHERE team_id = ? GROUP BY user_id`, teamID)
	if err != nil {
		return nil, wrap("last log", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var u string
		var at int64
		if err := rows.Scan(&u, &at); err != nil {
			return nil, wrap("last log", err)
		}
		out[u] = fromNanos(at)
	}
	return out, wrap("last log", rows.Err())
}
