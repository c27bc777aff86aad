package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden transcripts in testdata")

// otherScript lists the characters of s that only the other Chinese script
// writes: a zh-TW reply must hold no Simplified-only character, and back.
func otherScript(s, lang string) string {
	other := goals.LangZhCN
	if lang == goals.LangZhCN {
		other = goals.LangZhTW
	}
	var out []rune
	for _, r := range s {
		if goals.ChineseScript(string(r)) == other {
			out = append(out, r)
		}
	}
	return string(out)
}

// chineseSession runs a member's session through `goalbot send` and the
// team's scheduled digest through `goalbot digest`, checks that every
// reply is in lang and in its script, and compares the transcript with
// testdata/<name>.golden (go test ./cmd/goalbot -run Golden -update).
func chineseSession(t *testing.T, name, lang, team, user string, lines []string, extra ...string) {
	t.Helper()
	c := newCLI(t)
	var b strings.Builder
	for _, line := range lines {
		rep := c.send(user, team, line, extra...)
		if rep.Lang != lang {
			t.Errorf("%q answered in %s, want %s: %s", line, rep.Lang, lang, rep.Text)
		}
		if bad := otherScript(rep.Text, lang); bad != "" {
			t.Errorf("%q: reply in %s has characters of the other script %q: %s", line, lang, bad, rep.Text)
		}
		b.WriteString("> " + line + "\n" + rep.Text + "\n\n")
	}
	// The scheduled digest has no user to take a language from: it is in
	// the team's, which followed its members.
	out, errOut, err := c.run("digest", "--kind", "weekly", "--team", team, "--at", "2026-11-18T20:00:00+08:00")
	if err != nil {
		t.Fatalf("digest: %v %s", err, errOut)
	}
	title := map[string]string{goals.LangZhCN: "📊 周报", goals.LangZhTW: "📊 週報"}[lang]
	if !strings.HasPrefix(out, title) {
		t.Errorf("scheduled digest of a %s team is not in %s:\n%s", lang, lang, out)
	}
	if bad := otherScript(out, lang); bad != "" {
		t.Errorf("digest in %s has characters of the other script %q:\n%s", lang, bad, out)
	}
	b.WriteString("$ goalbot digest --kind weekly --team " + team + "\n" + out)
	path := filepath.Join("testdata", name+".golden")
	if *updateGolden {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/goalbot -run Golden -update writes it)", err)
	}
	if string(want) != b.String() {
		t.Errorf("transcript differs from %s:\n--- got\n%s\n--- want\n%s", path, b.String(), want)
	}
}

// A Traditional Chinese shop stays in Traditional Chinese through new,
// log, list, edit, progress, split, undo and digests, although most of
// its commands carry no Chinese at all (`/goal log #1 3000`); the goals
// the split writes are named in Traditional Chinese.
func TestGoldenZhTWSession(t *testing.T) {
	chineseSession(t, "zh_tw_session", goals.LangZhTW, "tw", "chen", []string{
		"/goal new 第四季營收達到90萬元",
		"/goal log #1 3000",
		"/goal 列表",
		"/goal list",
		"/goal 修改 #1 target=1000000",
		"/goal edit #1 taget=900000",
		"/goal progress #1",
		"/goal split #1 by month",
		"/goal log 5000",
		"/goal undo",
		"/goal log #2 0",
		"/goal team",
		"/goal digest",
		"/goal settings",
		"/goal help",
	}, "--role", "manager")
}

// A Simplified Chinese team: the same, and its scheduled digest (no
// team_lang was ever set) is Chinese because its members write Chinese.
func TestGoldenZhCNSession(t *testing.T) {
	chineseSession(t, "zh_cn_session", goals.LangZhCN, "local", "wang", []string{
		"/goal new 本月销售额达到5万元",
		"/goal log #1 1200",
		"/goal list",
		"/goal edit #1 target=60000",
		"/goal progres #1",
		"/goal progress #1",
		"/goal split #1 by week",
		"/goal log 800",
		"/goal undo",
		"/goal log 1",
		"/goal digest",
		"/goal settings",
	})
}

// export and digest only read: a database file that does not exist is
// refused (non-zero exit, a clear message) and not created.
func TestReadOnlyCommandsRefuseMissingDB(t *testing.T) {
	for _, args := range [][]string{{"export"}, {"export", "--format", "json"}, {"digest", "--kind", "weekly"}} {
		c := newCLI(t)
		c.db = filepath.Join(t.TempDir(), "mistyped.db")
		out, errOut, err := c.run(args...)
		if err == nil || out != "" || !strings.Contains(errOut, "no database at "+c.db) {
			t.Errorf("%v: err %v, stdout %q, stderr %q", args, err, out, errOut)
		}
		if _, err := os.Stat(c.db); !os.IsNotExist(err) {
			t.Errorf("%v created %s", args, c.db)
		}
	}
}

// The terminal's user manages its local team: team goals and export work
// without any setup; --role member is a plain member.
func TestConsoleUserIsManager(t *testing.T) {
	c := newCLI(t)
	console := func(input string, args ...string) string {
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return c.env[k] }}
		if err := m.Run(context.Background(), append([]string{"--db", c.db, "--now", c.now, "console"}, args...)); err != nil {
			t.Fatalf("console: %v %s", err, errb.String())
		}
		return out.String()
	}
	out := console("/goal new team Q4 revenue 115,000 by end of Q4\n/goal export\n")
	if strings.Contains(out, "Only a team manager") || !strings.Contains(out, "Created goal #1") || !strings.Contains(out, "Export of local") {
		t.Fatalf("console user is not the manager:\n%s", out)
	}
	out = console("/goal export\n", "--user", "bob", "--role", "member")
	if !strings.Contains(out, "Only a team manager") {
		t.Fatalf("--role member exported:\n%s", out)
	}
}

// The README tells a newcomer how to get the binary and links the contract,
// which is in the repository (no reference to a spec users cannot see) and
// names every chat command, its Chinese names and every subcommand.
func TestDocsContract(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	contract, err := os.ReadFile(filepath.Join("..", "..", "docs", "contract.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go build -o goalbot ./cmd/goalbot", "go install ./cmd/goalbot", "(docs/contract.md)", "team_lang"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	for _, doc := range []struct {
		name string
		text []byte
	}{{"README.md", readme}, {"docs/contract.md", contract}} {
		if strings.Contains(string(doc.text), "SPEC §") {
			t.Errorf("%s cites a SPEC that is not in the repository", doc.name)
		}
	}
	c := newCLI(t)
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(k string) string { return c.env[k] }, dbPath: c.db}
	if err := m.setup(true); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, cmd := range m.engine().Commands() {
		if !strings.Contains(string(contract), "/goal "+cmd.Name) {
			t.Errorf("docs/contract.md does not describe /goal %s", cmd.Name)
		}
		chinese := false
		for _, a := range cmd.Aliases {
			if goals.HasHan(a) {
				chinese = true
				if !strings.Contains(string(contract), a) {
					t.Errorf("docs/contract.md does not name %s's alias %s", cmd.Name, a)
				}
			}
		}
		if !chinese {
			t.Errorf("/goal %s has no Chinese name", cmd.Name)
		}
	}
	for _, sub := range []string{"goalbot console", "goalbot send", "goalbot smart", "goalbot digest", "goalbot export", "goalbot backup", "goalbot doctor", "goalbot version"} {
		if !strings.Contains(string(contract), sub) || !strings.Contains(usage, sub) {
			t.Errorf("%s missing from the contract or the usage", sub)
		}
	}
}

// The README's first session is what `goalbot console` prints: its lines,
// typed into the real command (with the clock the README pins), give the
// replies of the golden file the README shows.
func TestReadmeSessionInRealConsole(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("..", "..", "bot", "console", "testdata", "first_session.golden"))
	if err != nil {
		t.Fatal(err)
	}
	var input, want strings.Builder
	for _, block := range strings.Split(strings.TrimPrefix(string(golden), "> "), "\n\n> ") {
		line, reply, _ := strings.Cut(block, "\n")
		input.WriteString(line + "\n")
		want.WriteString(strings.TrimRight(reply, "\n") + "\n")
	}
	c := newCLI(t)
	c.now = "2026-11-16T09:00:00+08:00"
	c.env["USER"] = "alice"
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(input.String()), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return c.env[k] }}
	if err := m.Run(context.Background(), []string{"--db", c.db, "--now", c.now, "console"}); err != nil {
		t.Fatalf("console: %v %s", err, errb.String())
	}
	if out.String() != want.String() {
		t.Errorf("goalbot console prints another session than the README's:\n--- got\n%s\n--- want\n%s", out.String(), want.String())
	}
}
