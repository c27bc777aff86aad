package reminders_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

func dueKeys(ds []reminders.Due) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %s %s %s", d.At.UTC().Format("2006-01-02T15:04"), d.Kind, d.UserID, d.Period))
	}
	slices.Sort(out)
	return out
}

func TestDueInDST(t *testing.T) {
	ny := goals.Team{ID: "slack:T", TZ: "America/New_York", DailyAt: "01:30", WeeklyAt: "sun 02:30", Workdays: 0x7f}
	tests := []struct {
		name     string
		team     goals.Team
		members  []goals.Member
		from, to string
		want     []string
	}{
		{
			name: "fall back: 01:30 exists twice, due once at the first",
			team: ny, from: "2026-11-01T00:00:00Z", to: "2026-11-01T12:00:00Z",
			want: []string{"2026-11-01T05:30 daily  2026-11-01", "2026-11-01T07:30 weekly  2026-W44"},
		},
		{
			name: "spring forward: 02:30 does not exist, due at 03:30 EDT",
			team: ny, members: []goals.Member{{UserID: "A", RemindAt: "02:30", Workdays: 0x7f}},
			from: "2027-03-14T00:00:00Z", to: "2027-03-14T12:00:00Z",
			want: []string{"2027-03-14T06:30 daily  2027-03-14", "2027-03-14T07:30 checkin A 2027-03-14", "2027-03-14T07:30 weekly  2027-W10"},
		},
		{
			name: "window is (from, to]",
			team: goals.Team{ID: "tg:1", TZ: "Asia/Shanghai"}, members: []goals.Member{{UserID: "u"}},
			from: "2026-11-02T09:30:00Z", to: "2026-11-02T10:00:00Z",
			want: []string{"2026-11-02T10:00 daily  2026-11-02"},
		},
		{
			name: "member zone and workdays win over the team's; away skips",
			team: goals.Team{ID: "tg:1", TZ: "Asia/Shanghai", DailyAt: "23:59", WeeklyAt: "fri 23:00"},
			members: []goals.Member{
				{UserID: "ny", TZ: "America/New_York", RemindAt: "09:00", Workdays: 1 << time.Saturday},
				{UserID: "off", Away: &goals.DateRange{From: d(2026, 10, 30), To: d(2026, 10, 31)}},
			},
			from: "2026-10-30T00:00:00Z", to: "2026-11-01T00:00:00Z",
			// Friday's 23:59 summary is not due: at to its day is over.
			want: []string{"2026-10-30T15:00 weekly  2026-W44", "2026-10-31T13:00 checkin ny 2026-10-31"},
		},
		{
			name: "catch-up: a Monday digest is still due on Sunday night, the daily of yesterday no more",
			team: goals.Team{ID: "tg:1", TZ: "Asia/Shanghai"},
			from: "2026-11-01T16:00:00Z", to: "2026-11-08T15:00:00Z", // Mon 00:00 .. Sun 23:00 Shanghai
			want: []string{"2026-11-02T01:00 weekly  2026-W44"},
		},
		{
			name: "catch-up ends with the period",
			team: goals.Team{ID: "tg:1", TZ: "Asia/Shanghai"},
			from: "2026-11-01T16:00:00Z", to: "2026-11-08T16:00:00Z", // .. next Monday 00:00
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dueKeys(reminders.DueIn(tt.team, tt.members, utc(tt.from), utc(tt.to)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWeeklyDueReportsTheWeekJustEnded(t *testing.T) {
	team := goals.Team{ID: "tg:1", TZ: "Asia/Shanghai", WeeklyAt: "周一 09:00"}
	ds := reminders.DueIn(team, nil, utc("2026-11-23T00:59:00Z"), utc("2026-11-23T01:00:00Z"))
	if len(ds) != 1 || ds[0].Kind != reminders.KindWeekly {
		t.Fatalf("due: %+v", ds)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	if got := ds[0].AsOf.In(sh).Format(time.RFC3339Nano); got != "2026-11-22T23:59:59.999999999+08:00" || ds[0].Period != "2026-W47" {
		t.Errorf("as of %s, period %s", got, ds[0].Period)
	}
	p := reminders.PeriodAt(reminders.KindWeekly, ds[0].AsOf, sh)
	if p.Key != "2026-W47" || p.Start != d(2026, 11, 16) || p.Day != d(2026, 11, 22) || len(p.Buckets) != reminders.TrendWeeks {
		t.Errorf("period %+v", p)
	}
}

func TestLocalInstant(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, tt := range []struct {
		day  goals.Date
		h, m int
		want string
	}{
		{d(2026, 11, 1), 1, 30, "2026-11-01T05:30:00Z"}, // first of two
		{d(2026, 11, 1), 2, 30, "2026-11-01T07:30:00Z"},
		{d(2027, 3, 14), 2, 30, "2027-03-14T07:30:00Z"}, // the gap: 03:30 EDT
		{d(2027, 3, 14), 3, 0, "2027-03-14T07:00:00Z"},
		{d(2027, 3, 14), 1, 59, "2027-03-14T06:59:00Z"},
	} {
		if got := reminders.LocalInstant(tt.day, tt.h, tt.m, ny).UTC().Format(time.RFC3339); got != tt.want {
			t.Errorf("%s %02d:%02d = %s, want %s", tt.day, tt.h, tt.m, got, tt.want)
		}
	}
}
