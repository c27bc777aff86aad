package main

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Config is everything read from the environment (SPEC §7). It is built once
// in cmd and handed to the packages that need a part of it.
type Config struct {
	DB        string
	HTTPAddr  string
	TZ        string
	Lang      string
	Now       string // RFC3339: where the clock starts (GOALBOT_NOW)
	LogLevel  string
	LogFormat string

	SlackBotToken      string
	SlackAppToken      string
	SlackSigningSecret string
	SlackAPIURL        string

	TelegramToken         string
	TelegramAPIURL        string
	TelegramWebhookURL    string
	TelegramWebhookSecret string

	OpenAIKey     string
	OpenAIBaseURL string
	OpenAIModel   string
	LLMTimeout    time.Duration
}

// loadConfig reads the environment, after a .env file beside the database
// (variables already set in the environment win over the file).
func loadConfig(getenv func(string) string, dbFlag string) (Config, error) {
	db := dbFlag
	if db == "" {
		db = getenv("GOALBOT_DB")
	}
	if db == "" {
		db = "goalbot.db"
	}
	file := map[string]string{}
	if f, err := os.Open(filepath.Join(filepath.Dir(db), ".env")); err == nil {
		file, err = parseDotEnv(f)
		f.Close()
		if err != nil {
			return Config{}, fmt.Errorf(".env: %w", err)
		}
	}
	get := func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return file[k]
	}
	if dbFlag == "" && getenv("GOALBOT_DB") == "" && file["GOALBOT_DB"] != "" {
		db = file["GOALBOT_DB"]
	}
	c := Config{
		DB: db, HTTPAddr: get("GOALBOT_HTTP_ADDR"), TZ: get("GOALBOT_TZ"), Lang: get("GOALBOT_LANG"),
		Now: get("GOALBOT_NOW"), LogLevel: get("GOALBOT_LOG_LEVEL"), LogFormat: get("GOALBOT_LOG_FORMAT"),
		SlackBotToken: get("SLACK_BOT_TOKEN"), SlackAppToken: get("SLACK_APP_TOKEN"),
		SlackSigningSecret: get("SLACK_SIGNING_SECRET"), SlackAPIURL: get("SLACK_API_URL"),
		TelegramToken: get("TELEGRAM_BOT_TOKEN"), TelegramAPIURL: get("TELEGRAM_API_URL"),
		TelegramWebhookURL: get("TELEGRAM_WEBHOOK_URL"), TelegramWebhookSecret: get("TELEGRAM_WEBHOOK_SECRET"),
		OpenAIKey: get("OPENAI_API_KEY"), OpenAIBaseURL: get("OPENAI_BASE_URL"), OpenAIModel: get("OPENAI_MODEL"),
		LLMTimeout: 20 * time.Second,
	}
	if c.HTTPAddr == "" {
		c.HTTPAddr = ":8080"
	}
	if c.TZ == "" {
		c.TZ = hostZone(getenv)
	}
	if _, err := time.LoadLocation(c.TZ); err != nil {
		return Config{}, fmt.Errorf("GOALBOT_TZ=%q: %w", c.TZ, err)
	}
	if c.Lang == "" {
		c.Lang = "en"
	}
	if v := get("GOALBOT_LLM_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return Config{}, fmt.Errorf("GOALBOT_LLM_TIMEOUT=%q: %w", v, err)
		}
		c.LLMTimeout = d
	}
	return c, nil
}

// parseDotEnv reads KEY=VALUE lines; # comments, blank lines, optional
// "export " and quotes are allowed.
func parseDotEnv(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: want KEY=VALUE", n)
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, sc.Err()
}

// SlackEnabled, TelegramEnabled: a platform runs when its token is set.
func (c Config) SlackEnabled() bool    { return c.SlackBotToken != "" }
func (c Config) TelegramEnabled() bool { return c.TelegramToken != "" }
func (c Config) LLMEnabled() bool      { return c.OpenAIKey != "" || c.OpenAIBaseURL != "" }

// newLogger builds the process logger. It never sees tokens: Config is not
// logged, and adapters log ids, not secrets.
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	switch strings.ToLower(level) {
	case "debug":
		lv = slog.LevelDebug
	case "warn", "warning":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if strings.ToLower(format) == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// hostZone is the machine's IANA zone name, so a terminal chat on a laptop in
// Shanghai counts days in Shanghai without configuration: $TZ, else the
// target of /etc/localtime, else UTC.
func hostZone(getenv func(string) string) string {
	if tz := strings.TrimPrefix(getenv("TZ"), ":"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil && tz != "Local" {
			return tz
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	return "UTC"
}
