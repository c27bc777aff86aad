package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDotEnvBesideDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	env := "# comment\nexport GOALBOT_TZ=Asia/Taipei\nGOALBOT_LANG=\"zh-TW\"\nSLACK_API_URL='http://127.0.0.1:1/api/'\nGOALBOT_LLM_TIMEOUT=3s\n"
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(env), 0o600); err != nil {
		t.Fatal(err)
	}
	real := map[string]string{"GOALBOT_LANG": "en"} // the environment wins over the file
	cfg, err := loadConfig(func(k string) string { return real[k] }, db)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TZ != "Asia/Taipei" || cfg.Lang != "en" || cfg.SlackAPIURL != "http://127.0.0.1:1/api/" || cfg.LLMTimeout.String() != "3s" || cfg.DB != db {
		t.Fatalf("config: %+v", cfg)
	}
	if cfg.HTTPAddr != ":8080" {
		t.Fatalf("default HTTP address %q", cfg.HTTPAddr)
	}
}

func TestConfigRejectsBadValues(t *testing.T) {
	for k, v := range map[string]string{"GOALBOT_TZ": "Mars/Base", "GOALBOT_LLM_TIMEOUT": "soon"} {
		_, err := loadConfig(func(key string) string {
			if key == k {
				return v
			}
			return ""
		}, filepath.Join(t.TempDir(), "g.db"))
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
	if _, err := parseDotEnv(strings.NewReader("no equals sign")); err == nil {
		t.Error("bad .env line accepted")
	}
}

// GOALBOT_NOW pins `send` like --now does.
func TestNowFromEnvironment(t *testing.T) {
	c := newCLI(t)
	c.now = ""
	c.env["GOALBOT_NOW"] = "2026-11-16T09:00:00+08:00"
	out, _, err := c.run("send", "--json", "new Book 20 demos by Friday")
	if err != nil || !strings.Contains(out, `"deadline":"2026-11-20"`) {
		t.Fatalf("GOALBOT_NOW not honoured: %v %s", err, out)
	}
}

func TestHostZone(t *testing.T) {
	env := func(tz string) func(string) string {
		return func(k string) string {
			if k == "TZ" {
				return tz
			}
			return ""
		}
	}
	if got := hostZone(env("Asia/Taipei")); got != "Asia/Taipei" {
		t.Errorf("TZ=Asia/Taipei gave %q", got)
	}
	if got := hostZone(env(":Asia/Shanghai")); got != "Asia/Shanghai" {
		t.Errorf("TZ=:Asia/Shanghai gave %q", got)
	}
	// An unknown TZ falls back to a zone that loads (the host's, or UTC).
	if got := hostZone(env("Nowhere/Else")); got == "Nowhere/Else" {
		t.Errorf("unknown TZ kept")
	} else if _, err := time.LoadLocation(got); err != nil {
		t.Errorf("fallback %q does not load: %v", got, err)
	}
}
