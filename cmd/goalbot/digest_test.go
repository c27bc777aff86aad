package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// runDigestCLI runs `goalbot digest` in-process (called directly, so the
// test does not depend on the subcommand's routing in app.go).
func (c *cli) runDigestCLI(args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return c.env[k] }}
	err := m.runDigest(context.Background(), append([]string{"--db", c.db, "--now", c.now}, args...))
	return out.String(), errb.String(), err
}

func TestDigestSubcommand(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "local", "new Book 20 demos by Friday", "--role", "manager")
	c.mustOK("alice", "local", "log 6 demos")

	// On a Monday (the clock's day) the weekly digest is the week just
	// ended, as the scheduled one is; midweek it is this week so far.
	out, _, err := c.runDigestCLI("--kind", "weekly", "--json")
	if err != nil || !strings.Contains(out, `"period":"2026-W46"`) {
		t.Fatalf("Monday digest: %v %s", err, out)
	}
	out, errOut, err := c.runDigestCLI("--kind", "weekly", "--json", "--at", "2026-11-18T20:00:00+08:00", "--chart", filepath.Join(t.TempDir(), "c.png"))
	if err != nil {
		t.Fatalf("digest: %v %s", err, errOut)
	}
	var d struct {
		Team    string `json:"team"`
		Kind    string `json:"kind"`
		Period  string `json:"period"`
		Members []struct {
			User  string           `json:"user"`
			Goals []map[string]any `json:"goals"`
		} `json:"members"`
		AtRisk []int64 `json:"at_risk"`
		Top    []any   `json:"top"`
		Text   string  `json:"text"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("json %q: %v", out, err)
	}
	if d.Team != "local" || d.Kind != "weekly" || d.Period != "2026-W47" || len(d.Members) != 1 || d.Members[0].User != "alice" {
		t.Fatalf("digest %+v", d)
	}
	g := d.Members[0].Goals[0]
	if _, ok := g["growth_pct"]; !ok || g["current"] != 6.0 || g["status"] == nil || d.AtRisk == nil || d.Top == nil {
		t.Fatalf("goal %v", g)
	}
	if !strings.HasPrefix(d.Text, "📊") {
		t.Fatalf("text %q", d.Text)
	}

	out, _, err = c.runDigestCLI("--kind", "daily", "--at", "2026-11-16T20:00:00+08:00")
	if err != nil || !strings.HasPrefix(out, "📋") || !strings.Contains(out, "#1") {
		t.Fatalf("daily: %v %q", err, out)
	}
	t.Log("\n" + out)
	if _, _, err := c.runDigestCLI("--kind", "monthly"); err == nil {
		t.Fatal("bad kind accepted")
	}
	if _, errOut, err := c.runDigestCLI("--team", "nope"); err == nil || !strings.Contains(errOut, "no team") {
		t.Fatalf("unknown team: %v %q", err, errOut)
	}
}
