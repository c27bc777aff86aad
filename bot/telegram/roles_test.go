package telegram

import (
	"context"
	"testing"
	"time"
)

// A group administrator is a manager while they are one: demoted in the
// group, they can no longer edit the team's goals or export its data.
func TestDemotedAdminLosesManagerRole(t *testing.T) {
	api := newFakeAPI(t, testToken)
	const chat = int64(-1007)
	admin, other := user(7001, "en"), user(7002, "en")
	api.admins[chat] = []int64{7001}
	h := startHarness(t, api, t.TempDir()+"/goalbot.db", WithAdminTTL(time.Nanosecond))

	api.push(groupMessage(1, chat, admin, "/goal new team Reach 100 orders by end of month"))
	mustContain(t, api.waitTexts(chat, 1)[0], "#1")

	api.mu.Lock()
	api.admins[chat] = []int64{7002} // the group's owner changed hands
	api.mu.Unlock()
	api.push(groupMessage(2, chat, admin, "/goal edit #1 target=50"))
	mustContain(t, api.waitTexts(chat, 2)[1], "manager")
	if m, err := h.db.Member(context.Background(), "tg:-1007", "7001"); err != nil || m.IsManager() {
		t.Fatalf("former admin: %+v %v", m, err)
	}
	api.push(groupMessage(3, chat, other, "/goal edit #1 target=50"))
	mustContain(t, api.waitTexts(chat, 3)[2], "50")
	if gs := h.goalsOf("tg:-1007"); len(gs) != 1 || gs[0].Target != 50 {
		t.Fatalf("goal %+v", gs)
	}
	// When Telegram cannot say who the administrators are, nobody is
	// demoted on that account.
	api.failNext("getChatAdministrators", 5, 500, 0)
	api.push(groupMessage(4, chat, other, "/goal edit #1 target=60"))
	mustContain(t, api.waitTexts(chat, 4)[3], "60")
	if m, err := h.db.Member(context.Background(), "tg:-1007", "7002"); err != nil || !m.IsManager() {
		t.Fatalf("manager during an API failure: %+v %v", m, err)
	}
}
