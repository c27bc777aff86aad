package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// ---------------------------------------------------------------- backup

// runBackup writes a consistent copy of the database while the bot runs
// (SPEC §6): `goalbot backup PATH`. VACUUM INTO reads one snapshot through
// a connection of its own, so the bot's writes go on meanwhile. The copy is
// written beside PATH under a temporary name, synced, checked with
// quick_check and renamed into place, so PATH never holds half a backup.
// The database is opened as it is, without applying migrations: a backup
// taken before an upgrade is a copy of the old schema.
func (m *Main) runBackup(ctx context.Context, args []string) error {
	fs := m.flagSet("backup")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	if fs.NArg() != 1 || strings.TrimSpace(fs.Arg(0)) == "" {
		fmt.Fprintln(m.Stderr, "usage: goalbot backup [--db PATH] [--json] BACKUP_PATH")
		return exitCode(2)
	}
	cfg, err := loadConfig(m.Getenv, m.dbPath)
	if err != nil {
		return errors.New(redactWith(err.Error(), nil))
	}
	m.cfg = cfg
	src := cfg.DB
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: no database at %s", src)
	}
	dst := fs.Arg(0)
	if strings.HasSuffix(dst, "/") || strings.HasSuffix(dst, string(filepath.Separator)) {
		// "backups/" names a folder, even one that does not exist yet.
		if err := os.MkdirAll(dst, 0o750); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	if st, err := os.Stat(dst); err == nil && st.IsDir() {
		dst = filepath.Join(dst, "goalbot-"+time.Now().UTC().Format("20060102-150405")+".db")
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new name (a backup never overwrites)", dst)
	}
	started := time.Now()
	res, err := backupDB(ctx, src, dst)
	if err != nil {
		return err
	}
	res.Seconds = time.Since(started).Seconds()
	if *asJSON {
		return writeJSON(m.Stdout, res)
	}
	fmt.Fprintf(m.Stdout, "backup written to %s (%s, schema version %d, integrity ok, %.2fs)\n",
		res.Path, byteSize(res.Bytes), res.SchemaVersion, res.Seconds)
	return nil
}

type backupResult struct {
	Path          string  `json:"path"`
	Bytes         int64   `json:"bytes"`
	SchemaVersion int     `json:"schema_version"`
	Integrity     string  `json:"integrity"`
	Seconds       float64 `json:"seconds"`
}

func backupDB(ctx context.Context, src, dst string) (backupResult, error) {
	abs, err := filepath.Abs(dst)
	if err != nil {
		return backupResult{}, fmt.Errorf("backup: %w", err)
	}
	tmp := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".partial")
	_ = os.Remove(tmp) // a leftover from an interrupted run
	defer os.Remove(tmp)

	c, err := openRaw(src, false)
	if err != nil {
		return backupResult{}, fmt.Errorf("backup: %w", err)
	}
	_, err = c.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	c.Close()
	if err != nil {
		return backupResult{}, fmt.Errorf("backup of %s: %w", src, err)
	}
	// VACUUM INTO does not sync the new file: do it before it takes the
	// final name, and keep it private (it holds every team's data).
	if err := syncFile(tmp); err != nil {
		return backupResult{}, fmt.Errorf("backup: %w", err)
	}
	_ = os.Chmod(tmp, 0o600)
	res := backupResult{Path: abs}
	chk, err := openRaw(tmp, true)
	if err != nil {
		return backupResult{}, fmt.Errorf("backup: check the copy: %w", err)
	}
	res.Integrity, err = quickCheck(ctx, chk, false)
	if err == nil {
		res.SchemaVersion, err = schemaVersion(ctx, chk)
	}
	chk.Close()
	if err != nil {
		return backupResult{}, fmt.Errorf("backup: check the copy: %w", err)
	}
	if res.Integrity != "ok" {
		return backupResult{}, fmt.Errorf("backup: the copy failed quick_check: %s", res.Integrity)
	}
	if _, err := os.Lstat(abs); err == nil {
		return backupResult{}, fmt.Errorf("backup: %s appeared meanwhile; not overwritten", abs)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return backupResult{}, fmt.Errorf("backup: %w", err)
	}
	if d, err := os.Open(filepath.Dir(abs)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	if st, err := os.Stat(abs); err == nil {
		res.Bytes = st.Size()
	}
	return res, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openRaw opens the SQLite file with one plain connection: no migrations,
// no pool of our own. readOnly refuses writes (query_only: unlike
// mode=ro it still lets SQLite recover the WAL after a crash).
func openRaw(path string, readOnly bool) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() + "?_pragma=busy_timeout(5000)"
	if readOnly {
		dsn += "&_pragma=query_only(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// quickCheck runs PRAGMA quick_check (or integrity_check when full) and
// returns "ok" or the problems found.
func quickCheck(ctx context.Context, db *sql.DB, full bool) (string, error) {
	q := `PRAGMA quick_check`
	if full {
		q = `PRAGMA integrity_check`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(problems) == 0 {
		return "ok", nil
	}
	if len(problems) > 5 {
		problems = append(problems[:5], fmt.Sprintf("… %d more", len(problems)-5))
	}
	return strings.Join(problems, "; "), nil
}

// schemaVersion is the highest migration recorded in the file (0 before any).
func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v int
	err = db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ---------------------------------------------------------------- doctor

// Check statuses of `goalbot doctor`.
const (
	checkOK   = "ok"
	checkWarn = "warn"
	checkFail = "fail"
)

// check is one line of the doctor's report.
type check struct {
	Name    string   `json:"name"`
	Status  string   `json:"status"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
}

type doctorReport struct {
	OK       bool    `json:"ok"`
	Version  string  `json:"version"`
	Problems int     `json:"problems"`
	Warnings int     `json:"warnings"`
	Checks   []check `json:"checks"`
}

// runDoctor checks the configuration, the tokens' shape (never printing
// them), the database (integrity, migrations), the outbox's failed
// messages and the time zone data, offline. It exits 1 when a check
// fails; warnings alone exit 0.
func (m *Main) runDoctor(ctx context.Context, args []string) error {
	fs := m.flagSet("doctor")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	full := fs.Bool("full", false, "run SQLite's full integrity_check instead of quick_check")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "usage: goalbot doctor [--db PATH] [--json] [--full]")
		return exitCode(2)
	}
	d := &doctor{m: m, full: *full, now: time.Now()}
	d.run(ctx)
	rep := doctorReport{OK: true, Version: version, Checks: d.checks}
	for _, c := range d.checks {
		switch c.Status {
		case checkFail:
			rep.Problems++
			rep.OK = false
		case checkWarn:
			rep.Warnings++
		}
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printDoctor(m.Stdout, rep)
	}
	if !rep.OK {
		return exitCode(1)
	}
	return nil
}

func printDoctor(w io.Writer, rep doctorReport) {
	fmt.Fprintf(w, "goalbot doctor (version %s)\n", rep.Version)
	for _, c := range rep.Checks {
		mark := map[string]string{checkOK: "ok  ", checkWarn: "WARN", checkFail: "FAIL"}[c.Status]
		fmt.Fprintf(w, "  %s  %-10s %s\n", mark, c.Name, c.Message)
		for _, d := range c.Details {
			fmt.Fprintf(w, "                    %s\n", d)
		}
	}
	switch {
	case rep.Problems > 0:
		fmt.Fprintf(w, "%s, %s.\n", plural(rep.Problems, "problem"), plural(rep.Warnings, "warning"))
	case rep.Warnings > 0:
		fmt.Fprintf(w, "no problems, %s.\n", plural(rep.Warnings, "warning"))
	default:
		fmt.Fprintln(w, "no problems.")
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

type doctor struct {
	m      *Main
	full   bool
	now    time.Time
	cfg    Config
	checks []check
	zones  map[string]bool // time zones in use (config, teams, members)
}

func (d *doctor) add(name, status, msg string, details ...string) {
	for i := range details {
		details[i] = d.m.redact(details[i])
	}
	d.checks = append(d.checks, check{Name: name, Status: status, Message: d.m.redact(msg), Details: details})
}

func (d *doctor) run(ctx context.Context) {
	cfg, err := loadConfig(d.m.Getenv, d.m.dbPath)
	if err != nil {
		// The error names the variable and its value; values of secrets
		// are not parsed by loadConfig, so nothing secret is in it.
		d.add("config", checkFail, err.Error())
		// Still check what can be checked without a valid config.
		cfg, _ = loadConfig(func(k string) string {
			if k == "GOALBOT_TZ" || k == "GOALBOT_LLM_TIMEOUT" {
				return ""
			}
			return d.m.Getenv(k)
		}, d.m.dbPath)
	} else {
		src := "environment"
		if _, err := os.Stat(filepath.Join(filepath.Dir(cfg.DB), ".env")); err == nil {
			src = "environment and " + filepath.Join(filepath.Dir(cfg.DB), ".env")
		}
		d.add("config", checkOK, "read from the "+src)
	}
	d.cfg = cfg
	d.m.cfg = cfg // redact() knows the secrets from here on
	d.zones = map[string]bool{cfg.TZ: true}
	d.checkSettings()
	d.checkPlatforms()
	d.checkLLM()
	d.checkDatabase(ctx)
	d.checkZones()
}

func (d *doctor) checkSettings() {
	c := d.cfg
	if host, port, err := net.SplitHostPort(c.HTTPAddr); err != nil || port == "" {
		d.add("http", checkFail, fmt.Sprintf("GOALBOT_HTTP_ADDR=%q is not host:port (e.g. :8080 or 127.0.0.1:8080)", c.HTTPAddr))
	} else {
		where := "on every interface"
		if host != "" {
			where = "on " + host
		}
		d.add("http", checkOK, fmt.Sprintf("listens %s, port %s: /healthz, /metrics and the platforms' endpoints", where, port))
	}
	lv := strings.ToLower(c.LogLevel)
	format := strings.ToLower(c.LogFormat)
	var bad []string
	switch lv {
	case "", "debug", "info", "warn", "warning", "error":
	default:
		bad = append(bad, fmt.Sprintf("GOALBOT_LOG_LEVEL=%q is not debug, info, warn or error (info is used)", c.LogLevel))
	}
	switch format {
	case "", "text", "json":
	default:
		bad = append(bad, fmt.Sprintf("GOALBOT_LOG_FORMAT=%q is not text or json (text is used)", c.LogFormat))
	}
	if len(bad) > 0 {
		d.add("logging", checkWarn, strings.Join(bad, "; "))
	} else {
		d.add("logging", checkOK, fmt.Sprintf("level %s, format %s", orDefault(lv, "info"), orDefault(format, "text")))
	}
	if l := goals.NormalizeLang(c.Lang); l == "" {
		d.add("language", checkWarn, fmt.Sprintf("GOALBOT_LANG=%q is not en, zh-CN or zh-TW", c.Lang))
	} else {
		d.add("language", checkOK, fmt.Sprintf("new teams: language %s, time zone %s", l, c.TZ))
	}
}

var (
	slackBotRE    = regexp.MustCompile(`^xoxb-[A-Za-z0-9-]{10,}$`)
	slackAppRE    = regexp.MustCompile(`^xapp-[A-Za-z0-9-]{10,}$`)
	slackSecretRE = regexp.MustCompile(`^[0-9a-f]{32}$`)
	telegramRE    = regexp.MustCompile(`^[0-9]{3,}:[A-Za-z0-9_-]{30,}$`)
	webhookSecRE  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// shape describes a secret without showing it: its length and its known
// prefix, and whether it carries stray quotes or spaces.
func shape(v, prefix string) string {
	s := fmt.Sprintf("set, %d characters", len(v))
	if prefix != "" && strings.HasPrefix(v, prefix) {
		s = fmt.Sprintf("set (%s…, %d characters)", prefix, len(v))
	}
	return s
}

func stray(v string) bool {
	return strings.TrimSpace(v) != v || strings.ContainsAny(v, "\"' \t\r\n")
}

func (d *doctor) checkPlatforms() {
	c := d.cfg
	if !c.SlackEnabled() && (c.SlackAppToken != "" || c.SlackSigningSecret != "") {
		d.add("slack", checkFail, "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not")
	}
	if !c.TelegramEnabled() && c.TelegramWebhookURL != "" {
		d.add("telegram", checkFail, "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not")
	}
	if !c.SlackEnabled() && !c.TelegramEnabled() {
		d.add("platforms", checkWarn, "none configured: `goalbot` runs the chat in this terminal")
		return
	}
	if c.SlackEnabled() {
		var problems, notes []string
		st := checkOK
		switch {
		case stray(c.SlackBotToken):
			problems = append(problems, "SLACK_BOT_TOKEN has quotes or spaces in it")
		case !slackBotRE.MatchString(c.SlackBotToken):
			problems = append(problems, "SLACK_BOT_TOKEN does not look like a bot token (xoxb-…): "+shape(c.SlackBotToken, ""))
		default:
			notes = append(notes, "SLACK_BOT_TOKEN "+shape(c.SlackBotToken, "xoxb-"))
		}
		mode := "HTTP mode (/slack/commands, /slack/interactivity, /slack/events)"
		if c.SlackAppToken != "" {
			mode = "Socket Mode"
			if stray(c.SlackAppToken) || !slackAppRE.MatchString(c.SlackAppToken) {
				problems = append(problems, "SLACK_APP_TOKEN does not look like an app-level token (xapp-…): "+shape(c.SlackAppToken, ""))
			} else {
				notes = append(notes, "SLACK_APP_TOKEN "+shape(c.SlackAppToken, "xapp-"))
			}
		} else if c.SlackSigningSecret == "" {
			problems = append(problems, "HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)")
		}
		if c.SlackSigningSecret != "" {
			if !slackSecretRE.MatchString(c.SlackSigningSecret) {
				if st == checkOK {
					st = checkWarn
				}
				notes = append(notes, "SLACK_SIGNING_SECRET is not 32 hexadecimal characters as Slack issues them: "+shape(c.SlackSigningSecret, ""))
			} else {
				notes = append(notes, "SLACK_SIGNING_SECRET "+shape(c.SlackSigningSecret, ""))
			}
		}
		if c.SlackAPIURL != "" {
			if u, err := url.Parse(c.SlackAPIURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				problems = append(problems, "SLACK_API_URL is not an http(s) URL")
			} else {
				notes = append(notes, "SLACK_API_URL "+u.Scheme+"://"+u.Host)
			}
		}
		if len(problems) > 0 {
			d.add("slack", checkFail, strings.Join(problems, "; "), notes...)
		} else {
			d.add("slack", st, mode, notes...)
		}
	}
	if c.TelegramEnabled() {
		var problems, notes []string
		st := checkOK
		switch {
		case stray(c.TelegramToken):
			problems = append(problems, "TELEGRAM_BOT_TOKEN has quotes or spaces in it")
		case !telegramRE.MatchString(c.TelegramToken):
			problems = append(problems, "TELEGRAM_BOT_TOKEN does not look like <digits>:<secret> as @BotFather issues it: "+shape(c.TelegramToken, ""))
		default:
			id, _, _ := strings.Cut(c.TelegramToken, ":")
			notes = append(notes, fmt.Sprintf("TELEGRAM_BOT_TOKEN set (bot id %s, secret part %d characters)", id, len(c.TelegramToken)-len(id)-1))
		}
		mode := "long polling"
		if c.TelegramWebhookURL != "" {
			u, err := url.Parse(c.TelegramWebhookURL)
			switch {
			case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
				problems = append(problems, "TELEGRAM_WEBHOOK_URL is not an http(s) URL")
			case u.Scheme != "https":
				st = checkWarn
				notes = append(notes, "TELEGRAM_WEBHOOK_URL is not https: Telegram only calls https webhooks")
				mode = "webhook"
			default:
				mode = "webhook at " + u.Scheme + "://" + u.Host + u.Path
			}
			switch {
			case c.TelegramWebhookSecret == "":
				notes = append(notes, "TELEGRAM_WEBHOOK_SECRET not set: a random one is made at each start")
			case !webhookSecRE.MatchString(c.TelegramWebhookSecret):
				problems = append(problems, "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
			default:
				notes = append(notes, "TELEGRAM_WEBHOOK_SECRET "+shape(c.TelegramWebhookSecret, ""))
			}
		} else if c.TelegramWebhookSecret != "" {
			st = checkWarn
			notes = append(notes, "TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_WEBHOOK_URL is not: it is unused in polling mode")
		}
		if c.TelegramAPIURL != "" {
			if u, err := url.Parse(c.TelegramAPIURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				problems = append(problems, "TELEGRAM_API_URL is not an http(s) URL")
			} else {
				notes = append(notes, "TELEGRAM_API_URL "+u.Scheme+"://"+u.Host)
			}
		}
		if len(problems) > 0 {
			d.add("telegram", checkFail, strings.Join(problems, "; "), notes...)
		} else {
			d.add("telegram", st, mode, notes...)
		}
	}
}

func (d *doctor) checkLLM() {
	c := d.cfg
	if !c.LLMEnabled() {
		d.add("llm", checkOK, "not configured: the offline SMART analyser answers")
		return
	}
	var problems, notes []string
	if c.OpenAIKey != "" {
		if stray(c.OpenAIKey) {
			problems = append(problems, "OPENAI_API_KEY has quotes or spaces in it")
		} else {
			notes = append(notes, "OPENAI_API_KEY "+shape(c.OpenAIKey, "sk-"))
		}
	}
	where := "api.openai.com"
	if c.OpenAIBaseURL != "" {
		u, err := url.Parse(c.OpenAIBaseURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			problems = append(problems, "OPENAI_BASE_URL is not an http(s) URL (e.g. http://localhost:11434/v1)")
		} else {
			where = u.Scheme + "://" + u.Host + u.Path
		}
	}
	model := orDefault(c.OpenAIModel, "the default model")
	if c.LLMTimeout <= 0 {
		problems = append(problems, "GOALBOT_LLM_TIMEOUT must be positive")
	}
	if len(problems) > 0 {
		d.add("llm", checkFail, strings.Join(problems, "; "), notes...)
		return
	}
	d.add("llm", checkOK, fmt.Sprintf("%s at %s, timeout %s; offline analyser as fallback", model, where, c.LLMTimeout), notes...)
}

func (d *doctor) checkDatabase(ctx context.Context) {
	path := d.cfg.DB
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		dir := filepath.Dir(path)
		if ds, err := os.Stat(dir); err != nil || !ds.IsDir() {
			d.add("database", checkFail, fmt.Sprintf("%s does not exist, nor its directory %s", path, dir))
			return
		}
		d.add("database", checkWarn, fmt.Sprintf("%s does not exist yet: it is created on the first run", path))
		return
	}
	if err != nil {
		d.add("database", checkFail, fmt.Sprintf("%s: %v", path, err))
		return
	}
	raw, err := openRaw(path, true)
	if err != nil {
		d.add("database", checkFail, fmt.Sprintf("cannot open %s: %v", path, err))
		return
	}
	defer raw.Close()
	var mode string
	_ = raw.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode)
	integrity, err := quickCheck(ctx, raw, d.full)
	what := "quick_check"
	if d.full {
		what = "integrity_check"
	}
	switch {
	case err != nil:
		d.add("database", checkFail, fmt.Sprintf("%s: %s failed: %v", path, what, err))
		return
	case integrity != "ok":
		d.add("database", checkFail, fmt.Sprintf("%s: %s found damage: %s (restore a backup)", path, what, integrity))
		return
	}
	msg := fmt.Sprintf("%s (%s): %s ok", path, byteSize(st.Size()), what)
	if strings.ToLower(mode) != "wal" {
		d.add("database", checkWarn, msg+", but journal_mode is "+mode+" (goalbot sets WAL when it starts)")
	} else {
		d.add("database", checkOK, msg+", journal_mode wal")
	}

	cur, err := schemaVersion(ctx, raw)
	if err != nil {
		d.add("migrations", checkFail, fmt.Sprintf("cannot read schema_migrations: %v", err))
		return
	}
	latest, lerr := latestSchemaVersion()
	switch {
	case lerr != nil:
		d.add("migrations", checkWarn, fmt.Sprintf("database at schema version %d; this binary's version unknown: %v", cur, lerr))
		return
	case cur > latest:
		d.add("migrations", checkFail, fmt.Sprintf("database at schema version %d is newer than this binary's %d: run the newer goalbot", cur, latest))
		return
	case cur < latest:
		d.add("migrations", checkWarn, fmt.Sprintf("database at schema version %d, this binary at %d: migrations run at the next start (take a `goalbot backup` first)", cur, latest))
		return
	}
	d.add("migrations", checkOK, fmt.Sprintf("schema version %d, up to date", cur))

	// The schema is this binary's: read through the store's API (opening
	// it applies no migration now).
	db, err := storage.Open(path)
	if err != nil {
		d.add("outbox", checkFail, fmt.Sprintf("cannot open the store: %v", err))
		return
	}
	defer db.Close()
	d.checkOutbox(ctx, db)
	if teams, err := db.Teams(ctx); err == nil {
		for i, t := range teams {
			if t.TZ != "" {
				d.zones[t.TZ] = true
			}
			if i >= 1000 {
				continue // members' zones of the first thousand teams are enough of a sample
			}
			if ms, err := db.Members(ctx, t.ID); err == nil {
				for _, mb := range ms {
					if mb.TZ != "" {
						d.zones[mb.TZ] = true
					}
				}
			}
		}
	}
}

// Failed outbox messages newer than this make the doctor fail; older ones
// are reported as a warning until they are pruned.
const recentFailure = 24 * time.Hour

func (d *doctor) checkOutbox(ctx context.Context, db *storage.DB) {
	counts, err := db.OutboxCounts(ctx)
	if err != nil {
		d.add("outbox", checkFail, fmt.Sprintf("cannot read the outbox: %v", err))
		return
	}
	failed, err := db.FailedOutbox(ctx, 10)
	if err != nil {
		d.add("outbox", checkFail, fmt.Sprintf("cannot read the outbox: %v", err))
		return
	}
	status := checkOK
	msg := fmt.Sprintf("%d pending, %d sent, %d failed", counts["pending"], counts["sent"], counts["failed"])
	var details []string
	if counts["pending"] > 0 {
		if rows, err := db.OutboxRows(ctx, "pending", 1); err == nil && len(rows) > 0 {
			age := d.now.Sub(rows[0].CreatedAt)
			msg += fmt.Sprintf("; oldest pending queued %s ago", age.Round(time.Second))
			if age > time.Hour {
				status = checkWarn
				msg += " (is the bot running and its platform reachable?)"
			}
		}
	}
	recent := 0
	for _, r := range failed {
		if d.now.Sub(r.DoneAt) < recentFailure {
			recent++
		}
		details = append(details, fmt.Sprintf("#%d %s %s to %s (team %s), %d attempts, failed %s: %s",
			r.ID, r.Platform, r.Kind, r.Chat, r.TeamID, r.Attempts, r.DoneAt.UTC().Format(time.RFC3339), clipText(oneLine(r.LastError), 160)))
	}
	if counts["failed"] > len(failed) {
		details = append(details, fmt.Sprintf("… and %d older", counts["failed"]-len(failed)))
	}
	switch {
	case recent > 0:
		status = checkFail
		msg += fmt.Sprintf("; %d failed in the last 24 h (the newest below)", recent)
	case counts["failed"] > 0 && status == checkOK:
		status = checkWarn
	}
	d.add("outbox", status, msg, details...)
}

// zoneSamples are zones every install needs to resolve: the seed users'.
var zoneSamples = []string{"UTC", "Asia/Shanghai", "Asia/Taipei", "America/New_York", "Europe/Berlin"}

func (d *doctor) checkZones() {
	var missing []string
	for _, z := range zoneSamples {
		if _, err := time.LoadLocation(z); err != nil {
			missing = append(missing, z)
		}
	}
	if len(missing) > 0 {
		d.add("timezones", checkFail, "time zone data is missing ("+strings.Join(missing, ", ")+
			"): install tzdata, or build with -tags timetzdata to embed it")
		return
	}
	var bad []string
	zones := make([]string, 0, len(d.zones))
	for z := range d.zones {
		zones = append(zones, z)
	}
	sort.Strings(zones)
	for _, z := range zones {
		if _, err := time.LoadLocation(z); err != nil {
			bad = append(bad, z)
		}
	}
	if len(bad) > 0 {
		d.add("timezones", checkFail, "unknown time zones in use: "+strings.Join(bad, ", "))
		return
	}
	d.add("timezones", checkOK, fmt.Sprintf("time zone data found; %s in use, all known", plural(len(zones), "zone")))
}

// latestSchemaVersion is the schema version this binary migrates to,
// learnt by creating a scratch database (storage keeps its migration list
// to itself).
func latestSchemaVersion() (int, error) {
	dir, err := os.MkdirTemp("", "goalbot-doctor-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	db, err := storage.Open(filepath.Join(dir, "scratch.db"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return db.SchemaVersion(context.Background())
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// ---------------------------------------------------------------- secrets

// secrets are the configured values that must never reach a log, an error
// message, /healthz or the doctor's report.
func (m *Main) secrets() []string {
	c := m.cfg
	return []string{c.SlackBotToken, c.SlackAppToken, c.SlackSigningSecret, c.TelegramToken, c.TelegramWebhookSecret, c.OpenAIKey}
}

// redact replaces every configured secret in s with [redacted].
func (m *Main) redact(s string) string { return redactWith(s, m.secrets()) }

func redactWith(s string, secrets []string) string {
	for _, v := range secrets {
		if len(v) >= 6 {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}
