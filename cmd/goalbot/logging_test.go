package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Secrets set to marker values: the tests below run goalbot through paths
// that fail (servers that refuse the tokens and echo them back in their
// error bodies) and grep everything it wrote for them.
const (
	markSlackBot  = "xoxb-1111-MARKERslackbot-abcdefghijkl"
	markSlackSign = "0123456789abcdef0123456789abcdef" // Slack's shape: 32 hex
	markTelegram  = "987654:MARKERtelegramsecretABCDEFGHIJKLMN"
	markOpenAI    = "sk-MARKERopenaikey-0123456789abcdef"
)

// markerParts are the secrets and their distinctive parts: a token cut in
// two (Telegram's secret after the colon) must not leak either.
var markerParts = []string{markSlackBot, markSlackSign, markTelegram, markOpenAI,
	"MARKERslackbot", "MARKERtelegramsecret", "MARKERopenaikey", "0123456789abcdef0123"}

func assertNoSecrets(t *testing.T, where, s string) {
	t.Helper()
	for _, m := range markerParts {
		if strings.Contains(s, m) {
			i := strings.Index(s, m)
			t.Errorf("%s contains a secret (%q) near: %q", where, m, s[max(0, i-120):min(len(s), i+len(m)+40)])
		}
	}
}

// echoServers are a Slack Web API, a Telegram Bot API and an OpenAI API
// that refuse every call and put what they were sent (token included) in
// the error.
func echoServers(t *testing.T) (slackURL, tgURL, openaiURL string) {
	slack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":false,"error":"invalid_auth: token %s, header %s"}`,
			jsonEsc(r.Form.Get("token")), jsonEsc(r.Header.Get("Authorization")))
	}))
	t.Cleanup(slack.Close)
	tg := newTGFake(t, markTelegram)
	tg.failAll = true
	openai := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s","type":"invalid_request_error","code":"invalid_api_key"}}`,
			jsonEsc(r.Header.Get("Authorization")))
	}))
	t.Cleanup(openai.Close)
	return slack.URL + "/api/", tg.URL(), openai.URL + "/v1"
}

func jsonEsc(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// signSlack signs a Slack request body the way Slack does (v0 HMAC-SHA256).
func signSlack(req *http.Request, secret string, body []byte) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
}

func slashCommand(t *testing.T, addr, secret, user, text string) (int, string) {
	t.Helper()
	form := url.Values{"team_id": {"T1"}, "team_domain": {"acme"}, "channel_id": {"D" + user}, "user_id": {user},
		"user_name": {strings.ToLower(user)}, "command": {"/goal"}, "text": {text},
		"trigger_id": {strconv.FormatInt(time.Now().UnixNano(), 36)}}
	body := []byte(form.Encode())
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/slack/commands", bytes.NewReader(body))
	signSlack(req, secret, body)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("slash command: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// inProcess runs `goalbot` (the bot) in this process until stop is called.
type inProcess struct {
	m      *Main
	stderr *syncBuf
	stdout *syncBuf
	cancel context.CancelFunc
	done   chan error
}

func runInProcess(t *testing.T, env map[string]string) *inProcess {
	t.Helper()
	p := &inProcess{stderr: &syncBuf{}, stdout: &syncBuf{}, done: make(chan error, 1)}
	p.m = &Main{Stdin: strings.NewReader(""), Stdout: p.stdout, Stderr: p.stderr, Getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go func() { p.done <- p.m.Run(ctx, nil) }()
	t.Cleanup(func() { p.stop(t) })
	return p
}

func (p *inProcess) stop(t *testing.T) error {
	t.Helper()
	p.cancel()
	select {
	case err := <-p.done:
		p.done <- err
		return err
	case <-time.After(15 * time.Second):
		t.Fatalf("goalbot did not stop; output:\n%s", p.stderr.String())
		return nil
	}
}

// TestTokensNeverLogged runs the bot with every secret set and every
// server refusing them (and echoing them back in the error), at debug level,
// in both log formats, and drives Slack commands through the signed HTTP
// endpoint so users.info, the LLM coach and Telegram's getMe all fail.
// Neither the logs, nor the error the command returns, nor /healthz, nor
// the doctor's report may contain a secret.
func TestTokensNeverLogged(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			slackURL, tgURL, openaiURL := echoServers(t)
			addr := freeAddr(t)
			env := map[string]string{
				"GOALBOT_DB": filepath.Join(t.TempDir(), "goalbot.db"), "GOALBOT_HTTP_ADDR": addr,
				"GOALBOT_LOG_LEVEL": "debug", "GOALBOT_LOG_FORMAT": format,
				"SLACK_BOT_TOKEN": markSlackBot, "SLACK_SIGNING_SECRET": markSlackSign, "SLACK_API_URL": slackURL,
				"TELEGRAM_BOT_TOKEN": markTelegram, "TELEGRAM_API_URL": tgURL,
				"OPENAI_API_KEY": markOpenAI, "OPENAI_BASE_URL": openaiURL, "GOALBOT_LLM_TIMEOUT": "2s",
			}
			p := runInProcess(t, env)
			var health string
			waitFor(t, 10*time.Second, "/healthz", func() bool {
				code, body := httpGet("http://" + addr + "/healthz")
				health = body
				return code == http.StatusOK
			})
			for _, text := range []string{"new grow sales", "new Book 20 demos by Friday", "log 3", "smart increase revenue"} {
				code, body := slashCommand(t, addr, markSlackSign, "U42", text)
				if code != http.StatusOK {
					t.Fatalf("%q: status %d %s", text, code, body)
				}
				assertNoSecrets(t, "a Slack acknowledgement", body)
			}
			// Wait for the failing paths to be logged (a Telegram getMe
			// failure, a coach fallback): the scan below is of real lines.
			waitFor(t, 20*time.Second, "a getMe failure and a coach failure in the log", func() bool {
				out := p.stderr.String()
				return strings.Contains(out, "getMe") && strings.Contains(strings.ToLower(out), "smart coach")
			})
			err := p.stop(t)
			out := p.stderr.String()
			assertNoSecrets(t, "the log", out)
			assertNoSecrets(t, "stdout", p.stdout.String())
			assertNoSecrets(t, "/healthz", health)
			if err != nil {
				assertNoSecrets(t, "the returned error", err.Error())
			}
			if format == "json" {
				checkJSONLines(t, out)
			}

			// The doctor checks the same configuration without showing it.
			var dout, derr bytes.Buffer
			dm := &Main{Stdin: strings.NewReader(""), Stdout: &dout, Stderr: &derr, Getenv: func(k string) string { return env[k] }}
			_ = dm.Run(context.Background(), []string{"doctor"})
			_ = dm.Run(context.Background(), []string{"doctor", "--json"})
			assertNoSecrets(t, "doctor's report", dout.String()+derr.String())
		})
	}
}

// TestTokenRefusedError: a Telegram token the API refuses stops the bot
// with an error that says what to fix, without the token.
func TestTokenRefusedError(t *testing.T) {
	api := newTGFake(t, "some-other-token") // every call with our token gets 401
	env := map[string]string{
		"GOALBOT_DB": filepath.Join(t.TempDir(), "goalbot.db"), "GOALBOT_HTTP_ADDR": freeAddr(t),
		"TELEGRAM_BOT_TOKEN": markTelegram, "TELEGRAM_API_URL": api.URL(), "GOALBOT_LOG_LEVEL": "debug",
	}
	p := runInProcess(t, env)
	var err error
	select {
	case err = <-p.done:
		p.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("a refused token did not stop the bot")
	}
	if err == nil || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") {
		t.Fatalf("error %v should name TELEGRAM_BOT_TOKEN", err)
	}
	assertNoSecrets(t, "the error", err.Error())
	assertNoSecrets(t, "the log", p.stderr.String())
}

// checkJSONLines: with GOALBOT_LOG_FORMAT=json every line is one JSON
// object with the stable keys time, level and msg; adapters' lines carry
// platform, and errors are under "err" or "error".
func checkJSONLines(t *testing.T, out string) {
	t.Helper()
	var platforms sync.Map
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("not a JSON log line: %q", line)
			continue
		}
		for _, k := range []string{"time", "level", "msg"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("log line lacks %q: %s", k, line)
			}
		}
		if p, ok := rec["platform"].(string); ok {
			platforms.Store(p, true)
		}
	}
	for _, p := range []string{"slack", "telegram"} {
		if _, ok := platforms.Load(p); !ok {
			t.Errorf("no log line with platform=%s", p)
		}
	}
}
