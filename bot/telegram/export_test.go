package telegram

import (
	"strings"
	"testing"
	"time"
)

// `/goal export` is for managers: a group administrator gets the CSV;
// once demoted in the group, the same person is refused and no file goes.
func TestDemotedAdminRefusedExport(t *testing.T) {
	api := newFakeAPI(t, testToken)
	const chat = int64(-1009)
	admin := user(7101, "en")
	api.admins[chat] = []int64{7101}
	startHarness(t, api, t.TempDir()+"/goalbot.db", WithAdminTTL(time.Nanosecond))

	api.push(groupMessage(1, chat, admin, "/goal new team Reach 100 orders by end of month"))
	mustContain(t, api.waitTexts(chat, 1)[0], "#1")
	api.push(groupMessage(2, chat, admin, "/log 7"))
	api.push(groupMessage(3, chat, admin, "/goal export"))
	api.settle(t)
	docs := api.sent("sendDocument")
	if len(docs) != 1 || !strings.Contains(string(docs[0].Files["document"]), ",7101,7,") {
		t.Fatalf("the administrator's export: %d documents %q", len(docs), docs[0].Files["document"])
	}

	api.mu.Lock()
	api.admins[chat] = []int64{7102} // demoted
	api.mu.Unlock()
	before := len(api.texts(chat))
	api.push(groupMessage(4, chat, admin, "/goal export"))
	api.settle(t)
	ts := api.texts(chat)
	if len(ts) != before+1 {
		t.Fatalf("the refused export answered %d messages: %q", len(ts)-before, ts[before:])
	}
	mustContain(t, ts[before], "manager")
	if n := len(api.sent("sendDocument")); n != 1 {
		t.Fatalf("a demoted administrator got the export: %d documents", n)
	}
}
