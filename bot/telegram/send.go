package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
)

// target is where a message goes.
type target struct {
	chat    int64
	group   bool // groups have the 20-per-minute limit
	thread  int  // forum topic
	replyTo int  // message answered (groups), 0: none
}

// retryPolicy says who waits out a 429 or a 5xx.
type retryPolicy int

const (
	// retryHere honours retry_after inside the call, up to maxAttempts:
	// for answers to updates, which have nobody else to retry them.
	retryHere retryPolicy = iota
	// retryCaller returns *bot.RetryError at once: for bot.Sender.Send,
	// whose caller (the outbox) keeps the message and retries with back-off.
	retryCaller
)

// permanent errors are not worth retrying: the request itself is wrong.
func permanent(err error) bool {
	var me *tgbot.MigrateError
	return errors.Is(err, tgbot.ErrorBadRequest) || errors.Is(err, tgbot.ErrorForbidden) ||
		errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) ||
		errors.Is(err, tgbot.ErrorConflict) || errors.As(err, &me)
}

// call runs one Bot API send to t within the rate limits. A 429 holds the
// whole chat back for retry_after (the limiter), so the retry and any
// other message to that chat wait; 5xx and network errors back off.
func (a *Adapter) call(ctx context.Context, t target, policy retryPolicy, fn func(context.Context) error) error {
	backoff := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if err := a.lim.wait(ctx, t.chat, t.group); err != nil {
			if policy == retryCaller {
				return &bot.RetryError{Err: err}
			}
			return err
		}
		err := fn(ctx)
		if err == nil {
			return nil
		}
		err = a.redact(err)
		var after time.Duration
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			after = time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			a.lim.penalize(t.chat, after)
			a.log.Warn("telegram: rate limited", "chat", t.chat, "retry_after", after, "attempt", attempt)
		case permanent(err):
			return err
		case ctx.Err() != nil:
			if policy == retryCaller {
				return &bot.RetryError{Err: err}
			}
			return err
		default:
			after = backoff
			backoff = min(backoff*2, 30*time.Second)
		}
		if policy == retryCaller || attempt >= a.maxAttempts {
			return &bot.RetryError{After: after, Err: err}
		}
		if tooMany == nil {
			if err := sleepUntil(ctx, time.Now().Add(after), time.Now); err != nil {
				return err
			}
		}
	}
}

// reply sends the engine's answer to an update: retries happen here.
func (a *Adapter) reply(ctx context.Context, t target, teamID string, rep bot.Reply) error {
	_, err := a.deliver(ctx, t, teamID, rep, retryHere)
	return err
}

// deliver sends a reply: its text in one or more messages (buttons on the
// last), then the chart as a photo and the CSV as a document. Only the
// first API call uses policy; once anything is delivered the rest is
// retried here, so a caller's retry can never send a part twice. It
// returns the id of the first message sent.
func (a *Adapter) deliver(ctx context.Context, t target, teamID string, rep bot.Reply, policy retryPolicy) (int, error) {
	first := 0
	sent := false
	pol := func() retryPolicy {
		if sent {
			return retryHere
		}
		return policy
	}
	for _, c := range renderReply(rep) {
		id, err := a.sendChunk(ctx, t, teamID, c, pol())
		if err != nil {
			return first, partial(sent, err)
		}
		if !sent {
			first, sent = id, true
			t.replyTo = 0 // answer once; the rest follows
		}
	}
	files := []struct {
		photo bool
		name  string
		data  []byte
	}{{true, "chart.png", rep.Chart}, {false, "goals.csv", rep.CSV}}
	for _, f := range files {
		if len(f.data) == 0 {
			continue
		}
		id, err := a.sendFile(ctx, t, pol(), f.photo, f.name, f.data)
		if first == 0 {
			first = id
		}
		if err != nil {
			return first, partial(sent, err)
		}
		sent = true
	}
	return first, nil
}

// sendFile uploads data as a photo or a document and returns the id of the
// message sent (0 if none). Each attempt reads data from the start.
func (a *Adapter) sendFile(ctx context.Context, t target, policy retryPolicy, photo bool, name string, data []byte) (int, error) {
	var id int
	err := a.call(ctx, t, policy, func(ctx context.Context) error {
		file := &models.InputFileUpload{Filename: name, Data: bytes.NewReader(data)}
		var m *models.Message
		var err error
		if photo {
			m, err = a.b.SendPhoto(ctx, &tgbot.SendPhotoParams{
				ChatID: t.chat, MessageThreadID: t.thread, Photo: file, ReplyParameters: replyParams(t),
			})
		} else {
			m, err = a.b.SendDocument(ctx, &tgbot.SendDocumentParams{
				ChatID: t.chat, MessageThreadID: t.thread, Document: file, ReplyParameters: replyParams(t),
			})
		}
		if err == nil && m != nil {
			id = m.ID
		}
		return err
	})
	return id, err
}

// partial makes an error after a partial delivery final: retrying the
// whole message would repeat what already arrived.
func partial(sent bool, err error) error {
	var re *bot.RetryError
	if sent && errors.As(err, &re) {
		return fmt.Errorf("delivered in part: %w", re.Err)
	}
	return err
}

func replyParams(t target) *models.ReplyParameters {
	if t.replyTo == 0 {
		return nil
	}
	return &models.ReplyParameters{MessageID: t.replyTo, AllowSendingWithoutReply: true}
}

// sendChunk sends one text message. If Telegram cannot parse our HTML
// (a bug on our side), the same text goes again as plain text.
func (a *Adapter) sendChunk(ctx context.Context, t target, teamID string, c chunk, policy retryPolicy) (int, error) {
	kb, err := a.keyboard(ctx, chatTeamOf(t.chat), teamID, c.buttons)
	if err != nil {
		a.log.Warn("telegram: buttons dropped", "chat", t.chat, "err", err)
		kb = nil
	}
	params := func(html bool) *tgbot.SendMessageParams {
		p := &tgbot.SendMessageParams{
			ChatID: t.chat, MessageThreadID: t.thread, Text: c.plain,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
			ReplyParameters:    replyParams(t),
		}
		if html {
			p.Text, p.ParseMode = c.html, models.ParseModeHTML
		}
		if kb != nil {
			p.ReplyMarkup = kb
		}
		return p
	}
	var id int
	send := func(html bool) error {
		return a.call(ctx, t, policy, func(ctx context.Context) error {
			m, err := a.b.SendMessage(ctx, params(html))
			if err == nil && m != nil {
				id = m.ID
			}
			return err
		})
	}
	err = send(true)
	if err != nil && errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "parse entities") {
		a.log.Error("telegram: HTML refused; sending plain text", "chat", t.chat, "err", err)
		err = send(false)
	}
	return id, err
}

// prompt asks a question the user answers by replying (force_reply).
func (a *Adapter) prompt(ctx context.Context, t target, question, placeholder string) error {
	return a.call(ctx, t, retryHere, func(ctx context.Context) error {
		_, err := a.b.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: t.chat, MessageThreadID: t.thread, Text: question,
			ReplyMarkup: &models.ForceReply{ForceReply: true, Selective: true, InputFieldPlaceholder: placeholder},
		})
		return err
	})
}

// sayFailed tells the user something broke before anything was changed.
func (a *Adapter) sayFailed(t target, lang string) func(context.Context) {
	return func(ctx context.Context) {
		if err := a.reply(ctx, t, "", bot.Reply{Text: text(lang, "failed")}); err != nil {
			a.log.Warn("telegram: reply not delivered", "chat", t.chat, "err", err)
		}
	}
}

// answerSoon answers a callback query from its own goroutine, at once.
func (a *Adapter) answerSoon(id, text string, alert bool) {
	a.inflight.add(1)
	go func() {
		defer a.inflight.done()
		ctx, cancel := context.WithTimeout(a.base, 15*time.Second)
		defer cancel()
		a.answerCallback(ctx, id, text, alert)
	}()
}

// answerCallback stops the button's spinner; an optional short text shows
// as a toast (or an alert).
func (a *Adapter) answerCallback(ctx context.Context, id, text string, alert bool) {
	if id == "" {
		return
	}
	for attempt := 1; attempt <= 3; attempt++ {
		_, err := a.b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{
			CallbackQueryID: id, Text: strings.TrimSpace(text), ShowAlert: alert && strings.TrimSpace(text) != "",
		})
		if err == nil {
			return
		}
		err = a.redact(err)
		var tooMany *tgbot.TooManyRequestsError
		if permanent(err) || ctx.Err() != nil {
			// Too late (Telegram allows a few seconds) or already answered.
			a.log.Info("telegram: answerCallbackQuery", "err", err)
			return
		}
		wait := time.Duration(attempt) * 300 * time.Millisecond
		if errors.As(err, &tooMany) {
			wait = time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		}
		if sleepUntil(ctx, time.Now().Add(wait), time.Now) != nil {
			return
		}
	}
}

// dropKeyboard removes the buttons of a settled proposal.
func (a *Adapter) dropKeyboard(ctx context.Context, t target, msgID int) {
	_, err := a.b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{
		ChatID: t.chat, MessageID: msgID,
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}},
	})
	if err != nil {
		a.log.Info("telegram: keyboard not removed", "chat", t.chat, "err", a.redact(err))
	}
}

// Send delivers a message the bot sends on its own (a reminder, a digest)
// and implements bot.Sender. Channel is the chat id; empty, the user's
// private chat (UserID), else the chat of TeamID. It waits for the rate
// limits; a 429 or a 5xx on the first message returns *bot.RetryError
// (After = retry_after) without retrying, for the outbox to retry later.
// Once a first message is out, the rest (more text, Thread follow-ups as
// replies to it, chart, CSV) is retried here, so a retry of the whole
// Outgoing cannot send anything twice.
func (a *Adapter) Send(ctx context.Context, m bot.Outgoing) error {
	chat, err := outgoingChat(m)
	if err != nil {
		return err
	}
	t := target{chat: chat, group: chat < 0}
	teamID := m.TeamID
	if teamID == "" {
		teamID = chatTeamOf(chat)
	}
	first, err := a.deliver(ctx, t, teamID, m.Reply, retryCaller)
	if to := migratedTo(err); to != 0 && t.group {
		// The group became a supergroup while this waited in the outbox.
		if err := a.migrate(ctx, chat, to); err != nil {
			return &bot.RetryError{Err: err}
		}
		t.chat = to
		if m.TeamID == "" || m.TeamID == chatTeamOf(chat) {
			teamID = chatTeamOf(to)
		}
		first, err = a.deliver(ctx, t, teamID, m.Reply, retryCaller)
	}
	if err != nil {
		return err
	}
	for _, r := range m.Thread {
		ft := t
		ft.replyTo = first
		if _, err := a.deliver(ctx, ft, teamID, r, retryHere); err != nil {
			return partial(true, err)
		}
	}
	return nil
}

// chatTeamOf is the team a chat's own button presses act in (teamOf):
// users have positive ids, groups negative ones.
func chatTeamOf(chat int64) string {
	if chat > 0 {
		return "tg:u" + strconv.FormatInt(chat, 10)
	}
	return "tg:" + strconv.FormatInt(chat, 10)
}

// outgoingChat finds the Telegram chat of an outgoing message.
func outgoingChat(m bot.Outgoing) (int64, error) {
	for _, s := range []string{m.Channel, m.UserID} {
		s = strings.TrimPrefix(strings.TrimSpace(s), "tg:")
		if s == "" {
			continue
		}
		s = strings.TrimPrefix(s, "u")
		return strconv.ParseInt(s, 10, 64)
	}
	if rest, ok := strings.CutPrefix(m.TeamID, "tg:"); ok {
		return strconv.ParseInt(strings.TrimPrefix(rest, "u"), 10, 64)
	}
	return 0, fmt.Errorf("telegram: no chat for outgoing message (team %q)", m.TeamID)
}
