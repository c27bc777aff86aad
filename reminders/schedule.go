package reminders

import (
	"strconv"
	"strings"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Defaults of the schedule settings (SPEC §4).
const (
	DefaultRemindAt = "17:30"
	DefaultDailyAt  = "18:00"
	DefaultWeeklyAt = "mon 09:00"
)

// MaxCatchUp bounds how far back a start-up looks: nothing older can still
// be within its period (the longest, a week, plus the Monday of a digest
// that reports on the week before).
const MaxCatchUp = 8 * 24 * time.Hour

// Due is one send that fell due.
type Due struct {
	Kind   string // KindCheckin, KindDaily, KindWeekly
	TeamID string
	UserID string // check-ins: the member
	// Period is the claim's period key: the local date of a check-in or a
	// daily summary, the ISO week a weekly digest reports on.
	Period string
	// Day is the local date the send is scheduled on.
	Day goals.Date
	// At is the scheduled instant.
	At time.Time
	// AsOf is the instant a digest reports at: the send time, except for a
	// weekly digest scheduled on a Monday, which reports on the week just
	// ended, as of its last instant.
	AsOf time.Time
}

// ReportAsOf is the instant a digest of kind asked for at `at` reports at,
// by the rule the schedule uses: on a Monday the weekly digest is about the
// week just ended (as of its last instant), on other days about this week
// so far. Previews (`goalbot digest`, `/goal digest`) show what would be sent.
func ReportAsOf(kind string, at time.Time, loc *time.Location) time.Time {
	day := goals.DateIn(at, loc)
	if kind == KindWeekly && day.Weekday() == time.Monday {
		return day.StartIn(loc).Add(-time.Nanosecond)
	}
	return at
}

// Claim is the exactly-once key of d.
func (d Due) Claim(at time.Time) Claim {
	return Claim{TeamID: d.TeamID, Kind: d.Kind, Period: d.Period, Subject: d.UserID, At: at}
}

// DueIn lists the sends of team t and its members that are scheduled in
// (from, to] and whose period has not ended at to: at to, a catch-up after
// downtime sends what is still current and drops the rest. Times are local
// to the team (summary, digest) and to each member (check-in, in the
// member's zone, else the team's), computed with time.Date per local day,
// so a daylight-saving change moves the instant, not the local minute: a
// time that does not exist that day (spring forward) fires at the same
// wall-clock offset after the gap, one that exists twice (fall back) is one
// instant, and a claim is per local day anyway.
//
// Check-ins are due on the member's workdays (theirs, else the team's;
// none set: Monday to Friday) outside their away range and the team's
// holidays (the member's local date); the caller drops members without an
// active goal and those who logged that day. Daily summaries are due on the
// team's workdays that are not holidays, weekly digests on the weekday of
// WeeklyAt, holiday or not.
func DueIn(t goals.Team, members []goals.Member, from, to time.Time) []Due {
	if !to.After(from) {
		return nil
	}
	var out []Due
	loc := t.Location()

	h, m := parseHHMM(t.DailyAt, DefaultDailyAt)
	forDays(from, to, loc, h, m, func(day goals.Date, at time.Time) {
		if !t.Workdays.Has(day.Weekday()) || t.Holiday(day) || !to.Before(day.EndIn(loc)) {
			return
		}
		out = append(out, Due{Kind: KindDaily, TeamID: t.ID, Period: day.String(), Day: day, At: at, AsOf: to})
	})

	wd, wh, wm := parseWeekly(t.WeeklyAt)
	forDays(from, to, loc, wh, wm, func(day goals.Date, at time.Time) {
		if day.Weekday() != wd {
			return
		}
		_, weekEnd := goals.PeriodOf(goals.CadenceWeekly, day)
		if !to.Before(weekEnd.EndIn(loc)) {
			return
		}
		d := Due{Kind: KindWeekly, TeamID: t.ID, Day: day, At: at, AsOf: to}
		reported := day
		if wd == time.Monday {
			// Monday morning reports on the week just ended.
			reported = day.AddDays(-1)
			d.AsOf = day.StartIn(loc).Add(-time.Nanosecond)
		}
		d.Period = goals.PeriodKey(goals.CadenceWeekly, reported)
		out = append(out, d)
	})

	for _, mem := range members {
		mloc := loc
		if mem.TZ != "" {
			mloc = goals.LoadLocation(mem.TZ)
		}
		work := mem.Workdays
		if work == 0 {
			work = t.Workdays
		}
		rh, rm := parseHHMM(mem.RemindAt, DefaultRemindAt)
		forDays(from, to, mloc, rh, rm, func(day goals.Date, at time.Time) {
			if !work.Has(day.Weekday()) || (mem.Away != nil && mem.Away.Contains(day)) || t.Holiday(day) || !to.Before(day.EndIn(mloc)) {
				return
			}
			out = append(out, Due{Kind: KindCheckin, TeamID: t.ID, UserID: mem.UserID, Period: day.String(), Day: day, At: at, AsOf: to})
		})
	}
	return out
}

// forDays calls fn for each local day in loc whose h:m instant lies in
// (from, to].
func forDays(from, to time.Time, loc *time.Location, h, m int, fn func(goals.Date, time.Time)) {
	last := goals.DateIn(to, loc)
	for day := goals.DateIn(from, loc); !day.After(last); day = day.AddDays(1) {
		at := LocalInstant(day, h, m, loc)
		if at.After(from) && !at.After(to) {
			fn(day, at)
		}
	}
}

// LocalInstant is the instant of h:m on day in loc. A wall-clock time that
// exists twice (the hour repeated when clocks fall back) is its first
// occurrence; one that does not exist (skipped when clocks spring forward)
// is moved forward by the gap, as cron does: 02:30 on a day that jumps from
// 02:00 to 03:00 is 03:30.
func LocalInstant(day goals.Date, h, m int, loc *time.Location) time.Time {
	at := time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	if at.Hour() == h && at.Minute() == m {
		return at
	}
	_, before := at.Zone()
	_, after := at.Add(6 * time.Hour).Zone()
	if after > before {
		at = at.Add(time.Duration(after-before) * time.Second)
	}
	return at
}

// parseHHMM reads "17:30" (or "9:05"), falling back to def.
func parseHHMM(s, def string) (h, m int) {
	if h, m, ok := hhmm(s); ok {
		return h, m
	}
	h, m, _ = hhmm(def)
	return h, m
}

func hhmm(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(ms) != 2 {
		return 0, 0, false
	}
	return h, m, true
}

// parseWeekly reads "mon 09:00" (any weekday goals.ParseWeekday knows,
// 周一 included), falling back to Monday 09:00.
func parseWeekly(s string) (time.Weekday, int, int) {
	day, at, _ := strings.Cut(strings.TrimSpace(s), " ")
	wd, ok := goals.ParseWeekday(day)
	h, m, ok2 := hhmm(at)
	if !ok || !ok2 {
		return time.Monday, 9, 0
	}
	return wd, h, m
}
