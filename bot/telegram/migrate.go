package telegram

import (
	"context"
	"errors"
	"strconv"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/goals"
)

// A basic group that becomes a supergroup (more members, a public link,
// visible history, topics) gets a new chat id, and with it a new team id.
// Telegram tells the bot three ways: a service message with
// migrate_to_chat_id in the old group, one with migrate_from_chat_id in the
// new supergroup, and a 400 with migrate_to_chat_id when the bot sends to
// the old id. Each moves the team's goals, logs, members, settings,
// subscriptions and queued messages to the new id, once.

// migrationOf reads a migration service message: the old and new chat ids.
func migrationOf(m *models.Message) (from, to int64, ok bool) {
	switch {
	case m.MigrateToChatID != 0:
		return m.Chat.ID, m.MigrateToChatID, true
	case m.MigrateFromChatID != 0:
		return m.MigrateFromChatID, m.Chat.ID, true
	}
	return 0, 0, false
}

// migrate moves the team of group chat from to group chat to.
func (a *Adapter) migrate(ctx context.Context, from, to int64) error {
	fromChat, toChat := strconv.FormatInt(from, 10), strconv.FormatInt(to, 10)
	moved, err := a.store().MoveTeam(ctx, goals.TeamMove{
		From: "tg:" + fromChat, To: "tg:" + toChat,
		Platform: "telegram", FromChat: fromChat, ToChat: toChat,
	})
	if err != nil {
		a.log.Error("telegram: move group to supergroup", "from", from, "to", to, "err", err)
		return err
	}
	if moved {
		a.log.Info("telegram: group became a supergroup; team moved", "from", from, "to", to)
	}
	return nil
}

// migratedTo is the new chat id a send failed with, or 0.
func migratedTo(err error) int64 {
	var me *tgbot.MigrateError
	if errors.As(err, &me) {
		return int64(me.MigrateToChatID)
	}
	return 0
}
