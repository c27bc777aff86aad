package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Export is a team's goals and logs (or every team's, for the trusted
// command line): the JSON of `goalbot export --format json` (SPEC §6) and
// the rows of the CSV that `/goal export` attaches. Both are built here by
// BuildExport, so chat and command line cannot drift apart.
type Export struct {
	Teams   []ExportTeam   `json:"teams"`
	Members []ExportMember `json:"members"`
	Goals   []ExportGoal   `json:"goals"`
	Logs    []ExportLog    `json:"logs"`
}

// ExportTeam is a team and its settings.
type ExportTeam struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	TZ       string `json:"tz"`
	Lang     string `json:"lang"`
	DailyAt  string `json:"daily_at"`
	WeeklyAt string `json:"weekly_at"`
	Workdays string `json:"workdays"`
}

// ExportMember is a person in a team.
type ExportMember struct {
	Team string `json:"team"`
	User string `json:"user"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// ExportGoal is a goal object exactly as `goalbot send --json` shows it
// (the same figures code), plus the team it belongs to.
type ExportGoal struct {
	Team string `json:"team"`
	GoalView
}

// ExportLog is one log. At is the instant in the team's time zone.
type ExportLog struct {
	ID     int64   `json:"id"`
	GoalID int64   `json:"goal_id"`
	User   string  `json:"user"`
	Amount float64 `json:"amount"`
	Note   string  `json:"note"`
	At     string  `json:"at"`

	team string
	day  goals.Date
}

// BuildExport gathers the teams named (all teams when none are) with their
// members, goals in every state (with figures as of the service clock) and
// logs, oldest first. Callers decide who may see what: the chat command
// passes the caller's own team only, and only for managers.
func BuildExport(ctx context.Context, svc *goals.Service, teamIDs ...string) (*Export, error) {
	var teams []goals.Team
	if len(teamIDs) == 0 {
		all, err := svc.Store.Teams(ctx)
		if err != nil {
			return nil, fmt.Errorf("export: teams: %w", err)
		}
		teams = all
	}
	for _, id := range teamIDs {
		t, err := svc.Store.Team(ctx, id)
		if err != nil {
			return nil, err
		}
		teams = append(teams, t)
	}
	x := &Export{Teams: []ExportTeam{}, Members: []ExportMember{}, Goals: []ExportGoal{}, Logs: []ExportLog{}}
	for _, t := range teams {
		if err := x.addTeam(ctx, svc, t); err != nil {
			return nil, fmt.Errorf("export team %s: %w", t.ID, err)
		}
	}
	return x, nil
}

func (x *Export) addTeam(ctx context.Context, svc *goals.Service, t goals.Team) error {
	x.Teams = append(x.Teams, ExportTeam{ID: t.ID, Name: t.Name, TZ: t.TZ, Lang: t.Lang,
		DailyAt: t.DailyAt, WeeklyAt: t.WeeklyAt, Workdays: FormatWorkdays(t.Workdays)})
	ms, err := svc.Store.Members(ctx, t.ID)
	if err != nil {
		return err
	}
	workdays := map[string]goals.Weekdays{}
	for _, m := range ms {
		x.Members = append(x.Members, ExportMember{Team: t.ID, User: m.UserID, Name: m.Name, Role: string(m.Role)})
		workdays[m.UserID] = m.Workdays
	}
	gs, err := svc.Store.Goals(ctx, goals.GoalFilter{TeamID: t.ID, States: []goals.State{goals.StateActive, goals.StateDone, goals.StateArchived}})
	if err != nil {
		return err
	}
	for _, g := range gs {
		wd := t.Workdays
		if w := workdays[g.Owner]; g.Scope == goals.ScopeIndividual && w != 0 {
			wd = w
		}
		f, err := svc.Figures(ctx, t, g, wd)
		if err != nil {
			return err
		}
		x.Goals = append(x.Goals, ExportGoal{Team: t.ID, GoalView: ViewOf(f)})
	}
	ls, err := svc.Store.Logs(ctx, goals.LogFilter{TeamID: t.ID})
	if err != nil {
		return err
	}
	loc := t.Location()
	for _, l := range ls {
		x.Logs = append(x.Logs, ExportLog{ID: l.ID, GoalID: l.GoalID, User: l.User, Amount: l.Amount, Note: l.Note,
			At: l.At.In(loc).Format(time.RFC3339), team: t.ID, day: l.Day})
	}
	return nil
}

// csvHeader is the first row of the CSV export.
var csvHeader = []string{"team", "log_id", "goal_id", "goal_title", "metric", "unit", "user", "amount", "note", "at", "day"}

// WriteCSV writes one row per log with its goal's title, metric and unit
// (SPEC §6). Text that a spreadsheet would run as a formula (a note
// starting with =, +, - or @) is prefixed with an apostrophe.
func (x *Export) WriteCSV(w io.Writer) error {
	byID := make(map[int64]ExportGoal, len(x.Goals))
	for _, g := range x.Goals {
		byID[g.ID] = g
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, l := range x.Logs {
		g := byID[l.GoalID]
		if err := cw.Write([]string{
			cell(l.team), strconv.FormatInt(l.ID, 10), strconv.FormatInt(l.GoalID, 10), cell(g.Title),
			cell(g.Metric), cell(g.Unit), cell(l.User), strconv.FormatFloat(l.Amount, 'f', -1, 64),
			cell(l.Note), l.At, l.day.String(),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSV is WriteCSV into a byte slice.
func (x *Export) CSV() ([]byte, error) {
	var b bytes.Buffer
	if err := x.WriteCSV(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cell defuses spreadsheet formulas in user-written text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// cmdExport sends the caller's team's goals and logs as CSV; managers only
// (SPEC §8: only managers see the team export).
func (e *Engine) cmdExport(ctx context.Context, c *Call) (Reply, error) {
	if !c.Actor.Member.IsManager() {
		return e.fail(c.Lang, &goals.Error{Code: goals.EForbidden, Reason: "managers_only"}), nil
	}
	x, err := BuildExport(ctx, e.svc, c.Actor.Team.ID)
	if err != nil {
		return Reply{}, err
	}
	b, err := x.CSV()
	if err != nil {
		return Reply{}, fmt.Errorf("export csv: %w", err)
	}
	name := c.Actor.Team.Name
	if name == "" {
		name = c.Actor.Team.ID
	}
	return Reply{
		Text: i18n.T(c.Lang, "export_done", "team", name, "goals", len(x.Goals), "logs", len(x.Logs)),
		CSV:  b,
	}, nil
}
