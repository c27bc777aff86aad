package reminders_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// A team holiday skips check-ins and the daily summary, in the team's and
// in a member's own zone; the weekly digest is still due on it.
func TestDueInSkipsHolidays(t *testing.T) {
	team := goals.Team{ID: "tg:1", TZ: "Asia/Shanghai", Holidays: []goals.DateRange{
		{From: d(2026, 11, 23), To: d(2026, 11, 23)}, // Monday
		{From: d(2026, 11, 26), To: d(2026, 11, 27)}, // Thursday, Friday
	}}
	members := []goals.Member{{UserID: "sh"}, {UserID: "ny", TZ: "America/New_York", RemindAt: "21:00"}}
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{
			name: "Monday holiday: only the weekly digest",
			from: "2026-11-22T16:00:00Z", to: "2026-11-23T15:59:00Z", // Mon 00:00 .. 23:59 Shanghai
			want: []string{"2026-11-23T01:00 weekly  2026-W47"},
		},
		{
			// ny's Monday 21:00 is Tuesday 10:00 in Shanghai: their own
			// date, the holiday, counts.
			name: "Tuesday in Shanghai, still the Monday holiday in New York",
			from: "2026-11-23T16:00:00Z", to: "2026-11-24T04:59:00Z", // Tue 00:00 .. 12:59 Shanghai
			want: nil,
		},
		{
			name: "Tuesday is a working day",
			from: "2026-11-24T04:59:00Z", to: "2026-11-24T15:59:00Z", // .. Tue 23:59 Shanghai
			want: []string{"2026-11-24T09:30 checkin sh 2026-11-24", "2026-11-24T10:00 daily  2026-11-24"},
		},
		{
			name: "and Tuesday in New York",
			from: "2026-11-24T15:59:00Z", to: "2026-11-25T04:59:00Z", // .. Tue 23:59 New York
			want: []string{"2026-11-25T02:00 checkin ny 2026-11-24"},
		},
		{
			name: "a two-day range",
			from: "2026-11-25T16:00:00Z", to: "2026-11-27T15:59:00Z", // Thu, Fri Shanghai
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dueKeys(reminders.DueIn(team, members, utc(tt.from), utc(tt.to)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Through the scheduler and storage: on the team's Monday holiday (set in
// the database) no check-in and no daily summary is queued, the weekly
// digest is; on Tuesday both are back.
func TestSchedulerHoliday(t *testing.T) {
	clk := clockwork.NewFakeClockAt(utc("2026-11-22T16:00:00Z")) // Mon 00:00 Shanghai
	db := mustOpen(t, clk)
	ctx := context.Background()
	mustTeam(t, db, goals.Team{ID: "tg:-100", Name: "上海小店", TZ: "Asia/Shanghai", Lang: "zh-CN",
		Holidays: []goals.DateRange{{From: d(2026, 11, 23), To: d(2026, 11, 23)}}})
	mustMember(t, db, goals.Member{TeamID: "tg:-100", UserID: "u1", Name: "王老板", Role: goals.RoleManager})
	mustMember(t, db, goals.Member{TeamID: "tg:-100", UserID: "u2", Name: "小李"})
	mustGoal(t, db, goals.Goal{TeamID: "tg:-100", Owner: "u2", Title: "每天新增 5 个会员", Metric: "customers", Target: 5,
		Cadence: goals.CadenceDaily, Start: d(2026, 11, 1), Deadline: d(2026, 12, 31)})
	mustSub(t, db, reminders.Subscription{TeamID: "tg:-100", Platform: "telegram", Channel: "-100", Kind: "daily"})
	mustSub(t, db, reminders.Subscription{TeamID: "tg:-100", Platform: "telegram", Channel: "-100", Kind: "weekly"})

	s := reminders.NewScheduler(db, nil, clk, quiet())
	queued := func() []string {
		t.Helper()
		rows, err := db.OutboxRows(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, fmt.Sprintf("%s %s %s", r.Kind, r.Chat, r.Period))
		}
		slices.Sort(out)
		return out
	}
	tick := func() {
		t.Helper()
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	tick()
	clk.Advance(23 * time.Hour) // Mon 23:00
	tick()
	want := []string{"weekly -100 2026-W47", "weekly u1 2026-W47"}
	if got := queued(); !slices.Equal(got, want) {
		t.Fatalf("on the holiday queued %q, want %q", got, want)
	}
	clk.Advance(24 * time.Hour) // Tue 23:00
	tick()
	want = append(want, "checkin u2 2026-11-24", "daily -100 2026-11-24")
	slices.Sort(want)
	if got := queued(); !slices.Equal(got, want) {
		t.Fatalf("after Tuesday queued %q, want %q", got, want)
	}
}

// The digest's figures count holidays as days off, as Service.Figures does:
// fewer working days left means a higher required rate.
func TestDigestProgressSkipsHolidays(t *testing.T) {
	g := goals.Goal{ID: 1, TeamID: "tg:1", Owner: "u", Scope: goals.ScopeIndividual, Title: "20 demos", Metric: "demos",
		Unit: goals.UnitCount, Kind: goals.KindTotal, Direction: goals.Increase, Target: 20,
		Start: d(2026, 11, 16), Deadline: d(2026, 11, 27)}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	p := reminders.PeriodAt(reminders.KindDaily, utc("2026-11-18T10:00:00Z"), sh) // Wednesday 18:00
	build := func(hol []goals.DateRange) float64 {
		t.Helper()
		s := reminders.Snapshot{
			Team:    goals.Team{ID: "tg:1", TZ: "Asia/Shanghai", Lang: "en", Holidays: hol},
			Members: []goals.Member{{TeamID: "tg:1", UserID: "u", Name: "U"}},
			Goals:   []reminders.GoalData{{Goal: g, Stats: goals.Stats{Sum: 6, Count: 1}}},
		}
		dg := reminders.Build(s, p, "en")
		if len(dg.Members) != 1 || len(dg.Members[0].Goals) != 1 {
			t.Fatalf("digest members %+v", dg.Members)
		}
		return dg.Members[0].Goals[0].RequiredRate
	}
	// 14 to go: over 8 working days (Wed 18 .. Fri 27), or 6 without Thu 19 and Fri 20.
	if plain, off := build(nil), build([]goals.DateRange{{From: d(2026, 11, 19), To: d(2026, 11, 20)}}); plain != 1.75 || off != 2.33 {
		t.Errorf("required rate %v without holidays, %v with; want 1.75 and 2.33", plain, off)
	}
}
