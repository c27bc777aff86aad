package storage_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// The month a team's fiscal year starts survives a write and a re-open;
// January, the default, reads back as 0.
func TestTeamFiscalStartRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := storage.Open(path, clockAt(t0))
	if err != nil {
		t.Fatal(err)
	}
	if tm, err := db.EnsureTeam(ctx, goals.Team{ID: "shop", TZ: "Asia/Shanghai", FiscalStart: time.April}); err != nil || tm.FiscalStart != time.April {
		t.Fatalf("ensure: %v %v", tm.FiscalStart, err)
	}
	if _, err := db.UpdateTeam(ctx, "shop", func(t *goals.Team) error { t.FiscalStart = time.July; return nil }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = storage.Open(path, clockAt(t0))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if tm, err := db.Team(ctx, "shop"); err != nil || tm.FiscalStart != time.July {
		t.Fatalf("after re-open: %v %v", tm.FiscalStart, err)
	}
	if tm, err := db.EnsureTeam(ctx, goals.Team{ID: "plain"}); err != nil || tm.FiscalStart != 0 {
		t.Fatalf("default: %v %v", tm.FiscalStart, err)
	}
}
