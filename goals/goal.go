// Package goals is goalbot's domain: goals, logs, teams, the progress
// figures every reply shows, and the parsing of amounts, dates and goal
// statements. It knows nothing of chat platforms or SQL; the interfaces it
// needs (Store, Clock) are declared here and implemented elsewhere.
package goals

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// Scope says whom a goal belongs to.
type Scope string

const (
	ScopeIndividual Scope = "individual" // one owner logs into it
	ScopeTeam       Scope = "team"       // every member logs into it
)

// Kind says how logs combine.
type Kind string

const (
	KindTotal Kind = "total" // logs add up toward the target (demos, revenue)
	KindLevel Kind = "level" // each log is a new reading; the latest counts (conversion rate)
)

// Direction says which way is better.
type Direction string

const (
	Increase Direction = "increase"
	Decrease Direction = "decrease"
)

// Cadence makes a goal recurring: the target applies to each period
// ("5 demos a day") instead of to the whole span from start to deadline.
type Cadence string

const (
	CadenceNone      Cadence = ""
	CadenceDaily     Cadence = "daily"
	CadenceWeekly    Cadence = "weekly"
	CadenceMonthly   Cadence = "monthly"
	CadenceQuarterly Cadence = "quarterly"
)

// Valid reports whether c is one of the known cadences (empty included).
func (c Cadence) Valid() bool {
	switch c {
	case CadenceNone, CadenceDaily, CadenceWeekly, CadenceMonthly, CadenceQuarterly:
		return true
	}
	return false
}

// State is a goal's life cycle.
type State string

const (
	StateActive   State = "active"
	StateDone     State = "done"
	StateArchived State = "archived"
)

// Status is the verdict every reply and digest shows.
type Status string

const (
	StatusOnTrack  Status = "on_track"
	StatusAtRisk   Status = "at_risk"
	StatusBehind   Status = "behind"
	StatusAchieved Status = "achieved"
	StatusMissed   Status = "missed"
	// StatusUpcoming: the goal's start lies ahead (a goal for next
	// quarter); nothing is expected of it yet.
	StatusUpcoming Status = "upcoming"
)

// Units the bot knows by name. Any other string is a user's own unit.
const (
	UnitCount   = "count"
	UnitPercent = "percent"
	UnitMinutes = "minutes"
	UnitCNY     = "CNY"
	UnitUSD     = "USD"
	UnitTWD     = "TWD"
	UnitEUR     = "EUR"
)

// Limits that keep hostile or mistyped input out of the database.
const (
	MaxAmount    = 1e12 // larger amounts are typos or attacks, not sales
	MaxTitleLen  = 200  // runes
	MaxNoteLen   = 500  // runes
	MaxInputLen  = 4000 // bytes of one chat command
	MaxTagLen    = 64
	MaxGoalSpanY = 10 // a deadline further than this is refused
)

// Goal is one SMART goal. Dates are local dates in the team's time zone.
type Goal struct {
	ID        int64
	TeamID    string
	Owner     string // user id of the owner (individual) or creator (team)
	Scope     Scope
	Title     string // the statement, one sentence
	Metric    string // canonical metric key (demos, revenue ...) or the user's noun
	Unit      string // count, percent, minutes or a currency code
	Kind      Kind
	Direction Direction
	Baseline  float64
	Target    float64
	Stretch   *float64 // a second, higher target
	Start     Date
	Deadline  Date // zero for a recurring goal without an end ("5 calls a day")
	Cadence   Cadence
	Steps     []float64 // waterfall: the per-period target for period 1, 2, 3 ...; last one holds
	Priority  int       // sequence goals: lower comes first; 0 means unordered
	ParentID  *int64
	Tags      map[string]string // dimension tags: region, channel, customer, product, member
	State     State
	CreatedAt time.Time
}

// Validate checks the invariants every stored goal keeps.
func (g *Goal) Validate() error {
	switch {
	case strings.TrimSpace(g.Title) == "":
		return Errorf(EInvalid, "title_required", "goal needs a title")
	case len([]rune(g.Title)) > MaxTitleLen:
		return Errorf(EInvalid, "title_too_long", "title longer than %d characters", MaxTitleLen)
	case g.TeamID == "" || g.Owner == "":
		return Errorf(EInvalid, "owner_required", "goal needs a team and an owner")
	case g.Scope != ScopeIndividual && g.Scope != ScopeTeam:
		return Errorf(EInvalid, "bad_scope", "scope %q", g.Scope)
	case g.Kind != KindTotal && g.Kind != KindLevel:
		return Errorf(EInvalid, "bad_kind", "kind %q", g.Kind)
	case g.Direction != Increase && g.Direction != Decrease:
		return Errorf(EInvalid, "bad_direction", "direction %q", g.Direction)
	case !g.Cadence.Valid():
		return Errorf(EInvalid, "bad_cadence", "cadence %q", g.Cadence)
	case !finite(g.Target) || !finite(g.Baseline) || math.Abs(g.Target) > MaxAmount || math.Abs(g.Baseline) > MaxAmount:
		return Errorf(EInvalid, "bad_amount", "target or baseline out of range")
	case g.Target < 0 || g.Baseline < 0:
		return Errorf(EInvalid, "negative_target", "target and baseline must not be negative")
	case g.Kind == KindTotal && g.Target <= 0:
		return Errorf(EInvalid, "target_required", "a total goal needs a positive target")
	case g.Kind == KindLevel && g.Direction == Increase && g.Target <= g.Baseline:
		return Errorf(EInvalid, "target_not_above_baseline", "target %v is not above the baseline %v", g.Target, g.Baseline)
	case g.Kind == KindLevel && g.Direction == Decrease && g.Target >= g.Baseline:
		return Errorf(EInvalid, "target_not_below_baseline", "target %v is not below the baseline %v", g.Target, g.Baseline)
	case g.Start.IsZero() || g.Deadline.IsZero() && !g.Recurring():
		// A recurring target is time-bound per period: it needs no deadline.
		return Errorf(EInvalid, "deadline_required", "goal needs a start and a deadline")
	case !g.Deadline.IsZero() && g.Deadline.Before(g.Start):
		return Errorf(EInvalid, "deadline_before_start", "deadline %s is before the start %s", g.Deadline, g.Start)
	case g.Deadline.Year() > g.Start.Year()+MaxGoalSpanY:
		return Errorf(EInvalid, "deadline_too_far", "deadline %s is too far away", g.Deadline)
	}
	if g.Stretch != nil && !amountInRange(*g.Stretch) {
		return Errorf(EInvalid, "bad_amount", "stretch out of range")
	}
	for _, s := range g.Steps {
		if !amountInRange(s) {
			return Errorf(EInvalid, "bad_amount", "waterfall step out of range")
		}
	}
	return nil
}

// Active reports whether logs may still be added.
func (g *Goal) Active() bool { return g.State == StateActive || g.State == "" }

// Recurring reports whether the target applies per period.
func (g *Goal) Recurring() bool { return g.Cadence != CadenceNone }

// PeriodTarget is the target for the n-th period (0-based) of a recurring
// goal, following waterfall steps when there are any.
func (g *Goal) PeriodTarget(n int) float64 {
	if len(g.Steps) == 0 {
		return g.Target
	}
	if n < 0 {
		n = 0
	}
	if n >= len(g.Steps) {
		n = len(g.Steps) - 1
	}
	return g.Steps[n]
}

// Log is one progress entry: an amount added (total goals) or a reading
// (level goals).
type Log struct {
	ID     int64
	GoalID int64
	TeamID string
	User   string
	Amount float64
	Note   string
	At     time.Time // instant of the log
	Day    Date      // local date of At in the team's time zone: aggregates group by it
	Key    string    // idempotency key from the platform's message id; empty for none
}

// Role of a member within a team.
type Role string

const (
	RoleMember  Role = "member"
	RoleManager Role = "manager"
)

// Team is a Slack workspace, a Telegram group, or the local console team.
type Team struct {
	ID   string // platform-prefixed: "local", "slack:T123", "tg:-100123"
	Name string
	TZ   string // IANA zone
	Lang string // en, zh-CN, zh-TW
	// LangSet: Lang was set (team_lang=); until then it follows what the
	// team's managers (or most members) read, see Service.AdoptTeamLang.
	LangSet  bool
	DailyAt  string // HH:MM team summary time
	WeeklyAt string // "mon 09:00"
	Workdays Weekdays
	// Holidays are the team's days off: no check-in reminders and no daily
	// summary, not counted as working days in progress figures, and
	// neither breaking nor extending streaks. Sorted by From when set
	// through /goal settings; nil when there are none.
	Holidays []DateRange
	// FiscalStart is the month the team's fiscal year starts (`/goal
	// settings fiscal=4`); 0 is January. "本财年" / "this fiscal year" ends
	// the day before it comes round again.
	FiscalStart time.Month
}

// DateOptions are the team's settings deadline reading depends on.
func (t Team) DateOptions() DateOptions { return DateOptions{FiscalStart: t.FiscalStart} }

// MaxHolidays bounds Team.Holidays; MaxRangeDays bounds the length of one
// range (a holiday range or a member's away range), in days after From.
const (
	MaxHolidays  = 50
	MaxRangeDays = 366
)

// Holiday reports whether d is one of the team's holidays.
func (t Team) Holiday(d Date) bool { return InRanges(d, t.Holidays) }

// Location is the team's time zone, UTC when unset or unknown.
func (t Team) Location() *time.Location { return LoadLocation(t.TZ) }

// Member is a person in a team.
type Member struct {
	TeamID string
	UserID string
	Name   string
	Role   Role
	TZ     string // empty: the team's
	Lang   string // empty: from what they type
	// SeenLang is the language they have been writing in (remembered), for
	// replies to text that carries none ("/goal log #1 1").
	SeenLang string
	RemindAt string // HH:MM check-in reminder; empty: default
	Workdays Weekdays
	Away     *DateRange // vacation: reminders skipped, streaks kept
	// RoleGranted: the role was given with /goal role, so the platform's
	// admin status does not take a manager role away (see Service.Enter).
	RoleGranted bool
}

// IsManager reports whether m may manage the team.
func (m Member) IsManager() bool { return m.Role == RoleManager }

// Weekdays is a set of weekdays, bit i for time.Weekday(i).
type Weekdays uint8

// MonFri is the default working week.
const MonFri Weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday

// Has reports whether d is in the set; an empty set means Monday to Friday.
func (w Weekdays) Has(d time.Weekday) bool {
	if w == 0 {
		w = MonFri
	}
	return w&(1<<d) != 0
}

// DateRange is an inclusive range of local dates.
type DateRange struct{ From, To Date }

// Contains reports whether d lies within r.
func (r DateRange) Contains(d Date) bool { return !d.Before(r.From) && !d.After(r.To) }

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// amountInRange reports whether v is a finite amount in [0, MaxAmount].
func amountInRange(v float64) bool { return finite(v) && v >= 0 && v <= MaxAmount }

// locations caches loaded zones: time.LoadLocation reads and parses the
// zone file on every call, and every request needs its team's zone.
var locations sync.Map // name → *time.Location

// LoadLocation returns the named zone, or UTC when the name is empty or unknown.
func LoadLocation(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	locations.Store(name, loc)
	return loc
}

// String is for logs and tests.
func (g Goal) String() string {
	return fmt.Sprintf("#%d %q %s %v→%v %s..%s", g.ID, g.Title, g.Metric, g.Baseline, g.Target, g.Start, g.Deadline)
}

// Retitle follows an edit of the figures in a title made from them: when
// the target (or the deadline) changed and the title names the old value
// exactly once, in any of the forms the coach writes ("20", "100,000",
// "$100,000", "10万", "10萬元"), that value is replaced by the new one in the
// same form ("Book 20 demos by 2026-11-20" with target=25 becomes "Book 25
// demos by 2026-11-20"). A title that does not name it (the user's own
// words) is left as it is; ok reports whether anything was replaced.
func Retitle(title string, old, edited Goal) (string, bool) {
	out, changed := title, false
	if old.Target != edited.Target {
		for _, lang := range []string{LangEN, LangZhCN, LangZhTW} {
			forms := [][2]string{
				{fmtValue(old.Target, old.Unit, lang), fmtValue(edited.Target, edited.Unit, lang)},
				{fmtNum(old.Target, false), fmtNum(edited.Target, false)},
				{fmtNum(old.Target, true), fmtNum(edited.Target, true)},
				{fmtZhBig(old.Target, lang), fmtZhBig(edited.Target, lang)},
			}
			for _, f := range forms {
				if s, ok := replaceOnce(out, f[0], f[1]); ok {
					out, changed = s, true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	if old.Deadline != edited.Deadline && !old.Deadline.IsZero() && !edited.Deadline.IsZero() {
		if s, ok := replaceOnce(out, old.Deadline.String(), edited.Deadline.String()); ok {
			out, changed = s, true
		}
	}
	return out, changed
}

// replaceOnce replaces from by to when from occurs exactly once in s as a
// whole figure (no digit, '.' or ',' digit run glued to either side).
func replaceOnce(s, from, to string) (string, bool) {
	if from == "" || from == to {
		return s, false
	}
	at, n := -1, 0
	for i := 0; ; {
		j := strings.Index(s[i:], from)
		if j < 0 {
			break
		}
		j += i
		if wholeFigure(s, j, j+len(from)) {
			at, n = j, n+1
		}
		i = j + 1
	}
	if n != 1 {
		return s, false
	}
	return s[:at] + to + s[at+len(from):], true
}

// wholeFigure: a figure is not part of a longer number or of a date
// ("20" in "120", "1.20", "2026-11-20").
func wholeFigure(s string, a, b int) bool {
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	glue := func(c byte) bool { return c == '.' || c == ',' || c == '-' || c == '/' }
	if a > 0 && (digit(s[a-1]) || glue(s[a-1]) && a > 1 && digit(s[a-2])) {
		return false
	}
	if b < len(s) && (digit(s[b]) || glue(s[b]) && b+1 < len(s) && digit(s[b+1])) {
		return false
	}
	return true
}
