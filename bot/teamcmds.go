package bot

// registerTeamCommands adds split, export and breakeven (issue 7).
func (e *Engine) registerTeamCommands() {
	for _, c := range []*Command{
		{Name: "split", Aliases: []string{"拆解", "拆分"}, Help: "help_split", Handler: e.cmdSplit},
		{Name: "export", Aliases: []string{"导出", "匯出", "導出"}, Help: "help_export", Handler: e.cmdExport},
		{Name: "breakeven", Aliases: []string{"保本", "盈亏平衡", "盈虧平衡", "break-even"}, Help: "help_breakeven", Handler: e.cmdBreakeven},
	} {
		e.Register(c)
	}
}
