package storage_test

import (
	"fmt"
	"math"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

func d(m time.Month, day int) goals.Date { return goals.NewDate(2026, m, day) }

func at(m time.Month, day, hour int) time.Time {
	return time.Date(2026, m, day, hour, 0, 0, 0, time.UTC)
}

func TestAddLog(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A") // Asia/Shanghai
	mustTeam(t, db, "B")
	g := mustGoal(t, db, newGoal("A", "alice"))
	gb := mustGoal(t, db, newGoal("B", "bob"))

	t.Run("DefaultsAtAndDay", func(t *testing.T) {
		l := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 2}
		res, err := db.AddLog(ctx, &l, nil)
		ins := res.Inserted
		if err != nil || !ins || l.ID == 0 || !l.At.Equal(t0) || l.Day != d(11, 16) {
			t.Fatalf("got %+v ins=%v, %v", l, ins, err)
		}
	})
	t.Run("DayInTeamZone", func(t *testing.T) {
		// 20:00 UTC is 04:00 the next day in Shanghai.
		l := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 1, At: at(11, 16, 20)})
		if l.Day != d(11, 17) {
			t.Fatalf("day %s, want 2026-11-17", l.Day)
		}
	})
	t.Run("Idempotent", func(t *testing.T) {
		first := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 3, Note: "demo", Key: "slack:Ev1"}
		res, err := db.AddLog(ctx, &first, nil)
		ins := res.Inserted
		if err != nil || !ins {
			t.Fatalf("first: ins=%v %v", ins, err)
		}
		retry := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 30, Note: "retried", Key: "slack:Ev1", At: at(12, 1, 0)}
		res, err = db.AddLog(ctx, &retry, nil)
		ins = res.Inserted
		if err != nil || ins {
			t.Fatalf("retry: ins=%v %v", ins, err)
		}
		if retry != first {
			t.Fatalf("retry got %+v, want the stored %+v", retry, first)
		}
		ls, _ := db.Logs(ctx, goals.LogFilter{TeamID: "A", User: "alice"})
		n := 0
		for _, l := range ls {
			if l.Key == "slack:Ev1" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d rows with the key", n)
		}
		// The same key in another team is another event.
		other := goals.Log{GoalID: gb.ID, TeamID: "B", User: "bob", Amount: 1, Key: "slack:Ev1"}
		if res, err := db.AddLog(ctx, &other, nil); err != nil || !res.Inserted || other.ID == first.ID {
			t.Fatalf("other team: %+v ins=%v %v", other, res.Inserted, err)
		}
	})
	t.Run("IdempotentConcurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		var inserted atomic.Int32
		ids := make([]int64, 8)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 1, Key: "tg:42"}
				res, err := db.AddLog(ctx, &l, nil)
				ins := res.Inserted
				if err != nil {
					t.Error(err)
				}
				if ins {
					inserted.Add(1)
				}
				ids[i] = l.ID
			}()
		}
		wg.Wait()
		if inserted.Load() != 1 {
			t.Fatalf("%d inserts for one key", inserted.Load())
		}
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("ids differ: %v", ids)
			}
		}
	})
	t.Run("ErrBadAmount", func(t *testing.T) {
		for _, a := range []float64{math.NaN(), math.Inf(1)} {
			l := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: a}
			_, err := db.AddLog(ctx, &l, nil)
			wantReason(t, err, "bad_amount")
		}
	})
	t.Run("ErrGoalNotFound", func(t *testing.T) {
		// With Day set nothing reads the goal first: the composite foreign
		// key refuses a missing goal and another team's goal alike.
		for _, l := range []goals.Log{
			{GoalID: 999, TeamID: "A", User: "alice", Amount: 1},
			{GoalID: 999, TeamID: "A", User: "alice", Amount: 1, Day: d(11, 16)},
			{GoalID: gb.ID, TeamID: "A", User: "alice", Amount: 1, Day: d(11, 16)},
			{GoalID: gb.ID, TeamID: "A", User: "alice", Amount: 1, Day: d(11, 16), Key: "k-cross"},
		} {
			before := countLogs(t, db)
			_, err := db.AddLog(ctx, &l, nil)
			wantReason(t, err, "goal_not_found")
			if l.ID != 0 || countLogs(t, db) != before {
				t.Fatalf("%+v: written on failure", l)
			}
		}
	})
	t.Run("StatsInWindow", func(t *testing.T) {
		w := &goals.DateRange{From: d(11, 1), To: d(11, 30)}
		l := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 4, At: at(11, 20, 3), Day: d(11, 20), Key: "k-stats"}
		res, err := db.AddLog(ctx, &l, w)
		if err != nil || !res.Inserted {
			t.Fatalf("ins=%v %v", res.Inserted, err)
		}
		want, err := db.Stats(ctx, "A", g.ID, w.From, w.To)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Stats, want) || res.Stats.Latest != 4 {
			t.Fatalf("stats with the write %+v, read after %+v", res.Stats, want)
		}
		// A retry reports the same figures and writes nothing.
		again := goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 4, Day: d(11, 20), Key: "k-stats"}
		res2, err := db.AddLog(ctx, &again, w)
		if err != nil || res2.Inserted || again.ID != l.ID || !reflect.DeepEqual(res2.Stats, want) {
			t.Fatalf("retry: %+v %+v %v", again, res2, err)
		}
	})
}

func TestUndoLastLog(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	mustTeam(t, db, "B")
	g := mustGoal(t, db, newGoal("A", "alice"))
	g2 := mustGoal(t, db, newGoal("A", "alice"))
	gb := mustGoal(t, db, newGoal("B", "alice"))

	l1 := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 1, At: at(11, 17, 9)})
	// Written later but back-dated: still the last one alice wrote.
	l2 := mustLog(t, db, goals.Log{GoalID: g2.ID, TeamID: "A", User: "alice", Amount: 2, At: at(11, 16, 9)})
	bob := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: "bob", Amount: 3})
	inB := mustLog(t, db, goals.Log{GoalID: gb.ID, TeamID: "B", User: "alice", Amount: 4})

	for i, want := range []goals.Log{l2, l1} {
		got, err := db.UndoLastLog(ctx, "A", "alice")
		if err != nil || got != want {
			t.Fatalf("undo %d: got %+v, %v; want %+v", i, got, err, want)
		}
	}
	_, err := db.UndoLastLog(ctx, "A", "alice")
	wantReason(t, err, "nothing_to_undo")

	rest, _ := db.Logs(ctx, goals.LogFilter{})
	if len(rest) != 2 || rest[0] != bob || rest[1] != inB {
		t.Fatalf("left %+v", rest)
	}
	// IDs are not reused after an undo.
	l3 := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 1})
	if l3.ID <= inB.ID {
		t.Fatalf("id %d reused (max was %d)", l3.ID, inB.ID)
	}
}

func TestAggregates(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	g := mustGoal(t, db, newGoal("A", "alice"))
	add := func(g *goals.Goal, user string, amount float64, when time.Time, day goals.Date) {
		mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: user, Amount: amount, At: when, Day: day})
	}
	add(g, "alice", 3, at(11, 16, 9), d(11, 16))
	add(g, "bob", 2, at(11, 16, 10), d(11, 16))
	add(g, "alice", 4, at(11, 17, 9), d(11, 17))
	add(g, "carol", 1.5, at(11, 18, 8), d(11, 18))
	add(g, "bob", 5, at(11, 18, 7), d(11, 18)) // inserted last, earlier instant

	none := goals.Date{}
	statsCases := []struct {
		name     string
		from, to goals.Date
		want     goals.Stats
	}{
		{"All", none, none, goals.Stats{Sum: 15.5, Count: 5, Latest: 1.5, LatestAt: at(11, 18, 8), FirstDay: d(11, 16), First: 3}},
		{"Window", d(11, 17), d(11, 18), goals.Stats{Sum: 10.5, Count: 3, Latest: 1.5, LatestAt: at(11, 18, 8), FirstDay: d(11, 17), First: 4}},
		{"OneDay", d(11, 16), d(11, 16), goals.Stats{Sum: 5, Count: 2, Latest: 2, LatestAt: at(11, 16, 10), FirstDay: d(11, 16), First: 3}},
		{"OpenEnd", d(11, 17), none, goals.Stats{Sum: 10.5, Count: 3, Latest: 1.5, LatestAt: at(11, 18, 8), FirstDay: d(11, 17), First: 4}},
		{"OpenStart", none, d(11, 16), goals.Stats{Sum: 5, Count: 2, Latest: 2, LatestAt: at(11, 16, 10), FirstDay: d(11, 16), First: 3}},
		{"Empty", d(11, 19), none, goals.Stats{}},
	}
	for _, c := range statsCases {
		t.Run("Stats"+c.name, func(t *testing.T) {
			got, err := db.Stats(ctx, "A", g.ID, c.from, c.to)
			if err != nil || got != c.want {
				t.Fatalf("got %+v, %v\nwant %+v", got, err, c.want)
			}
		})
	}

	t.Run("DailyTotals", func(t *testing.T) {
		got, err := db.DailyTotals(ctx, "A", g.ID, none, none)
		want := []goals.DayTotal{
			{Day: d(11, 16), Sum: 5, Last: 2, Count: 2},
			{Day: d(11, 17), Sum: 4, Last: 4, Count: 1},
			{Day: d(11, 18), Sum: 6.5, Last: 1.5, Count: 2},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, %v", got, err)
		}
		got, err = db.DailyTotals(ctx, "A", g.ID, d(11, 17), d(11, 17))
		if err != nil || !reflect.DeepEqual(got, want[1:2]) {
			t.Fatalf("window: got %+v, %v", got, err)
		}
		got, err = db.DailyTotals(ctx, "A", g.ID, d(12, 1), none)
		if err != nil || got == nil || len(got) != 0 {
			t.Fatalf("empty: %#v, %v", got, err)
		}
	})
	t.Run("Contributions", func(t *testing.T) {
		got, err := db.Contributions(ctx, "A", g.ID, none, none)
		want := []goals.Contribution{{User: "alice", Amount: 7}, {User: "bob", Amount: 7}, {User: "carol", Amount: 1.5}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, %v", got, err)
		}
		got, err = db.Contributions(ctx, "A", g.ID, d(11, 17), none)
		want = []goals.Contribution{{User: "bob", Amount: 5}, {User: "alice", Amount: 4}, {User: "carol", Amount: 1.5}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("window: got %+v, %v", got, err)
		}
	})

	t.Run("LevelGoalLatest", func(t *testing.T) {
		lg := newGoal("A", "carol")
		lg.Kind, lg.Direction, lg.Unit, lg.Baseline, lg.Target = goals.KindLevel, goals.Decrease, goals.UnitPercent, 45, 20
		mustGoal(t, db, lg)
		add(lg, "carol", 44, at(11, 16, 9), d(11, 16))
		add(lg, "carol", 40, at(11, 17, 9), d(11, 17))
		add(lg, "carol", 41, at(11, 17, 18), d(11, 17))
		add(lg, "carol", 43, at(11, 16, 12), d(11, 16)) // back-dated reading for Monday
		add(lg, "carol", 42, at(11, 18, 9), d(11, 16))  // Monday's figure, typed in on Wednesday
		s, err := db.Stats(ctx, "A", lg.ID, none, none)
		if err != nil || s.Latest != 41 || !s.LatestAt.Equal(at(11, 17, 18)) || s.Count != 5 {
			t.Fatalf("got %+v, %v", s, err)
		}
		days, err := db.DailyTotals(ctx, "A", lg.ID, none, none)
		if err != nil || len(days) != 2 || days[0].Last != 42 || days[1].Last != 41 || days[0].Count != 3 {
			t.Fatalf("days %+v, %v", days, err)
		}
		// The other goal's figures are untouched.
		if s, _ := db.Stats(ctx, "A", g.ID, none, none); s.Sum != 15.5 {
			t.Fatalf("goal %d sum %v", g.ID, s.Sum)
		}
	})

	t.Run("Logs", func(t *testing.T) {
		ls, err := db.Logs(ctx, goals.LogFilter{TeamID: "A", GoalID: g.ID})
		if err != nil || len(ls) != 5 {
			t.Fatalf("%d logs, %v", len(ls), err)
		}
		for i := 1; i < len(ls); i++ { // oldest first by day, then instant
			if ls[i].Day.Before(ls[i-1].Day) || ls[i].Day == ls[i-1].Day && ls[i].At.Before(ls[i-1].At) {
				t.Fatalf("not ascending: %+v", ls)
			}
		}
		ls, err = db.Logs(ctx, goals.LogFilter{TeamID: "A", GoalID: g.ID, Limit: 2})
		if err != nil || len(ls) != 2 || ls[0].Amount != 1.5 || ls[1].Amount != 5 {
			t.Fatalf("newest two: %+v, %v", ls, err)
		}
		ls, _ = db.Logs(ctx, goals.LogFilter{TeamID: "A", GoalID: g.ID, User: "bob", From: d(11, 17), To: d(11, 18)})
		if len(ls) != 1 || ls[0].Amount != 5 {
			t.Fatalf("bob window: %+v", ls)
		}
	})
}

func TestAddLog_Concurrent(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	g := mustGoal(t, db, newGoal("A", "alice"))
	const workers, each = 8, 500

	var wg sync.WaitGroup
	stop := make(chan struct{})
	// Readers run alongside: WAL lets them proceed while the writer commits.
	var reads atomic.Int64
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Stats(ctx, "A", g.ID, goals.Date{}, goals.Date{}); err != nil {
					t.Error(err)
					return
				}
				reads.Add(1)
			}
		}()
	}
	var writers sync.WaitGroup
	for w := range workers {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := range each {
				l := goals.Log{GoalID: g.ID, TeamID: "A", User: fmt.Sprintf("u%d", w), Amount: 1.5, Key: fmt.Sprintf("k%d-%d", w, i)}
				if res, err := db.AddLog(ctx, &l, nil); err != nil || !res.Inserted {
					t.Errorf("worker %d log %d: ins=%v %v", w, i, res.Inserted, err)
					return
				}
			}
		}()
	}
	writers.Wait()
	close(stop)
	wg.Wait()

	s, err := db.Stats(ctx, "A", g.ID, goals.Date{}, goals.Date{})
	if err != nil || s.Count != workers*each || s.Sum != 1.5*workers*each {
		t.Fatalf("stats %+v, %v; want %d logs summing to %v", s, err, workers*each, 1.5*workers*each)
	}
	cs, _ := db.Contributions(ctx, "A", g.ID, goals.Date{}, goals.Date{})
	if len(cs) != workers {
		t.Fatalf("contributions %+v", cs)
	}
	for _, c := range cs {
		if c.Amount != 1.5*each {
			t.Fatalf("contribution %+v", c)
		}
	}
	t.Logf("%d concurrent reads", reads.Load())
}

func TestMetaCharactersRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	nasty := []string{
		`Robert'); DROP TABLE goals;--`,
		`"quoted" \backslash\ 100% _under_ ?1 :name @x $y`,
		"tab\tnew\nline \x01 ctrl",
		`'' OR 1=1 --`,
		"统计 營收 🚀 ¥115,000",
	}
	for i, s := range nasty {
		team := fmt.Sprintf("team'%d;--", i)
		user := s + "-user"
		mustTeam(t, db, team)
		m, _, err := db.EnsureMember(ctx, goals.Member{TeamID: team, UserID: user, Name: s})
		if err != nil || m.UserID != user || m.Name != s {
			t.Fatalf("member %q: %+v %v", s, m, err)
		}
		g := newGoal(team, user)
		g.Title, g.Metric, g.Unit = s, s, s
		g.Tags = map[string]string{s: s}
		mustGoal(t, db, g)
		got, err := db.Goal(ctx, team, g.ID)
		if err != nil || got.Title != s || got.Metric != s || got.Owner != user || got.Tags[s] != s {
			t.Fatalf("goal %q: %+v %v", s, got, err)
		}
		if gs, _ := db.Goals(ctx, goals.GoalFilter{TeamID: team, Owner: &user, Metric: &s}); len(gs) != 1 {
			t.Fatalf("filter by %q: %d goals", s, len(gs))
		}
		l := mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: team, User: user, Amount: 1, Note: s, Key: s})
		ls, err := db.Logs(ctx, goals.LogFilter{TeamID: team, User: user})
		if err != nil || len(ls) != 1 || ls[0] != l || ls[0].Note != s || ls[0].Key != s {
			t.Fatalf("log %q: %+v %v", s, ls, err)
		}
		cs, _ := db.Contributions(ctx, team, g.ID, goals.Date{}, goals.Date{})
		if len(cs) != 1 || cs[0].User != user {
			t.Fatalf("contributions %q: %+v", s, cs)
		}
		if err := db.PutPending(ctx, goals.Pending{TeamID: team, UserID: user, Kind: s, Data: []byte(s)}); err != nil {
			t.Fatal(err)
		}
		if p, err := db.Pending(ctx, team, user, s, t0); err != nil || string(p.Data) != s {
			t.Fatalf("pending %q: %+v %v", s, p, err)
		}
		if first, err := db.ClaimEvent(ctx, s, t0); err != nil || !first {
			t.Fatalf("event %q: %v %v", s, first, err)
		}
	}
	if ts, _ := db.Teams(ctx); len(ts) != len(nasty) {
		t.Fatalf("%d teams", len(ts))
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
