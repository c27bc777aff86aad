package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// TestConfirmedLogSurvivesKill runs the real goalbot binary against the
// fake Bot API (long polling) and kills it with SIGKILL the moment its
// log confirmation reaches Telegram, before Telegram has even answered
// the sendMessage. The log must be in the database afterwards: the
// engine's write commits before the reply is sent.
func TestConfirmedLogSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the goalbot binary")
	}
	dir := t.TempDir()
	bin := buildGoalbot(t, dir)
	api := newFakeAPI(t, testToken)
	dbPath := filepath.Join(dir, "goalbot.db")
	cmd := exec.Command(bin)
	cmd.Env = goalbotEnv(
		"TELEGRAM_BOT_TOKEN="+testToken, "TELEGRAM_API_URL="+api.URL(),
		"GOALBOT_DB="+dbPath, "GOALBOT_HTTP_ADDR=127.0.0.1:0",
		"GOALBOT_NOW=2026-11-10T10:00:00+08:00", "GOALBOT_TZ=Asia/Shanghai",
	)
	var stderr syncBuffer
	cmd.Stderr = &stderr

	var once sync.Once
	killed := make(chan struct{})
	api.mu.Lock()
	api.beforeReply = func(c apiCall) {
		if c.Method == "sendMessage" && strings.Contains(c.Fields["text"], "已记录") {
			once.Do(func() {
				_ = cmd.Process.Kill() // SIGKILL: no deferred code, no shutdown
				close(killed)
			})
		}
	}
	api.mu.Unlock()

	if err := cmd.Start(); err != nil {
		t.Fatalf("start goalbot: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})

	u := user(9001, "zh-hans")
	api.push(privateMessage(1, u, "/goal 新建 本月销售额达到5万元"))
	mustContain(t, api.waitTexts(u.ID, 1)[0], "已创建目标 #1")
	api.push(privateMessage(2, u, "/log 1.2万"))
	select {
	case <-killed:
	case <-time.After(20 * time.Second):
		t.Fatalf("no confirmation before the deadline; goalbot said:\n%s", stderr.String())
	}
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("goalbot did not die")
	}
	if strings.Contains(stderr.String(), testToken) {
		t.Errorf("token in goalbot's output:\n%s", stderr.String())
	}

	clock := goals.ClockFunc(func() time.Time { return testNow })
	db, err := storage.Open(dbPath, storage.WithClock(clock))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	ls, err := db.Logs(context.Background(), goals.LogFilter{TeamID: "tg:u9001"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].Amount != 12000 || ls[0].Key != "tg:9001:2" {
		t.Fatalf("after kill -9 the confirmed log is %+v, want one of 12000", ls)
	}
}

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildGoalbot builds cmd/goalbot once per test run.
func buildGoalbot(t *testing.T, _ string) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "goalbot-bin-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "goalbot")
		build := exec.Command("go", "build", "-o", binPath, "github.com/goalbot/goalbot/cmd/goalbot")
		build.Stderr = os.Stderr
		buildErr = build.Run()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

// goalbotEnv is this process's environment without any bot configuration,
// plus kv.
func goalbotEnv(kv ...string) []string {
	env := []string{}
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "TELEGRAM_") || strings.HasPrefix(e, "SLACK_") || strings.HasPrefix(e, "GOALBOT_") || strings.HasPrefix(e, "OPENAI_") {
			continue
		}
		env = append(env, e)
	}
	return append(env, kv...)
}

// TestBinaryWebhookMode checks the wiring in cmd/goalbot: with
// TELEGRAM_WEBHOOK_URL the bot calls setWebhook and serves
// /telegram/webhook on GOALBOT_HTTP_ADDR, refusing a wrong secret.
func TestBinaryWebhookMode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the goalbot binary")
	}
	dir := t.TempDir()
	bin := buildGoalbot(t, dir)
	api := newFakeAPI(t, testToken)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin)
	cmd.Env = goalbotEnv(
		"TELEGRAM_BOT_TOKEN="+testToken, "TELEGRAM_API_URL="+api.URL(),
		"TELEGRAM_WEBHOOK_URL=https://bot.example.com", "TELEGRAM_WEBHOOK_SECRET=hook-secret_1",
		"GOALBOT_DB="+filepath.Join(dir, "goalbot.db"), "GOALBOT_HTTP_ADDR="+addr,
	)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Error("goalbot did not stop on SIGINT")
		}
		if strings.Contains(stderr.String(), testToken) || strings.Contains(stderr.String(), "hook-secret_1") {
			t.Errorf("a secret in goalbot's output:\n%s", stderr.String())
		}
	})

	set := api.waitCalls("setWebhook", 1)[0]
	if set.Fields["url"] != "https://bot.example.com/telegram/webhook" || set.Fields["secret_token"] != "hook-secret_1" {
		t.Fatalf("setWebhook %+v", set.Fields)
	}
	u := user(9101, "en")
	upd := privateMessage(1, u, "/start")
	upd.ID = 1
	body, _ := json.Marshal(&upd)
	post := func(secret string) int {
		deadline := time.Now().Add(10 * time.Second)
		for {
			req, _ := http.NewRequest(http.MethodPost, "http://"+addr+WebhookPath, bytes.NewReader(body))
			if secret != "" {
				req.Header.Set(SecretHeader, secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
				return resp.StatusCode
			}
			if time.Now().After(deadline) {
				t.Fatalf("webhook unreachable: %v\n%s", err, stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if code := post("wrong"); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d", code)
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Fatalf("no secret: %d", code)
	}
	if code := post("hook-secret_1"); code != http.StatusOK {
		t.Fatalf("right secret: %d", code)
	}
	mustContain(t, api.waitTexts(u.ID, 1)[0], "goalbot")
	if n := len(api.sent("getUpdates")); n != 0 {
		t.Errorf("polled %d times in webhook mode", n)
	}
}
