package main

import (
	"context"
	"flag"

	"github.com/goalbot/goalbot/bot/console"
)

// runConsole chats in the terminal as the login user of team "local".
func (m *Main) runConsole(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.globalFlags(fs)
	user := fs.String("user", loginName(m.Getenv), "user `id`")
	team := fs.String("team", "local", "team `id`")
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	if err := m.setup(false); err != nil {
		return err
	}
	defer m.Close()
	return m.console(ctx, *team, *user)
}

func (m *Main) console(ctx context.Context, team, user string) error {
	c := &console.Console{Engine: m.engine(), TeamID: team, UserID: user, In: m.Stdin, Out: m.Stdout}
	if isTerminal(m.Stdin) {
		c.Prompt = "> "
		c.Out.Write([]byte("goalbot console – type `help`, `new Book 20 demos by Friday`, `log 3 demos`; `quit` to leave.\n"))
	}
	return c.Run(ctx)
}
