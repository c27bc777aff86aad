package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// cli runs goalbot in-process against one database file with a pinned clock.
type cli struct {
	t   *testing.T
	db  string
	now string
	env map[string]string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{t: t, db: filepath.Join(t.TempDir(), "goalbot.db"), now: "2026-11-16T09:00:00+08:00",
		env: map[string]string{"USER": "alice", "GOALBOT_TZ": "Asia/Shanghai"}}
}

func (c *cli) run(args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return c.env[k] }}
	full := append([]string{"--db", c.db}, args...)
	if c.now != "" {
		full = append([]string{"--now", c.now}, full...)
	}
	err = m.Run(context.Background(), full)
	return out.String(), errb.String(), err
}

// send runs `goalbot send --json` and decodes the reply.
func (c *cli) send(user, team, text string, extra ...string) bot.Reply {
	c.t.Helper()
	args := append([]string{"send", "--json", "--user", user, "--team", team}, extra...)
	out, errOut, err := c.run(append(args, text)...)
	var rep bot.Reply
	if jerr := json.Unmarshal([]byte(out), &rep); jerr != nil {
		c.t.Fatalf("send %q: bad JSON %q (stderr %q): %v", text, out, errOut, jerr)
	}
	if rep.OK != (err == nil) {
		c.t.Fatalf("send %q: ok=%v but exit err=%v", text, rep.OK, err)
	}
	return rep
}

func (c *cli) mustOK(user, team, text string, extra ...string) bot.Reply {
	c.t.Helper()
	rep := c.send(user, team, text, extra...)
	if !rep.OK {
		c.t.Fatalf("send %q: refused: %+v", text, rep.Error)
	}
	return rep
}

// snapshot is every goal and log in the database, to prove a refused command changed nothing.
func (c *cli) snapshot() (gs []goals.Goal, ls []goals.Log) {
	c.t.Helper()
	db, err := storage.Open(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	teams, err := db.Teams(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, t := range teams {
		g, err := db.Goals(ctx, goals.GoalFilter{TeamID: t.ID, States: []goals.State{goals.StateActive, goals.StateDone, goals.StateArchived}})
		if err != nil {
			c.t.Fatal(err)
		}
		gs = append(gs, g...)
	}
	ls, err = db.Logs(ctx, goals.LogFilter{})
	if err != nil {
		c.t.Fatal(err)
	}
	return gs, ls
}

func TestSendJSONContract(t *testing.T) {
	c := newCLI(t)
	// Monday 2026-11-16, Asia/Shanghai: "by Friday" is 2026-11-20.
	rep := c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	if len(rep.Goals) != 1 {
		t.Fatalf("new: want one goal, got %+v", rep)
	}
	g := rep.Goals[0]
	if g.Target != 20 || g.Metric != "demos" || g.Deadline.String() != "2026-11-20" || g.Unit != "count" || g.Kind != goals.KindTotal || g.Scope != goals.ScopeIndividual {
		t.Fatalf("new: got %+v", g)
	}
	if g.Start.String() != "2026-11-16" || g.Owner != "alice" || g.Status == "" {
		t.Fatalf("new: got %+v", g)
	}
	if len(rep.Buttons) == 0 {
		t.Errorf("new: want quick-log buttons")
	}

	// The raw JSON has exactly the contract's keys.
	out, _, err := c.run("send", "--json", "--user", "alice", "--team", "acme", "/goal list")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"ok", "lang", "text", "goals", "buttons", "error"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("reply lacks %q: %s", k, out)
		}
	}
	goal := raw["goals"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "owner", "scope", "metric", "unit", "kind", "direction", "baseline",
		"target", "stretch", "current", "percent", "start", "deadline", "cadence", "status", "required_rate",
		"required_per", "projection", "parent", "tags", "contributions"} {
		if _, ok := goal[k]; !ok {
			t.Errorf("goal lacks %q: %s", k, out)
		}
	}

	// Log with the metric word; then implicitly (one goal).
	c.now = "2026-11-17T18:00:00+08:00"
	rep = c.mustOK("alice", "acme", "/goal log 3 demos")
	if rep.Goals[0].Current != 3 || rep.Goals[0].Percent != 15 {
		t.Fatalf("log: got %+v", rep.Goals[0])
	}
	if !strings.Contains(rep.Text, "Logged 3 demos. 3/20 (15%)") {
		t.Errorf("log text: %q", rep.Text)
	}
	rep = c.mustOK("alice", "acme", "/log 2")
	if rep.Goals[0].Current != 5 {
		t.Fatalf("implicit log: got %+v", rep.Goals[0])
	}

	// Undo removes the last one and says what it removed.
	rep = c.mustOK("alice", "acme", "/goal undo")
	if rep.Goals[0].Current != 3 || !strings.Contains(rep.Text, "2") {
		t.Fatalf("undo: got %q %+v", rep.Text, rep.Goals[0])
	}

	// Progress: pace and required rate. Tue 18:00: 2 of 5 working days elapsed,
	// 17 left over the 4 working days Tue..Fri counting today.
	rep = c.mustOK("alice", "acme", "/goal progress #1")
	p := rep.Goals[0]
	if p.RequiredPer != "day" || p.RequiredRate <= 0 || p.Status == "" {
		t.Fatalf("progress: got %+v", p)
	}
	if !strings.Contains(rep.Text, "/day") {
		t.Errorf("progress text lacks the required rate: %q", rep.Text)
	}
}

func TestSendChinese(t *testing.T) {
	c := newCLI(t)
	rep := c.mustOK("wang", "shop", "/goal 新建 本月销售额达到5万元")
	g := rep.Goals[0]
	if rep.Lang != "zh-CN" || g.Target != 50000 || g.Unit != "CNY" || g.Metric != "revenue" || g.Deadline.String() != "2026-11-30" {
		t.Fatalf("zh new: lang %s goal %+v", rep.Lang, g)
	}
	rep = c.mustOK("wang", "shop", "/goal 记录 1.2万")
	if rep.Goals[0].Current != 12000 || !strings.Contains(rep.Text, "已记录") {
		t.Fatalf("zh log: %q %+v", rep.Text, rep.Goals[0])
	}
	rep = c.mustOK("chen", "tw", "/goal 新建 本週五前完成20筆交易")
	g = rep.Goals[0]
	if rep.Lang != "zh-TW" || g.Target != 20 || g.Metric != "deals" || g.Deadline.String() != "2026-11-20" {
		t.Fatalf("zh-TW new: lang %s goal %+v", rep.Lang, g)
	}
	rep = c.mustOK("chen", "tw", "/goal 記錄 ５筆")
	if rep.Goals[0].Current != 5 {
		t.Fatalf("zh-TW full-width log: %+v", rep.Goals[0])
	}
}

func TestSendRefusalsChangeNothing(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	c.mustOK("alice", "acme", "/goal log 3")
	c.mustOK("wang", "shop", "/goal new 本月销售额达到5万元")

	cases := []struct {
		user, team, text, code string
	}{
		{"alice", "acme", "/goal log abc", "missing_amount"},
		{"alice", "acme", "/goal log 1.2.3.4x", "bad_amount"},
		{"alice", "acme", "/goal log -5", "negative_amount"},
		{"alice", "acme", "/goal log 1e400", "amount_too_large"},
		{"alice", "acme", "/goal log 99999999999999999", "amount_too_large"},
		{"alice", "acme", "/goal log #99 3", "goal_not_found"},
		{"bob", "acme", "/goal log #1 3", "not_your_goal"},
		{"bob", "acme", "/goal edit #1 target=1", "not_your_goal"},
		{"mallory", "evil", "/goal log #1 3", "goal_not_found"},
		{"mallory", "evil", "/goal progress #1", "goal_not_found"},
		{"mallory", "evil", "/goal edit #1 target=1", "goal_not_found"},
		{"alice", "acme", "/goal frobnicate", "unknown_command"},
		{"alice", "acme", "/goal edit #1 target=-3", "negative_amount"},
		{"alice", "acme", "/goal edit #1 colour=red", "bad_edit"},
		{"alice", "acme", "/goal settings tz=Mars/Olympus", "bad_tz"},
		{"alice", "acme", "/goal log 3 '; DROP TABLE logs; --", ""},
		{"wang", "shop", "/goal 记录 abc", "missing_amount"},
		{"bob", "acme", "/goal role alice member", "managers_only"},
		{"alice", "acme", "/goal log " + strings.Repeat("x", 10*1024), "input_too_long"},
	}
	for _, tc := range cases {
		t.Run(tc.text[:min(len(tc.text), 40)], func(t *testing.T) {
			beforeG, beforeL := c.snapshot()
			rep := c.send(tc.user, tc.team, tc.text)
			if tc.code == "" { // SQL meta-characters are just a note
				if !rep.OK {
					t.Fatalf("refused: %+v", rep.Error)
				}
				_, ls := c.snapshot()
				if got := ls[len(ls)-1].Note; got != "'; DROP TABLE logs; --" {
					t.Fatalf("note stored as %q", got)
				}
				c.mustOK("alice", "acme", "/goal undo")
				return
			}
			if rep.OK || rep.Error == nil || rep.Error.Code != tc.code {
				t.Fatalf("want refusal %q, got ok=%v %+v", tc.code, rep.OK, rep.Error)
			}
			if rep.Error.Message == "" || strings.Contains(rep.Error.Message, "goroutine") {
				t.Fatalf("bad message %q", rep.Error.Message)
			}
			afterG, afterL := c.snapshot()
			if !reflect.DeepEqual(beforeG, afterG) || !reflect.DeepEqual(beforeL, afterL) {
				t.Fatalf("refused command changed the database")
			}
		})
	}
	// The unknown command points at help, in the user's language.
	rep := c.send("wang", "shop", "/goal 乱码命令")
	if rep.OK || !strings.Contains(rep.Error.Message, "帮助") {
		t.Fatalf("zh unknown command: %+v", rep.Error)
	}
	rep = c.send("alice", "acme", "/goal frobnicate")
	if !strings.Contains(rep.Error.Message, "/goal help") {
		t.Fatalf("unknown command lacks a pointer to help: %+v", rep.Error)
	}
}

func TestSendTeamsIsolated(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	rep := c.mustOK("mallory", "evil", "/goal list team")
	if len(rep.Goals) != 0 {
		t.Fatalf("other team sees goals: %+v", rep.Goals)
	}
	rep = c.send("mallory", "evil", "/goal list alice")
	if rep.OK || rep.Error.Code != "member_not_found" {
		t.Fatalf("other team's member visible: %+v", rep)
	}
}

func TestSendIdempotencyKey(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	c.mustOK("alice", "acme", "/goal log 3", "--key", "evt-1")
	rep := c.mustOK("alice", "acme", "/goal log 3", "--key", "evt-1")
	if rep.Goals[0].Current != 3 {
		t.Fatalf("retried event logged twice: %+v", rep.Goals[0])
	}
}

func TestVersionAndUsage(t *testing.T) {
	c := newCLI(t)
	out, _, err := c.run("version")
	if err != nil || !strings.HasPrefix(out, "goalbot ") {
		t.Fatalf("version: %q %v", out, err)
	}
	_, _, err = c.run("nonsense")
	if err == nil {
		t.Fatal("unknown subcommand accepted")
	}
}
