package slackbot_test

import (
	"os"
	"strings"
	"testing"
)

// The manifest declares what the adapter relies on.
func TestManifest(t *testing.T) {
	b, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := string(b)
	for _, want := range []string{
		"command: /goal", "command: /log",
		"- commands", "- chat:write", "- im:history", "- im:write", "- users:read", "- app_mentions:read", "- files:write",
		"- app_home_opened", "- message.im", "- app_mention",
		"home_tab_enabled: true", "is_enabled: true", "socket_mode_enabled: true",
		"/slack/commands", "/slack/interactivity", "/slack/events",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("manifest lacks %q", want)
		}
	}
	if strings.Contains(m, "\t") {
		t.Error("manifest has tabs (YAML refuses them)")
	}
}
