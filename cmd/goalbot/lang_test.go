package main

import (
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
