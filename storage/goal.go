package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/goalbot/goalbot/goals"
)

const goalColumns = `id, team_id, owner, scope, title, metric, unit, kind, direction, baseline, target, stretch,
	start, deadline, cadence, steps, priority, parent_id, tags, state, created_at`

const qFindGoal = `SELECT ` + goalColumns + ` FROM goals WHERE id = ? AND team_id = ?`

func scanGoal(sc interface{ Scan(...any) error }) (goals.Goal, error) {
	var (
		g                                goals.Goal
		scope, kind, dir, cadence, state string
		start, deadline                  string
		stretch                          sql.NullFloat64
		parent                           sql.NullInt64
		steps, tags                      sql.NullString
		created                          int64
	)
	if err := sc.Scan(&g.ID, &g.TeamID, &g.Owner, &scope, &g.Title, &g.Metric, &g.Unit, &kind, &dir,
		&g.Baseline, &g.Target, &stretch, &start, &deadline, &cadence, &steps, &g.Priority, &parent,
		&tags, &state, &created); err != nil {
		return goals.Goal{}, err
	}
	g.Scope, g.Kind, g.Direction = goals.Scope(scope), goals.Kind(kind), goals.Direction(dir)
	g.Cadence, g.State = goals.Cadence(cadence), goals.State(state)
	g.CreatedAt = fromNanos(created)
	if stretch.Valid {
		v := stretch.Float64
		g.Stretch = &v
	}
	if parent.Valid {
		v := parent.Int64
		g.ParentID = &v
	}
	var err error
	if g.Start, err = parseDate(start); err != nil {
		return goals.Goal{}, fmt.Errorf("goal %d: %w", g.ID, err)
	}
	if g.Deadline, err = parseDeadline(deadline); err != nil {
		return goals.Goal{}, fmt.Errorf("goal %d: %w", g.ID, err)
	}
	if steps.Valid {
		if err := json.Unmarshal([]byte(steps.String), &g.Steps); err != nil {
			return goals.Goal{}, fmt.Errorf("goal %d steps: %w", g.ID, err)
		}
	}
	if tags.Valid {
		if err := json.Unmarshal([]byte(tags.String), &g.Tags); err != nil {
			return goals.Goal{}, fmt.Errorf("goal %d tags: %w", g.ID, err)
		}
	}
	return g, nil
}

// goalValues are the mutable columns, in goalColumns order from owner to
// state. Empty steps and tags are stored as NULL so nil round-trips as nil.
func goalValues(g *goals.Goal) ([]any, error) {
	var stretch, parent, steps, tags any
	if g.Stretch != nil {
		stretch = *g.Stretch
	}
	if g.ParentID != nil {
		parent = *g.ParentID
	}
	if len(g.Steps) > 0 {
		b, err := json.Marshal(g.Steps)
		if err != nil {
			return nil, err
		}
		steps = string(b)
	}
	if len(g.Tags) > 0 {
		b, err := json.Marshal(g.Tags)
		if err != nil {
			return nil, err
		}
		tags = string(b)
	}
	return []any{g.Owner, string(g.Scope), g.Title, g.Metric, g.Unit, string(g.Kind), string(g.Direction),
		g.Baseline, g.Target, stretch, dateText(g.Start), deadlineText(g.Deadline), string(g.Cadence), steps,
		g.Priority, parent, tags, string(g.State)}, nil
}

// checkParent refuses a parent outside the goal's team (and a goal as its
// own parent): children inherit their parent's visibility.
func checkParent(ctx context.Context, tx *sql.Tx, g *goals.Goal) error {
	if g.ParentID == nil {
		return nil
	}
	if *g.ParentID == g.ID {
		return goals.Errorf(goals.EInvalid, "bad_parent", "goal %d cannot be its own parent", g.ID)
	}
	_, err := findGoal(ctx, tx, g.TeamID, *g.ParentID)
	return err
}

// CreateGoal validates g, stores it, and sets g.ID, g.CreatedAt (the
// store's clock, unless the caller set it: the service's clock dates a
// goal's first day) and (when empty) g.State = active. The team must exist.
func (db *DB) CreateGoal(ctx context.Context, g *goals.Goal) error {
	if g.State == "" {
		g.State = goals.StateActive
	}
	if err := g.Validate(); err != nil {
		return err
	}
	now := g.CreatedAt
	if now.IsZero() {
		now = db.clock.Now()
	}
	now = fromNanos(toNanos(now)) // exactly what a read returns
	vals, err := goalValues(g)
	if err != nil {
		return wrap("create goal", err)
	}
	var id int64
	err = db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := findTeam(ctx, tx, g.TeamID); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, g); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO goals (team_id, owner, scope, title, metric, unit, kind, direction,
			baseline, target, stretch, start, deadline, cadence, steps, priority, parent_id, tags, state, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			append(append([]any{g.TeamID}, vals...), toNanos(now))...).Scan(&id)
	})
	if err != nil {
		return wrap("create goal", err)
	}
	g.ID, g.CreatedAt = id, now
	return nil
}

// Goal returns the goal when it belongs to teamID, else goals.ErrGoalNotFound.
func (db *DB) Goal(ctx context.Context, teamID string, id int64) (goals.Goal, error) {
	g, err := scanGoal(db.rs.get(qFindGoal).QueryRowContext(ctx, id, teamID))
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Goal{}, goals.ErrGoalNotFound.With("id", id)
	}
	if err != nil {
		return goals.Goal{}, wrap("goal", err)
	}
	return g, nil
}

func findGoal(ctx context.Context, q queryer, teamID string, id int64) (goals.Goal, error) {
	g, err := scanGoal(q.QueryRowContext(ctx, qFindGoal, id, teamID))
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Goal{}, goals.ErrGoalNotFound.With("id", id)
	}
	return g, err
}

// Goals lists the team's goals matching f, by ID. f.TeamID is required.
func (db *DB) Goals(ctx context.Context, f goals.GoalFilter) ([]goals.Goal, error) {
	if f.TeamID == "" {
		return nil, goals.Errorf(goals.EInvalid, "team_required", "goal filter without a team")
	}
	var w strings.Builder
	args := []any{f.TeamID}
	w.WriteString(`team_id = ?`)
	in := func(col string, n int) {
		w.WriteString(` AND ` + col + ` IN (?` + strings.Repeat(`, ?`, n-1) + `)`)
	}
	if len(f.IDs) > 0 {
		in("id", len(f.IDs))
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	states := f.States
	if len(states) == 0 {
		states = []goals.State{goals.StateActive}
	}
	in("state", len(states))
	for _, s := range states {
		args = append(args, string(s))
	}
	if f.Owner != nil {
		w.WriteString(` AND owner = ?`)
		args = append(args, *f.Owner)
	}
	if f.Scope != nil {
		w.WriteString(` AND scope = ?`)
		args = append(args, string(*f.Scope))
	}
	if f.ParentID != nil {
		w.WriteString(` AND parent_id = ?`)
		args = append(args, *f.ParentID)
	}
	if f.Metric != nil {
		w.WriteString(` AND metric = ?`)
		args = append(args, *f.Metric)
	}
	q := `SELECT ` + goalColumns + ` FROM goals WHERE ` + w.String()
	if f.LoggableBy != "" {
		// Two index searches, the user's goals and the team's, so the cost
		// follows what the user may log to, not the size of the team. As an
		// OR, a database without ANALYZE statistics reads every goal of
		// the team.
		const notParent = ` AND NOT EXISTS (
			SELECT 1 FROM goals c WHERE c.parent_id = goals.id AND c.state = 'active')`
		q = q + ` AND owner = ? AND scope = 'individual'` + notParent +
			` UNION ALL ` + q + ` AND scope = 'team'` + notParent
		args = append(append(append([]any{}, args...), f.LoggableBy), args...)
	}
	stmt, err := db.readStmt(ctx, q+` ORDER BY id`)
	if err != nil {
		return nil, wrap("goals", err)
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, wrap("goals", err)
	}
	return collect(rows, "goals", scanGoal)
}

// UpdateGoal reads the goal, applies fn, validates and writes it back in one
// transaction. fn cannot change the ID, team or creation time. fn's error and
// the validation error are returned as they are, and leave the row as it was.
func (db *DB) UpdateGoal(ctx context.Context, teamID string, id int64, fn func(*goals.Goal) error) (goals.Goal, error) {
	var out goals.Goal
	var fnErr error
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		g, err := findGoal(ctx, tx, teamID, id)
		if err != nil {
			return err
		}
		created := g.CreatedAt
		if fnErr = fn(&g); fnErr != nil {
			return fnErr
		}
		g.ID, g.TeamID, g.CreatedAt = id, teamID, created
		if g.State == "" {
			g.State = goals.StateActive
		}
		if err := g.Validate(); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, &g); err != nil {
			return err
		}
		vals, err := goalValues(&g)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE goals SET owner = ?, scope = ?, title = ?, metric = ?, unit = ?, kind = ?,
			direction = ?, baseline = ?, target = ?, stretch = ?, start = ?, deadline = ?, cadence = ?, steps = ?,
			priority = ?, parent_id = ?, tags = ?, state = ? WHERE id = ? AND team_id = ?`,
			append(vals, id, teamID)...); err != nil {
			return err
		}
		out, err = findGoal(ctx, tx, teamID, id)
		return err
	})
	if fnErr != nil {
		return goals.Goal{}, fnErr
	}
	if err != nil {
		return goals.Goal{}, wrap("update goal", err)
	}
	return out, nil
}

// noDeadline is how a recurring goal without an end is stored: the schema
// requires a date in the deadline column (CHECK ... deadline >= start), and
// the last representable day keeps both the check and date comparisons
// in SQL ("still running") true. It never leaves this package.
const noDeadline = "9999-12-31"

func deadlineText(d goals.Date) string {
	if d.IsZero() {
		return noDeadline
	}
	return dateText(d)
}

func parseDeadline(s string) (goals.Date, error) {
	if s == noDeadline {
		return goals.Date{}, nil
	}
	return parseDate(s)
}
