package telegram

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/storage"
)

func basicGroupMessage(msgID int, chat int64, u *models.User, text string) models.Update {
	upd := groupMessage(msgID, chat, u, text)
	upd.Message.Chat.Type = models.ChatTypeGroup
	return upd
}

// A basic group that becomes a supergroup keeps its goals, logs, managers
// and digest subscription under the new chat id, however the bot learns of
// it: the service messages in either chat, or a send to the old id.
func TestGroupBecomesSupergroup(t *testing.T) {
	api := newFakeAPI(t, testToken)
	const oldChat, newChat = int64(-5), int64(-1005)
	admin, member := user(5001, "en"), user(5002, "en")
	api.admins[oldChat] = []int64{5001}
	api.admins[newChat] = []int64{5001}
	h := startHarness(t, api, t.TempDir()+"/goalbot.db")
	ctx := context.Background()

	api.push(basicGroupMessage(1, oldChat, admin, "/goal new team Reach 100 orders by end of month"))
	mustContain(t, api.waitTexts(oldChat, 1)[0], "#1")
	api.push(basicGroupMessage(2, oldChat, member, "/log 3"))
	mustContain(t, api.waitTexts(oldChat, 2)[1], "3/100")
	// As `/goal digest daily here` does where reminders are wired in.
	if _, err := h.db.Subscribe(ctx, storage.Subscription{TeamID: "tg:-5", Platform: "telegram", Channel: "-5", Kind: "daily"}); err != nil {
		t.Fatal(err)
	}

	// Telegram announces the upgrade in both chats; from now on sends to
	// the old id fail.
	api.migrateChat(oldChat, newChat)
	mig := basicGroupMessage(4, oldChat, admin, "")
	mig.Message.MigrateToChatID = newChat
	api.push(mig)
	from := groupMessage(1, newChat, admin, "")
	from.Message.MigrateFromChatID = oldChat
	api.push(from)
	api.settle(t)

	api.push(groupMessage(2, newChat, member, "/log 2"))
	mustContain(t, api.waitTexts(newChat, 1)[0], "5/100")
	if gs := h.goalsOf("tg:-5"); len(gs) != 0 {
		t.Fatalf("goals left behind: %+v", gs)
	}
	if ls := h.logsOf("tg:-1005"); len(ls) != 2 || sum(ls) != 5 {
		t.Fatalf("logs %+v", ls)
	}
	subs, err := h.db.Subscriptions(ctx, "tg:-1005")
	if err != nil || len(subs) != 1 || subs[0].Channel != "-1005" {
		t.Fatalf("subscription did not follow: %+v %v", subs, err)
	}

	// Another group: the bot only learns of the upgrade when a queued
	// digest is sent to the old id. It moves the team and delivers there.
	const old2, new2 = int64(-6), int64(-1006)
	api.admins[old2] = []int64{5001}
	api.push(basicGroupMessage(5, old2, admin, "/goal new team Reach 50 orders by end of month"))
	api.waitTexts(old2, 1)
	api.migrateChat(old2, new2)
	err = h.a.Send(ctx, bot.Outgoing{Platform: "telegram", TeamID: "tg:-6", Channel: "-6",
		Reply: bot.Reply{Text: "Daily summary", Buttons: []bot.Button{{Action: bot.ActQuickLog, Label: "+1", Value: "2:1"}}}})
	if err != nil {
		t.Fatalf("send to a migrated group: %v", err)
	}
	got := api.waitTexts(new2, 1)
	mustContain(t, got[0], "Daily summary")
	if gs := h.goalsOf("tg:-1006"); len(gs) != 1 {
		t.Fatalf("goals of the new supergroup: %+v", gs)
	}
	// Its quick-log button works in the new chat.
	data := buttonData(t, lastTo(t, api, new2), "quick_log")
	api.push(callbackUpdate("cb-mig", member, models.Chat{ID: new2, Type: models.ChatTypeSupergroup}, 1, data))
	deadline := time.Now().Add(5 * time.Second)
	for len(h.logsOf("tg:-1006")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if ls := h.logsOf("tg:-1006"); len(ls) != 1 {
		t.Fatalf("button in the new chat: logs %+v; texts %q", ls, strings.Join(api.texts(new2), " | "))
	}
}
