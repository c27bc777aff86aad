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
	// As `goalbot console` runs it: the person at the keyboard manages team local.
	c := &console.Console{Engine: eng, UserID: "alice", Role: goals.RoleManager, Out: &out}
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

// The first session of the README (its transcript is this golden file, see
// TestReadmeTranscript), as `goalbot --now 2026-11-16T09:00:00+08:00
// console` prints it.
var firstSession = []string{
	"/goal new Book 20 demos by Friday",
	"/goal log 3 demos",
	"2",
	"a",
	"4 demos",
	"/goal lgo 1 demo",
	"/goal list",
	"/goal progress",
	"/goal new grow sales",
	"to 50000",
	"end of month",
	"/goal log #2 1,200.50",
	"/goal edit #1 target=25 taget=30",
	"/goal edit #1 target=25 stretch=30",
	"/goal new team Q4 revenue 115,000 by end of Q4",
	"/goal split #3 by month",
	"/goal 新建 每周销售额达到5万元",
	"/goal log #6 1.2万",
	"/goal list",
	"/goal settings lang=zh-TW",
	"/goal progress #1",
}

func TestFirstSession(t *testing.T) {
	// One instant for every line: the real console, started with --now,
	// answers them all within a second of it (TestReadmeSessionInRealConsole).
	var at []string
	for range firstSession {
		at = append(at, "2026-11-16T09:00:00+08:00")
	}
	golden(t, "first_session", session(t, firstSession, at))
}

// The README shows the first session exactly as the console prints it.
func TestReadmeTranscript(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- first-session: bot/console/testdata/first_session.golden -->\n```text\n", "```\n<!-- end first-session -->"
	_, rest, ok := strings.Cut(string(readme), begin)
	block, _, ok2 := strings.Cut(rest, end)
	if !ok || !ok2 {
		t.Fatalf("README.md has no block between %q and %q", begin, end)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "first_session.golden"))
	if err != nil {
		t.Fatal(err)
	}
	header := "$ goalbot --db first.db --now 2026-11-16T09:00:00+08:00 console\n"
	if block != header+string(want) {
		t.Errorf("README.md's first session differs from testdata/first_session.golden; paste the golden file after the line %q", header)
	}
}
