package main

import (
	"log/slog"

	"github.com/goalbot/goalbot/goals"
)

// newCoach picks the SMART coach. The LLM coach is wired here when the
// prompts package provides one; until then the offline analyser answers.
func newCoach(cfg Config, log *slog.Logger) goals.Coach {
	_ = cfg
	_ = log
	return goals.OfflineCoach{}
}
