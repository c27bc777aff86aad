package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/goalbot/goalbot/goals"
)

// The two store operations a split needs beyond goals.Store: last year's
// logs of a metric across the team's goals (goals.HistoryReader), and
// storing all children of a split at once (goals.ChildrenWriter).

var (
	_ goals.HistoryReader       = (*DB)(nil)
	_ goals.ChildrenWriter      = (*DB)(nil)
	_ goals.MetricHistoryReader = (*DB)(nil)
)

// qMetricDaily sums the daily roll-up of every goal of the team with the
// metric and unit, whatever its state: an archived goal of last year is
// exactly the history a seasonal split wants. Each log belongs to one goal,
// so nothing is counted twice.
const qMetricDaily = `
	SELECT d.day, TOTAL(d.total), SUM(d.n)
	FROM goals g JOIN log_days d ON d.goal_id = g.id AND d.team_id = g.team_id
	WHERE g.team_id = :team AND g.metric = :metric AND g.unit = :unit AND g.kind = 'total'
	  AND d.day >= :lo AND d.day <= :hi
	GROUP BY d.day ORDER BY d.day`

// MetricDailyTotals is one row per day in [from, to] (zero: unbounded) with
// logs on the team's total goals of metric in unit, ascending. Last is not
// set: a sum over goals has no single newest reading.
func (db *DB) MetricDailyTotals(ctx context.Context, teamID, metric, unit string, from, to goals.Date) ([]goals.DayTotal, error) {
	lo, hi := dayBounds(from, to)
	rows, err := db.r.QueryContext(ctx, qMetricDaily,
		sql.Named("team", teamID), sql.Named("metric", metric), sql.Named("unit", unit),
		sql.Named("lo", lo), sql.Named("hi", hi))
	if err != nil {
		return nil, wrap("metric history", err)
	}
	defer rows.Close()
	out := []goals.DayTotal{}
	for rows.Next() {
		var d goals.DayTotal
		var day string
		if err := rows.Scan(&day, &d.Sum, &d.Count); err != nil {
			return nil, wrap("metric history", err)
		}
		if d.Day, err = parseDate(day); err != nil {
			return nil, wrap("metric history", err)
		}
		out = append(out, d)
	}
	return out, wrap("metric history", rows.Err())
}

// CreateChildren stores the children of parentID in one transaction: every
// one is validated and inserted, or none is. The parent must be a goal of
// teamID; when it already has active or done children the split is refused
// with EConflict "already_split", so two managers splitting at once make
// one split. Each child's TeamID and ParentID are set here; ID and
// CreatedAt are filled in.
func (db *DB) CreateChildren(ctx context.Context, teamID string, parentID int64, children []*goals.Goal) error {
	for _, k := range children {
		pid := parentID
		k.TeamID, k.ParentID = teamID, &pid
		if k.State == "" {
			k.State = goals.StateActive
		}
		if err := k.Validate(); err != nil {
			return err
		}
	}
	now := fromNanos(toNanos(db.clock.Now()))
	ids := make([]int64, len(children))
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		parent, err := findGoal(ctx, tx, teamID, parentID)
		if err != nil {
			return err
		}
		var split bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM goals
			WHERE team_id = ? AND parent_id = ? AND state IN ('active', 'done'))`, teamID, parentID).Scan(&split); err != nil {
			return err
		}
		if split {
			return (&goals.Error{Code: goals.EConflict, Reason: "already_split"}).With("id", parentID)
		}
		for i, k := range children {
			vals, err := goalValues(k)
			if err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO goals (team_id, owner, scope, title, metric, unit, kind, direction,
				baseline, target, stretch, start, deadline, cadence, steps, priority, parent_id, tags, state, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				append(append([]any{teamID}, vals...), toNanos(now))...).Scan(&ids[i]); err != nil {
				return err
			}
		}
		return creditChildren(ctx, tx, parent, children, ids)
	})
	if err != nil {
		return wrap("create children", err)
	}
	for i, k := range children {
		k.ID, k.CreatedAt = ids[i], now
	}
	return nil
}

// creditChildren moves to each new child the parent's logs goals.CreditOf
// names (a week's logs to that week, lili's to lili's part), then rebuilds
// the daily roll-up of the parent and the children from their logs.
func creditChildren(ctx context.Context, tx *sql.Tx, parent goals.Goal, children []*goals.Goal, ids []int64) error {
	moved := false
	for i, k := range children {
		c, ok := goals.CreditOf(parent, *k)
		if !ok {
			continue
		}
		q := `UPDATE logs SET goal_id = ? WHERE team_id = ? AND goal_id = ? AND day >= ? AND day <= ?`
		lo, hi := dayBounds(c.From, c.To)
		args := []any{ids[i], parent.TeamID, parent.ID, lo, hi}
		if c.User != "" {
			q += ` AND user_id = ?`
			args = append(args, c.User)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("credit child %d: %w", ids[i], err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			moved = true
		}
	}
	if !moved {
		return nil
	}
	all := append([]int64{parent.ID}, ids...)
	list, err := json.Marshal(all)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM log_days WHERE goal_id IN (SELECT value FROM json_each(?))`, string(list)); err != nil {
		return fmt.Errorf("credit: clear roll-up: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO log_days (goal_id, team_id, day, total, n)
		SELECT goal_id, team_id, day, TOTAL(amount), COUNT(*) FROM logs
		WHERE goal_id IN (SELECT value FROM json_each(?)) GROUP BY goal_id, team_id, day`, string(list))
	if err != nil {
		return fmt.Errorf("credit: rebuild roll-up: %w", err)
	}
	return nil
}

// qMetricDays is the coach's history: per day, the sum, the count and the
// newest amount (SQLite takes the bare l.amount from the row of MAX(l.at))
// of the logs on the team's goals of a metric and unit, any state, any
// kind; :user narrows it to one member's logs.
const qMetricDays = `
	SELECT l.day, TOTAL(l.amount), COUNT(*), l.amount, MAX(l.at)
	FROM goals g JOIN logs l ON l.goal_id = g.id AND l.team_id = g.team_id
	WHERE g.team_id = :team AND g.metric = :metric AND g.unit = :unit
	  AND (:user = '' OR l.user_id = :user)
	  AND l.day >= :lo AND l.day <= :hi
	GROUP BY l.day ORDER BY l.day`

// MetricDays implements goals.MetricHistoryReader.
func (db *DB) MetricDays(ctx context.Context, q goals.HistoryQuery) ([]goals.DayTotal, error) {
	lo, hi := dayBounds(q.From, q.To)
	rows, err := db.r.QueryContext(ctx, qMetricDays,
		sql.Named("team", q.TeamID), sql.Named("metric", q.Metric), sql.Named("unit", q.Unit),
		sql.Named("user", q.UserID), sql.Named("lo", lo), sql.Named("hi", hi))
	if err != nil {
		return nil, wrap("metric days", err)
	}
	defer rows.Close()
	out := []goals.DayTotal{}
	for rows.Next() {
		var d goals.DayTotal
		var day string
		var at int64
		if err := rows.Scan(&day, &d.Sum, &d.Count, &d.Last, &at); err != nil {
			return nil, wrap("metric days", err)
		}
		if d.Day, err = parseDate(day); err != nil {
			return nil, wrap("metric days", err)
		}
		out = append(out, d)
	}
	return out, wrap("metric days", rows.Err())
}
