package bot_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
)

// otherScript lists the characters of s only the other Chinese script writes.
func otherScript(s, lang string) string {
	other := goals.LangZhCN
	if lang == goals.LangZhCN {
		other = goals.LangZhTW
	}
	var out []rune
	for _, r := range s {
		if goals.ChineseScript(string(r)) == other {
			out = append(out, r)
		}
	}
	return string(out)
}

// A reply is in the member's set language, else in the one they have been
// writing in: an English command word, an id or a number never switches
// it, Han text both scripts write alike keeps the script they use, and
// English sentences switch back to English.
func TestReplyLanguage(t *testing.T) {
	e := newEnv(t)
	steps := []struct{ user, text, want string }{
		{"li", "列表", "zh-CN"}, // no script-only character, no history: Simplified
		{"li", "new 本月销售额达到5万元", "zh-CN"},
		{"li", "list", "zh-CN"},
		{"chen", "new 本週五前完成25筆交易", "zh-TW"},
		{"chen", "log #1 1", "zh-TW"},
		{"chen", "log #1 1.2w", "zh-TW"},
		{"chen", "progress", "zh-TW"},
		{"chen", "undo", "zh-TW"},
		{"chen", "修改 #1 target=30", "zh-TW"}, // 修改 reads the same in both scripts
		{"chen", "列表", "zh-TW"},
		{"chen", "log 3", "zh-TW"},
		{"chen", "split #1 by week", "zh-TW"},
		{"li", "列表", "zh-CN"}, // li's own script, whatever the others write
		{"alice", "new Book 20 demos by Friday", "en"},
		{"alice", "新建 每周销售额达到5万元", "zh-CN"},
		{"alice", "log #3 2", "zh-CN"},
		{"alice", "log 3 demos", "zh-CN"}, // a metric word is not a sentence
		{"alice", "new Book 5 calls a day by Friday", "en"},
		{"alice", "list", "en"},
		{"bob", "settings lang=zh-TW", "zh-TW"},
		{"bob", "new 本月销售额达到5万元", "zh-TW"}, // the set language wins over the script
		{"bob", "new Book 10 demos by Friday", "zh-TW"},
	}
	for _, s := range steps {
		r := e.say("acme", s.user, s.text)
		if r.Lang != s.want {
			t.Errorf("%s %q: answered in %s, want %s: %s", s.user, s.text, r.Lang, s.want, r.Text)
		}
		if goals.IsChinese(s.want) && otherScript(s.text, s.want) == "" { // the user's own words are theirs
			if bad := otherScript(r.Text, s.want); bad != "" {
				t.Errorf("%s %q: %s reply has %q: %s", s.user, s.text, s.want, bad, r.Text)
			}
		}
	}
}

// A team's language follows its managers (else most members) until a
// manager sets team_lang; the split's children are named in it.
func TestTeamLanguage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	teamLang := func(id string) goals.Team {
		tm, err := e.db.Team(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	e.manager("tw", "chen", "new 第四季營收達到90萬元")
	if tm := teamLang("tw"); tm.Lang != "zh-TW" || tm.LangSet {
		t.Fatalf("team of a zh-TW manager: %+v", tm)
	}
	// An English member does not outvote the manager.
	e.ok("tw", "bob", "new Book 20 demos by end of December")
	if tm := teamLang("tw"); tm.Lang != "zh-TW" {
		t.Fatalf("after an English member: %s", tm.Lang)
	}
	// Bob's split is named in the team's language; his reply stays English.
	r := e.ok("tw", "bob", "split #2 by month")
	if r.Lang != "en" {
		t.Errorf("split reply in %s", r.Lang)
	}
	for _, g := range goalsOf(t, e, "tw") {
		if g.ParentID != nil && (!strings.Contains(g.Title, "的一部分") || otherScript(g.Title, "zh-TW") != "") {
			t.Errorf("child named %q, want Traditional Chinese", g.Title)
		}
	}
	// So is the goal a break-even proposal makes.
	if r := e.ok("tw", "bob", "breakeven fixed=20000 price=99 cost=60"); r.Lang != "en" || !strings.Contains(r.Text, "513 units") {
		t.Errorf("breakeven reply: %s %s", r.Lang, r.Text)
	}
	r = e.ok("tw", "bob", "accept")
	if len(r.Goals) != 1 || !strings.Contains(r.Goals[0].Title, "513 件") || otherScript(r.Goals[0].Title, "zh-TW") != "" {
		t.Errorf("break-even goal named %+v, want Traditional Chinese", r.Goals)
	}
	// Without managers, most members decide.
	e.ok("shop", "a", "new 本月销售额达到5万元")
	e.ok("shop", "b", "new Book 20 demos by Friday")
	e.ok("shop", "c", "new 本月新增50个订阅")
	if tm := teamLang("shop"); tm.Lang != "zh-CN" {
		t.Fatalf("most members write Simplified: %s", tm.Lang)
	}
	// Set: kept whatever people write, and shown in the settings.
	r = e.manager("tw", "chen", "settings team_lang=en")
	if !strings.Contains(r.Text, "語言=en 日報") {
		t.Errorf("settings do not show the team language: %s", r.Text)
	}
	e.manager("tw", "chen", "列表")
	if tm := teamLang("tw"); tm.Lang != "en" || !tm.LangSet {
		t.Fatalf("set team language changed: %+v", tm)
	}
}

// A typo in a command's place is pointed out in the user's language and
// does nothing; it is never read as a log.
func TestDidYouMean(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.ok("acme", "li", "new 本月销售额达到5万元")
	for _, tc := range []struct {
		user, text, code, want string
		direct                 bool
	}{
		{"alice", "progres #1", "unknown_command", "`/goal progress #1`", false},
		{"alice", "lgo 3 demos", "unknown_command", "`/goal log 3 demos`", false},
		{"alice", "lgo 3 demos", "unknown_command", "`/goal log 3 demos`", true},
		{"alice", "/gaol list", "unknown_command", "`/goal list`", true},
		{"alice", "lsit", "unknown_command", "`/goal list`", false},
		{"alice", "edit #1 taget=30", "bad_edit", "`/goal edit #1 target=30`", false},
		{"alice", "edit #1 dedline=2026-12-31", "bad_edit", "deadline=2026-12-31", false},
		{"alice", "settings tx=UTC", "bad_setting", "`/goal settings tz=UTC`", false},
		{"alice", "split #1 by quater", "split_usage", "`/goal split #1 by quarter`", false},
		{"alice", "split #1 by regoin EU US", "split_usage", "`/goal split #1 by region EU US`", false},
		{"alice", "frobnicate 3 demos", "unknown_command", "/goal help", true},
		{"li", "记彔 3", "unknown_command", "你是想输入 `/goal 记录 3` 吗", false},
		{"li", "progres #2", "unknown_command", "不认识“progres”", false},
	} {
		before := e.logCount()
		req := bot.Request{Platform: "test", TeamID: "acme", UserID: tc.user, Text: tc.text, Direct: tc.direct, Slash: tc.direct}
		r := e.eng.Handle(context.Background(), req)
		if r.OK || r.Error.Code != tc.code || !strings.Contains(r.Text, tc.want) {
			t.Errorf("%q: got %v %+v, want %s saying %q", tc.text, r.OK, r.Error, tc.code, tc.want)
		}
		if e.logCount() != before {
			t.Errorf("%q: a log was written", tc.text)
		}
	}
	if gs := goalsOf(t, e, "acme"); gs[0].Target != 20 {
		t.Errorf("a misspelt edit changed the goal: %+v", gs[0])
	}
	// An edit gets advice about edits, not about /goal undo.
	r := e.say("acme", "alice", "edit #1 target=-5")
	if r.OK || r.Error.Code != "negative_amount" || strings.Contains(r.Text, "undo") || !strings.Contains(r.Text, "target") {
		t.Errorf("negative target: %+v", r.Error)
	}
}

// A note keeps only what the user added beyond the amount and the goal's
// own words; a zero asks instead of logging 0.
func TestLogNotes(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.ok("acme", "li", "new 本月销售额达到5万元")
	e.ok("acme", "li", "new 每天打5个电话")
	for _, tc := range []struct {
		user, text string
		direct     bool
		note       string
	}{
		{"alice", "log #1 2 demos", false, ""},
		{"alice", "log #1 1 demo", false, ""},
		{"alice", "log #1 2 demos walk-in", false, "walk-in"},
		{"alice", "log 3 demos from the expo", false, "from the expo"},
		{"alice", "log #1 2 Book demos today", false, ""},
		{"alice", "log #1 3 '; DROP TABLE logs; --", false, "'; DROP TABLE logs; --"},
		{"alice", "log #1 2 by phone", false, "by phone"},
		{"alice", "log #1 2 from the expo", false, "from the expo"},
		{"li", "今天卖了3千", true, ""},
		{"li", "打了8个电话", true, ""},
		{"li", "log #2 1200 门店", false, "门店"},
		{"li", "log #2 1200 「今天」", false, "「今天」"},
		{"li", "log #2 1200 万达广场", false, "万达广场"},
		{"li", "log #2 1200 门店的", false, "门店的"},
	} {
		req := bot.Request{Platform: "test", TeamID: "acme", UserID: tc.user, Text: tc.text, Direct: tc.direct}
		r := e.eng.Handle(context.Background(), req)
		if !r.OK {
			t.Errorf("%q refused: %+v", tc.text, r.Error)
			continue
		}
		ls, err := e.db.Logs(context.Background(), goals.LogFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ls[len(ls)-1].Note; got != tc.note {
			t.Errorf("%q: note %q, want %q", tc.text, got, tc.note)
		}
	}
	n := e.logCount()
	for _, text := range []string{"log #1 0", "log 0 demos", "log #2 ¥0"} {
		user := "alice"
		if strings.Contains(text, "#2") {
			user = "li"
		}
		r := e.say("acme", user, text)
		if r.OK || r.Error.Code != "zero_amount" || e.logCount() != n {
			t.Errorf("%q: %+v, %d new logs", text, r.Error, e.logCount()-n)
		}
	}
}

// "Which goal?" offers only goals the amount fits, whole titles one a line;
// a title too long for a button is cut at a word, never inside a number.
func TestWhichGoal(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.ok("acme", "alice", "new Reach $50,000 in revenue by end of month")
	e.ok("acme", "alice", "new Reduce churn rate from 4.5% to 2% by end of Q1 2027")
	e.ok("acme", "alice", "new conversion rate from 1% to 2% by end of Q1 2027")
	r := e.say("acme", "alice", "log 1.3%")
	if r.OK || r.Error.Code != "which_goal" {
		t.Fatalf("log 1.3%%: %+v", r)
	}
	if strings.Contains(r.Text, "#1 ") || strings.Contains(r.Text, "#2 ") || !strings.Contains(r.Text, "\n• #3 Reduce churn rate from 4.5% to 2% by 2027-03-31\n") ||
		!strings.Contains(r.Text, "\nAdd its number") {
		t.Errorf("which goal for 1.3%%:\n%s", r.Text)
	}
	r = e.dm("acme", "alice", "1.3%")
	if len(r.Buttons) != 2 {
		t.Fatalf("plain 1.3%%: buttons %+v", r.Buttons)
	}
	for _, b := range r.Buttons {
		if !strings.HasPrefix(b.Label, "#3 ") && !strings.HasPrefix(b.Label, "#4 ") {
			t.Errorf("a goal the amount does not fit is offered: %q", b.Label)
		}
		label := strings.TrimSuffix(b.Label, "…")
		if label != b.Label {
			last := []rune(label)[len([]rune(label))-1]
			title := map[bool]string{true: "#3 Reduce churn rate from 4.5% to 2% by 2027-03-31", false: "#4 Increase conversion rate from 1% to 2% by 2027-03-31"}[strings.HasPrefix(b.Label, "#3")]
			if unicode.IsDigit(last) || !strings.HasPrefix(title, label) || title[len(label)] != ' ' {
				t.Errorf("label %q cut inside a word or number of %q", b.Label, title)
			}
		}
	}
}

// Counted words and figures read as people write them.
func TestWording(t *testing.T) {
	e := newEnv(t)
	e.ok("acme", "alice", "new Book 20 demos by Friday")
	e.at("2026-11-20T09:00:00+08:00")
	if r := e.ok("acme", "alice", "log #1 1"); !strings.Contains(r.Text, "remaining 1 working day.") {
		t.Errorf("one day left: %s", r.Text)
	}
	if r := e.ok("acme", "alice", "team"); !strings.Contains(r.Text, "1 member, 1 active goal.") {
		t.Errorf("team of one: %s", r.Text)
	}
	e.ok("acme", "alice", "log #1 44")
	e.ok("acme", "alice", "log #1 3")
	if r := e.ok("acme", "alice", "undo"); !strings.Contains(r.Text, "Now 45/20 (225%).") {
		t.Errorf("undo past the target: %s", r.Text)
	}
	e.ok("acme", "alice", "new Reach $5,000 in revenue by end of month")
	if r := e.ok("acme", "alice", "log #2 $1,200.50"); !strings.Contains(r.Text, "Logged $1,200.50. $1,200.50/$5,000 (24%)") {
		t.Errorf("money: %s", r.Text)
	}
	e.at("2026-11-16T09:00:00+08:00")
	e.ok("acme", "bob", "new Make 5 calls a day")
	e.ok("acme", "bob", "log 5 calls")
	e.at("2026-11-17T09:00:00+08:00")
	r := e.ok("acme", "bob", "progress")
	for _, want := range []string{"This day (2026-11-17): 0/5", "Streak: 1 day 🔥", "remaining 1 working day."} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("daily goal progress lacks %q:\n%s", want, r.Text)
		}
	}
	if r := e.ok("acme", "li", "new 本月销售额达到5万元"); r.Lang != "zh-CN" {
		t.Fatal(r.Lang)
	}
	if r := e.ok("acme", "li", "team"); !strings.Contains(r.Text, "3 位成员，") {
		t.Errorf("zh team: %s", r.Text)
	}
}
