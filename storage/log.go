package storage

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/goalbot/goalbot/goals"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

const logColumns = `id, goal_id, team_id, user_id, amount, note, at, day, idem_key`

const (
	qLogByKey  = `SELECT ` + logColumns + ` FROM logs WHERE team_id = ? AND idem_key = ?`
	qGoalTZ    = `SELECT t.tz FROM goals g JOIN teams t ON t.id = g.team_id WHERE g.id = ? AND g.team_id = ?`
	qInsertLog = `INSERT INTO logs (goal_id, team_id, user_id, amount, note, at, day, idem_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (team_id, idem_key) WHERE idem_key IS NOT NULL DO NOTHING
		RETURNING id`
	// The roll-up: an insert adds to its day; an undo recomputes the day
	// from the logs, so floating-point sums never drift.
	qRollupAdd = `INSERT INTO log_days (goal_id, team_id, day, total, n) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (goal_id, day) DO UPDATE SET total = total + excluded.total, n = n + 1`
	qRollupRecompute = `INSERT INTO log_days (goal_id, team_id, day, total, n)
		SELECT goal_id, team_id, day, TOTAL(amount), COUNT(*) FROM logs WHERE goal_id = :goal AND day = :day
		GROUP BY goal_id, team_id, day
		ON CONFLICT (goal_id, day) DO UPDATE SET total = excluded.total, n = excluded.n`
	qRollupDropEmpty = `DELETE FROM log_days WHERE goal_id = :goal AND day = :day
		AND NOT EXISTS (SELECT 1 FROM logs WHERE goal_id = :goal AND day = :day)`
	qUndoLog = `DELETE FROM logs WHERE id = (
			SELECT id FROM logs WHERE team_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1
		) RETURNING ` + logColumns
	// The goal row anchors the query: no row means not this team's goal,
	// while a goal without logs still yields one row of zeros.
	qStats = `
		SELECT agg.n, agg.total, agg.first_day, latest.amount, latest.at, earliest.amount
		FROM goals g
		JOIN (SELECT COALESCE(SUM(n), 0) AS n, TOTAL(total) AS total, MIN(day) AS first_day
		      FROM log_days WHERE goal_id = :goal AND day >= :lo AND day <= :hi) agg ON 1
		LEFT JOIN (SELECT amount, at FROM logs
		           WHERE team_id = :team AND goal_id = :goal AND day >= :lo AND day <= :hi
		           ORDER BY day DESC, at DESC, id DESC LIMIT 1) latest ON 1
		LEFT JOIN (SELECT amount FROM logs
		           WHERE team_id = :team AND goal_id = :goal AND day >= :lo AND day <= :hi
		           ORDER BY day, at, id LIMIT 1) earliest ON 1
		WHERE g.id = :goal AND g.team_id = :team`
	qDailyTotals = `
		SELECT d.day, d.total, d.n,
		       (SELECT x.amount FROM logs x
		        WHERE x.team_id = :team AND x.goal_id = :goal AND x.day = d.day
		        ORDER BY x.at DESC, x.id DESC LIMIT 1)
		FROM log_days d
		WHERE d.goal_id = :goal AND d.team_id = :team AND d.day >= :lo AND d.day <= :hi
		ORDER BY d.day`
	qContributions = `
		SELECT user_id, TOTAL(amount) AS total FROM logs
		WHERE team_id = ? AND goal_id = ? AND day >= ? AND day <= ?
		GROUP BY user_id ORDER BY total DESC, user_id`
)

func scanLog(sc interface{ Scan(...any) error }) (goals.Log, error) {
	var l goals.Log
	var at int64
	var day string
	var key sql.NullString
	if err := sc.Scan(&l.ID, &l.GoalID, &l.TeamID, &l.User, &l.Amount, &l.Note, &at, &day, &key); err != nil {
		return goals.Log{}, err
	}
	l.At, l.Key = fromNanos(at), key.String
	var err error
	l.Day, err = parseDate(day)
	return l, err
}

// AddLog stores l and sets l.ID (and l.At / l.Day when they were zero: now,
// and the date of At in the team's time zone). The goal must belong to
// l.TeamID (goals.ErrGoalNotFound). When l.Key is set and the team already
// has a log with that key, nothing is written, *l becomes the stored log and
// Inserted is false. With a window, the result carries the goal's Stats over
// it, read in the same transaction.
func (db *DB) AddLog(ctx context.Context, l *goals.Log, window *goals.DateRange) (goals.LogResult, error) {
	switch {
	case l.TeamID == "" || l.User == "":
		return goals.LogResult{}, goals.Errorf(goals.EInvalid, "user_required", "log needs a team and a user")
	case math.IsNaN(l.Amount) || math.IsInf(l.Amount, 0):
		// SQLite would store NaN as NULL and fail the NOT NULL constraint
		// with a less useful error.
		return goals.LogResult{}, goals.Errorf(goals.EInvalid, "bad_amount", "amount %v", l.Amount)
	}
	in := *l
	if in.At.IsZero() {
		in.At = db.clock.Now()
	}
	in.At = fromNanos(toNanos(in.At)) // exactly what a read returns
	var (
		stored goals.Log
		res    goals.LogResult
	)
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if stored, res.Inserted, err = db.addLog(ctx, tx, in); err != nil {
			return err
		}
		if window != nil {
			res.Stats, err = stats(ctx, db.ws.in(ctx, tx, qStats), l.TeamID, l.GoalID, window.From, window.To)
		}
		return err
	})
	if err != nil {
		return goals.LogResult{}, wrap("add log", err)
	}
	*l = stored
	return res, nil
}

func (db *DB) addLog(ctx context.Context, tx *sql.Tx, l goals.Log) (goals.Log, bool, error) {
	if l.Day.IsZero() {
		var tz string
		err := db.ws.in(ctx, tx, qGoalTZ).QueryRowContext(ctx, l.GoalID, l.TeamID).Scan(&tz)
		if errors.Is(err, sql.ErrNoRows) {
			return goals.Log{}, false, goals.ErrGoalNotFound.With("id", l.GoalID)
		}
		if err != nil {
			return goals.Log{}, false, err
		}
		l.Day = goals.DateIn(l.At, goals.LoadLocation(tz))
	}
	var key any
	if l.Key != "" {
		key = l.Key
	}
	// One statement on the common path: the composite foreign key checks
	// that the goal is this team's, and a key already logged inserts nothing.
	err := db.ws.in(ctx, tx, qInsertLog).QueryRowContext(ctx,
		l.GoalID, l.TeamID, l.User, l.Amount, l.Note, toNanos(l.At), dateText(l.Day), key).Scan(&l.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// The IMMEDIATE transaction holds the write lock, so the row that
		// conflicted is still there.
		old, err := scanLog(db.ws.in(ctx, tx, qLogByKey).QueryRowContext(ctx, l.TeamID, l.Key))
		return old, false, err
	case isForeignKeyError(err):
		return goals.Log{}, false, goals.ErrGoalNotFound.With("id", l.GoalID)
	case err != nil:
		return goals.Log{}, false, err
	}
	if _, err := db.ws.in(ctx, tx, qRollupAdd).ExecContext(ctx, l.GoalID, l.TeamID, dateText(l.Day), l.Amount); err != nil {
		return goals.Log{}, false, err
	}
	return l, true, nil
}

// isForeignKeyError reports a violated foreign key constraint.
func isForeignKeyError(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// UndoLastLog deletes and returns the user's newest log in the team (the
// last one written, by ID), or goals.ErrLogNotFound.
func (db *DB) UndoLastLog(ctx context.Context, teamID, userID string) (goals.Log, error) {
	var out goals.Log
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		l, err := scanLog(db.ws.in(ctx, tx, qUndoLog).QueryRowContext(ctx, teamID, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return goals.ErrLogNotFound
		}
		if err != nil {
			return err
		}
		out = l
		day := sql.Named("day", dateText(l.Day))
		if _, err := tx.ExecContext(ctx, qRollupRecompute, sql.Named("goal", l.GoalID), day); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, qRollupDropEmpty, sql.Named("goal", l.GoalID), day)
		return err
	})
	if err != nil {
		return goals.Log{}, wrap("undo log", err)
	}
	return out, nil
}

// Logs lists logs matching f, oldest first by (Day, At, ID), or newest first
// when f.Limit is set. An empty f.TeamID means every team: only the trusted
// command-line export may pass it.
func (db *DB) Logs(ctx context.Context, f goals.LogFilter) ([]goals.Log, error) {
	var conds []string
	var args []any
	if f.TeamID != "" {
		conds = append(conds, `team_id = ?`)
		args = append(args, f.TeamID)
	}
	if f.GoalID != 0 {
		conds = append(conds, `goal_id = ?`)
		args = append(args, f.GoalID)
	}
	if f.User != "" {
		conds = append(conds, `user_id = ?`)
		args = append(args, f.User)
	}
	if !f.From.IsZero() {
		conds = append(conds, `day >= ?`)
		args = append(args, dateText(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, `day <= ?`)
		args = append(args, dateText(f.To))
	}
	q := `SELECT ` + logColumns + ` FROM logs`
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	if f.Limit > 0 {
		q += ` ORDER BY day DESC, at DESC, id DESC LIMIT ?`
		args = append(args, f.Limit)
	} else {
		q += ` ORDER BY day, at, id`
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap("logs", err)
	}
	return collect(rows, "logs", scanLog)
}

// Stats aggregates the goal's logs with Day in [from, to] (zero: unbounded)
// in one query. Latest is the amount of the newest log by (Day, At, ID): a
// reading entered today for yesterday does not replace today's.
// goals.ErrGoalNotFound when the goal is not the team's.
func (db *DB) Stats(ctx context.Context, teamID string, goalID int64, from, to goals.Date) (goals.Stats, error) {
	s, err := stats(ctx, db.rs.get(qStats), teamID, goalID, from, to)
	return s, wrap("stats", err)
}

// stats runs qStats through stmt: the reader's, or the writer's inside a
// write transaction.
func stats(ctx context.Context, stmt *sql.Stmt, teamID string, goalID int64, from, to goals.Date) (goals.Stats, error) {
	lo, hi := dayBounds(from, to)
	var (
		s        goals.Stats
		firstDay sql.NullString
		latest   sql.NullFloat64
		latestAt sql.NullInt64
		first    sql.NullFloat64
	)
	err := stmt.QueryRowContext(ctx,
		sql.Named("team", teamID), sql.Named("goal", goalID), sql.Named("lo", lo), sql.Named("hi", hi),
	).Scan(&s.Count, &s.Sum, &firstDay, &latest, &latestAt, &first)
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Stats{}, goals.ErrGoalNotFound.With("id", goalID)
	}
	if err != nil {
		return goals.Stats{}, err
	}
	if latest.Valid {
		s.Latest, s.LatestAt = latest.Float64, fromNanos(latestAt.Int64)
	}
	if first.Valid {
		s.First = first.Float64
	}
	if firstDay.Valid {
		if s.FirstDay, err = parseDate(firstDay.String); err != nil {
			return goals.Stats{}, err
		}
	}
	return s, nil
}

// DailyTotals is one row per day with logs in [from, to], ascending; Last is
// the day's newest amount by (At, ID). goals.ErrGoalNotFound when the goal is
// not the team's.
func (db *DB) DailyTotals(ctx context.Context, teamID string, goalID int64, from, to goals.Date) ([]goals.DayTotal, error) {
	lo, hi := dayBounds(from, to)
	out := []goals.DayTotal{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := goalExists(ctx, tx, teamID, goalID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, qDailyTotals,
			sql.Named("team", teamID), sql.Named("goal", goalID), sql.Named("lo", lo), sql.Named("hi", hi))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d goals.DayTotal
			var day string
			if err := rows.Scan(&day, &d.Sum, &d.Count, &d.Last); err != nil {
				return err
			}
			if d.Day, err = parseDate(day); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap("daily totals", err)
	}
	return out, nil
}

// Contributions sums the goal's logs in [from, to] per user, largest first
// (ties by user ID, so the order is stable). goals.ErrGoalNotFound when the
// goal is not the team's.
func (db *DB) Contributions(ctx context.Context, teamID string, goalID int64, from, to goals.Date) ([]goals.Contribution, error) {
	lo, hi := dayBounds(from, to)
	out := []goals.Contribution{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := goalExists(ctx, tx, teamID, goalID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, qContributions, teamID, goalID, lo, hi)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c goals.Contribution
			if err := rows.Scan(&c.User, &c.Amount); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap("contributions", err)
	}
	return out, nil
}

func goalExists(ctx context.Context, q queryer, teamID string, id int64) error {
	var ok bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM goals WHERE id = ? AND team_id = ?)`, id, teamID).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return goals.ErrGoalNotFound.With("id", id)
	}
	return nil
}

// nanosOrNull stores a zero instant as NULL ("never").
func nanosOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return toNanos(t)
}
