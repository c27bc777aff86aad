package main

import (
	"context"
	"fmt"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// runExport prints the goals and logs as CSV or JSON (SPEC §6): every team,
// or the one --team names. The command line on the bot's host is trusted,
// so no role is checked here; `/goal export` in chat is for managers and
// their own team only. Both build the export with bot.BuildExport.
func (m *Main) runExport(ctx context.Context, args []string) error {
	fs := m.flagSet("export")
	format := fs.String("format", "csv", "`csv` (one row per log) or json")
	team := fs.String("team", "", "only this team `id` (default: every team)")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	if (*format != "csv" && *format != "json") || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "usage: goalbot export [--format csv|json] [--team T]")
		return exitCode(2)
	}
	if err := m.setupExisting("export"); err != nil {
		return err
	}
	defer m.Close()
	var teams []string
	if *team != "" {
		teams = []string{*team}
	}
	x, err := bot.BuildExport(ctx, m.service(), teams...)
	if goals.ErrorCode(err) == goals.ENotFound {
		fmt.Fprintf(m.Stderr, "goalbot export: no team %q\n", *team)
		return exitCode(1)
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(m.Stdout, x)
	}
	return x.WriteCSV(m.Stdout)
}
