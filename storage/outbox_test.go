package storage_test

import (
	"sync"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

func msg(chat string) storage.OutboxMessage {
	return storage.OutboxMessage{TeamID: "A", Platform: "slack", Chat: chat, Kind: "weekly", Period: "2026-W47", Payload: []byte(`{}`)}
}

func TestClaimAndEnqueueOnce(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	c := storage.Claim{TeamID: "A", Kind: "weekly", Period: "2026-W47"}

	// Many claimers at once (goroutines standing for restarts and
	// processes): exactly one queues its messages.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := db.ClaimAndEnqueue(ctx, c, []storage.OutboxMessage{msg("U1"), msg("C1")})
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	rows, err := db.OutboxRows(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if wins != 1 || len(rows) != 2 {
		t.Fatalf("%d claims won, %d rows queued", wins, len(rows))
	}
	if ok, err := db.Claimed(ctx, c); err != nil || !ok {
		t.Fatalf("claimed: %v %v", ok, err)
	}
	// Another subject or period is another claim.
	other := c
	other.Subject = "U1"
	if ok, err := db.ClaimAndEnqueue(ctx, other, nil); err != nil || !ok {
		t.Fatalf("subject claim: %v %v", ok, err)
	}
	// A failing enqueue rolls the claim back: the period stays unclaimed.
	bad := storage.Claim{TeamID: "A", Kind: "weekly", Period: "2026-W48"}
	if _, err := db.ClaimAndEnqueue(ctx, bad, []storage.OutboxMessage{{TeamID: "A", Platform: "slack", Chat: "", Payload: []byte("{}")}}); err == nil {
		t.Fatal("empty chat accepted")
	}
	if ok, _ := db.Claimed(ctx, bad); ok {
		t.Fatal("claim kept after a failed enqueue")
	}
}

func TestOutboxLifecycle(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	if err := db.Enqueue(ctx, []storage.OutboxMessage{msg("C1"), msg("C1"), msg("C2")}); err != nil {
		t.Fatal(err)
	}
	heads, err := db.OutboxHeads(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(heads) != 2 || heads[0].Chat != "C1" || heads[0].ID != 1 || heads[1].Chat != "C2" {
		t.Fatalf("heads %+v", heads)
	}
	next := t0.Add(time.Minute)
	if err := db.RetryOutbox(ctx, 1, 1, next, "429"); err != nil {
		t.Fatal(err)
	}
	heads, _ = db.OutboxHeads(ctx, 10)
	// C1's head is still message 1 (order within a chat), now due later.
	if len(heads) != 2 || heads[0].Chat != "C2" || heads[1].ID != 1 || !heads[1].NextAttempt.Equal(next) || heads[1].LastError != "429" {
		t.Fatalf("heads after retry %+v", heads)
	}
	if err := db.MarkOutboxSent(ctx, 1, 2, next); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkOutboxSent(ctx, 1, 2, next); err == nil {
		t.Fatal("sent twice")
	}
	if err := db.FailOutbox(ctx, 3, 1, next, "channel_not_found"); err != nil {
		t.Fatal(err)
	}
	heads, _ = db.OutboxHeads(ctx, 10)
	if len(heads) != 1 || heads[0].ID != 2 {
		t.Fatalf("heads after send %+v", heads)
	}
	failed, err := db.FailedOutbox(ctx, 10)
	if err != nil || len(failed) != 1 || failed[0].ID != 3 || failed[0].LastError != "channel_not_found" || !failed[0].DoneAt.Equal(next) {
		t.Fatalf("failed %+v %v", failed, err)
	}
	counts, err := db.OutboxCounts(ctx)
	if err != nil || counts["pending"] != 1 || counts["sent"] != 1 || counts["failed"] != 1 {
		t.Fatalf("counts %v %v", counts, err)
	}
	// Pruning keeps pending rows and recent claims.
	if _, err := db.ClaimAndEnqueue(ctx, storage.Claim{TeamID: "A", Kind: "daily", Period: "2026-11-16", At: t0}, nil); err != nil {
		t.Fatal(err)
	}
	n, err := db.PruneReminders(ctx, next.Add(time.Second))
	if err != nil || n != 3 {
		t.Fatalf("pruned %d %v", n, err)
	}
	if counts, _ := db.OutboxCounts(ctx); counts["pending"] != 1 {
		t.Fatalf("pending pruned: %v", counts)
	}
}

func TestSubscriptionsAndMarks(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	s := storage.Subscription{TeamID: "A", Platform: "telegram", Channel: "-100", Kind: "weekly"}
	if ok, err := db.Subscribe(ctx, s); err != nil || !ok {
		t.Fatalf("subscribe %v %v", ok, err)
	}
	if ok, _ := db.Subscribe(ctx, s); ok {
		t.Fatal("subscribed twice")
	}
	s.Kind = "daily"
	db.Subscribe(ctx, s)
	if _, err := db.Subscribe(ctx, storage.Subscription{TeamID: "nope", Platform: "x", Channel: "y", Kind: "daily"}); goals.ErrorCode(err) != goals.ENotFound {
		t.Fatalf("unknown team: %v", err)
	}
	subs, _ := db.Subscriptions(ctx, "")
	if len(subs) != 2 {
		t.Fatalf("subs %+v", subs)
	}
	if n, _ := db.Unsubscribe(ctx, "A", "telegram", "-100", ""); n != 2 {
		t.Fatalf("unsubscribed %d", n)
	}

	if _, ok, err := db.SchedulerMark(ctx, "r"); ok || err != nil {
		t.Fatalf("mark before any: %v %v", ok, err)
	}
	if err := db.SetSchedulerMark(ctx, "r", t0); err != nil {
		t.Fatal(err)
	}
	db.SetSchedulerMark(ctx, "r", t0.Add(time.Minute))
	if at, ok, _ := db.SchedulerMark(ctx, "r"); !ok || !at.Equal(t0.Add(time.Minute)) {
		t.Fatalf("mark %v %v", at, ok)
	}
}

func TestDigestAggregatesBuckets(t *testing.T) {
	db := MustOpenDB(t)
	mustTeam(t, db, "A")
	g := mustGoal(t, db, newGoal("A", "alice"))
	lv := newGoal("A", "alice")
	lv.Kind, lv.Unit, lv.Baseline, lv.Target = goals.KindLevel, goals.UnitPercent, 1, 2
	mustGoal(t, db, lv)
	for i, amt := range []float64{1, 2, 3, 4, 5, 6, 7} { // Mon..Sun of 2026-W47
		mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: []string{"alice", "bob"}[i%2], Amount: amt, Day: goals.NewDate(2026, 11, 16+i)})
		mustLog(t, db, goals.Log{GoalID: lv.ID, TeamID: "A", User: "alice", Amount: 1 + amt/10, Day: goals.NewDate(2026, 11, 16+i)})
	}
	b := []goals.Date{goals.NewDate(2026, 11, 16), goals.NewDate(2026, 11, 18), goals.NewDate(2026, 11, 20)}
	aggs, err := db.DigestAggregates(ctx, []storage.AggWindow{
		{GoalID: g.ID, Lo: goals.NewDate(2026, 11, 17), Hi: goals.NewDate(2026, 11, 21), Buckets: b},
		{GoalID: lv.ID, Level: true, Lo: goals.NewDate(2026, 11, 16), Hi: goals.NewDate(2026, 11, 19), Buckets: b},
		{GoalID: 999, Lo: goals.NewDate(2026, 11, 16), Hi: goals.NewDate(2026, 11, 22), Buckets: b},
	})
	if err != nil {
		t.Fatal(err)
	}
	tot := aggs[0]
	if tot.Count != 5 || tot.Sum != 2+3+4+5+6 || tot.Buckets[0] != 1+2 || tot.Buckets[1] != 3+4 || tot.Buckets[2] != 5+6 {
		t.Errorf("total %+v", tot)
	}
	lev := aggs[1]
	// Level goals: the readings of the last two buckets only.
	if lev.Count != 4 || lev.Latest != 1.4 || lev.HasBucket[0] || lev.Buckets[1] != 1.4 || lev.Buckets[2] != 1.4 {
		t.Errorf("level %+v", lev)
	}
	if none := aggs[2]; none.Count != 0 || none.Buckets[0] != 0 {
		t.Errorf("unknown goal %+v", none)
	}
	cs, err := db.DigestContributions(ctx, []storage.ContribWindow{{GoalID: g.ID, Lo: b[0], Hi: goals.NewDate(2026, 11, 22)}})
	if err != nil || len(cs) != 2 || cs[0].User != "alice" || cs[0].Amount != 1+3+5+7 || cs[1].Amount != 2+4+6 {
		t.Errorf("contributions %+v %v", cs, err)
	}
	gs, err := db.DigestGoals(ctx, []string{"A"})
	if err != nil || len(gs) != 2 {
		t.Errorf("goals %d %v", len(gs), err)
	}
	if gs, _ := db.DigestGoals(ctx, []string{"B"}); len(gs) != 0 {
		t.Errorf("other team's goals: %d", len(gs))
	}
}
