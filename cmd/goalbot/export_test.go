package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// exportFixture is two teams: acme with a team goal split by member, logs
// from two people and a note a spreadsheet would run; shop with its own.
func exportFixture(t *testing.T) *cli {
	c := newCLI(t)
	c.mustOK("boss", "acme", "/goal new team 50 demos by 2026-12-31", "--role", "manager")
	c.mustOK("alice", "acme", "/goal list")
	c.mustOK("bob", "acme", "/goal list")
	c.now = "2026-11-17T18:00:00+08:00"
	c.mustOK("alice", "acme", "/goal log #1 3 cold calls")
	c.mustOK("bob", "acme", "/goal log #1 2 @risk")
	c.mustOK("wang", "shop", "/goal new 本月销售额达到5万元", "--role", "manager")
	c.mustOK("wang", "shop", "/goal 记录 1.2万 门店")
	return c
}

func TestExportJSON(t *testing.T) {
	c := exportFixture(t)
	out, errOut, err := c.run("export", "--format", "json")
	if err != nil {
		t.Fatalf("export: %v %s", err, errOut)
	}
	var raw map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("export JSON %q: %v", out, err)
	}
	if len(raw) != 4 || len(raw["teams"]) != 2 || len(raw["members"]) != 4 || len(raw["goals"]) != 2 || len(raw["logs"]) != 3 {
		t.Fatalf("without --team every team: %s", out)
	}
	// Logs carry exactly the contract's keys.
	for _, l := range raw["logs"] {
		if len(l) != 6 {
			t.Errorf("log keys: %v", l)
		}
		for _, k := range []string{"id", "goal_id", "user", "amount", "note", "at"} {
			if _, ok := l[k]; !ok {
				t.Errorf("log lacks %q: %v", k, l)
			}
		}
	}
	first := raw["logs"][0]
	if first["user"] != "alice" || first["amount"] != 3.0 || first["note"] != "cold calls" || first["at"] != "2026-11-17T18:00:00+08:00" || first["goal_id"] != 1.0 {
		t.Errorf("first log: %v", first)
	}
	// Goals are the goal objects of send --json, from the same figures code.
	sent := c.mustOK("boss", "acme", "/goal progress #1")
	g := raw["goals"][0]
	for _, k := range []string{"id", "title", "owner", "scope", "metric", "unit", "kind", "direction", "baseline",
		"target", "stretch", "current", "percent", "start", "deadline", "cadence", "status", "required_rate",
		"required_per", "projection", "parent", "tags", "contributions"} {
		if _, ok := g[k]; !ok {
			t.Errorf("goal lacks %q: %v", k, g)
		}
	}
	if g["team"] != "acme" || g["current"] != sent.Goals[0].Current || g["percent"] != sent.Goals[0].Percent || g["status"] != string(sent.Goals[0].Status) {
		t.Errorf("export goal %v vs send %+v", g, sent.Goals[0])
	}
	contrib := g["contributions"].([]any)
	if len(contrib) != 2 || contrib[0].(map[string]any)["user"] != "alice" {
		t.Errorf("contributions: %v", contrib)
	}

	// --team: that team only.
	out, _, err = c.run("export", "--format", "json", "--team", "shop")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "acme") || strings.Contains(out, "alice") || strings.Contains(out, "cold calls") || !strings.Contains(out, "门店") {
		t.Fatalf("--team shop: %s", out)
	}
	if _, errOut, err := c.run("export", "--team", "nobody"); err == nil || !strings.Contains(errOut, "nobody") {
		t.Fatalf("unknown team: %v %q", err, errOut)
	}
	if _, _, err := c.run("export", "--format", "xml"); err == nil {
		t.Fatal("unknown format accepted")
	}
}

func TestExportCSV(t *testing.T) {
	c := exportFixture(t)
	out, _, err := c.run("export", "--team", "acme") // CSV is the default
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv %q: %v", out, err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "team,log_id,goal_id,goal_title,metric,unit,user,amount,note,at,day" {
		t.Fatalf("csv: %q", rows)
	}
	if r := rows[1]; r[0] != "acme" || r[2] != "1" || !strings.Contains(r[3], "50 demos") || r[4] != "demos" || r[5] != "count" ||
		r[6] != "alice" || r[7] != "3" || r[8] != "cold calls" || r[10] != "2026-11-17" {
		t.Errorf("row: %q", r)
	}
	if rows[2][8] != "'@risk" {
		t.Errorf("formula-like note not defused: %q", rows[2][8])
	}
	// The same rows as the chat command attaches for the team's manager.
	rep := c.mustOK("boss", "acme", "/goal export")
	if !strings.Contains(rep.Text, "goals: 1, logs: 2") || rep.Error != nil {
		t.Errorf("chat export text: %q", rep.Text)
	}
	if rep := c.send("alice", "acme", "/goal export"); rep.OK || rep.Error.Code != "managers_only" {
		t.Fatalf("member export: %+v", rep)
	}
	// Every team, CSV.
	out, _, err = c.run("export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); len(rows) != 4 || !strings.Contains(out, "shop,") || !strings.Contains(out, "CNY") {
		t.Fatalf("all teams csv: %q", out)
	}
}
