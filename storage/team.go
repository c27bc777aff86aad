package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// queryer is what read helpers need: a pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const teamColumns = `id, name, tz, lang, daily_at, weekly_at, workdays, holidays, fiscal_start, lang_set`

func scanTeam(sc interface{ Scan(...any) error }) (goals.Team, error) {
	var r teamRow
	if err := sc.Scan(r.dest()...); err != nil {
		return goals.Team{}, err
	}
	return r.team()
}

// teamRow holds the raw teamColumns of a row; rows that join the team with
// other tables scan into dest() beside the other tables' fields.
type teamRow struct {
	t      goals.Team
	wd     int64
	hol    sql.NullString
	fiscal int64
}

func (r *teamRow) dest() []any {
	return []any{&r.t.ID, &r.t.Name, &r.t.TZ, &r.t.Lang, &r.t.DailyAt, &r.t.WeeklyAt, &r.wd, &r.hol, &r.fiscal, &r.t.LangSet}
}

func (r *teamRow) team() (goals.Team, error) {
	t := r.t
	t.Workdays = goals.Weekdays(r.wd)
	if r.fiscal > 1 && r.fiscal <= 12 {
		t.FiscalStart = time.Month(r.fiscal) // 1 (January) stays 0, the default
	}
	if r.hol.Valid {
		var rs []holidayJSON
		if err := json.Unmarshal([]byte(r.hol.String), &rs); err != nil {
			return goals.Team{}, fmt.Errorf("team %s holidays: %w", t.ID, err)
		}
		for _, h := range rs {
			t.Holidays = append(t.Holidays, goals.DateRange{From: h.From, To: h.To})
		}
	}
	return t, nil
}

// fiscalArg is the teams.fiscal_start value: 1..12, January when unset.
func fiscalArg(m time.Month) int64 {
	if m < time.January || m > time.December {
		return 1
	}
	return int64(m)
}

// holidayJSON is one range of the teams.holidays column.
type holidayJSON struct {
	From goals.Date `json:"from"`
	To   goals.Date `json:"to"`
}

// holidaysArg is the teams.holidays value of hs: JSON text, or NULL when
// there are none so that nil round-trips as nil.
func holidaysArg(hs []goals.DateRange) (any, error) {
	if len(hs) == 0 {
		return nil, nil
	}
	rs := make([]holidayJSON, len(hs))
	for i, h := range hs {
		rs[i] = holidayJSON{From: h.From, To: h.To}
	}
	b, err := json.Marshal(rs)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// EnsureTeam inserts t unless a team with its ID exists, and returns the
// stored team (the existing one is not modified).
func (db *DB) EnsureTeam(ctx context.Context, t goals.Team) (goals.Team, error) {
	if t.ID == "" {
		return goals.Team{}, goals.Errorf(goals.EInvalid, "team_required", "team id is empty")
	}
	// Nearly every request comes from a known team: a read on the reader
	// pool spares the single writer a transaction.
	if out, err := db.Team(ctx, t.ID); err == nil {
		return out, nil
	}
	hol, err := holidaysArg(t.Holidays)
	if err != nil {
		return goals.Team{}, wrap("ensure team", err)
	}
	var out goals.Team
	err = db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if moved, err := movedTeam(ctx, tx, t.ID); err != nil || moved.ID != "" {
			out = moved
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO teams (`+teamColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`,
			t.ID, t.Name, t.TZ, t.Lang, t.DailyAt, t.WeeklyAt, int64(t.Workdays), hol, fiscalArg(t.FiscalStart), t.LangSet); err != nil {
			return err
		}
		var err error
		out, err = findTeam(ctx, tx, t.ID)
		return err
	})
	return out, wrap("ensure team", err)
}

// movedTeam is the team that id moved to (following later moves too), or
// the zero Team when id never moved or its destination is gone.
func movedTeam(ctx context.Context, q queryer, id string) (goals.Team, error) {
	for hops := 0; hops < 8; hops++ { // a cycle would be a bug; do not loop on it
		var to string
		err := q.QueryRowContext(ctx, `SELECT to_id FROM team_moves WHERE from_id = ?`, id).Scan(&to)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return goals.Team{}, err
		}
		id = to
		if t, err := findTeam(ctx, q, id); err == nil {
			return t, nil
		} else if !errors.Is(err, goals.ErrTeamNotFound) {
			return goals.Team{}, err
		}
	}
	return goals.Team{}, nil
}

// Team returns goals.ErrTeamNotFound when there is none.
func (db *DB) Team(ctx context.Context, id string) (goals.Team, error) {
	stmt, err := db.readStmt(ctx, qFindTeam)
	if err != nil {
		return goals.Team{}, wrap("team", err)
	}
	t, err := scanTeam(stmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = goals.ErrTeamNotFound
	}
	return t, wrap("team", err)
}

const (
	qFindTeam   = `SELECT ` + teamColumns + ` FROM teams WHERE id = ?`
	qFindMember = `SELECT ` + memberColumns + ` FROM members WHERE team_id = ? AND user_id = ?`
)

var qTeamMember = `SELECT ` + qualified("t", teamColumns) + `, ` + qualified("m", memberColumns) + `
	FROM teams t JOIN members m ON m.team_id = t.id WHERE t.id = ? AND m.user_id = ?`

// qualified prefixes each column of a comma-separated list with alias.
func qualified(alias, columns string) string {
	cols := strings.Split(columns, ", ")
	for i, c := range cols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}

func findTeam(ctx context.Context, q queryer, id string) (goals.Team, error) {
	t, err := scanTeam(q.QueryRowContext(ctx, qFindTeam, id))
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Team{}, goals.ErrTeamNotFound
	}
	return t, err
}

// Teams lists every team by ID (the scheduler walks them).
func (db *DB) Teams(ctx context.Context) ([]goals.Team, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+teamColumns+` FROM teams ORDER BY id`)
	if err != nil {
		return nil, wrap("teams", err)
	}
	return collect(rows, "teams", scanTeam)
}

// UpdateTeam reads the team, applies fn and writes it back in one
// transaction. fn cannot change the ID; its error is returned as is.
func (db *DB) UpdateTeam(ctx context.Context, id string, fn func(*goals.Team) error) (goals.Team, error) {
	var out goals.Team
	var fnErr error
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		t, err := findTeam(ctx, tx, id)
		if err != nil {
			return err
		}
		if fnErr = fn(&t); fnErr != nil {
			return fnErr
		}
		t.ID = id
		hol, err := holidaysArg(t.Holidays)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE teams SET name = ?, tz = ?, lang = ?, daily_at = ?, weekly_at = ?, workdays = ?,
			holidays = ?, fiscal_start = ?, lang_set = ? WHERE id = ?`, t.Name, t.TZ, t.Lang, t.DailyAt, t.WeeklyAt, int64(t.Workdays), hol,
			fiscalArg(t.FiscalStart), t.LangSet, id); err != nil {
			return err
		}
		out = t
		return nil
	})
	if fnErr != nil {
		return goals.Team{}, fnErr
	}
	if err != nil {
		return goals.Team{}, wrap("update team", err)
	}
	return out, nil
}

const memberColumns = `team_id, user_id, name, role, tz, lang, remind_at, workdays, away_from, away_to, role_granted, seen_lang`

func scanMember(sc interface{ Scan(...any) error }) (goals.Member, error) {
	var r memberRow
	if err := sc.Scan(r.dest()...); err != nil {
		return goals.Member{}, err
	}
	return r.member()
}

// memberRow holds the raw memberColumns of a row (see teamRow).
type memberRow struct {
	m        goals.Member
	role     string
	wd       int64
	from, to sql.NullString
}

func (r *memberRow) dest() []any {
	return []any{&r.m.TeamID, &r.m.UserID, &r.m.Name, &r.role, &r.m.TZ, &r.m.Lang, &r.m.RemindAt, &r.wd, &r.from, &r.to, &r.m.RoleGranted, &r.m.SeenLang}
}

func (r *memberRow) member() (goals.Member, error) {
	m := r.m
	m.Role = goals.Role(r.role)
	m.Workdays = goals.Weekdays(r.wd)
	if r.from.Valid {
		f, err := parseDate(r.from.String)
		if err != nil {
			return goals.Member{}, err
		}
		t, err := parseDate(r.to.String)
		if err != nil {
			return goals.Member{}, err
		}
		m.Away = &goals.DateRange{From: f, To: t}
	}
	return m, nil
}

// TeamMember reads a team and one of its members in one query, the first
// thing every request does; goals.ErrMemberNotFound when either is missing.
func (db *DB) TeamMember(ctx context.Context, teamID, userID string) (goals.Team, goals.Member, error) {
	stmt, err := db.readStmt(ctx, qTeamMember)
	if err != nil {
		return goals.Team{}, goals.Member{}, wrap("team member", err)
	}
	var tr teamRow
	var mr memberRow
	if err := stmt.QueryRowContext(ctx, teamID, userID).Scan(append(tr.dest(), mr.dest()...)...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = goals.ErrMemberNotFound
		}
		return goals.Team{}, goals.Member{}, wrap("team member", err)
	}
	t, err := tr.team()
	if err != nil {
		return goals.Team{}, goals.Member{}, wrap("team member", err)
	}
	m, err := mr.member()
	return t, m, wrap("team member", err)
}

// memberArgs are the values of memberColumns; an empty role is stored as
// member so the CHECK constraint and IsManager agree.
func memberArgs(m goals.Member) []any {
	role := m.Role
	if role == "" {
		role = goals.RoleMember
	}
	var from, to any
	if m.Away != nil {
		from, to = dateText(m.Away.From), dateText(m.Away.To)
	}
	return []any{m.TeamID, m.UserID, m.Name, string(role), m.TZ, m.Lang, m.RemindAt, int64(m.Workdays), from, to, m.RoleGranted, m.SeenLang}
}

// EnsureMember inserts m unless the (team, user) pair exists; created
// reports whether it did. The team must exist (goals.ErrTeamNotFound).
func (db *DB) EnsureMember(ctx context.Context, m goals.Member) (goals.Member, bool, error) {
	if m.TeamID == "" || m.UserID == "" {
		return goals.Member{}, false, goals.Errorf(goals.EInvalid, "member_required", "member needs a team and a user id")
	}
	if out, err := db.Member(ctx, m.TeamID, m.UserID); err == nil {
		return out, false, nil
	}
	var out goals.Member
	var created bool
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := findTeam(ctx, tx, m.TeamID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO members (`+memberColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (team_id, user_id) DO NOTHING`, memberArgs(m)...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		created = n == 1
		out, err = findMember(ctx, tx, m.TeamID, m.UserID)
		return err
	})
	if err != nil {
		return goals.Member{}, false, wrap("ensure member", err)
	}
	return out, created, nil
}

// Member returns goals.ErrMemberNotFound when there is none.
func (db *DB) Member(ctx context.Context, teamID, userID string) (goals.Member, error) {
	stmt, err := db.readStmt(ctx, qFindMember)
	if err != nil {
		return goals.Member{}, wrap("member", err)
	}
	m, err := scanMember(stmt.QueryRowContext(ctx, teamID, userID))
	if errors.Is(err, sql.ErrNoRows) {
		err = goals.ErrMemberNotFound
	}
	return m, wrap("member", err)
}

func findMember(ctx context.Context, q queryer, teamID, userID string) (goals.Member, error) {
	m, err := scanMember(q.QueryRowContext(ctx, qFindMember, teamID, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return goals.Member{}, goals.ErrMemberNotFound
	}
	return m, err
}

// Members lists a team's members by user ID.
func (db *DB) Members(ctx context.Context, teamID string) ([]goals.Member, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+memberColumns+` FROM members WHERE team_id = ? ORDER BY user_id`, teamID)
	if err != nil {
		return nil, wrap("members", err)
	}
	return collect(rows, "members", scanMember)
}

// UpdateMember reads the member, applies fn and writes it back in one
// transaction. fn cannot move the member to another team or user; its error
// is returned as is.
func (db *DB) UpdateMember(ctx context.Context, teamID, userID string, fn func(*goals.Member) error) (goals.Member, error) {
	var out goals.Member
	var fnErr error
	err := db.write(ctx, func(ctx context.Context, tx *sql.Tx) error {
		m, err := findMember(ctx, tx, teamID, userID)
		if err != nil {
			return err
		}
		if fnErr = fn(&m); fnErr != nil {
			return fnErr
		}
		m.TeamID, m.UserID = teamID, userID
		a := memberArgs(m)
		if _, err := tx.ExecContext(ctx, `UPDATE members SET name = ?, role = ?, tz = ?, lang = ?, remind_at = ?, workdays = ?,
			away_from = ?, away_to = ?, role_granted = ?, seen_lang = ? WHERE team_id = ? AND user_id = ?`, append(a[2:], teamID, userID)...); err != nil {
			return err
		}
		out, err = findMember(ctx, tx, teamID, userID)
		return err
	})
	if fnErr != nil {
		return goals.Member{}, fnErr
	}
	if err != nil {
		return goals.Member{}, wrap("update member", err)
	}
	return out, nil
}
