package goals_test

import (
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// FuzzScanDeadline checks the deadline scanner with a team's fiscal year
// on any text, instant and zone: it never panics; a deadline it returns is
// a real day from today on, at most a century ahead, located in the text;
// a past expression is refused with the day it named, before today; any
// other miss is "no deadline". ParseDeadline keeps the same promises.
func FuzzScanDeadline(f *testing.F) {
	for _, s := range []string{
		"Fri, Jul 18", "明年九月", "20 of next month", "前两天", "兩日之前", "the 3rd qtr",
		"first tuesday of october", "三月前", "双十一前", "春节前", "before Christmas", "本财年结束时",
		"3年实现", "下個月廿號", "十月第一个星期一", "friday after next", "wednesday of next week",
		"beginning of next week", "next qtr", "this fiscal year", "in 3 years", "within a week",
		"July 13-15", "from the 13th to 15th July", "last Friday", "上月", "正月十五", "一個半月",
		"one year after christmas", "the 2nd closest xmas to today", "2015-03-28 17:00:00/2015-03-29",
	} {
		f.Add(s, int64(1751335200), uint8(1), uint8(4))
	}
	locs := make([]*time.Location, len(fuzzZones))
	for i, z := range fuzzZones {
		locs[i] = mustZone(z)
	}
	f.Fuzz(func(t *testing.T, s string, unix int64, zone, fiscal uint8) {
		const span = 300 * 365 * 24 * 3600 // 1970 to about 2270
		unix %= span
		if unix < 0 {
			unix += span
		}
		now, loc := time.Unix(unix, 0), locs[int(zone)%len(locs)]
		o := goals.DateOptions{FiscalStart: time.Month(fiscal % 13)}
		today := goals.DateIn(now, loc)
		horizon := today.AddMonths(12 * 101)

		d, start, end, err := goals.ScanDeadlineWith(s, now, loc, o)
		switch goals.ErrorReason(err) {
		case "":
			checkSpan(t, s, start, end)
			if d.IsZero() || d.Before(today) || d.After(horizon) {
				t.Fatalf("ScanDeadline(%q) at %v in %v = %v: not between today %v and a century on", s, now, loc, d, today)
			}
		case "date_in_past":
			checkSpan(t, s, start, end)
			e := err.(*goals.Error)
			ds, _ := e.Args["date"].(string)
			p, perr := goals.ParseISODate(ds)
			if perr != nil || !p.Before(today) {
				t.Fatalf("ScanDeadline(%q) at %v: past %q is not before today %v", s, now, ds, today)
			}
		case "deadline_required":
		default:
			t.Fatalf("ScanDeadline(%q): unexpected error %v", s, err)
		}

		p, err := goals.ParseDeadlineWith(s, now, loc, o)
		switch {
		case err == nil && (p.IsZero() || p.Before(today) || p.After(horizon)):
			t.Fatalf("ParseDeadline(%q) at %v = %v, today %v", s, now, p, today)
		case err != nil && goals.ErrorReason(err) != "bad_date" && goals.ErrorReason(err) != "date_in_past":
			t.Fatalf("ParseDeadline(%q): unexpected error %v", s, err)
		}
	})
}
