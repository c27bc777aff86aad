package main

import (
	"context"
	"fmt"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/console"
	"github.com/goalbot/goalbot/goals"
)

// runConsole chats in the terminal as the login user of team "local". The
// person at the keyboard owns the file, so by default they manage the team:
// team goals, splits by member, export and team settings work at once.
func (m *Main) runConsole(ctx context.Context, args []string) error {
	fs := m.flagSet("console")
	user := fs.String("user", loginName(m.Getenv), "user `id`")
	team := fs.String("team", "local", "team `id`")
	role := fs.String("role", "manager", "`manager` or member: the user's role in the team")
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	var r goals.Role
	switch *role {
	case "manager":
		r = goals.RoleManager
	case "member":
		r = goals.RoleMember
	default:
		fmt.Fprintln(m.Stderr, "goalbot console: --role is manager or member")
		return exitCode(2)
	}
	// --now pins the clock here as on every subcommand, so a session typed
	// from the README prints what the README shows, however slowly it is typed.
	if err := m.setup(true); err != nil {
		return err
	}
	defer m.Close()
	m.quietLogs()
	return m.chat(ctx, m.engine(), *team, *user, r)
}

// chat runs the terminal chat on eng.
func (m *Main) chat(ctx context.Context, eng *bot.Engine, team, user string, role goals.Role) error {
	c := &console.Console{Engine: eng, TeamID: team, UserID: user, Role: role, In: m.Stdin, Out: m.Stdout}
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
