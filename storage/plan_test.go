package storage_test

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// TestQueryPlans pins the hot statements to index searches: no full scan of
// logs or goals, and no sort, whatever the table sizes.
func TestQueryPlans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := storagetest.OpenRaw(t, path)
	if len(storage.HotQueries) == 0 {
		t.Fatal("no hot queries to check")
	}
	for name, q := range storage.HotQueries {
		var args []any
		switch {
		case strings.Contains(q, ":team"):
			args = []any{sql.Named("team", "A"), sql.Named("goal", 1), sql.Named("lo", ""), sql.Named("hi", "9999-99-99")}
		default:
			for range strings.Count(q, "?") {
				args = append(args, "x")
			}
		}
		rows, err := raw.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// No plan, or one without an index or key search, proves nothing.
		if !slices.ContainsFunc(plan, func(l string) bool { return strings.HasPrefix(l, "SEARCH ") && strings.Contains(l, " USING ") }) {
			t.Errorf("%s: no index search in the plan %q", name, plan)
		}
		for _, line := range plan {
			// Scanning the one-row subquery results of Stats is fine.
			if strings.HasPrefix(line, "SCAN ") && !strings.HasPrefix(line, "SCAN agg") && !strings.HasPrefix(line, "SCAN latest") && !strings.HasPrefix(line, "SCAN earliest") {
				t.Errorf("%s: full scan: %s", name, line)
			}
			// Contributions sorts its per-user groups, not logs.
			if strings.Contains(line, "TEMP B-TREE") && name != "contrib" {
				t.Errorf("%s: sort: %s", name, line)
			}
		}
		if t.Failed() {
			t.Logf("%s plan:\n%s", name, strings.Join(plan, "\n"))
		}
	}
}
