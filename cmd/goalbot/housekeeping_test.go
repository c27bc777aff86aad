package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

func TestPruneForgetsOldEventsAndExpiredState(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	db, err := storage.Open(filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	m := &Main{db: db, clock: goals.ClockFunc(func() time.Time { return now }), log: newLogger(io.Discard, "", "")}
	for key, at := range map[string]time.Time{"old": now.Add(-8 * 24 * time.Hour), "recent": now.Add(-time.Hour)} {
		if _, err := db.ClaimEvent(ctx, key, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.EnsureTeam(ctx, goals.Team{ID: "local"}); err != nil {
		t.Fatal(err)
	}
	for kind, exp := range map[string]time.Time{"gone": now.Add(-time.Minute), "kept": now.Add(time.Hour)} {
		if err := db.PutPending(ctx, goals.Pending{TeamID: "local", UserID: "u", Kind: kind, Data: []byte("{}"), Expires: exp}); err != nil {
			t.Fatal(err)
		}
	}
	m.prune(ctx)
	if seen, _ := db.EventSeen(ctx, "old"); seen {
		t.Error("an 8-day-old event key was kept")
	}
	if seen, _ := db.EventSeen(ctx, "recent"); !seen {
		t.Error("a recent event key was pruned: a redelivery would act twice")
	}
	if _, err := db.Pending(ctx, "local", "u", "kept", now); err != nil {
		t.Errorf("live state pruned: %v", err)
	}
}
