package main

import (
	"log/slog"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/prompts"
)

// newCoach picks the SMART coach: the LLM rewriter when an OpenAI-compatible
// endpoint is configured (it falls back to the offline analyser on any
// failure), otherwise the offline analyser alone.
func newCoach(cfg Config, log *slog.Logger) goals.Coach {
	if !cfg.LLMEnabled() {
		return goals.OfflineCoach{}
	}
	return prompts.NewLLMCoach(prompts.Config{
		APIKey: cfg.OpenAIKey, BaseURL: cfg.OpenAIBaseURL, Model: cfg.OpenAIModel, Timeout: cfg.LLMTimeout,
	}, goals.OfflineCoach{}, log)
}
