// Package bot is the platform-neutral command engine: adapters (slack,
// telegram, console) turn what they receive into a Request, call
// Engine.Handle, and render the Reply. Nothing here knows a platform.
package bot

import (
	"strings"

	"github.com/goalbot/goalbot/goals"
)

// Request is one thing a user said or pressed.
type Request struct {
	Platform string // "console", "cli", "slack", "telegram": for metrics and logs only
	TeamID   string // platform-prefixed team id ("local", "slack:T1", "tg:-100")
	TeamName string
	UserID   string
	UserName string
	// Text is what follows the slash command ("log 3 demos"), or the whole
	// message when the bot is addressed directly without a command.
	Text string
	// Channel is the platform's chat or channel the request came from
	// (Slack channel id, Telegram chat id), for subscriptions ("digest here").
	Channel string
	// Command is the slash command used: "goal" (default) or "log".
	Command string
	// Slash is true when Text followed a slash command the user typed
	// (the terminal's "/goal ..."): its first word is then a command's, so
	// an unknown one is a typo to point out, never plain language to log.
	Slash bool
	// Direct is true in a DM, a private chat or the console: plain language
	// ("3 demos") is understood there without a slash command.
	Direct bool
	// LangHint is the platform's locale for the user (Slack locale,
	// Telegram language_code); the script of Text wins over it.
	LangHint string
	// TZHint is the user's time zone as the platform knows it (Slack users.info).
	TZHint string
	// RoleHint is what the platform says of the user: goals.RoleManager for
	// an admin (Slack workspace admin, Telegram group administrator),
	// goals.RoleMember for someone it says is not one, "" when it did not
	// say (see goals.Service.Enter for what each does).
	RoleHint goals.Role
	// Key identifies the platform event (message id, trigger id) so a
	// redelivered event does not log twice. Empty: no idempotency.
	Key string
	// Action is set when a button was pressed instead of text typed.
	Action *Action
}

// Action is a button press: the Button's Action and Value sent back.
type Action struct {
	ID    string
	Value string
}

// SlashCommand reads a slash command typed as text, as the console and
// `goalbot send` take it: "/goal log 3" is ("goal", "log 3", true), "/log 3"
// is ("log", "3", true); other text is not one.
func SlashCommand(text string) (command, rest string, ok bool) {
	for _, c := range []string{"goal", "log"} {
		if r, found := strings.CutPrefix(text, "/"+c); found {
			return c, strings.TrimSpace(r), true
		}
	}
	return "", text, false
}
