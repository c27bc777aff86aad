package slackbot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit): what is
// longer is clipped here rather than refused by Slack.
const (
	maxSectionText  = 3000
	maxFieldText    = 2000
	maxButtonText   = 75
	maxButtonValue  = 2000
	maxMessageBlock = 50
	maxHomeBlocks   = 100
	maxActions      = 25
	maxGoalCards    = 10
	maxFallbackText = 3000
)

// escape makes user text literal in mrkdwn: Slack reads <...> as links and
// mentions (<!channel>, <http://x|y>) and & as the start of an entity.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clipRunes cuts s to at most n bytes on a rune boundary, with an ellipsis.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// clipChars cuts s to at most n characters (Slack counts characters for
// button labels and plain text).
func clipChars(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

// textSections splits mrkdwn text into sections of at most 3000 bytes,
// cutting between lines where it can.
func textSections(text string) []slack.Block {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []slack.Block
	for text != "" {
		chunk := text
		if len(chunk) > maxSectionText {
			cut := strings.LastIndex(chunk[:maxSectionText], "\n")
			if cut < maxSectionText/2 {
				chunk = clipBytes(chunk, maxSectionText)
				cut = len(chunk) - len("…")
				chunk = chunk[:cut]
			} else {
				chunk = chunk[:cut]
			}
		}
		text = strings.TrimLeft(text[len(chunk):], "\n")
		out = append(out, slack.NewSectionBlock(mrkdwn(chunk), nil, nil))
	}
	return out
}

// goalCard is one goal as a section: title, bar, figures as fields.
func goalCard(v bot.GoalView, lang string) *slack.SectionBlock {
	head := "*#" + strconv.FormatInt(v.ID, 10) + " " + escape(clipChars(v.Title, 150)) + "*"
	if v.Scope == goals.ScopeTeam {
		head += "  _" + escape(i18n.T(lang, "scope_team")) + "_"
	}
	head += "\n`" + bot.Bar(v.Percent) + "` " + bot.Pct(v.Percent)
	target := bot.Amount(v.Target, v.Unit, lang)
	if v.Cadence != nil {
		target += " " + i18n.T(lang, "cadence_"+string(*v.Cadence))
	}
	fields := []*slack.TextBlockObject{
		mrkdwn("📈 " + escape(bot.Amount(v.Current, v.Unit, lang)+" / "+target)),
		mrkdwn(bot.StatusEmoji(v.Status) + " " + escape(bot.StatusText(v.Status, lang))),
	}
	if !v.Deadline.IsZero() { // a recurring goal may run without an end
		fields = append(fields, mrkdwn("⏰ "+v.Deadline.String()))
	}
	if v.RequiredRate > 0 && v.Status != goals.StatusAchieved && v.Status != goals.StatusMissed && v.RequiredPer != "" {
		fields = append(fields, mrkdwn("🏃 "+escape(bot.Amount(v.RequiredRate, v.Unit, lang)+"/"+i18n.T(lang, "per_"+v.RequiredPer))))
	}
	if v.Streak > 1 {
		fields = append(fields, mrkdwn("🔥 "+strconv.Itoa(v.Streak)))
	}
	if v.Stretch != nil && v.StretchPct != nil {
		fields = append(fields, mrkdwn("🚀 "+escape(bot.Amount(*v.Stretch, v.Unit, lang))+" · "+bot.Pct(*v.StretchPct)))
	}
	for _, f := range fields {
		f.Text = clipBytes(f.Text, maxFieldText)
	}
	return slack.NewSectionBlock(mrkdwn(clipBytes(head, maxSectionText)), fields, nil)
}

// button renders a neutral button: action_id is the engine's action, value
// its value, so a press comes back as the same bot.Action.
func button(b bot.Button) *slack.ButtonBlockElement {
	label := strings.TrimSpace(b.Label)
	if label == "" {
		label = b.Action
	}
	el := slack.NewButtonBlockElement(b.Action, clipBytes(b.Value, maxButtonValue), plain(clipChars(label, maxButtonText)))
	switch b.Action {
	case bot.ActAcceptRewrite:
		el.Style = slack.StylePrimary
	}
	return el
}

// actionBlocks puts buttons in actions blocks. Slack wants action_ids unique
// within a block, and several buttons may share an action (pick_goal for
// each candidate), so a repeated action starts a new block.
func actionBlocks(prefix string, buttons []bot.Button) []slack.Block {
	var out []slack.Block
	var cur []slack.BlockElement
	seen := map[string]bool{}
	flush := func() {
		if len(cur) > 0 {
			out = append(out, slack.NewActionBlock(prefix+strconv.Itoa(len(out)), cur...))
		}
		cur, seen = nil, map[string]bool{}
	}
	for _, b := range buttons {
		if b.Action == "" {
			continue
		}
		if seen[b.Action] || len(cur) == maxActions {
			flush()
		}
		seen[b.Action] = true
		cur = append(cur, button(b))
	}
	flush()
	return out
}

// replyText is the reply's text for mrkdwn, with the goal lines that goal
// cards show removed so nothing is said twice.
func replyText(rep bot.Reply, carded []bot.GoalView) string {
	text := rep.Text
	for _, v := range carded {
		text = strings.Replace(text, bot.GoalLine(v, rep.Lang), "", 1)
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	text = escape(strings.Join(kept, "\n"))
	if rep.Error != nil {
		text = "⚠️ " + text
	}
	return text
}

// Blocks renders a neutral reply as Block Kit: the text, a card per goal
// (progress bar, status emoji, figures) and the buttons.
func Blocks(rep bot.Reply) []slack.Block {
	lang := rep.Lang
	cards := rep.Goals
	if len(cards) > maxGoalCards {
		cards = nil // a long list stays as text lines
	}
	blocks := textSections(replyText(rep, cards))
	for _, v := range cards {
		blocks = append(blocks, goalCard(v, lang))
	}
	acts := actionBlocks("act", rep.Buttons)
	if room := maxMessageBlock - len(acts); len(blocks) > room {
		blocks = blocks[:max(room, 0)]
	}
	return append(blocks, acts...)
}

// fallbackText is the notification text of a message (plain, escaped).
func fallbackText(rep bot.Reply) string {
	t := strings.TrimSpace(rep.Text)
	if t == "" && rep.Error != nil {
		t = rep.Error.Message
	}
	return clipBytes(escape(t), maxFallbackText)
}

// Msg is a message as a slash-command acknowledgement or a response_url
// post carries it (slack.Msg would add fields Slack does not expect there).
type Msg struct {
	ResponseType    string        `json:"response_type,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ReplaceOriginal *bool         `json:"replace_original,omitempty"`
}

// Message is the reply as a Slack message for an acknowledgement or a
// response_url: in channel when the reply is public, ephemeral otherwise.
func Message(rep bot.Reply) Msg {
	rt := slack.ResponseTypeEphemeral
	if rep.Public {
		rt = slack.ResponseTypeInChannel
	}
	return Msg{ResponseType: rt, Text: fallbackText(rep), Blocks: Blocks(rep)}
}
