package console_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/console"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

var update = flag.Bool("update", false, "rewrite golden files")

// session runs lines through a console on a fresh database, at the given
// instants (one per line), and returns the transcript.
func session(t *testing.T, lines []string, at []string) string {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var now time.Time
	clock := goals.ClockFunc(func() time.Time { return now })
	svc := &goals.Service{Store: db, Clock: clock, DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	eng := bot.NewEngine(svc)
	var out bytes.Buffer
	c := &console.Console{Engine: eng, UserID: "alice", Out: &out}
	var transcript strings.Builder
	for i, line := range lines {
		now, err = time.Parse(time.RFC3339, at[i])
		if err != nil {
			t.Fatal(err)
		}
		out.Reset()
		c.In = strings.NewReader(line + "\n")
		if err := c.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		transcript.WriteString("> " + line + "\n" + out.String() + "\n")
	}
	return transcript.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/console -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("transcript differs from %s (go test ./bot/console -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestFirstSession(t *testing.T) {
	steps := []struct{ at, line string }{
		{"2026-11-16T09:00:00+08:00", "help"},
		{"2026-11-16T09:01:00+08:00", "/goal new Book 20 demos by Friday"},
		{"2026-11-16T17:00:00+08:00", "/goal log 3 demos"},
		{"2026-11-16T17:01:00+08:00", "2"},
		{"2026-11-17T17:00:00+08:00", "4 demos"},
		{"2026-11-17T17:05:00+08:00", "/goal list"},
		{"2026-11-17T17:06:00+08:00", "/goal progress"},
		{"2026-11-17T17:07:00+08:00", "/goal undo"},
		{"2026-11-17T17:08:00+08:00", "/goal new grow sales"},
		{"2026-11-17T17:09:00+08:00", "to 50000"},
		{"2026-11-17T17:10:00+08:00", "end of month"},
		{"2026-11-17T17:11:00+08:00", "/goal 新建 每周销售额达到5万元"},
		{"2026-11-17T17:12:00+08:00", "/goal log revenue ¥1.2万"},
		{"2026-11-17T17:13:00+08:00", "/goal log #9 3"},
		{"2026-11-17T17:14:00+08:00", "/goal edit #1 target=25 stretch=30"},
		{"2026-11-17T17:15:00+08:00", "/goal settings lang=zh-TW"},
		{"2026-11-17T17:16:00+08:00", "/goal list"},
	}
	var lines, at []string
	for _, s := range steps {
		lines = append(lines, s.line)
		at = append(at, s.at)
	}
	golden(t, "first_session", session(t, lines, at))
}
