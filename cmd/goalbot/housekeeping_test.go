package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// Housekeeping, run as the bot runs it (its runner, which prunes at start),
// deletes conversation state that has expired and event keys older than
// the retention, and keeps everything else.
func TestHousekeepingPrunesExpiredState(t *testing.T) {
	now := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	clock := goals.ClockFunc(func() time.Time { return now })
	path := filepath.Join(t.TempDir(), "goalbot.db")
	db, err := storage.Open(path, storage.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, p := range []goals.Pending{
		{TeamID: "acme", UserID: "expired", Kind: "dialogue", Expires: now.Add(-time.Minute)},
		{TeamID: "acme", UserID: "expires_now", Kind: "dialogue", Expires: now},
		{TeamID: "acme", UserID: "later", Kind: "dialogue", Expires: now.Add(time.Minute)},
		{TeamID: "acme", UserID: "never", Kind: "dialogue"},
	} {
		if err := db.PutPending(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for key, at := range map[string]time.Time{
		"old":    now.Add(-eventRetention - time.Second),
		"recent": now.Add(-eventRetention + time.Hour),
	} {
		if _, err := db.ClaimEvent(ctx, key, at); err != nil {
			t.Fatal(err)
		}
	}
	m := &Main{db: db, clock: clock, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- m.housekeeping().run(rctx) }()
	pendingLeft := func() map[string]bool {
		left := map[string]bool{}
		raw, err := openRaw(path, true)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		rows, err := raw.QueryContext(ctx, `SELECT user_id FROM pending`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var u string
			_ = rows.Scan(&u)
			left[u] = true
		}
		return left
	}
	waitFor(t, 10*time.Second, "the prune at start", func() bool { return !pendingLeft()["expired"] })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if left := pendingLeft(); len(left) != 2 || !left["later"] || !left["never"] {
		t.Errorf("pending state left: %v, want later and never", left)
	}
	// A claimed key is recognised again (ClaimEvent says not first) only if kept.
	for key, kept := range map[string]bool{"old": false, "recent": true} {
		first, err := db.ClaimEvent(ctx, key, now)
		if err != nil {
			t.Fatal(err)
		}
		if first == kept {
			t.Errorf("event %q: kept %v, want %v", key, !first, kept)
		}
	}
}
