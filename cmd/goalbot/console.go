package main

import (
	"context"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/console"
)

// runConsole chats in the terminal as the login user of team "local".
func (m *Main) runConsole(ctx context.Context, args []string) error {
	fs := m.flagSet("console")
	user := fs.String("user", loginName(m.Getenv), "user `id`")
	team := fs.String("team", "local", "team `id`")
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	if err := m.setup(false); err != nil {
		return err
	}
	defer m.Close()
	m.quietLogs()
	return m.chat(ctx, m.engine(), *team, *user)
}

// chat runs the terminal chat on eng.
func (m *Main) chat(ctx context.Context, eng *bot.Engine, team, user string) error {
	c := &console.Console{Engine: eng, TeamID: team, UserID: user, In: m.Stdin, Out: m.Stdout}
	if isTerminal(m.Stdin) {
		c.Prompt = "> "
		c.Out.Write([]byte("goalbot console – type `help`, `new Book 20 demos by Friday`, `log 3 demos`; `quit` to leave.\n"))
	}
	return c.Run(ctx)
}

// quietLogs keeps informational logs out of the terminal chat unless a
// level was asked for: the person at the keyboard wants replies, not logs.
func (m *Main) quietLogs() {
	if m.cfg.LogLevel == "" {
		m.log = newLogger(m.Stderr, "warn", m.cfg.LogFormat)
	}
}
