package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

const (
	// maxChunk keeps a message under Telegram's limit of 4096 characters
	// (UTF-16 units) with room for the summaries and tags we add.
	maxChunk = 3500
	// maxCallbackData is Telegram's limit for callback_data, in bytes.
	maxCallbackData = 64
	// maxCards is how many goal summaries a reply gets at most.
	maxCards = 5
	// storedButtonUser owns long button payloads in the pending table: a
	// button in a group may be pressed by anyone, so it is not one user's.
	storedButtonUser = "~telegram"
	storedButtonTTL  = 30 * 24 * time.Hour
)

// chunk is one Telegram message of a reply: HTML text, the same as plain
// text (sent if Telegram refuses our HTML), and the buttons of the reply on
// the last chunk.
type chunk struct {
	html    string
	plain   string
	buttons []bot.Button
}

// renderReply turns a neutral reply into the messages to send, in order.
// All text from the engine (which carries user input: titles, notes) is
// escaped; the only markup is bold goal titles, `code` spans and progress
// bars on goal summaries.
func renderReply(rep bot.Reply) []chunk {
	raw := strings.TrimSpace(rep.Text)
	cards, plainCards := goalCards(rep, raw)
	parts := splitText(raw, maxChunk)
	if len(parts) == 0 {
		parts = []string{""}
	}
	heads := goalHeads(rep.Goals)
	out := make([]chunk, 0, len(parts))
	for i, p := range parts {
		c := chunk{html: formatHTML(p, heads), plain: p}
		if i == len(parts)-1 {
			if cards != "" {
				c.html = joinNonEmpty(c.html, cards)
				c.plain = joinNonEmpty(c.plain, plainCards)
			}
			c.buttons = rep.Buttons
		}
		if strings.TrimSpace(c.plain) == "" {
			if len(c.buttons) == 0 {
				continue
			}
			c.html, c.plain = "…", "…"
		}
		out = append(out, c)
	}
	return out
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

func goalHeads(vs []bot.GoalView) []string {
	heads := make([]string, 0, len(vs))
	for _, v := range vs {
		if v.ID != 0 && v.Title != "" {
			heads = append(heads, "#"+strconv.FormatInt(v.ID, 10)+" "+v.Title)
		}
	}
	return heads
}

// goalCards summarises the reply's goals that its text does not already
// draw (a log confirmation has figures but no bar): bold title, bar, percent.
func goalCards(rep bot.Reply, raw string) (htmlCards, plainCards string) {
	var h, p []string
	for _, v := range rep.Goals {
		if len(h) == maxCards {
			break
		}
		if v.ID == 0 || strings.Contains(raw, bot.Bar(v.Percent)) {
			continue
		}
		head := "#" + strconv.FormatInt(v.ID, 10) + " " + v.Title
		line := bot.Bar(v.Percent) + " " + bot.Pct(v.Percent)
		if e := bot.StatusEmoji(v.Status); e != "" {
			line += " " + e
		}
		h = append(h, "<b>"+html.EscapeString(head)+"</b>\n"+line)
		p = append(p, head+"\n"+line)
	}
	return strings.Join(h, "\n"), strings.Join(p, "\n")
}

var codeSpan = regexp.MustCompile("`([^`\n]+)`")

// formatHTML escapes raw for Telegram's HTML parse mode and adds the little
// markup we use. Escaping comes first, so user text can never open a tag.
func formatHTML(raw string, heads []string) string {
	s := html.EscapeString(raw)
	s = codeSpan.ReplaceAllString(s, "<code>$1</code>")
	for _, h := range heads {
		eh := html.EscapeString(h)
		i := strings.Index(s, eh)
		if i < 0 {
			continue
		}
		before := s[:i]
		if strings.Count(before, "<code>") != strings.Count(before, "</code>") ||
			strings.Count(before, "<b>") != strings.Count(before, "</b>") {
			continue // inside a code span or already bold
		}
		// A head that is a prefix of a longer title ("#1 a" in "#1 ab") is
		// still that goal's line: ids are unique in a reply.
		s = before + "<b>" + eh + "</b>" + s[i+len(eh):]
	}
	return s
}

// splitText cuts s into pieces of at most n UTF-16 code units (Telegram
// counts in those: an emoji is two), at line breaks where it can.
func splitText(s string, n int) []string {
	if s == "" {
		return nil
	}
	if u16len(s) <= n {
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	curN := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
			curN = 0
		}
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		ln := u16len(line)
		if curN+ln > n {
			flush()
		}
		for ln > n { // one line longer than a message
			head, rest := cutU16(line, n)
			out = append(out, head)
			line, ln = rest, u16len(rest)
		}
		cur.WriteString(line)
		curN += ln
	}
	flush()
	return out
}

func u16len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutU16 splits s after at most n UTF-16 units, between runes.
func cutU16(s string, n int) (string, string) {
	used := 0
	for i, r := range s {
		l := utf16.RuneLen(r)
		if used+l > n {
			return s[:i], s[i:]
		}
		used += l
	}
	return s, ""
}

// callbackData is what a button sends back: "action|value". Telegram
// allows 64 bytes; longer payloads (a "which goal?" button carries the
// user's text) are stored in the database under a short hash and the
// button sends "~hash" instead, so they survive a restart too. So is a
// button whose goal lives in another team than the chat's own (a group
// goal's quick log in a reminder sent to a private chat): the stored
// payload names that team. Payloads are stored under the chat's own team,
// and the hash is unguessable, so a forged press reaches nothing.
func (a *Adapter) callbackData(ctx context.Context, chatTeam, replyTeam string, b bot.Button) (string, error) {
	data := b.Action + "|" + b.Value
	if replyTeam == "" || replyTeam == chatTeam {
		if len(data) <= maxCallbackData && !strings.HasPrefix(data, "~") {
			return data, nil
		}
		replyTeam = ""
	}
	stored := data
	if replyTeam != "" {
		stored = "@" + replyTeam + "\n" + data
	}
	sum := sha256.Sum256([]byte(chatTeam + "\x00" + stored))
	key := base64.RawURLEncoding.EncodeToString(sum[:12])
	err := a.store().PutPending(ctx, goals.Pending{
		TeamID: chatTeam, UserID: storedButtonUser, Kind: "cb:" + key,
		Data: []byte(stored), Expires: a.now().Add(storedButtonTTL),
	})
	if err != nil {
		return "", fmt.Errorf("store button payload: %w", err)
	}
	return "~" + key, nil
}

// pressed is a decoded button press.
type pressed struct {
	team   string // the team to act in when not the chat's own; empty: the chat's
	action string
	value  string
}

// resolveCallback turns callback_data back into an action; ok is false
// when a stored payload has expired or is unknown.
func (a *Adapter) resolveCallback(ctx context.Context, chatTeam, data string) (p pressed, ok bool, err error) {
	if key, isStored := strings.CutPrefix(data, "~"); isStored {
		pd, err := a.store().Pending(ctx, chatTeam, storedButtonUser, "cb:"+key, a.now())
		if err != nil {
			if goals.ErrorCode(err) == goals.ENotFound {
				return pressed{}, false, nil
			}
			return pressed{}, false, err
		}
		data = string(pd.Data)
		if rest, ok := strings.CutPrefix(data, "@"); ok {
			p.team, data, _ = strings.Cut(rest, "\n")
		}
	}
	p.action, p.value, _ = strings.Cut(data, "|")
	return p, p.action != "", nil
}

// keyboard lays the reply's buttons out as an inline keyboard: goal
// choices one per row, other buttons up to three a row.
func (a *Adapter) keyboard(ctx context.Context, chatTeam, replyTeam string, buttons []bot.Button) (*models.InlineKeyboardMarkup, error) {
	if len(buttons) == 0 {
		return nil, nil
	}
	var rows [][]models.InlineKeyboardButton
	var row []models.InlineKeyboardButton
	for _, b := range buttons {
		data, err := a.callbackData(ctx, chatTeam, replyTeam, b)
		if err != nil {
			return nil, err
		}
		label := strings.TrimSpace(b.Label)
		if label == "" {
			label = b.Action
		}
		kb := models.InlineKeyboardButton{Text: label, CallbackData: data}
		if b.Action == bot.ActPickGoal {
			if len(row) > 0 {
				rows = append(rows, row)
				row = nil
			}
			rows = append(rows, []models.InlineKeyboardButton{kb})
			continue
		}
		row = append(row, kb)
		if len(row) == 3 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}, nil
}
