package storage_test

import (
	"database/sql"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// A Telegram group that becomes a supergroup keeps everything under its new
// id: settings, members and roles, goals with their logs and roll-ups,
// dialogue state, subscriptions and queued messages (renamed to the new
// chat), while the new id's own first rows merge in.
func TestMoveTeam(t *testing.T) {
	db := MustOpenDB(t)
	const from, to = "tg:-1", "tg:-100"
	hol := []goals.DateRange{{From: d(10, 1), To: d(10, 7)}}
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: from, Name: "Shop", TZ: "Asia/Shanghai", Lang: "zh-CN", DailyAt: "20:00", Holidays: hol}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []goals.Member{
		{TeamID: from, UserID: "alice", Name: "Alice", Role: goals.RoleManager},
		{TeamID: from, UserID: "bob", Name: "Bob", Lang: "en"},
	} {
		if _, _, err := db.EnsureMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	g := mustGoal(t, db, newGoal(from, "alice"))
	teamGoal := newGoal(from, "alice")
	teamGoal.Scope = goals.ScopeTeam
	mustGoal(t, db, teamGoal)
	child := newGoal(from, "alice")
	child.ParentID = &teamGoal.ID
	mustGoal(t, db, child)
	mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: from, User: "alice", Amount: 3, Day: d(11, 17), Key: "tg:-1:7"})
	mustLog(t, db, goals.Log{GoalID: child.ID, TeamID: from, User: "bob", Amount: 5, Day: d(11, 18), Key: "tg:-1:8"})
	if err := db.PutPending(ctx, goals.Pending{TeamID: from, UserID: "bob", Kind: "dialogue", Data: []byte(`{"old":1}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Subscribe(ctx, storage.Subscription{TeamID: from, Platform: "telegram", Channel: "-1", Kind: "daily"}); err != nil {
		t.Fatal(err)
	}
	claim := storage.Claim{TeamID: from, Kind: "weekly", Period: "2026-W46"}
	queued := storage.OutboxMessage{TeamID: from, Platform: "telegram", Chat: "-1", Kind: "daily", Period: "2026-11-18", Payload: []byte(`{}`)}
	if _, err := db.ClaimAndEnqueue(ctx, claim, []storage.OutboxMessage{queued}); err != nil {
		t.Fatal(err)
	}
	statsBefore, err := db.Stats(ctx, from, g.ID, goals.Date{}, goals.Date{})
	if err != nil {
		t.Fatal(err)
	}

	// Bob wrote in the supergroup before the move was seen: the new team
	// exists with defaults, his member row and a dialogue of its own.
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: to, TZ: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: to, UserID: "bob"}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutPending(ctx, goals.Pending{TeamID: to, UserID: "bob", Kind: "dialogue", Data: []byte(`{"new":1}`)}); err != nil {
		t.Fatal(err)
	}

	mv := goals.TeamMove{From: from, To: to, Platform: "telegram", FromChat: "-1", ToChat: "-100"}
	if moved, err := db.MoveTeam(ctx, mv); err != nil || !moved {
		t.Fatalf("move: %v %v", moved, err)
	}

	if _, err := db.Team(ctx, from); err == nil {
		t.Fatal("old team still there")
	}
	team, err := db.Team(ctx, to)
	if err != nil || team.Name != "Shop" || team.TZ != "Asia/Shanghai" || team.DailyAt != "20:00" || !reflect.DeepEqual(team.Holidays, hol) {
		t.Fatalf("settings did not move: %+v %v", team, err)
	}
	ms, err := db.Members(ctx, to)
	if err != nil || len(ms) != 2 || !ms[0].IsManager() || ms[1].Name != "Bob" || ms[1].Lang != "en" {
		t.Fatalf("members: %+v %v", ms, err)
	}
	gs, err := db.Goals(ctx, goals.GoalFilter{TeamID: to})
	if err != nil || len(gs) != 3 || gs[0].ID != g.ID || *gs[2].ParentID != teamGoal.ID {
		t.Fatalf("goals: %+v %v", gs, err)
	}
	if st, err := db.Stats(ctx, to, g.ID, goals.Date{}, goals.Date{}); err != nil || !reflect.DeepEqual(st, statsBefore) {
		t.Fatalf("stats %+v, before %+v (%v)", st, statsBefore, err)
	}
	if days, err := db.DailyTotals(ctx, to, child.ID, goals.Date{}, goals.Date{}); err != nil || len(days) != 1 || days[0].Sum != 5 {
		t.Fatalf("roll-up: %+v %v", days, err)
	}
	// The old chat's keys came along: a redelivered old message logs once.
	again := goals.Log{GoalID: g.ID, TeamID: to, User: "alice", Amount: 3, Day: d(11, 17), Key: "tg:-1:7"}
	if res, err := db.AddLog(ctx, &again, nil); err != nil || res.Inserted {
		t.Fatalf("redelivered log: %+v %v", res, err)
	}
	if p, err := db.Pending(ctx, to, "bob", "dialogue", time.Time{}); err != nil || string(p.Data) != `{"old":1}` {
		t.Fatalf("pending: %s %v", p.Data, err)
	}
	subs, err := db.Subscriptions(ctx, "")
	if err != nil || len(subs) != 1 || subs[0] != (storage.Subscription{TeamID: to, Platform: "telegram", Channel: "-100", Kind: "daily"}) {
		t.Fatalf("subscriptions: %+v %v", subs, err)
	}
	if ok, err := db.Claimed(ctx, storage.Claim{TeamID: to, Kind: "weekly", Period: "2026-W46"}); err != nil || !ok {
		t.Fatalf("claim did not move: %v %v", ok, err)
	}
	heads, err := db.OutboxHeads(ctx, 10)
	if err != nil || len(heads) != 1 || heads[0].TeamID != to || heads[0].Chat != "-100" {
		t.Fatalf("outbox: %+v %v", heads, err)
	}

	// Nothing dangles anywhere in the file.
	assertForeignKeys(t, db)

	// Both chats announce the migration: the second is a no-op.
	if moved, err := db.MoveTeam(ctx, mv); err != nil || moved {
		t.Fatalf("second move: %v %v", moved, err)
	}
	// Foreign keys are checked at once again after the move.
	bad := goals.Log{GoalID: 999, TeamID: to, User: "alice", Amount: 1, Day: d(11, 19)}
	_, err = db.AddLog(ctx, &bad, nil)
	wantReason(t, err, "goal_not_found")
}

func assertForeignKeys(t *testing.T, db *storage.DB) {
	t.Helper()
	rows, err := storagetest.OpenRaw(t, db.Path()).Query(`SELECT "table", rowid, parent FROM pragma_foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent); err != nil {
			t.Fatal(err)
		}
		bad = append(bad, table+"→"+parent)
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Fatalf("foreign key violations: %v", bad)
	}
}

// After the move, a message from the old chat handled late finds the team
// at its new id: it does not start an empty team under the old id, which the
// old chat's own migration notice would then merge back over the real one.
func TestMoveTeamStragglers(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: "tg:-1", TZ: "Asia/Shanghai", DailyAt: "20:00"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "tg:-1", UserID: "alice", Role: goals.RoleManager}); err != nil {
		t.Fatal(err)
	}
	g := mustGoal(t, db, newGoal("tg:-1", "alice"))
	mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "tg:-1", User: "alice", Amount: 1, Day: d(11, 17), Key: "ev-1"})
	mv := goals.TeamMove{From: "tg:-1", To: "tg:-100", Platform: "telegram", FromChat: "-1", ToChat: "-100"}
	if _, err := db.MoveTeam(ctx, mv); err != nil {
		t.Fatal(err)
	}

	// What Service.Enter does for a straggler from the old chat.
	late, err := db.EnsureTeam(ctx, goals.Team{ID: "tg:-1", TZ: "UTC"})
	if err != nil || late.ID != "tg:-100" || late.TZ != "Asia/Shanghai" {
		t.Fatalf("old id after the move: %+v %v", late, err)
	}
	if _, err := db.Team(ctx, "tg:-1"); err == nil {
		t.Fatal("the old team came back")
	}
	if moved, err := db.MoveTeam(ctx, mv); err != nil || moved {
		t.Fatalf("the old chat's notice after the move: %v %v", moved, err)
	}
	if m, err := db.Member(ctx, "tg:-100", "alice"); err != nil || !m.IsManager() {
		t.Fatalf("alice after the second notice: %+v %v", m, err)
	}
	if tm, _ := db.Team(ctx, "tg:-100"); tm.DailyAt != "20:00" {
		t.Fatalf("settings after the second notice: %+v", tm)
	}

	// The same event logged in both teams before the move: both logs stay,
	// the key once, and it still deduplicates.
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: "tg:-2"}); err != nil {
		t.Fatal(err)
	}
	g2 := mustGoal(t, db, newGoal("tg:-2", "alice"))
	mustLog(t, db, goals.Log{GoalID: g2.ID, TeamID: "tg:-2", User: "alice", Amount: 2, Day: d(11, 17), Key: "ev-1"})
	if _, err := db.MoveTeam(ctx, goals.TeamMove{From: "tg:-2", To: "tg:-100"}); err != nil {
		t.Fatalf("move with a key in both teams: %v", err)
	}
	ls, err := db.Logs(ctx, goals.LogFilter{TeamID: "tg:-100"})
	if err != nil || len(ls) != 2 || ls[0].Amount+ls[1].Amount != 3 {
		t.Fatalf("logs: %+v %v", ls, err)
	}
	again := goals.Log{GoalID: g.ID, TeamID: "tg:-100", User: "alice", Amount: 1, Day: d(11, 17), Key: "ev-1"}
	if res, err := db.AddLog(ctx, &again, nil); err != nil || res.Inserted {
		t.Fatalf("key after the merge: %+v %v", res, err)
	}
	assertForeignKeys(t, db)
}
