package storage_test

import (
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

func TestPending(t *testing.T) {
	db := MustOpenDB(t)
	p := goals.Pending{TeamID: "A", UserID: "alice", Kind: "rewrite", Data: []byte(`{"v":1}`), Expires: t0.Add(10 * time.Minute)}
	if err := db.PutPending(ctx, p); err != nil {
		t.Fatal(err)
	}
	t.Run("BeforeExpiry", func(t *testing.T) {
		got, err := db.Pending(ctx, "A", "alice", "rewrite", t0.Add(9*time.Minute))
		if err != nil || string(got.Data) != `{"v":1}` || !got.Expires.Equal(p.Expires) || got.Kind != "rewrite" {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("AtExpiryGone", func(t *testing.T) {
		_, err := db.Pending(ctx, "A", "alice", "rewrite", p.Expires)
		if goals.ErrorCode(err) != goals.ENotFound {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("OtherKindOrTeam", func(t *testing.T) {
		for _, k := range [][3]string{{"A", "alice", "dialogue"}, {"B", "alice", "rewrite"}, {"A", "bob", "rewrite"}} {
			if _, err := db.Pending(ctx, k[0], k[1], k[2], t0); goals.ErrorCode(err) != goals.ENotFound {
				t.Fatalf("%v: %v", k, err)
			}
		}
	})
	t.Run("Replace", func(t *testing.T) {
		p2 := p
		p2.Data, p2.Expires = []byte(`{"v":2}`), time.Time{} // zero: never expires
		if err := db.PutPending(ctx, p2); err != nil {
			t.Fatal(err)
		}
		got, err := db.Pending(ctx, "A", "alice", "rewrite", t0.Add(1000*time.Hour))
		if err != nil || string(got.Data) != `{"v":2}` || !got.Expires.IsZero() {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("FarFutureExpiry", func(t *testing.T) {
		far := goals.Pending{TeamID: "A", UserID: "carol", Kind: "k", Expires: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := db.PutPending(ctx, far); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Pending(ctx, "A", "carol", "k", t0); err != nil {
			t.Fatalf("year-9999 expiry treated as expired: %v", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := db.DeletePending(ctx, "A", "alice", "rewrite"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Pending(ctx, "A", "alice", "rewrite", t0); goals.ErrorCode(err) != goals.ENotFound {
			t.Fatalf("err %v", err)
		}
		if err := db.DeletePending(ctx, "A", "alice", "rewrite"); err != nil {
			t.Fatalf("delete absent: %v", err)
		}
	})
	t.Run("Prune", func(t *testing.T) {
		for i, exp := range []time.Time{t0.Add(-time.Minute), t0.Add(time.Minute), {}} {
			if err := db.PutPending(ctx, goals.Pending{TeamID: "A", UserID: "u", Kind: string(rune('a' + i)), Expires: exp}); err != nil {
				t.Fatal(err)
			}
		}
		n, err := db.PrunePending(ctx, t0)
		if err != nil || n != 1 {
			t.Fatalf("pruned %d, %v", n, err)
		}
		if _, err := db.Pending(ctx, "A", "u", "b", t0); err != nil {
			t.Fatalf("live state pruned: %v", err)
		}
	})
}

func TestClaimEvent(t *testing.T) {
	db := MustOpenDB(t)
	first, err := db.ClaimEvent(ctx, "slack:Ev1", t0)
	if err != nil || !first {
		t.Fatalf("first claim: %v %v", first, err)
	}
	first, err = db.ClaimEvent(ctx, "slack:Ev1", t0.Add(time.Second))
	if err != nil || first {
		t.Fatalf("second claim: %v %v", first, err)
	}
	if first, _ := db.ClaimEvent(ctx, "slack:Ev2", t0.Add(time.Hour)); !first {
		t.Fatal("other key not first")
	}
	n, err := db.PruneEvents(ctx, t0.Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	if first, _ := db.ClaimEvent(ctx, "slack:Ev1", t0.Add(2*time.Hour)); !first {
		t.Fatal("pruned key still claimed")
	}
	if first, _ := db.ClaimEvent(ctx, "slack:Ev2", t0.Add(2*time.Hour)); first {
		t.Fatal("kept key claimed twice")
	}
	_, err = db.ClaimEvent(ctx, "", t0)
	wantReason(t, err, "event_key_required")
}
