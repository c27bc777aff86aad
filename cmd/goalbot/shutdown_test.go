package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMGraceful runs the binary with a fake Telegram API (so it runs
// the HTTP server, the adapter and the scheduler), checks /healthz and
// /metrics, then sends SIGTERM while a reply is on its way through a slow
// API: the process must finish that reply and exit 0 within 10 s.
func TestSIGTERMGraceful(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the goalbot binary")
	}
	const token = "515151:shutdown-test-token-abcdefghijklmnop"
	bin := buildBinary(t)
	api := newTGFake(t, token)
	addr := freeAddr(t)
	env := childEnv("TELEGRAM_BOT_TOKEN="+token, "TELEGRAM_API_URL="+api.URL(),
		"GOALBOT_DB="+filepath.Join(t.TempDir(), "goalbot.db"), "GOALBOT_HTTP_ADDR="+addr,
		"GOALBOT_LOG_FORMAT=json")
	c := startChild(t, bin, env)

	// Up: healthy, the adapter running, metrics served.
	var h healthReport
	waitFor(t, 15*time.Second, "/healthz to report the telegram adapter running", func() bool {
		code, body := httpGet("http://" + addr + "/healthz")
		if code != http.StatusOK || json.Unmarshal([]byte(body), &h) != nil {
			return false
		}
		return h.Adapters["telegram"].State == stateRunning
	})
	if !h.Database.OK || h.Database.SchemaVersion == 0 || h.Workers["reminders"].State != stateRunning {
		t.Fatalf("healthz: %+v", h)
	}
	api.push(6001, 1, "/start")
	waitFor(t, 10*time.Second, "the /start reply", func() bool { return len(api.textsTo(6001)) > 0 })
	_, metricsBody := httpGet("http://" + addr + "/metrics")
	for _, want := range []string{"goalbot_build_info{", `goalbot_outbox_messages{status="pending"} 0`, "goalbot_progress_logs_total", "go_goroutines"} {
		if !strings.Contains(metricsBody, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	waitFor(t, 5*time.Second, "the command in /metrics", func() bool {
		_, body := httpGet("http://" + addr + "/metrics")
		return strings.Contains(body, `goalbot_commands_total{command="start",outcome="ok",platform="telegram"} 1`) &&
			strings.Contains(body, `goalbot_command_duration_seconds_count{command="start",platform="telegram"} 1`)
	})

	// A reply in flight through an API that takes 2 s to answer.
	api.mu.Lock()
	api.sendDelay, api.sending = 2*time.Second, make(chan struct{}, 1)
	sending := api.sending
	api.mu.Unlock()
	time.Sleep(1100 * time.Millisecond) // Telegram's pace: one message a second per chat
	api.push(6001, 2, "/goal help")
	select {
	case <-sending:
	case <-time.After(10 * time.Second):
		t.Fatalf("the reply never started; output:\n%s", c.out.String())
	}
	began := time.Now()
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := c.wait(t, 15*time.Second)
	took := time.Since(began)
	t.Logf("SIGTERM to exit: %s", took.Round(time.Millisecond))
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("exit: %v; output:\n%s", err, c.out.String())
	}
	if took > 10*time.Second {
		t.Fatalf("took %s to stop, want within 10 s", took)
	}
	if api.callCount("sendMessage:done") < 1 {
		t.Errorf("the reply in flight was not finished")
	}
	out := c.out.String()
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "grace period over") || strings.Contains(out, token) {
		t.Errorf("unclean stop or a token in the output:\n%s", out)
	}
	// Closed: nothing listens any more.
	if code, _ := httpGet("http://" + addr + "/healthz"); code != 0 {
		t.Errorf("still serving after exit: %d", code)
	}
}

// httpGet returns the status and body, or 0 when the request failed.
func httpGet(url string) (int, string) {
	cl := &http.Client{Timeout: 3 * time.Second}
	resp, err := cl.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
