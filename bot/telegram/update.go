package telegram

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

const (
	// pendingAmount remembers, per user, the goal a "Log…" button asked an
	// amount for; the next plain message with a number logs to it.
	pendingAmount    = "tg_amount"
	pendingAmountTTL = 15 * time.Minute
)

// teamOf is the team of a chat: a private chat is the user's personal
// space, a group or supergroup is a team.
func teamOf(chat models.Chat, userID int64) string {
	if chat.Type == models.ChatTypePrivate || chat.ID == 0 {
		return "tg:u" + strconv.FormatInt(userID, 10)
	}
	return "tg:" + strconv.FormatInt(chat.ID, 10)
}

// chatKey orders the updates of one chat.
func chatKey(upd *models.Update) string {
	switch {
	case upd == nil:
		return ""
	case upd.Message != nil:
		return strconv.FormatInt(upd.Message.Chat.ID, 10)
	case upd.CallbackQuery != nil:
		if c, _ := callbackChat(upd.CallbackQuery); c.ID != 0 {
			return strconv.FormatInt(c.ID, 10)
		}
		return "u" + strconv.FormatInt(upd.CallbackQuery.From.ID, 10)
	}
	return "update"
}

// process handles one update up to its durable point and returns the
// sending to do afterwards (nil: nothing to say).
func (a *Adapter) process(ctx context.Context, upd *models.Update) func(context.Context) {
	switch {
	case upd.Message != nil:
		return a.processMessage(ctx, upd.Message)
	case upd.CallbackQuery != nil:
		return a.processCallback(ctx, upd.CallbackQuery)
	}
	return nil // edits, channel posts, member changes: not for us
}

// incoming is a message text read as a command for the engine.
type incoming struct {
	ok      bool   // addressed to the bot
	command string // "goal" or "log" (engine Request.Command)
	text    string
	direct  bool // plain language is understood (private chat, reply to the bot)
	slash   bool // typed as a /command
}

// parseIncoming reads a message: "/goal …", "/goal@bot …", "/log …",
// "/goal_log 3" (→ "log 3"), "/list" and other command words, Chinese
// command words ("/记录 3"), and in a private chat (or a reply to the bot,
// or "@bot …" in a group) plain language. known tells engine command words.
func parseIncoming(text, botName string, private, replyToBot bool, known func(string) bool) incoming {
	s := strings.TrimSpace(text)
	if s == "" {
		return incoming{}
	}
	if !strings.HasPrefix(s, "/") {
		if private || replyToBot {
			return incoming{ok: true, text: s, direct: true}
		}
		// "@goalbot log 3" in a group.
		if botName != "" {
			word, rest := cutWord(s)
			if strings.EqualFold(word, "@"+botName) {
				return incoming{ok: true, text: rest, direct: true}
			}
		}
		return incoming{}
	}
	word, rest := cutWord(s[1:])
	name, at, hasAt := strings.Cut(word, "@")
	if hasAt && (botName == "" || !strings.EqualFold(at, botName)) {
		return incoming{} // a command for another bot
	}
	name = strings.ToLower(name)
	in := incoming{ok: true, command: "goal", direct: private || replyToBot, slash: true}
	switch {
	case name == "goal":
		in.text = rest
	case name == "log":
		in.command, in.text = "log", rest
	case strings.HasPrefix(name, "goal_"):
		in.text = joinWords(strings.ReplaceAll(name[len("goal_"):], "_", " "), rest)
	case strings.HasPrefix(name, "log_"):
		in.command, in.text = "log", joinWords(strings.ReplaceAll(name[len("log_"):], "_", " "), rest)
	case name == "":
		return incoming{}
	default:
		// "/list", "/new", "/start", "/记录 3": the word is the subcommand.
		// In a group, a bare "/word" the engine does not know is most
		// likely for another bot or a person: stay quiet.
		if !private && !hasAt && !replyToBot && !known(name) {
			return incoming{}
		}
		in.text = joinWords(name, rest)
	}
	return in
}

func cutWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func joinWords(a, b string) string {
	return strings.TrimSpace(strings.TrimSpace(a) + " " + strings.TrimSpace(b))
}

func displayName(u *models.User) string {
	if u == nil {
		return ""
	}
	if u.Username != "" {
		return u.Username
	}
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}

// anonymousAdmin: a group administrator posting as the group.
func anonymousAdmin(m *models.Message) bool {
	return m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID
}

func (a *Adapter) processMessage(ctx context.Context, m *models.Message) func(context.Context) {
	if from, to, ok := migrationOf(m); ok {
		_ = a.migrate(ctx, from, to) // logged; a send to the old id moves it too
		return nil
	}
	if m.From == nil {
		return nil
	}
	private := m.Chat.Type == models.ChatTypePrivate
	if !private && m.Chat.Type != models.ChatTypeGroup && m.Chat.Type != models.ChatTypeSupergroup {
		return nil
	}
	if m.From.IsBot && !anonymousAdmin(m) {
		return nil
	}
	raw := m.Text
	if raw == "" {
		raw = m.Caption
	}
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	me := a.me.Load()
	if me == nil {
		me = &identity{}
	}
	replyToBot := m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && me.ID != 0 && m.ReplyToMessage.From.ID == me.ID
	in := parseIncoming(raw, me.Username, private, replyToBot, func(w string) bool { _, ok := a.eng.Lookup(w); return ok })
	if !in.ok {
		return nil
	}
	chatID := strconv.FormatInt(m.Chat.ID, 10)
	msgID := strconv.Itoa(m.ID)
	req := bot.Request{
		Platform: "telegram",
		TeamID:   teamOf(m.Chat, m.From.ID),
		TeamName: m.Chat.Title,
		UserID:   strconv.FormatInt(m.From.ID, 10),
		UserName: displayName(m.From),
		Text:     in.text,
		Command:  in.command,
		Direct:   in.direct,
		Slash:    in.slash, // a slash command: its first word must be a command
		LangHint: m.From.LanguageCode,
		Key:      "tg:" + chatID + ":" + msgID,
		Channel:  chatID,
	}
	switch {
	case private:
		req.TeamName = displayName(m.From)
		req.RoleHint = goals.RoleManager // their own space
	case anonymousAdmin(m):
		req.RoleHint = goals.RoleManager
	default:
		req.RoleHint = a.groupRole(ctx, m.Chat.ID, m.From.ID)
	}
	t := target{chat: m.Chat.ID, group: !private}
	if m.IsTopicMessage {
		t.thread = m.MessageThreadID
	}
	if !private {
		t.replyTo = m.ID
	}
	lang := adapterLang(in.text, m.From.LanguageCode)

	// Checked now, claimed once handled: a crash between the engine's commit
	// and the claim redelivers the update, and the log's own key (req.Key)
	// keeps it from counting twice; claiming first would drop it instead.
	eventKey := "tg:msg:" + chatID + ":" + msgID
	seen, err := a.store().EventSeen(ctx, eventKey)
	if err != nil {
		a.log.Error("telegram: check update", "chat", m.Chat.ID, "message", m.ID, "err", err)
		return a.sayFailed(t, lang)
	}
	if seen {
		a.log.Info("telegram: update already handled", "chat", m.Chat.ID, "message", m.ID)
		return nil
	}
	chatTeam := req.TeamID
	usedAmount := false
	if in.direct && !in.slash {
		req, usedAmount = a.applyPendingAmount(ctx, req)
	}
	rep := a.eng.Handle(ctx, req) // commits its writes before returning
	if _, err := a.store().ClaimEvent(ctx, eventKey, time.Time{}); err != nil {
		a.log.Warn("telegram: claim update", "chat", m.Chat.ID, "message", m.ID, "err", err)
	}
	if usedAmount {
		if err := a.store().DeletePending(ctx, chatTeam, req.UserID, pendingAmount); err != nil {
			a.log.Warn("telegram: clear amount prompt", "err", err)
		}
	}
	return func(ctx context.Context) {
		if err := a.reply(ctx, t, req.TeamID, rep); err != nil {
			a.log.Warn("telegram: reply not delivered", "chat", t.chat, "message", m.ID, "err", err)
		}
	}
}

// applyPendingAmount turns "500" into "log #id 500" when a "Log…" button
// asked this user for an amount a moment ago. A message without a number
// drops the question and is read as usual.
func (a *Adapter) applyPendingAmount(ctx context.Context, req bot.Request) (bot.Request, bool) {
	p, err := a.store().Pending(ctx, req.TeamID, req.UserID, pendingAmount, a.now())
	if err != nil {
		return req, false
	}
	team, idStr, cross := strings.Cut(string(p.Data), "\n")
	if !cross {
		team, idStr = "", team
	}
	id, err := strconv.ParseInt(idStr, 10, 64)
	if _, _, _, ok := goals.FindAmount(req.Text); !ok || err != nil || id <= 0 {
		if err := a.store().DeletePending(ctx, req.TeamID, req.UserID, pendingAmount); err != nil {
			a.log.Warn("telegram: clear amount prompt", "err", err)
		}
		return req, false
	}
	// Command "log" rather than a "log" word in the text: the engine reads
	// the user's language from Text, and "log" would make it English.
	req.Text = "#" + strconv.FormatInt(id, 10) + " " + req.Text
	req.Command = "log"
	if team != "" && team != req.TeamID {
		req.TeamID, req.TeamName, req.RoleHint = team, "", ""
	}
	return req, true
}

// callbackChat is the chat of the message a button was on, if known.
func callbackChat(cq *models.CallbackQuery) (models.Chat, int) {
	switch {
	case cq.Message.Message != nil:
		return cq.Message.Message.Chat, cq.Message.Message.ID
	case cq.Message.InaccessibleMessage != nil:
		return cq.Message.InaccessibleMessage.Chat, cq.Message.InaccessibleMessage.MessageID
	}
	return models.Chat{}, 0
}

func (a *Adapter) processCallback(ctx context.Context, cq *models.CallbackQuery) func(context.Context) {
	chat, msgID := callbackChat(cq)
	if chat.ID == 0 {
		// A button on an inline message: answer in the user's private chat.
		chat = models.Chat{ID: cq.From.ID, Type: models.ChatTypePrivate}
	}
	private := chat.Type == models.ChatTypePrivate || chat.ID == cq.From.ID
	if private {
		chat.Type = models.ChatTypePrivate
	}
	var botText string
	if cq.Message.Message != nil {
		botText = cq.Message.Message.Text
	}
	lang := adapterLang(botText, cq.From.LanguageCode)
	t := target{chat: chat.ID, group: !private}
	if cq.Message.Message != nil && cq.Message.Message.IsTopicMessage {
		t.thread = cq.Message.Message.MessageThreadID
	}
	answer := func(text string, alert bool) func(context.Context) {
		a.answerSoon(cq.ID, text, alert)
		return nil
	}
	teamID := teamOf(chat, cq.From.ID)
	key := "tg:cb:" + cq.ID
	first, err := a.store().ClaimEvent(ctx, key, time.Time{})
	if err != nil {
		a.log.Error("telegram: claim callback", "chat", chat.ID, "err", err)
		return answer(text(lang, "failed"), true)
	}
	if !first {
		a.log.Info("telegram: callback already handled", "chat", chat.ID)
		return answer("", false) // answered again: the spinner must stop
	}
	p, ok, err := a.resolveCallback(ctx, teamID, cq.Data)
	if err != nil {
		a.log.Error("telegram: button payload", "chat", chat.ID, "err", err)
		return answer(text(lang, "failed"), true)
	}
	if !ok {
		return answer(text(lang, "button_expired"), true)
	}
	action := p.action
	req := bot.Request{
		Platform: "telegram", TeamID: teamID, UserID: strconv.FormatInt(cq.From.ID, 10),
		UserName: displayName(&cq.From), Direct: true, LangHint: cq.From.LanguageCode, Key: key,
		Action: &bot.Action{ID: p.action, Value: p.value},
	}
	switch {
	case p.team != "" && p.team != teamID:
		// A button about another team's goal (a reminder in a private
		// chat): act there, with the role the user has there.
		req.TeamID = p.team
	case private:
		req.TeamName = displayName(&cq.From)
		req.RoleHint = goals.RoleManager
	default:
		req.TeamName = chat.Title
		req.RoleHint = a.groupRole(ctx, chat.ID, cq.From.ID)
	}
	if action == bot.ActCustomLog {
		prompt, placeholder, ok := a.askAmount(ctx, teamID, req, lang)
		if !ok {
			return answer(text(lang, "failed"), true)
		}
		a.answerSoon(cq.ID, "", false)
		return func(ctx context.Context) {
			if err := a.prompt(ctx, t, prompt, placeholder); err != nil {
				a.log.Warn("telegram: prompt not delivered", "chat", t.chat, "err", err)
			}
		}
	}
	rep := a.eng.Handle(ctx, req) // commits its writes before returning
	toast := ""
	if rep.Error != nil {
		toast = clipRunes(rep.Error.Message, 190)
	}
	// The spinner stops now, not after the replies queued in this chat.
	a.answerSoon(cq.ID, toast, false)
	return func(ctx context.Context) {
		if rep.OK && msgID != 0 && (action == bot.ActAcceptRewrite || action == bot.ActKeepAsIs || action == bot.ActEditRewrite) {
			a.dropKeyboard(ctx, t, msgID) // a proposal is settled once
		}
		if err := a.reply(ctx, t, req.TeamID, rep); err != nil {
			a.log.Warn("telegram: reply not delivered", "chat", t.chat, "err", err)
		}
	}
}

// askAmount answers a "Log…" press: it remembers the goal (and its team,
// when not the chat's) for the user's next message in this chat and
// returns the question to ask.
func (a *Adapter) askAmount(ctx context.Context, chatTeam string, req bot.Request, lang string) (prompt, placeholder string, ok bool) {
	id, err := strconv.ParseInt(req.Action.Value, 10, 64)
	if err != nil || id <= 0 {
		return "", "", false
	}
	title := ""
	if g, err := a.store().Goal(ctx, req.TeamID, id); err == nil {
		title = clipRunes(g.Title, 60)
	}
	data := strconv.FormatInt(id, 10)
	if req.TeamID != chatTeam {
		data = req.TeamID + "\n" + data
	}
	err = a.store().PutPending(ctx, goals.Pending{
		TeamID: chatTeam, UserID: req.UserID, Kind: pendingAmount,
		Data: []byte(data), Expires: a.now().Add(pendingAmountTTL),
	})
	if err != nil {
		a.log.Error("telegram: remember amount prompt", "err", err)
		return "", "", false
	}
	return text(lang, "ask_amount", "id", strconv.FormatInt(id, 10), "title", title), text(lang, "amount_placeholder"), true
}

// adapterLang is the language for the adapter's own sentences: the script
// of the text, else the Telegram language_code, else English.
func adapterLang(s, code string) string {
	if l := goals.DetectLang(s); goals.IsChinese(l) {
		return l
	}
	if l := goals.NormalizeLang(code); l != "" {
		return l
	}
	return i18n.EN
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// groupRole is the request's RoleHint in a group: manager for its
// administrators, member for everyone else, and "" (not known) when the
// list of administrators could not be had, so that a failed API call
// neither promotes nor demotes anyone.
func (a *Adapter) groupRole(ctx context.Context, chat, user int64) goals.Role {
	admin, known := a.isAdmin(ctx, chat, user)
	switch {
	case admin:
		return goals.RoleManager
	case known:
		return goals.RoleMember
	}
	return ""
}

// isAdmin reports whether user administers the group (cached per chat);
// known is false when fetching the list failed, so what is cached (possibly
// nothing) may be out of date.
func (a *Adapter) isAdmin(ctx context.Context, chat, user int64) (admin, known bool) {
	if ids, ok, current := a.admins.get(chat); ok {
		return ids[user], current
	}
	list, err := a.b.GetChatAdministrators(ctx, &tgbot.GetChatAdministratorsParams{ChatID: chat})
	if err != nil {
		a.log.Warn("telegram: getChatAdministrators", "chat", chat, "err", a.redact(err))
		a.admins.fail(chat)
		ids, _, _ := a.admins.get(chat)
		return ids[user], false
	}
	ids := map[int64]bool{}
	for _, m := range list {
		switch {
		case m.Owner != nil && m.Owner.User != nil:
			ids[m.Owner.User.ID] = true
		case m.Administrator != nil:
			ids[m.Administrator.User.ID] = true
		}
	}
	a.admins.put(chat, ids)
	return ids[user], true
}
