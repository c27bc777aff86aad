package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// Main is the program: flags, configuration and the wiring of the parts.
// Tests run it in-process with their own args, streams and environment.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	// Global flags (accepted before or after the subcommand).
	dbPath string
	nowStr string

	cfg       Config
	httpAddr  string // where the HTTP server listens once started (tests use port 0)
	coachOnce goals.Coach
	// senders are the running platform adapters, by platform name, for
	// messages the bot sends on its own (reminders, digests).
	senders map[string]bot.Sender
	log     *slog.Logger
	clock   goals.Clock
	db      *storage.DB
}

// NewMain is a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

const usage = `goalbot – a chat bot that coaches teams on their goals

usage:
  goalbot [--db PATH] [--now RFC3339]           run the bot (console when no platform is configured)
  goalbot console [--user U] [--team T] [--role manager|member]
                                                chat in this terminal (you manage team "local" by default)
  goalbot send [--user U] [--team T] [--role manager] [--json] [--dm] [--key K] "<chat command>"
  goalbot smart [--json] "<text>"
  goalbot digest --kind daily|weekly [--team T] [--at RFC3339] [--json]
  goalbot export [--format csv|json] [--team T]
  goalbot backup PATH
  goalbot doctor
  goalbot version
`

// flagSet is a subcommand's flag set: errors to Stderr, with the global flags.
func (m *Main) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.dbPath, "db", m.dbPath, "SQLite database `path` (GOALBOT_DB, default ./goalbot.db)")
	fs.StringVar(&m.nowStr, "now", m.nowStr, "pin the clock at this RFC3339 `instant` (GOALBOT_NOW)")
	return fs
}

// Run parses args and runs the subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	fs := m.flagSet("goalbot")
	fs.Usage = func() { fmt.Fprint(m.Stderr, usage) }
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	args = fs.Args()
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "", "run":
		return m.runBot(ctx, args)
	case "console":
		return m.runConsole(ctx, args)
	case "send":
		return m.runSend(ctx, args)
	case "smart":
		return m.runSmart(ctx, args)
	case "digest":
		return m.runDigest(ctx, args)
	case "export":
		return m.runExport(ctx, args)
	case "backup":
		return m.runBackup(ctx, args)
	case "doctor":
		return m.runDoctor(ctx, args)
	case "version":
		fmt.Fprintln(m.Stdout, "goalbot", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprintf(m.Stderr, "goalbot: unknown command %q\n\n%s", sub, usage)
	return exitCode(2)
}

// setup reads configuration and opens the database: every subcommand that
// touches data calls it once after parsing its flags.
func (m *Main) setup(pinClock bool) error {
	cfg, err := loadConfig(m.Getenv, m.dbPath)
	if err != nil {
		return err
	}
	m.cfg = cfg
	if m.log == nil {
		m.log = newLogger(m.Stderr, cfg.LogLevel, cfg.LogFormat)
	}
	t, pinned, err := m.pinnedNow()
	if err != nil {
		return err
	}
	m.clock = goals.ClockFunc(time.Now)
	if pinned {
		if pinClock {
			m.clock = goals.ClockFunc(func() time.Time { return t })
		} else {
			// The bot process starts its clock there and runs at normal speed.
			started := time.Now()
			m.clock = goals.ClockFunc(func() time.Time { return t.Add(time.Since(started)) })
		}
	}
	db, err := storage.Open(cfg.DB, storage.WithClock(m.clock))
	if err != nil {
		return fmt.Errorf("open database %s: %w", cfg.DB, err)
	}
	m.db = db
	return nil
}

// Close releases the database.
func (m *Main) Close() error {
	if m.db != nil {
		err := m.db.Close()
		m.db = nil
		return err
	}
	return nil
}

func (m *Main) service() *goals.Service {
	return &goals.Service{Store: m.db, Clock: m.clock, DefaultTZ: m.cfg.TZ, DefaultLang: m.cfg.Lang}
}

// coach is the SMART coach: offline, or the LLM when configured. It is
// built once, so its cache and call budget last as long as the process.
func (m *Main) coach() goals.Coach {
	if m.coachOnce == nil {
		m.coachOnce = m.instrumentCoach(newCoach(m.cfg, m.log))
	}
	return m.coachOnce
}

func (m *Main) engine() *bot.Engine {
	e := bot.NewEngine(m.service(), bot.WithCoach(m.coach()), bot.WithLogger(m.log),
		bot.WithProgressChart(reminders.ProgressChartPNG))
	e.Register(reminders.DigestCommand(m.db))
	m.instrument(e)
	return e
}

// loginName is the default --user: the person at the terminal.
func loginName(getenv func(string) string) string {
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
	}
	return "me"
}

// instant is the pinned clock (--now / GOALBOT_NOW) or the real time, for
// subcommands that do not open the database.
func (m *Main) instant() (time.Time, error) {
	t, pinned, err := m.pinnedNow()
	if err != nil || pinned {
		return t, err
	}
	return time.Now(), nil
}

// pinnedNow is the instant --now (or GOALBOT_NOW) pins the clock at, if any.
func (m *Main) pinnedNow() (t time.Time, pinned bool, err error) {
	s := m.nowStr
	if s == "" {
		s = m.cfg.Now
	}
	if s == "" {
		return time.Time{}, false, nil
	}
	t, err = time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("--now / GOALBOT_NOW %q: want RFC3339 like 2026-11-22T10:00:00+08:00", s)
	}
	return t, true, nil
}

// setupExisting is setup for commands that only read (export, digest): a
// database file that does not exist is refused rather than created empty,
// so a mistyped --db says so instead of printing nothing and exiting 0.
func (m *Main) setupExisting(name string) error {
	cfg, err := loadConfig(m.Getenv, m.dbPath)
	if err != nil {
		return err
	}
	if path, ok := sqliteFile(cfg.DB); ok {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			fmt.Fprintf(m.Stderr, "goalbot %s: no database at %s (check --db or GOALBOT_DB; the bot creates it when it first runs)\n", name, path)
			return exitCode(1)
		}
	}
	return m.setup(true)
}

// sqliteFile is the file a GOALBOT_DB value names; false for a PostgreSQL URL.
func sqliteFile(db string) (string, bool) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return "", false
	}
	path := strings.TrimPrefix(db, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 && strings.HasPrefix(db, "file:") {
		path = path[:i]
	}
	return path, true
}
