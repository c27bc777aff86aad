package slackbot

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// commandName maps a slash command to Request.Command: "/log" (or a
// renamed "/xyz-log") logs, anything else is "/goal".
func commandName(cmd string) string {
	c := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(cmd), "/"))
	if c == "log" || strings.HasSuffix(c, "-log") || strings.HasSuffix(c, "_log") || c == "记录" || c == "記錄" {
		return "log"
	}
	return "goal"
}

// slackMarkup is Slack's <…> markup in incoming text: <@U1|name>,
// <#C1|name>, <!here>, <https://x|label>.
var slackMarkup = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

var slackEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// fromSlack turns text as Slack sends it (slash command text, messages)
// into what the user typed: links become their label or address, channel
// names lose their ids, & < > are unescaped. User mentions stay <@U…>,
// which the engine resolves to members.
func fromSlack(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	s = slackMarkup.ReplaceAllStringFunc(s, func(m string) string {
		target, label, labelled := strings.Cut(m[1:len(m)-1], "|")
		switch {
		case strings.HasPrefix(target, "@"):
			return target // a user mention becomes "@U123", the engine's neutral form
		case strings.HasPrefix(target, "#"):
			if labelled {
				return "#" + label
			}
			return target
		case strings.HasPrefix(target, "!"):
			if labelled {
				return label
			}
			return "@" + target[1:]
		case labelled:
			return label
		}
		return strings.TrimPrefix(target, "mailto:")
	})
	return slackEntities.Replace(s)
}

// isDM: Slack's direct-message channel ids start with D.
func isDM(channel string) bool { return strings.HasPrefix(channel, "D") }

// teamWords say "for the team" after `/goal new`.
func isTeamWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "team", "团队", "團隊":
		return true
	}
	return false
}

func splitWord(s string) (string, string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// wantsModal reports whether text is a bare `/goal new` (or `new team`),
// which opens the goal modal instead of the typed dialogue.
func (a *Adapter) wantsModal(text string) (team, ok bool) {
	word, rest := splitWord(text)
	c, found := a.eng.Lookup(word)
	if !found || c.Name != "new" {
		return false, false
	}
	if rest == "" {
		return false, true
	}
	if isTeamWord(rest) {
		return true, true
	}
	return false, false
}

// command answers a slash command. The result is the acknowledgement's
// body; nil acknowledges with an empty body (the reply follows later, or a
// modal opened). maxAck > 0 bounds the acknowledgement's size (Socket
// Mode refuses payloads over 20 KB): a larger reply goes out later.
func (a *Adapter) command(ctx context.Context, sc slack.SlashCommand, maxAck int) *Msg {
	// Slack allows 3 s from its request to our answer: everything below,
	// users.info on a first contact included, fits in the inline wait.
	start := time.Now()
	if sc.TeamID == "" || sc.UserID == "" {
		return &Msg{ResponseType: slack.ResponseTypeEphemeral, Text: tr(i18n.EN, "no_team")}
	}
	req := a.request(ctx, sc.TeamID, sc.TeamDomain, sc.UserID, sc.UserName)
	req.Text = fromSlack(sc.Text)
	req.Command = commandName(sc.Command)
	req.Direct = isDM(sc.ChannelID)
	req.Slash = true // "/goal lgo 3" is a typo to point out, even in a DM
	req.Channel = sc.ChannelID
	if sc.TriggerID != "" {
		req.Key = eventKey(sc.TeamID, "cmd", sc.TriggerID)
	}
	to := reply{teamID: sc.TeamID, channel: sc.ChannelID, user: sc.UserID, responseURL: sc.ResponseURL}

	if req.Command == "goal" && sc.TriggerID != "" {
		if team, ok := a.wantsModal(req.Text); ok {
			scope := goals.ScopeIndividual
			if team {
				scope = goals.ScopeTeam
			}
			meta := modalMeta{Channel: sc.ChannelID, ResponseURL: sc.ResponseURL, Scope: string(scope)}
			if err := a.openNewGoalModal(ctx, start, sc.TriggerID, req, meta); err == nil {
				return nil
			} else {
				a.logErr("views.open failed; starting the typed dialogue", err, "team", sc.TeamID)
			}
		}
	}

	rep, inline := a.answer(ctx, start.Add(a.inlineWait), req, func(ctx context.Context, rep bot.Reply) {
		a.deliver(ctx, to, rep)
	})
	if !inline {
		return nil
	}
	msg := Message(rep)
	if maxAck > 0 {
		if b, err := json.Marshal(msg); err != nil || len(b) >= maxAck {
			a.background(func(ctx context.Context) { a.deliver(ctx, to, rep) })
			return nil
		}
	}
	if len(rep.Chart) > 0 || len(rep.CSV) > 0 {
		a.background(func(ctx context.Context) { a.attachFiles(ctx, to, rep) })
	}
	return &msg
}
