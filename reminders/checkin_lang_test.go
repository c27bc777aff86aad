package reminders_test

import (
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// The check-in reminder's example names a goal ("/goal log 3" asks "which
// goal?" of anyone with two), in the language the member reads: the one
// they set, else the one they write in.
func TestCheckinExampleAndLanguage(t *testing.T) {
	team := goals.Team{ID: "tg:-1", TZ: "Asia/Taipei", Lang: "en"}
	active := []goals.Goal{{ID: 3, Title: "Book 20 demos"}, {ID: 5, Title: "Reach $5,000"}}
	for _, tc := range []struct {
		m          goals.Member
		lang, want string
	}{
		{goals.Member{UserID: "a"}, "en", "/goal log #3 1"},
		{goals.Member{UserID: "b", SeenLang: "zh-TW"}, "zh-TW", "/goal 記錄 #3 1"},
		{goals.Member{UserID: "c", Lang: "zh-CN", SeenLang: "en"}, "zh-CN", "/goal 记录 #3 1"},
	} {
		lang := tc.m.ReadLang() // as the scheduler picks it
		if lang == "" {
			lang = team.Lang
		}
		msg, err := reminders.CheckinMessage(team, tc.m, active, lang)
		if err != nil {
			t.Fatal(err)
		}
		env, err := reminders.DecodeEnvelope(msg.Payload)
		if err != nil {
			t.Fatal(err)
		}
		if env.Reply.Lang != tc.lang || !strings.Contains(env.Reply.Text, tc.want) {
			t.Errorf("%s: %s %q, want %s with %q", tc.m.UserID, env.Reply.Lang, env.Reply.Text, tc.lang, tc.want)
		}
	}
}
