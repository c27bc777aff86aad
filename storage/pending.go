package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/goalbot/goalbot/goals"
)

const qClaimEvent = `INSERT OR IGNORE INTO events (key, at) VALUES (?, ?)`

// PutPending stores p, replacing any state of the same kind for the user.
// A zero p.Expires means it never expires.
func (db *DB) PutPending(ctx context.Context, p goals.Pending) error {
	if p.TeamID == "" || p.UserID == "" || p.Kind == "" {
		return goals.Errorf(goals.EInvalid, "pending_required", "pending state needs a team, a user and a kind")
	}
	data := p.Data
	if data == nil {
		data = []byte{} // the column is NOT NULL
	}
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO pending (team_id, user_id, kind, data, expires) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (team_id, user_id, kind) DO UPDATE SET data = excluded.data, expires = excluded.expires`,
			p.TeamID, p.UserID, p.Kind, data, nanosOrNull(p.Expires))
		return err
	})
	return wrap("put pending", err)
}

// Pending returns the state stored for the user, or an ENotFound error when
// there is none or it expired at now (expired rows are left for
// PrunePending; readers do not write).
func (db *DB) Pending(ctx context.Context, teamID, userID, kind string, now time.Time) (goals.Pending, error) {
	p := goals.Pending{TeamID: teamID, UserID: userID, Kind: kind}
	var exp sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT data, expires FROM pending
		WHERE team_id = ? AND user_id = ? AND kind = ? AND (expires IS NULL OR expires > ?)`,
		teamID, userID, kind, toNanos(now)).Scan(&p.Data, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Pending{}, goals.Errorf(goals.ENotFound, "pending_not_found", "no %s state for %s", kind, userID)
	}
	if err != nil {
		return goals.Pending{}, wrap("pending", err)
	}
	if exp.Valid {
		p.Expires = fromNanos(exp.Int64)
	}
	return p, nil
}

// DeletePending removes the user's state of that kind; absent is fine.
func (db *DB) DeletePending(ctx context.Context, teamID, userID, kind string) error {
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM pending WHERE team_id = ? AND user_id = ? AND kind = ?`, teamID, userID, kind)
		return err
	})
	return wrap("delete pending", err)
}

// PrunePending deletes state that expired at or before now and reports how
// many rows went (for a periodic janitor).
func (db *DB) PrunePending(ctx context.Context, now time.Time) (int64, error) {
	return db.execCount(ctx, "prune pending", `DELETE FROM pending WHERE expires IS NOT NULL AND expires <= ?`, toNanos(now))
}

// ClaimEvent records key; first is true only for the call that inserted it.
// A zero at is stamped with the clock.
func (db *DB) ClaimEvent(ctx context.Context, key string, at time.Time) (bool, error) {
	if key == "" {
		return false, goals.Errorf(goals.EInvalid, "event_key_required", "empty event key")
	}
	if at.IsZero() {
		at = db.clock.Now()
	}
	var first bool
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := db.ws.in(ctx, tx, qClaimEvent).ExecContext(ctx, key, toNanos(at))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		first = n == 1
		return err
	})
	if err != nil {
		return false, wrap("claim event", err)
	}
	return first, nil
}

// EventSeen reports whether key was claimed, without claiming it.
func (db *DB) EventSeen(ctx context.Context, key string) (bool, error) {
	stmt, err := db.readStmt(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE key = ?)`)
	if err != nil {
		return false, wrap("event seen", err)
	}
	var seen bool
	if err := stmt.QueryRowContext(ctx, key).Scan(&seen); err != nil {
		return false, wrap("event seen", err)
	}
	return seen, nil
}

// PruneEvents forgets event keys claimed before the given instant (platforms
// stop redelivering after minutes to hours) and reports how many went.
func (db *DB) PruneEvents(ctx context.Context, before time.Time) (int64, error) {
	return db.execCount(ctx, "prune events", `DELETE FROM events WHERE at < ?`, toNanos(before))
}

// execCount runs q in a write transaction and reports how many rows it
// changed; errors are wrapped with op.
func (db *DB) execCount(ctx context.Context, op, q string, args ...any) (int64, error) {
	var n int64
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, wrap(op, err)
}
