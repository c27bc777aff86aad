package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The deployment files stay in step with the code: .env.example lists every
// variable the configuration reads and loads as it is; the Dockerfile builds
// with go.mod's Go and no cgo; the systemd unit gives the graceful shutdown
// its time.

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEnvExample(t *testing.T) {
	example := readRepoFile(t, ".env.example")
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?:get|getenv)\("([A-Z][A-Z0-9_]+)"\)`).FindAllStringSubmatch(string(src), -1) {
		vars[m[1]] = true
	}
	if len(vars) < 18 {
		t.Fatalf("found only %d variables in config.go: %v", len(vars), vars)
	}
	listed := regexp.MustCompile(`(?m)^#? ?([A-Z][A-Z0-9_]+)=`)
	have := map[string]bool{}
	for _, m := range listed.FindAllStringSubmatch(example, -1) {
		have[m[1]] = true
	}
	for v := range vars {
		if !have[v] {
			t.Errorf(".env.example does not list %s", v)
		}
	}
	for v := range have {
		if !vars[v] {
			t.Errorf(".env.example lists %s, which the configuration does not read", v)
		}
	}

	// It loads as is, as the .env beside the database.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(func(string) string { return "" }, filepath.Join(dir, "goalbot.db"))
	if err != nil {
		t.Fatalf(".env.example does not load: %v", err)
	}
	if cfg.SlackEnabled() || cfg.TelegramEnabled() || cfg.LLMEnabled() || cfg.LLMTimeout != 20*time.Second || cfg.HTTPAddr != ":8080" {
		t.Fatalf(".env.example as loaded: %+v", cfg)
	}
}

func TestDockerfileAndUnit(t *testing.T) {
	gomod := readRepoFile(t, "go.mod")
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(gomod)
	if m == nil {
		t.Fatal("no go directive in go.mod")
	}
	docker := readRepoFile(t, "Dockerfile")
	for _, want := range []string{"ARG GO_VERSION=" + m[1], "CGO_ENABLED=0", "gcr.io/distroless/static", "./cmd/goalbot", "USER 65532"} {
		if !strings.Contains(docker, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	unit := readRepoFile(t, "deploy/goalbot.service")
	stop := regexp.MustCompile(`(?m)^TimeoutStopSec=(\d+)s$`).FindStringSubmatch(unit)
	if stop == nil {
		t.Fatal("goalbot.service has no TimeoutStopSec")
	}
	if d, _ := time.ParseDuration(stop[1] + "s"); d <= shutdownGrace {
		t.Errorf("TimeoutStopSec=%s leaves no room for the %s graceful shutdown", d, shutdownGrace)
	}
	for _, want := range []string{"ExecStart=/usr/local/bin/goalbot", "KillSignal=SIGTERM", "EnvironmentFile=-/etc/goalbot/goalbot.env", "StateDirectory=goalbot"} {
		if !strings.Contains(unit, want) {
			t.Errorf("goalbot.service lacks %q", want)
		}
	}
}
