package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// runSend runs one chat command and prints the reply (SPEC §6). It exits
// non-zero when the reply is a refusal, so scripts can check it.
func (m *Main) runSend(ctx context.Context, args []string) error {
	fs := m.flagSet("send")
	user := fs.String("user", loginName(m.Getenv), "user `id` the command comes from")
	team := fs.String("team", "local", "team `id`")
	role := fs.String("role", "", "`manager` marks the user a manager of the team on first contact")
	asJSON := fs.Bool("json", false, "print the structured reply")
	direct := fs.Bool("dm", false, "as a direct message: plain language (\"3 demos\") is understood")
	key := fs.String("key", "", "idempotency `key` of the event (a retried key logs once)")
	if err := parseInterspersed(fs, args); err != nil {
		return exitCode(2)
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" {
		fmt.Fprintln(m.Stderr, `usage: goalbot send [--user U] [--team T] [--json] "<chat command>"`)
		return exitCode(2)
	}
	if err := m.setup(true); err != nil {
		return err
	}
	defer m.Close()
	req := bot.Request{Platform: "cli", TeamID: *team, TeamName: *team, UserID: *user, UserName: *user, Direct: *direct, Key: *key}
	cmd, rest, _ := bot.SlashCommand(text)
	req.Text = rest
	if cmd == "log" {
		req.Command = "log"
	}
	switch *role {
	case "":
	case "manager":
		req.RoleHint = goals.RoleManager
	case "member":
		req.RoleHint = goals.RoleMember
	default:
		fmt.Fprintln(m.Stderr, "goalbot send: --role is manager or member")
		return exitCode(2)
	}
	rep := m.engine().Handle(ctx, req)
	if *asJSON {
		if err := writeJSON(m.Stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(m.Stdout, rep.Text)
	}
	if !rep.OK {
		return exitCode(1)
	}
	return nil
}

// writeJSON prints v as one line of JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// parseInterspersed lets flags come after positional words too:
// `goalbot send "log 3" --json` works like `goalbot send --json "log 3"`.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
