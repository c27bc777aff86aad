package goals

import "context"

// Coach analyses a goal statement for SMART. The offline analyser is always
// there; an LLM coach (package prompts) wraps it and falls back to it.
type Coach interface {
	Coach(ctx context.Context, text string, o AnalyzeOptions) CoachResult
}

// CoachResult is an analysis and where it came from.
type CoachResult struct {
	Analysis
	Source   string // "offline" or "llm"
	FellBack bool   // an LLM was configured but its answer was not used
	// Parts split a compound statement ("grow revenue and cut churn") into
	// one analysis per goal, each in the user's own words; nil otherwise.
	Parts []Analysis
}

// OfflineCoach is the network-free analyser.
type OfflineCoach struct{}

// Coach runs Analyze.
func (OfflineCoach) Coach(_ context.Context, text string, o AnalyzeOptions) CoachResult {
	return CoachResult{Analysis: Analyze(text, o), Source: "offline"}
}

type teamIDKey struct{}

// WithTeamID tells a Coach which team a call is for (budgets, logs).
func WithTeamID(ctx context.Context, teamID string) context.Context {
	return context.WithValue(ctx, teamIDKey{}, teamID)
}

// TeamIDFrom is the team set by WithTeamID, or "".
func TeamIDFrom(ctx context.Context) string {
	t, _ := ctx.Value(teamIDKey{}).(string)
	return t
}
