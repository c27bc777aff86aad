package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// runDigest prints the digest that would be sent (SPEC §6) at --at
// (default: now, --now / GOALBOT_NOW): the period of --kind containing that
// instant, figures as of it — except that on a Monday the weekly digest is
// about the week just ended, as the scheduled one is.
func (m *Main) runDigest(ctx context.Context, args []string) error {
	fs := m.flagSet("digest")
	kind := fs.String("kind", reminders.KindWeekly, "`daily` or weekly")
	team := fs.String("team", "local", "team `id`")
	at := fs.String("at", "", "report as of this RFC3339 `instant` (default: now)")
	asJSON := fs.Bool("json", false, "print the digest as JSON")
	lang := fs.String("lang", "", "language of the text (en, zh-CN, zh-TW; default: the team's)")
	chart := fs.String("chart", "", "also write the weekly chart as PNG to `path`")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	if *kind != reminders.KindDaily && *kind != reminders.KindWeekly || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "usage: goalbot digest --kind daily|weekly [--team T] [--at RFC3339] [--json]")
		return exitCode(2)
	}
	var asOf time.Time
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			fmt.Fprintf(m.Stderr, "goalbot digest: --at %q: want RFC3339 like 2026-11-22T18:00:00+08:00\n", *at)
			return exitCode(2)
		}
		asOf = t
	}
	if err := m.setupExisting("digest"); err != nil {
		return err
	}
	defer m.Close()
	if asOf.IsZero() {
		asOf = m.clock.Now()
	}
	t, err := m.db.Team(ctx, *team)
	if goals.ErrorCode(err) == goals.ENotFound {
		fmt.Fprintf(m.Stderr, "goalbot digest: no team %q\n", *team)
		return exitCode(1)
	}
	if err != nil {
		return err
	}
	p := reminders.PeriodAt(*kind, reminders.ReportAsOf(*kind, asOf, t.Location()), t.Location())
	snaps, err := reminders.LoadSnapshots(ctx, m.db, []reminders.SnapshotRequest{{Team: t, Period: p}})
	if err != nil {
		return err
	}
	d := reminders.Build(snaps[0], p, *lang)
	if *chart != "" && d.Chart != nil {
		png, err := reminders.RenderPNG(d.Chart)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*chart, png, 0o644); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, d)
	}
	_, err = fmt.Fprintln(m.Stdout, d.Text)
	return err
}
