package storage

import (
	"context"
	"database/sql"
	"errors"

	"github.com/goalbot/goalbot/goals"
)

// MoveTeam hands every row of team m.From to team m.To in one transaction
// (see goals.Store) and records the move, so that EnsureTeam(m.From) finds
// m.To from then on. When m.To exists already (someone wrote in the new
// chat before the move was seen), the two merge: m.From's settings, members
// and dialogue state win, since m.To was created with defaults moments ago.
func (db *DB) MoveTeam(ctx context.Context, m goals.TeamMove) (bool, error) {
	if m.From == "" || m.To == "" || m.From == m.To {
		return false, goals.Errorf(goals.EInvalid, "team_required", "move team %q to %q", m.From, m.To)
	}
	var moved bool
	err := db.writeAlone(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := findTeam(ctx, tx, m.From); errors.Is(err, goals.ErrTeamNotFound) {
			return nil // moved already (both chats announce a migration)
		} else if err != nil {
			return err
		}
		// A goal and its logs reference each other by (id, team_id): no
		// order of updates keeps that true statement by statement, so the
		// check waits for COMMIT (which switches the pragma off again). A
		// row left dangling fails the COMMIT; the write runs alone, so only
		// the move fails.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		steps := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO teams (` + teamColumns + `)
				SELECT ?, name, tz, lang, daily_at, weekly_at, workdays, holidays, fiscal_start, lang_set FROM teams WHERE id = ?
				ON CONFLICT (id) DO UPDATE SET name = excluded.name, tz = excluded.tz, lang = excluded.lang,
					daily_at = excluded.daily_at, weekly_at = excluded.weekly_at, workdays = excluded.workdays,
					holidays = excluded.holidays, fiscal_start = excluded.fiscal_start, lang_set = excluded.lang_set`, []any{m.To, m.From}},
			{`DELETE FROM members WHERE team_id = ? AND user_id IN (SELECT user_id FROM members WHERE team_id = ?)`, []any{m.To, m.From}},
			{`UPDATE members SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`DELETE FROM pending WHERE team_id = ? AND (user_id, kind) IN (SELECT user_id, kind FROM pending WHERE team_id = ?)`, []any{m.To, m.From}},
			{`UPDATE pending SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`UPDATE goals SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			// The same platform event logged in both teams (its key is in
			// both): keep both logs, as they were counted, but the key once.
			{`UPDATE logs SET idem_key = NULL WHERE team_id = ? AND idem_key IN (
				SELECT idem_key FROM logs WHERE team_id = ? AND idem_key IS NOT NULL)`, []any{m.From, m.To}},
			{`UPDATE logs SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`UPDATE log_days SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`UPDATE OR IGNORE claims SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`DELETE FROM claims WHERE team_id = ?`, []any{m.From}},
			{`UPDATE OR IGNORE subscriptions SET team_id = ?,
				channel = CASE WHEN platform = ? AND channel = ? THEN ? ELSE channel END
				WHERE team_id = ?`, []any{m.To, m.Platform, m.FromChat, m.ToChat, m.From}},
			{`DELETE FROM subscriptions WHERE team_id = ?`, []any{m.From}},
			{`UPDATE outbox SET team_id = ? WHERE team_id = ?`, []any{m.To, m.From}},
			{`UPDATE outbox SET chat = ? WHERE platform = ? AND chat = ? AND status = 'pending'`, []any{m.ToChat, m.Platform, m.FromChat}},
			{`DELETE FROM teams WHERE id = ?`, []any{m.From}},
			{`INSERT INTO team_moves (from_id, to_id, at) VALUES (?, ?, ?)
				ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id, at = excluded.at`, []any{m.From, m.To, toNanos(db.clock.Now())}},
		}
		for _, s := range steps {
			if _, err := tx.ExecContext(ctx, s.q, s.args...); err != nil {
				return err
			}
		}
		moved = true
		return nil
	})
	if err != nil {
		return false, wrap("move team", err)
	}
	return moved, nil
}
