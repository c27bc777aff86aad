package storage_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

func TestTeams(t *testing.T) {
	db := MustOpenDB(t)
	in := goals.Team{ID: "slack:T1", Name: "Sales", TZ: "Europe/Berlin", Lang: "en", DailyAt: "18:00", WeeklyAt: "mon 09:00",
		Workdays: goals.MonFri | 1<<time.Saturday}

	t.Run("EnsureInserts", func(t *testing.T) {
		got, err := db.EnsureTeam(ctx, in)
		if err != nil || !reflect.DeepEqual(got, in) {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("EnsureKeepsExisting", func(t *testing.T) {
		got, err := db.EnsureTeam(ctx, goals.Team{ID: in.ID, Name: "Other"})
		if err != nil || !reflect.DeepEqual(got, in) {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("ErrTeamRequired", func(t *testing.T) {
		_, err := db.EnsureTeam(ctx, goals.Team{})
		wantReason(t, err, "team_required")
	})
	t.Run("Get", func(t *testing.T) {
		got, err := db.Team(ctx, in.ID)
		if err != nil || !reflect.DeepEqual(got, in) {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("ErrTeamNotFound", func(t *testing.T) {
		_, err := db.Team(ctx, "nope")
		wantReason(t, err, "team_not_found")
		if goals.ErrorCode(err) != goals.ENotFound {
			t.Fatalf("code %q", goals.ErrorCode(err))
		}
	})
	t.Run("Update", func(t *testing.T) {
		got, err := db.UpdateTeam(ctx, in.ID, func(t *goals.Team) error {
			t.TZ, t.Lang, t.ID = "Asia/Taipei", "zh-TW", "hijack"
			return nil
		})
		if err != nil || got.TZ != "Asia/Taipei" || got.Lang != "zh-TW" || got.ID != in.ID {
			t.Fatalf("got %+v, %v", got, err)
		}
		if again, _ := db.Team(ctx, in.ID); !reflect.DeepEqual(again, got) {
			t.Fatalf("stored %+v, returned %+v", again, got)
		}
	})
	t.Run("UpdateFnErrorUnchanged", func(t *testing.T) {
		boom := errors.New("boom")
		before, _ := db.Team(ctx, in.ID)
		_, err := db.UpdateTeam(ctx, in.ID, func(t *goals.Team) error { t.Name = "changed"; return boom })
		if err != boom {
			t.Fatalf("err %v, want boom unchanged", err)
		}
		if after, _ := db.Team(ctx, in.ID); !reflect.DeepEqual(after, before) {
			t.Fatalf("row changed: %+v", after)
		}
	})
	t.Run("UpdateNotFound", func(t *testing.T) {
		_, err := db.UpdateTeam(ctx, "nope", func(*goals.Team) error { return nil })
		wantReason(t, err, "team_not_found")
	})
	t.Run("List", func(t *testing.T) {
		mustTeam(t, db, "local")
		ts, err := db.Teams(ctx)
		if err != nil || len(ts) != 2 || ts[0].ID != "local" || ts[1].ID != in.ID {
			t.Fatalf("got %+v, %v", ts, err)
		}
	})
}

func TestMembers(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	mustTeam(t, db, "B")
	alice := goals.Member{TeamID: "A", UserID: "U1", Name: "Alice", Role: goals.RoleManager, TZ: "Asia/Shanghai",
		Lang: "zh-CN", RemindAt: "17:30", Workdays: goals.MonFri}

	t.Run("EnsureCreates", func(t *testing.T) {
		got, created, err := db.EnsureMember(ctx, alice)
		if err != nil || !created || !reflect.DeepEqual(got, alice) {
			t.Fatalf("got %+v created=%v, %v", got, created, err)
		}
	})
	t.Run("EnsureExisting", func(t *testing.T) {
		got, created, err := db.EnsureMember(ctx, goals.Member{TeamID: "A", UserID: "U1", Name: "Someone"})
		if err != nil || created || !reflect.DeepEqual(got, alice) {
			t.Fatalf("got %+v created=%v, %v", got, created, err)
		}
	})
	t.Run("EmptyRoleIsMember", func(t *testing.T) {
		got, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "A", UserID: "U2"})
		if err != nil || got.Role != goals.RoleMember {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("ErrTeamNotFound", func(t *testing.T) {
		_, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "nope", UserID: "U1"})
		wantReason(t, err, "team_not_found")
	})
	t.Run("SameUserOtherTeam", func(t *testing.T) {
		_, created, err := db.EnsureMember(ctx, goals.Member{TeamID: "B", UserID: "U1", Name: "Alice in B"})
		if err != nil || !created {
			t.Fatalf("created=%v, %v", created, err)
		}
		m, _ := db.Member(ctx, "A", "U1")
		if m.Name != "Alice" {
			t.Fatalf("team A member changed: %+v", m)
		}
	})
	t.Run("ErrMemberNotFound", func(t *testing.T) {
		_, err := db.Member(ctx, "B", "U2")
		wantReason(t, err, "member_not_found")
	})
	t.Run("UpdateAway", func(t *testing.T) {
		away := &goals.DateRange{From: goals.NewDate(2026, 12, 20), To: goals.NewDate(2027, 1, 3)}
		got, err := db.UpdateMember(ctx, "A", "U2", func(m *goals.Member) error {
			m.Away, m.Role, m.TeamID = away, goals.RoleManager, "B"
			return nil
		})
		if err != nil || got.Away == nil || *got.Away != *away || !got.IsManager() || got.TeamID != "A" {
			t.Fatalf("got %+v, %v", got, err)
		}
		got, err = db.UpdateMember(ctx, "A", "U2", func(m *goals.Member) error { m.Away = nil; return nil })
		if err != nil || got.Away != nil {
			t.Fatalf("clear away: %+v, %v", got, err)
		}
	})
	t.Run("UpdateBadRoleRefused", func(t *testing.T) {
		_, err := db.UpdateMember(ctx, "A", "U2", func(m *goals.Member) error { m.Role = "owner"; return nil })
		if err == nil {
			t.Fatal("role outside the CHECK list accepted")
		}
	})
	t.Run("UpdateFnError", func(t *testing.T) {
		boom := errors.New("boom")
		if _, err := db.UpdateMember(ctx, "A", "U1", func(*goals.Member) error { return boom }); err != boom {
			t.Fatalf("err %v", err)
		}
		_, err := db.UpdateMember(ctx, "A", "nobody", func(*goals.Member) error { return nil })
		wantReason(t, err, "member_not_found")
	})
	t.Run("List", func(t *testing.T) {
		ms, err := db.Members(ctx, "A")
		if err != nil || len(ms) != 2 || ms[0].UserID != "U1" || ms[1].UserID != "U2" {
			t.Fatalf("got %+v, %v", ms, err)
		}
		ms, err = db.Members(ctx, "empty")
		if err != nil || ms == nil || len(ms) != 0 {
			t.Fatalf("empty team: %#v, %v", ms, err)
		}
	})
}

func TestTeamHolidaysRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	hol := []goals.DateRange{
		{From: date(t, "2026-12-24"), To: date(t, "2026-12-26")},
		{From: date(t, "2027-01-01"), To: date(t, "2027-01-01")},
	}
	in := goals.Team{ID: "tg:-100", Name: "Sales", TZ: "Asia/Shanghai", Holidays: hol}
	got, err := db.EnsureTeam(ctx, in)
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Fatalf("ensure: got %+v, %v", got, err)
	}
	if got, err := db.Team(ctx, in.ID); err != nil || !reflect.DeepEqual(got.Holidays, hol) {
		t.Fatalf("read: got %+v, %v", got.Holidays, err)
	}
	if ts, err := db.Teams(ctx); err != nil || len(ts) != 1 || !reflect.DeepEqual(ts[0].Holidays, hol) {
		t.Fatalf("list: got %+v, %v", ts, err)
	}

	// Updating another field keeps them; clearing stores NULL and reads nil.
	if got, err := db.UpdateTeam(ctx, in.ID, func(t *goals.Team) error { t.Name = "Sales EU"; return nil }); err != nil || !reflect.DeepEqual(got.Holidays, hol) {
		t.Fatalf("update name: got %+v, %v", got.Holidays, err)
	}
	if got, _ := db.Team(ctx, in.ID); !reflect.DeepEqual(got.Holidays, hol) || got.Name != "Sales EU" {
		t.Fatalf("after name update: %+v", got)
	}
	if _, err := db.UpdateTeam(ctx, in.ID, func(t *goals.Team) error { t.Holidays = nil; return nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Team(ctx, in.ID); got.Holidays != nil {
		t.Fatalf("cleared holidays read back as %#v, want nil", got.Holidays)
	}
	if _, err := db.UpdateTeam(ctx, in.ID, func(t *goals.Team) error { t.Holidays = []goals.DateRange{}; return nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Team(ctx, in.ID); got.Holidays != nil {
		t.Fatalf("empty holidays read back as %#v, want nil", got.Holidays)
	}
}

func date(t *testing.T, s string) goals.Date {
	t.Helper()
	d, err := goals.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TeamMember reads in one query exactly what Team and Member read apart.
func TestTeamMember(t *testing.T) {
	db := MustOpenDB(t)
	hol := []goals.DateRange{{From: goals.NewDate(2026, 10, 1), To: goals.NewDate(2026, 10, 7)}}
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: "A", Name: "Sales", TZ: "Asia/Shanghai", Lang: "zh-CN",
		DailyAt: "17:00", WeeklyAt: "fri 16:00", Workdays: goals.Weekdays(0b0111110), Holidays: hol}); err != nil {
		t.Fatal(err)
	}
	away := &goals.DateRange{From: goals.NewDate(2026, 12, 1), To: goals.NewDate(2026, 12, 3)}
	if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "A", UserID: "U1", Name: "Li", Role: goals.RoleManager,
		TZ: "Asia/Taipei", Lang: "zh-TW", RemindAt: "09:30", Workdays: goals.Weekdays(0b0011110), Away: away}); err != nil {
		t.Fatal(err)
	}
	team, member, err := db.TeamMember(ctx, "A", "U1")
	if err != nil {
		t.Fatal(err)
	}
	wantT, _ := db.Team(ctx, "A")
	wantM, _ := db.Member(ctx, "A", "U1")
	if !reflect.DeepEqual(team, wantT) || !reflect.DeepEqual(member, wantM) {
		t.Fatalf("TeamMember\n %+v\n %+v\nwant\n %+v\n %+v", team, member, wantT, wantM)
	}
	for _, c := range [][2]string{{"A", "U2"}, {"B", "U1"}} {
		_, _, err := db.TeamMember(ctx, c[0], c[1])
		wantReason(t, err, goals.ErrMemberNotFound.Reason)
	}
}
