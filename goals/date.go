package goals

import (
	"fmt"
	"time"
)

// Date is a local calendar date with no time zone: goal starts, deadlines
// and the day a log counts for. The zero Date is "no date".
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate normalises like time.Date (Feb 30 becomes Mar 2).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// DateIn is the calendar date of the instant t as seen in loc.
func DateIn(t time.Time, loc *time.Location) Date { return DateOf(t.In(loc)) }

// ParseISODate parses YYYY-MM-DD.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

func (d Date) IsZero() bool          { return d.y == 0 }
func (d Date) Year() int             { return d.y }
func (d Date) Month() time.Month     { return d.m }
func (d Date) Day() int              { return d.d }
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// String is YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// noon avoids DST edges when doing calendar arithmetic.
func (d Date) noon() time.Time { return time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC) }

// AddDays moves n calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.noon().AddDate(0, 0, n)) }

// AddMonths moves n months, clamping to the month's last day (Jan 31 + 1 month = Feb 28).
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.y, d.m+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	last := DaysInMonth(first.Year(), first.Month())
	day := d.d
	if day > last {
		day = last
	}
	return Date{first.Year(), first.Month(), day}
}

// DaysInMonth is the number of days of month m in year y.
func DaysInMonth(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }
func (d Date) Equal(o Date) bool  { return d == o }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.y != o.y:
		return sign(d.y - o.y)
	case d.m != o.m:
		return sign(int(d.m) - int(o.m))
	default:
		return sign(d.d - o.d)
	}
}

// DaysUntil is the number of calendar days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.noon().Sub(d.noon()).Hours() / 24)
}

// StartIn is midnight at the start of d in loc (DST-safe: the first instant of the day).
func (d Date) StartIn(loc *time.Location) time.Time {
	return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, loc)
}

// EndIn is the first instant of the next day in loc: the exclusive end of d.
func (d Date) EndIn(loc *time.Location) time.Time { return d.AddDays(1).StartIn(loc) }

// Quarter is 1..4.
func (d Date) Quarter() int { return (int(d.m)-1)/3 + 1 }

// ISOWeek returns the ISO year and week number.
func (d Date) ISOWeek() (year, week int) { return d.noon().ISOWeek() }

// MarshalText makes Date a JSON string "2026-11-22" (or "" for none).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalJSON writes the zero date as null: a recurring goal without an
// end has "deadline": null, not a date nobody gave.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalText parses "2026-11-22"; an empty string is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
