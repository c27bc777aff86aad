// Package console is the terminal adapter: the same commands as in chat,
// typed on standard input, with replies as plain text.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Console runs a chat session between one local user and the engine.
type Console struct {
	Engine *bot.Engine
	TeamID string // default "local"
	UserID string
	In     io.Reader
	Out    io.Writer
	// Prompt is printed before each line is read; empty for none (tests, pipes).
	Prompt string
	// Role is what the terminal says of its user (goals.RoleManager: the
	// manager of the local team, as `goalbot console` runs it).
	Role goals.Role

	buttons []bot.Button // of the last reply, pressed by typing its key
	numbers bool         // the keys are 1, 2, 3 (a reply of choices only), else a, b, c
	lang    string       // of the last reply: a pressed key has no language of its own
	seq     int
}

// Run reads commands until EOF, "quit" or ctx is done. A command in flight
// finishes before Run returns.
func (c *Console) Run(ctx context.Context) error {
	if c.TeamID == "" {
		c.TeamID = "local"
	}
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.In)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
		close(lines)
	}()
	for {
		if c.Prompt != "" {
			fmt.Fprint(c.Out, c.Prompt)
		}
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				return <-errc
			}
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if line == "quit" || line == "exit" || line == "/quit" {
				return nil
			}
			rep := c.Engine.Handle(ctx, c.Request(line))
			fmt.Fprintln(c.Out, c.Render(rep))
		}
	}
}

// Request turns a typed line into a request: "/goal log 3" and "log 3" are
// commands, "/log 3" the log shortcut, a button's key presses that button
// of the last reply, anything else is plain language.
func (c *Console) Request(line string) bot.Request {
	c.seq++
	req := bot.Request{
		Platform: "console", TeamID: c.TeamID, UserID: c.UserID, UserName: c.UserID,
		Direct: true, Key: "", Text: line, LangHint: c.lang, RoleHint: c.Role,
	}
	if n := c.pressed(line); n > 0 {
		b := c.buttons[n-1]
		req.Action = &bot.Action{ID: b.Action, Value: b.Value}
		req.Text = ""
		req.Key = fmt.Sprintf("console:%d:%s", c.seq, b.Action)
		return req
	}
	if cmd, rest, ok := bot.SlashCommand(line); ok {
		req.Text, req.Slash = rest, true
		if cmd == "log" {
			req.Command = "log"
		}
	} else if strings.HasPrefix(line, "/") {
		req.Slash = true // "/list" is /goal list; "/gaol list" a typo to point out
	}
	return req
}

// pressed is the 1-based button line's key names, or 0. A number presses a
// button only when the last reply offered nothing but choices, so "1" typed
// after a log (meaning "log 1") or under "How much exactly?" is an answer,
// never Undo or Edit.
func (c *Console) pressed(line string) int {
	for i := range c.buttons {
		if strings.EqualFold(line, c.key(i)) {
			return i + 1
		}
	}
	return 0
}

// key is the key of button i: 1, 2, 3 for choices, a, b, c otherwise.
func (c *Console) key(i int) string {
	if c.numbers {
		return strconv.Itoa(i + 1)
	}
	return string(rune('a' + i))
}

// Render is the reply as terminal text; buttons become keyed choices.
func (c *Console) Render(rep bot.Reply) string {
	var b strings.Builder
	b.WriteString(rep.Text)
	c.buttons = nil
	c.lang = rep.Lang
	c.numbers = true
	for _, btn := range rep.Buttons {
		if btn.Action == bot.ActCustomLog {
			continue // typing "/goal log #id N" is the console's custom amount
		}
		if btn.Action != bot.ActPickGoal {
			c.numbers = false // an action beside an answer the user may type
		}
		c.buttons = append(c.buttons, btn)
	}
	if len(c.buttons) > 26 {
		c.buttons = c.buttons[:26]
	}
	if len(c.buttons) > 0 {
		b.WriteString("\n")
		for i, btn := range c.buttons {
			if i > 0 {
				b.WriteString("  ")
			}
			fmt.Fprintf(&b, "[%s] %s", c.key(i), btn.Label)
		}
		pick := "console_pick_letter"
		if c.numbers {
			pick = "console_pick"
		}
		b.WriteString("  " + i18n.T(rep.Lang, pick))
	}
	return b.String()
}
