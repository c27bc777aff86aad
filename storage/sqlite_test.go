package storage_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

func clockAt(t time.Time) storage.Option {
	return storage.WithClock(goals.ClockFunc(func() time.Time { return t }))
}

func TestOpen_MigratesFromEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := storage.Open(path, clockAt(t0))
	if err != nil {
		t.Fatal(err)
	}
	latest := len(realMigrations(t))
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != latest {
		t.Fatalf("schema version %d, %v; want %d", v, err, latest)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Re-open later: nothing is applied again (applied_at keeps the first stamp).
	db, err = storage.Open(path, clockAt(t0.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != latest {
		t.Fatalf("schema version after reopen %d", v)
	}
	raw := storagetest.OpenRaw(t, path)
	var n int
	var at int64
	if err := raw.QueryRow(`SELECT COUNT(*), MAX(applied_at) FROM schema_migrations`).Scan(&n, &at); err != nil {
		t.Fatal(err)
	}
	if n != latest || at != t0.UnixNano() {
		t.Fatalf("schema_migrations: %d rows, applied_at %v; want %d rows at %v", n, time.Unix(0, at).UTC(), latest, t0)
	}
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q, %v", mode, err)
	}
}

func TestOpen_NewMigrationAppliedOnce(t *testing.T) {
	v1 := realMigrations(t)
	v2 := realMigrations(t)
	v2[fmt.Sprintf("%04d_extra.sql", len(v1)+1)] = &fstest.MapFile{Data: []byte(`CREATE TABLE extra (id INTEGER PRIMARY KEY); INSERT INTO extra (id) VALUES (1);`)}
	path := filepath.Join(t.TempDir(), "g.db")
	for i, fsys := range []fstest.MapFS{v1, v2, v2} {
		db, err := storage.Open(path, storage.WithMigrationsFS(fsys))
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		db.Close()
	}
	var n int
	// A second application would have failed on CREATE TABLE or added a row.
	if err := storagetest.OpenRaw(t, path).QueryRow(`SELECT COUNT(*) FROM extra`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("extra rows %d, %v", n, err)
	}

	// An older program refuses a newer file.
	if _, err := storage.Open(path, storage.WithMigrationsFS(v1)); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("open newer schema with old migrations: %v", err)
	}
}

func TestOpen_FailedMigrationRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	bad := realMigrations(t)
	latest := len(bad)
	badName := fmt.Sprintf("%04d_bad.sql", latest+1)
	bad[badName] = &fstest.MapFile{Data: []byte(`CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table;`)}
	if _, err := storage.Open(path, storage.WithMigrationsFS(bad)); err == nil || !strings.Contains(err.Error(), badName) {
		t.Fatalf("want error naming %s, got %v", badName, err)
	}
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != latest {
		t.Fatalf("version %d after failed migration, want %d", v, latest)
	}
	var n int
	if err := storagetest.OpenRaw(t, path).QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("table of failed migration left behind: %d %v", n, err)
	}
}

// A table rebuild (SQLite's documented ALTER procedure) drops the parent
// table; with foreign keys on during migrations that would cascade into
// members, goals and logs.
func TestOpen_RebuildMigrationKeepsChildren(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustTeam(t, db, "A")
	if _, _, err := db.EnsureMember(ctx, goals.Member{TeamID: "A", UserID: "alice"}); err != nil {
		t.Fatal(err)
	}
	g := mustGoal(t, db, newGoal("A", "alice"))
	mustLog(t, db, goals.Log{GoalID: g.ID, TeamID: "A", User: "alice", Amount: 2})
	db.Close()

	rebuild := realMigrations(t)
	n := len(rebuild)
	rebuildName := fmt.Sprintf("%04d_rebuild_teams.sql", n+1)
	rebuild[rebuildName] = &fstest.MapFile{Data: []byte(`
			CREATE TABLE teams_new (
				id TEXT PRIMARY KEY CHECK (id <> ''), name TEXT NOT NULL DEFAULT '', tz TEXT NOT NULL DEFAULT '',
				lang TEXT NOT NULL DEFAULT '', daily_at TEXT NOT NULL DEFAULT '', weekly_at TEXT NOT NULL DEFAULT '',
				workdays INTEGER NOT NULL DEFAULT 0, plan TEXT NOT NULL DEFAULT 'free'
			) STRICT;
			INSERT INTO teams_new (id, name, tz, lang, daily_at, weekly_at, workdays)
				SELECT id, name, tz, lang, daily_at, weekly_at, workdays FROM teams;
			DROP TABLE teams;
			ALTER TABLE teams_new RENAME TO teams;`)}
	db, err = storage.Open(path, storage.WithMigrationsFS(rebuild))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if on, err := storage.ForeignKeysOn(db); err != nil || !on {
		t.Fatalf("foreign keys after migrating: %v %v", on, err)
	}
	if _, err := db.Member(ctx, "A", "alice"); err != nil {
		t.Fatalf("member lost in rebuild: %v", err)
	}
	if s, err := db.Stats(ctx, "A", g.ID, goals.Date{}, goals.Date{}); err != nil || s.Sum != 2 {
		t.Fatalf("logs lost in rebuild: %+v %v", s, err)
	}

	// A migration that leaves dangling references is refused.
	bad := fstest.MapFS{}
	for k, v := range rebuild {
		bad[k] = v
	}
	bad[fmt.Sprintf("%04d_dangling.sql", n+2)] = &fstest.MapFile{Data: []byte(`INSERT INTO members (team_id, user_id) VALUES ('nope', 'x');`)}
	db.Close()
	if _, err := storage.Open(path, storage.WithMigrationsFS(bad)); err == nil || !strings.Contains(err.Error(), "foreign key") {
		t.Fatalf("dangling migration: %v", err)
	}
}

func TestOpen_PathNeedsEscaping(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a dir?x=1#frag%20")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "my goals?.db")
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustTeam(t, db, "local")
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the exact path: %v", err)
	}
	db, err = storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Team(ctx, "local"); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_RefusesMemory(t *testing.T) {
	for _, p := range []string{"", ":memory:", "file:x.db"} {
		if db, err := storage.Open(p); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

// realMigrations is the embedded migrations as a MapFS, to extend in tests.
func realMigrations(t *testing.T) fstest.MapFS {
	t.Helper()
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("migrations", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = &fstest.MapFile{Data: data}
	}
	return out
}

// A file at schema version 3 (before team holidays) gains the column on
// open; its teams keep their settings and read no holidays.
func TestOpen_MigratesVersion3ToHolidays(t *testing.T) {
	v3 := realMigrations(t)
	for name := range v3 {
		if name >= "0004" {
			delete(v3, name)
		}
	}
	if len(v3) != 3 {
		t.Fatalf("%d migrations before 0004, want 3", len(v3))
	}
	path := filepath.Join(t.TempDir(), "g.db")
	old, err := storage.Open(path, storage.WithMigrationsFS(v3))
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	raw := storagetest.OpenRaw(t, path)
	if _, err := raw.Exec(`INSERT INTO teams (id, name, tz, workdays) VALUES ('slack:T1', 'Sales', 'Asia/Shanghai', 31)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	team, err := db.Team(context.Background(), "slack:T1")
	if err != nil || team.Name != "Sales" || team.TZ != "Asia/Shanghai" || team.Workdays != 31 || team.Holidays != nil {
		t.Fatalf("migrated team %+v, %v", team, err)
	}
	hol := []goals.DateRange{{From: goals.NewDate(2026, 12, 24), To: goals.NewDate(2026, 12, 26)}}
	if _, err := db.UpdateTeam(context.Background(), "slack:T1", func(t *goals.Team) error { t.Holidays = hol; return nil }); err != nil {
		t.Fatal(err)
	}
	if team, err := db.Team(context.Background(), "slack:T1"); err != nil || !reflect.DeepEqual(team.Holidays, hol) {
		t.Fatalf("holidays after migration %+v, %v", team.Holidays, err)
	}
	var v int
	if err := storagetest.OpenRaw(t, path).QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil || v != len(realMigrations(t)) {
		t.Fatalf("schema version %d, %v; want %d", v, err, len(realMigrations(t)))
	}
}

// Managers from before roles had a source (migration 0007) count as named
// by a manager: the platform's word does not demote them.
func TestOpen_MigratesRoleGranted(t *testing.T) {
	v6 := realMigrations(t)
	for name := range v6 {
		if name >= "0007" {
			delete(v6, name)
		}
	}
	path := filepath.Join(t.TempDir(), "g.db")
	old, err := storage.Open(path, storage.WithMigrationsFS(v6))
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	raw := storagetest.OpenRaw(t, path)
	for _, q := range []string{
		`INSERT INTO teams (id) VALUES ('tg:-1')`,
		`INSERT INTO members (team_id, user_id, role) VALUES ('tg:-1', 'boss', 'manager'), ('tg:-1', 'rep', 'member')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := db.Members(context.Background(), "tg:-1")
	if err != nil || len(ms) != 2 || !ms[0].RoleGranted || ms[1].RoleGranted {
		t.Fatalf("members after migration: %+v %v", ms, err)
	}
}
