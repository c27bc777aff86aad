// Command goalload is goalbot's load generator. It drives signed Slack
// slash commands at /slack/commands and Telegram updates at
// /telegram/webhook (with the secret-token header) for a fixed time with
// bounded concurrency, and reports throughput, p50/p99 latency and errors
// per endpoint, beside the raw SQLite single-row insert rate measured on
// the same machine in the same run.
//
// By default it starts goalbot in this process (the same packages the
// binary wires: storage, the engine, the Slack adapter in HTTP mode and the
// Telegram adapter in webhook mode) on a fresh database, with fake Slack and
// Telegram APIs to take the replies, all on 127.0.0.1. --bin runs a goalbot
// binary instead; --addr drives one already running. It only ever talks to
// loopback addresses, and stops by itself.
//
//	go run ./cmd/goalload                       # 30 s against an in-process goalbot
//	go run ./cmd/goalload -duration 10s -concurrency 8 -json
//	go build -o /tmp/goalbot ./cmd/goalbot && go run ./cmd/goalload -bin /tmp/goalbot
//	go run ./cmd/goalload -addr 127.0.0.1:8080 -slack-secret $SLACK_SIGNING_SECRET -telegram-secret $TELEGRAM_WEBHOOK_SECRET
package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/bot/telegram"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// Bounds: a load test must never run away.
const (
	maxDuration    = 10 * time.Minute
	maxConcurrency = 256
	maxUsers       = 10000
)

type options struct {
	duration    time.Duration
	concurrency int
	users       int
	reads       float64
	raw         time.Duration
	addr        string
	bin         string
	slackSecret string
	tgSecret    string
	asJSON      bool
	verbose     bool
}

func main() {
	o := options{}
	fs := flag.NewFlagSet("goalload", flag.ExitOnError)
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long to drive load (at most 10m)")
	fs.IntVar(&o.concurrency, "concurrency", 16, "requests in flight at once (1..256)")
	fs.IntVar(&o.users, "users", 40, "distinct users per platform, each with a goal")
	fs.Float64Var(&o.reads, "reads", 0.1, "fraction of requests that read (`/goal list`) instead of logging")
	fs.DurationVar(&o.raw, "raw", 3*time.Second, "time spent measuring the raw SQLite insert rate (before and after the load)")
	fs.StringVar(&o.addr, "addr", "", "host:port of a running goalbot on loopback (default: start one)")
	fs.StringVar(&o.bin, "bin", "", "path of a goalbot binary to start instead of the in-process one")
	fs.StringVar(&o.slackSecret, "slack-secret", os.Getenv("SLACK_SIGNING_SECRET"), "Slack signing secret of the goalbot at -addr")
	fs.StringVar(&o.tgSecret, "telegram-secret", os.Getenv("TELEGRAM_WEBHOOK_SECRET"), "Telegram webhook secret of the goalbot at -addr")
	fs.BoolVar(&o.asJSON, "json", false, "print the report as JSON")
	fs.BoolVar(&o.verbose, "v", false, "log the bot's warnings")
	_ = fs.Parse(os.Args[1:])
	if err := o.check(); err != nil {
		fmt.Fprintln(os.Stderr, "goalload:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := run(ctx, o, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "goalload:", err)
		os.Exit(1)
	}
	if o.asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		rep.print(os.Stdout)
	}
	if rep.Total.Errors > 0 {
		os.Exit(1)
	}
}

func (o *options) check() error {
	switch {
	case o.duration <= 0 || o.duration > maxDuration:
		return fmt.Errorf("-duration must be in (0, %s]", maxDuration)
	case o.concurrency < 1 || o.concurrency > maxConcurrency:
		return fmt.Errorf("-concurrency must be 1..%d", maxConcurrency)
	case o.users < 1 || o.users > maxUsers:
		return fmt.Errorf("-users must be 1..%d", maxUsers)
	case o.reads < 0 || o.reads > 1:
		return errors.New("-reads is a fraction in [0, 1]")
	case o.raw < 100*time.Millisecond || o.raw > time.Minute:
		return errors.New("-raw must be between 100ms and 1m")
	case o.addr != "" && o.bin != "":
		return errors.New("-addr and -bin exclude each other")
	}
	if o.addr != "" {
		if err := loopbackOnly(o.addr); err != nil {
			return err
		}
		if o.slackSecret == "" || o.tgSecret == "" {
			return errors.New("-addr needs -slack-secret and -telegram-secret (or SLACK_SIGNING_SECRET and TELEGRAM_WEBHOOK_SECRET)")
		}
	}
	return nil
}

// loopbackOnly refuses any address that is not this machine's loopback.
func loopbackOnly(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return fmt.Errorf("-addr %q: want host:port", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: goalload only drives a goalbot on a loopback address (127.0.0.1, ::1, localhost)", addr)
	}
	return nil
}

// --- the run -----------------------------------------------------------------

// report is what one run measured.
type report struct {
	Target      string        `json:"target"`
	Duration    float64       `json:"duration_s"`
	Concurrency int           `json:"concurrency"`
	Users       int           `json:"users_per_platform"`
	Reads       float64       `json:"read_fraction"`
	RawBefore   float64       `json:"raw_insert_per_s_before"`
	RawAfter    float64       `json:"raw_insert_per_s_after"`
	Raw         float64       `json:"raw_insert_per_s"`
	Slack       endpointStats `json:"slack_commands"`
	Telegram    endpointStats `json:"telegram_webhook"`
	Total       endpointStats `json:"total"`
	Ratio       float64       `json:"ratio_http_to_raw"`
	LogsOK      int64         `json:"logs_acknowledged"`
	LogsStored  int64         `json:"logs_stored"` // -1 when the database is not ours to read
	Cores       int           `json:"gomaxprocs"`
}

type endpointStats struct {
	Requests   int64            `json:"requests"`
	PerSecond  float64          `json:"per_s"`
	P50ms      float64          `json:"p50_ms"`
	P99ms      float64          `json:"p99_ms"`
	MaxMs      float64          `json:"max_ms"`
	Errors     int64            `json:"errors"`
	ErrorKinds map[string]int64 `json:"error_kinds,omitempty"`
	Late       int64            `json:"late_acks,omitempty"` // Slack: acknowledged empty, reply sent later
}

func run(ctx context.Context, o options, logw io.Writer) (*report, error) {
	dir, err := os.MkdirTemp("", "goalload-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rep := &report{Concurrency: o.concurrency, Users: o.users, Reads: o.reads, LogsStored: -1, Cores: runtimeProcs()}

	fakes := newFakes()
	defer fakes.close()
	var tgt *target
	switch {
	case o.addr != "":
		tgt = &target{addr: o.addr, slackSecret: o.slackSecret, tgSecret: o.tgSecret, stop: func() error { return nil }}
		rep.Target = "goalbot at " + o.addr
	case o.bin != "":
		tgt, err = startBinary(ctx, o.bin, dir, fakes, logw, o.verbose)
		rep.Target = "goalbot binary " + o.bin
	default:
		tgt, err = startInProcess(ctx, dir, fakes, logw, o.verbose)
		rep.Target = "in-process goalbot"
	}
	if err != nil {
		return nil, err
	}
	defer tgt.stop()
	rep.Target += " on " + tgt.addr

	d := newDriver(tgt, o)
	if err := d.setup(ctx); err != nil {
		return nil, fmt.Errorf("setup: %w", err)
	}
	if rep.RawBefore, err = rawInsertRate(ctx, filepath.Join(dir, "raw-before.db"), o.raw); err != nil {
		return nil, err
	}
	fmt.Fprintf(logw, "goalload: %s, %s at concurrency %d, %d users per platform ...\n", rep.Target, o.duration, o.concurrency, o.users)
	elapsed := d.drive(ctx, o.duration)
	rep.Duration = elapsed.Seconds()
	if rep.RawAfter, err = rawInsertRate(ctx, filepath.Join(dir, "raw-after.db"), o.raw); err != nil {
		return nil, err
	}
	rep.Raw = (rep.RawBefore + rep.RawAfter) / 2
	rep.Slack = d.slack.stats(elapsed)
	rep.Telegram = d.tg.stats(elapsed)
	all := &recorder{}
	all.merge(d.slack)
	all.merge(d.tg)
	rep.Total = all.stats(elapsed)
	if rep.Raw > 0 {
		rep.Ratio = rep.Total.PerSecond / rep.Raw
	}
	rep.LogsOK = d.logsOK.Load()
	if err := tgt.stop(); err != nil {
		fmt.Fprintln(logw, "goalload: stopping goalbot:", err)
	}
	if tgt.dbPath != "" {
		if n, err := countLogs(tgt.dbPath); err == nil {
			rep.LogsStored = n - int64(d.setupLogs)
		}
	}
	return rep, nil
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "goalload: %s\n", r.Target)
	fmt.Fprintf(w, "  %.1f s at concurrency %d, %d users per platform, %.0f%% reads, GOMAXPROCS %d\n",
		r.Duration, r.Concurrency, r.Users, r.Reads*100, r.Cores)
	fmt.Fprintf(w, "  raw SQLite insert, 1 row per transaction (WAL, synchronous=NORMAL): %s rows/s (%s before, %s after)\n",
		num(r.Raw), num(r.RawBefore), num(r.RawAfter))
	fmt.Fprintf(w, "\n  %-26s %9s %9s %9s %9s %9s %7s\n", "endpoint", "requests", "req/s", "p50", "p99", "max", "errors")
	row := func(name string, s endpointStats) {
		fmt.Fprintf(w, "  %-26s %9d %9s %8.1fms %8.1fms %8.1fms %7d\n", name, s.Requests, num(s.PerSecond), s.P50ms, s.P99ms, s.MaxMs, s.Errors)
	}
	row("slack /slack/commands", r.Slack)
	row("telegram /telegram/webhook", r.Telegram)
	row("all", r.Total)
	for _, s := range []endpointStats{r.Slack, r.Telegram} {
		for k, n := range s.ErrorKinds {
			fmt.Fprintf(w, "    error %s: %d\n", k, n)
		}
	}
	if r.Slack.Late > 0 {
		fmt.Fprintf(w, "  slack: %d acknowledgements without the reply (it followed via response_url)\n", r.Slack.Late)
	}
	if r.LogsStored >= 0 {
		fmt.Fprintf(w, "\n  logs acknowledged %d, stored %d\n", r.LogsOK, r.LogsStored)
	}
	fmt.Fprintf(w, "  ratio: %s commands/s over HTTP ÷ %s raw inserts/s = %.1f%%\n", num(r.Total.PerSecond), num(r.Raw), r.Ratio*100)
}

func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 0, 64)
	if f < 100 {
		s = strconv.FormatFloat(f, 'f', 1, 64)
	}
	// thousands separators
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// --- targets -----------------------------------------------------------------

// target is the goalbot under load.
type target struct {
	addr        string
	slackSecret string
	tgSecret    string
	dbPath      string
	stop        func() error
}

const (
	loadSlackToken = "xoxb-0000-goalload-fake-token"
	loadTGToken    = "123456789:goalload-fake-telegram-token-xxxxxxx"
)

func randomSecret() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return hex.EncodeToString(b)
}

// startInProcess wires goalbot the way cmd/goalbot does for HTTP-mode Slack
// and webhook-mode Telegram, on a fresh database in dir.
func startInProcess(ctx context.Context, dir string, f *fakes, logw io.Writer, verbose bool) (*target, error) {
	level := slog.LevelError
	if verbose {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(logw, &slog.HandlerOptions{Level: level}))
	dbPath := filepath.Join(dir, "goalbot.db")
	db, err := storage.Open(dbPath)
	if err != nil {
		return nil, err
	}
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(time.Now), DefaultTZ: "UTC", DefaultLang: "en"}
	eng := bot.NewEngine(svc, bot.WithLogger(log))
	t := &target{slackSecret: randomSecret(), tgSecret: randomSecret(), dbPath: dbPath}
	sl, err := slackbot.New(eng, slackbot.Config{BotToken: loadSlackToken, SigningSecret: t.slackSecret, APIURL: f.slack.URL + "/api/"},
		slackbot.WithLogger(log.With("platform", "slack")))
	if err != nil {
		db.Close()
		return nil, err
	}
	tg, err := telegram.New(loadTGToken, eng, telegram.WithLogger(log.With("platform", "telegram")),
		telegram.WithAPIURL(f.tg.URL), telegram.WithWebhook("https://goalload.invalid"+telegram.WebhookPath, t.tgSecret),
		// Telegram's real limits (1 message/s per chat) would only queue
		// replies in memory: the webhook answers once the update is handled.
		telegram.WithRateLimits(time.Microsecond, 1<<20))
	if err != nil {
		db.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	sl.Mount(mux)
	mux.Handle(telegram.WebhookPath, tg.WebhookHandler())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		db.Close()
		return nil, err
	}
	t.addr = ln.Addr().String()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = srv.Serve(ln) }()
	go func() { defer wg.Done(); _ = sl.Run(rctx) }()
	go func() { defer wg.Done(); _ = tg.Run(rctx) }()
	var once sync.Once
	var stopErr error
	t.stop = func() error {
		once.Do(func() {
			sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer scancel()
			_ = srv.Shutdown(sctx)
			cancel()
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
			case <-sctx.Done():
				stopErr = errors.New("goalbot did not stop within 10 s")
			}
			if err := db.Close(); err != nil && stopErr == nil {
				stopErr = err
			}
		})
		return stopErr
	}
	return t, nil
}

// startBinary runs a goalbot binary with the fakes as its platforms and a
// fresh database in dir, and waits for its /healthz.
func startBinary(ctx context.Context, bin, dir string, f *fakes, logw io.Writer, verbose bool) (*target, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	t := &target{addr: addr, slackSecret: randomSecret(), tgSecret: randomSecret(), dbPath: filepath.Join(dir, "goalbot.db")}
	cmd := exec.Command(bin)
	level := "error"
	if verbose {
		level = "warn"
	}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "SLACK_") && !strings.HasPrefix(e, "TELEGRAM_") && !strings.HasPrefix(e, "GOALBOT_") && !strings.HasPrefix(e, "OPENAI_") {
			cmd.Env = append(cmd.Env, e)
		}
	}
	cmd.Env = append(cmd.Env, "GOALBOT_DB="+t.dbPath, "GOALBOT_HTTP_ADDR="+addr, "GOALBOT_LOG_LEVEL="+level,
		"SLACK_BOT_TOKEN="+loadSlackToken, "SLACK_SIGNING_SECRET="+t.slackSecret, "SLACK_API_URL="+f.slack.URL+"/api/",
		"TELEGRAM_BOT_TOKEN="+loadTGToken, "TELEGRAM_API_URL="+f.tg.URL,
		"TELEGRAM_WEBHOOK_URL=https://goalload.invalid"+telegram.WebhookPath, "TELEGRAM_WEBHOOK_SECRET="+t.tgSecret)
	cmd.Stdout, cmd.Stderr = logw, logw
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var once sync.Once
	var stopErr error
	t.stop = func() error {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			select {
			case err := <-exited:
				stopErr = err
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Kill()
				stopErr = errors.New("goalbot did not stop within 15 s of SIGTERM")
			}
		})
		return stopErr
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return t, nil
			}
		}
		select {
		case err := <-exited:
			return nil, fmt.Errorf("goalbot exited: %v", err)
		case <-ctx.Done():
			t.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.stop()
			return nil, errors.New("goalbot did not answer /healthz within 20 s")
		}
	}
}

// --- fake platform APIs --------------------------------------------------------

// fakes are the Slack Web API and Telegram Bot API the bot replies through.
type fakes struct {
	slack, tg *httptest.Server
	calls     atomic.Int64
}

func newFakes() *fakes {
	f := &fakes{}
	f.slack = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/users.info"):
			u := r.Form.Get("user")
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":%q,"real_name":%q,"tz":"Asia/Shanghai","tz_offset":28800,"locale":"en-US","profile":{"display_name":%q}}}`, u, u, u, u)
		default:
			fmt.Fprint(w, `{"ok":true,"channel":"D1","ts":"1700000000.000100"}`)
		}
	}))
	var msgID atomic.Int64
	f.tg = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		switch method {
		case "getMe":
			fmt.Fprint(w, `{"ok":true,"result":{"id":777,"is_bot":true,"first_name":"Goal Bot","username":"GoalLoadBot"}}`)
		case "sendMessage", "editMessageText", "sendPhoto", "sendDocument":
			fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":1,"type":"private"}}}`, msgID.Add(1), time.Now().Unix())
		default:
			fmt.Fprint(w, `{"ok":true,"result":true}`)
		}
	}))
	return f
}

func (f *fakes) close() {
	f.slack.Close()
	f.tg.Close()
}

// --- the driver ----------------------------------------------------------------

type driver struct {
	t       *target
	o       options
	client  *http.Client
	slack   *recorder
	tg      *recorder
	logsOK  atomic.Int64
	trigger atomic.Int64
	update  atomic.Int64
	tgMsg   []atomic.Int64 // next message id per Telegram chat
	// setupLogs are the logs the setup wrote (none today; kept for clarity).
	setupLogs int
}

func newDriver(t *target, o options) *driver {
	tr := &http.Transport{MaxIdleConns: o.concurrency * 2, MaxIdleConnsPerHost: o.concurrency * 2, IdleConnTimeout: time.Minute}
	return &driver{t: t, o: o, client: &http.Client{Transport: tr, Timeout: 15 * time.Second},
		slack: &recorder{}, tg: &recorder{}, tgMsg: make([]atomic.Int64, o.users)}
}

func slackUser(i int) string   { return fmt.Sprintf("U%05d", i) }
func slackTeam(i int) string   { return fmt.Sprintf("T%03d", i%8) } // 8 workspaces
func telegramUser(i int) int64 { return 900000000 + int64(i) }

// setup gives every user a goal, through the same endpoints.
func (d *driver) setup(ctx context.Context) error {
	sem := make(chan struct{}, d.o.concurrency)
	errc := make(chan error, 2*d.o.users)
	var wg sync.WaitGroup
	for i := range d.o.users {
		for _, platform := range []string{"slack", "telegram"} {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				var code int
				var err error
				if platform == "slack" {
					code, _, err = d.slackCommand(ctx, i, "new Book 1000000 demos by end of year")
				} else {
					code, err = d.telegramUpdate(ctx, i, "/goal new Book 1000000 demos by end of year")
				}
				if err == nil && code != http.StatusOK {
					err = fmt.Errorf("%s user %d: HTTP %d", platform, i, code)
				}
				if err != nil {
					errc <- err
				}
			}()
		}
	}
	wg.Wait()
	close(errc)
	return <-errc
}

// drive runs the load until d passes (or ctx ends) and returns how long it ran.
func (d *driver) drive(ctx context.Context, dur time.Duration) time.Duration {
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	var n atomic.Int64
	for w := range d.o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for ctx.Err() == nil {
				k := n.Add(1)
				user := rng.IntN(d.o.users)
				read := rng.Float64() < d.o.reads
				if k%2 == 0 {
					text := "log 1"
					if read {
						text = "list"
					}
					t0 := time.Now()
					code, body, err := d.slackCommand(context.WithoutCancel(ctx), user, text)
					late := err == nil && code == http.StatusOK && len(bytes.TrimSpace(body)) == 0
					d.slack.add(time.Since(t0), code, err, late)
					if !read && err == nil && code == http.StatusOK {
						d.logsOK.Add(1)
					}
				} else {
					text := "/log 1"
					if read {
						text = "/goal list"
					}
					t0 := time.Now()
					code, err := d.telegramUpdate(context.WithoutCancel(ctx), user, text)
					d.tg.add(time.Since(t0), code, err, false)
					if !read && err == nil && code == http.StatusOK {
						d.logsOK.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// slackCommand posts a signed slash command as Slack does.
func (d *driver) slackCommand(ctx context.Context, user int, text string) (int, []byte, error) {
	form := url.Values{
		"token": {"legacy-verification-token"}, "team_id": {slackTeam(user)}, "team_domain": {"load"},
		"channel_id": {"D" + slackUser(user)}, "channel_name": {"directmessage"},
		"user_id": {slackUser(user)}, "user_name": {strings.ToLower(slackUser(user))},
		"command": {"/goal"}, "text": {text}, "api_app_id": {"A0LOAD"},
		"response_url": {"http://" + d.t.addr + "/nowhere"}, // unused: replies come inline
		"trigger_id":   {strconv.FormatInt(d.trigger.Add(1), 10) + ".load." + strconv.FormatInt(time.Now().UnixNano(), 36)},
	}
	body := []byte(form.Encode())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+d.t.addr+"/slack/commands", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(d.t.slackSecret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// telegramUpdate posts one private-chat message as Telegram's webhook does.
func (d *driver) telegramUpdate(ctx context.Context, user int, text string) (int, error) {
	uid := telegramUser(user)
	upd := map[string]any{
		"update_id": d.update.Add(1),
		"message": map[string]any{
			"message_id": d.tgMsg[user].Add(1), "date": time.Now().Unix(), "text": text,
			"from": map[string]any{"id": uid, "is_bot": false, "first_name": "Load", "username": fmt.Sprintf("load%d", user), "language_code": "en"},
			"chat": map[string]any{"id": uid, "type": "private", "first_name": "Load"},
		},
	}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		upd["message"].(map[string]any)["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": len(cmd)}}
	}
	body, _ := json.Marshal(upd)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+d.t.addr+telegram.WebhookPath, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(telegram.SecretHeader, d.t.tgSecret)
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// recorder keeps the latencies and errors of one endpoint.
type recorder struct {
	mu    sync.Mutex
	lat   []time.Duration
	errs  map[string]int64
	nerr  int64
	late  int64
	total int64
}

func (r *recorder) add(d time.Duration, code int, err error, late bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.total++
	r.lat = append(r.lat, d)
	if late {
		r.late++
	}
	kind := ""
	switch {
	case err != nil:
		kind = "transport"
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			kind = "timeout"
		}
	case code != http.StatusOK:
		kind = "http_" + strconv.Itoa(code)
	}
	if kind != "" {
		if r.errs == nil {
			r.errs = map[string]int64{}
		}
		r.errs[kind]++
		r.nerr++
	}
}

func (r *recorder) merge(o *recorder) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lat = append(r.lat, o.lat...)
	r.total += o.total
	r.nerr += o.nerr
	r.late += o.late
	for k, v := range o.errs {
		if r.errs == nil {
			r.errs = map[string]int64{}
		}
		r.errs[k] += v
	}
}

func (r *recorder) stats(elapsed time.Duration) endpointStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := endpointStats{Requests: r.total, Errors: r.nerr, ErrorKinds: r.errs, Late: r.late}
	if elapsed > 0 {
		s.PerSecond = float64(r.total) / elapsed.Seconds()
	}
	if len(r.lat) == 0 {
		return s
	}
	lat := append([]time.Duration(nil), r.lat...)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		i := int(p * float64(len(lat)-1))
		return float64(lat[i]) / float64(time.Millisecond)
	}
	s.P50ms, s.P99ms, s.MaxMs = pct(0.50), pct(0.99), float64(lat[len(lat)-1])/float64(time.Millisecond)
	return s
}

// --- raw SQLite ------------------------------------------------------------------

// rawInsertRate measures single-row INSERTs, one per transaction, into a
// plain table on a new file opened with goalbot's writer DSN (WAL,
// synchronous=NORMAL, IMMEDIATE, one connection): the floor any write of
// the bot can reach on this machine (storagetest.RawInsertBaseline does the
// same in benchmarks).
func rawInsertRate(ctx context.Context, path string, d time.Duration) (float64, error) {
	db, err := openRaw(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE raw (id INTEGER PRIMARY KEY, v REAL NOT NULL)`); err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	stmt, err := db.PrepareContext(ctx, `INSERT INTO raw (v) VALUES (?)`)
	if err != nil {
		return 0, fmt.Errorf("raw insert: %w", err)
	}
	defer stmt.Close()
	start := time.Now()
	n := 0
	for ; time.Since(start) < d && ctx.Err() == nil; n++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, fmt.Errorf("raw insert: %w", err)
		}
		if _, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, float64(n)); err != nil {
			tx.Rollback()
			return 0, fmt.Errorf("raw insert: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return 0, fmt.Errorf("raw insert: %w", err)
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// openRaw opens the SQLite file at path with goalbot's DSN, bypassing the store.
func openRaw(path string) (*sql.DB, error) {
	dsn, err := storage.DSN(path)
	if err != nil {
		return nil, err
	}
	return sql.Open("sqlite", dsn)
}

func countLogs(path string) (int64, error) {
	db, err := openRaw(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRow(`SELECT COUNT(*) FROM logs`).Scan(&n)
	return n, err
}
