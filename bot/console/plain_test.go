package console_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/console"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage"
)

// chat is an engine on a real SQLite file with a settable clock, talked to
// through console adapters (one per user), as `goalbot console` does.
type chat struct {
	t    *testing.T
	path string
	db   *storage.DB
	eng  *bot.Engine
	mu   sync.Mutex
	now  time.Time
	team string
}

func newChat(t *testing.T, at string) *chat {
	t.Helper()
	ch := &chat{t: t, path: filepath.Join(t.TempDir(), "goalbot.db"), team: "shop"}
	ch.set(at)
	ch.open()
	t.Cleanup(func() { ch.db.Close() })
	return ch
}

// open (re)opens the database and builds a new engine on it: a restart.
func (ch *chat) open() {
	ch.t.Helper()
	db, err := storage.Open(ch.path)
	if err != nil {
		ch.t.Fatal(err)
	}
	ch.db = db
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(ch.clock), DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	ch.eng = bot.NewEngine(svc)
}

// restart closes the database and opens it again with a new engine.
func (ch *chat) restart() {
	ch.t.Helper()
	if err := ch.db.Close(); err != nil {
		ch.t.Fatal(err)
	}
	ch.open()
}

func (ch *chat) clock() time.Time { ch.mu.Lock(); defer ch.mu.Unlock(); return ch.now }

func (ch *chat) set(at string) {
	ch.t.Helper()
	now, err := time.Parse(time.RFC3339, at)
	if err != nil {
		ch.t.Fatal(err)
	}
	ch.mu.Lock()
	ch.now = now
	ch.mu.Unlock()
}

// console is a fresh console for user: no buttons from earlier replies.
func (ch *chat) console(user string) *console.Console {
	return &console.Console{Engine: ch.eng, TeamID: ch.team, UserID: user}
}

// typeLine runs one typed line through the console's read loop and returns what it printed.
func typeLine(t *testing.T, c *console.Console, line string) string {
	t.Helper()
	var out bytes.Buffer
	c.In, c.Out = strings.NewReader(line+"\n"), &out
	if err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return strings.TrimRight(out.String(), "\n")
}

func (ch *chat) logs() []goals.Log {
	ch.t.Helper()
	ls, err := ch.db.Logs(context.Background(), goals.LogFilter{TeamID: ch.team})
	if err != nil {
		ch.t.Fatal(err)
	}
	return ls
}

func (ch *chat) goals() []goals.Goal {
	ch.t.Helper()
	gs, err := ch.db.Goals(context.Background(), goals.GoalFilter{TeamID: ch.team})
	if err != nil {
		ch.t.Fatal(err)
	}
	return gs
}

func (ch *chat) pending(user string) bool {
	ch.t.Helper()
	_, err := ch.db.Pending(context.Background(), ch.team, user, "proposal", ch.clock())
	if err != nil && goals.ErrorCode(err) != goals.ENotFound {
		ch.t.Fatal(err)
	}
	return err == nil
}

// says reports whether out holds the catalog message key in one of the
// three languages: its text up to the first placeholder.
func says(out, key string) bool {
	for _, s := range i18n.Entry(key) {
		if i := strings.Index(s, "{"); i >= 0 {
			s = s[:i]
		}
		if s != "" && strings.Contains(out, s) {
			return true
		}
	}
	return false
}

// The fixture: goals of three users, created by typing `/goal new` in their
// own language. Keys name them in the table below.
var plainFixture = []struct{ key, user, line string }{
	{"en/demos", "alice", "/goal new Book 20 demos by Friday"},
	{"en/calls", "alice", "/goal new Make 50 calls this week"},
	{"en/deals", "alice", "/goal new Close 10 deals by end of month"},
	{"en/revenue", "alice", "/goal new Reach $50,000 in revenue by end of month"},
	{"en/conversion", "alice", "/goal new Raise conversion rate from 1.5% to 2.5% by end of Q4"},
	{"en/subscribers", "alice", "/goal new Get 200 new subscribers by end of month"},
	{"cn/revenue", "li", "/goal new 本月销售额达到10万元"},
	{"cn/calls", "li", "/goal new 每天打20个电话"},
	{"cn/subscribers", "li", "/goal new 本月新增200个订阅"},
	{"cn/returns", "li", "/goal new 年底前把退货率从15%降到10%"},
	{"cn/deals", "li", "/goal new 本月成交30单"},
	{"cn/demos", "li", "/goal new 本周完成5场演示"},
	{"tw/revenue", "chen", "/goal new 本月營收達到50萬"},
	{"tw/deals", "chen", "/goal new 本月成交30筆"},
	{"tw/demos", "chen", "/goal new 每週完成10場演示"},
	{"tw/conversion", "chen", "/goal new 年底前轉換率從2%提升到3%"},
	{"tw/calls", "chen", "/goal new 每天打20通電話"},
}

// What a message that is not logged must raise, by catalog key.
const (
	askNoAmount = "plain_no_amount" // no number at all
	askWhich    = "plain_unsure"    // a number that could go to several goals
	askNoMatch  = "no_goal_matches" // it names something none of the goals counts
	askSeveral  = "plain_several"   // several amounts of different kinds
	askNegative = "negative_amount"
	askOffer    = "plain_goal_offer" // reads as a new goal: proposed, not saved
)

// plainCases: plain-language messages and the goal and amount each logs,
// or the question it must raise (then nothing is written).
var plainCases = []struct {
	user, text string
	goal       string // fixture key; "" when ask is set
	amount     float64
	ask        string
}{
	// English
	{user: "alice", text: "3 demos", goal: "en/demos", amount: 3},
	{user: "alice", text: "closed 2 deals", goal: "en/deals", amount: 2},
	{user: "alice", text: "made 12 calls today", goal: "en/calls", amount: 12},
	{user: "alice", text: "booked 1 demo", goal: "en/demos", amount: 1},
	{user: "alice", text: "sold $1,200 today", goal: "en/revenue", amount: 1200},
	{user: "alice", text: "$450", goal: "en/revenue", amount: 450},
	{user: "alice", text: "conversion is 2.1% now", goal: "en/conversion", amount: 2.1},
	{user: "alice", text: "conversion rate 1.8%", goal: "en/conversion", amount: 1.8},
	{user: "alice", text: "got 15 new subscribers", goal: "en/subscribers", amount: 15},
	{user: "alice", text: "2 more deals", goal: "en/deals", amount: 2},
	{user: "alice", text: "4 calls this morning", goal: "en/calls", amount: 4},
	{user: "alice", text: "revenue 2.5k", goal: "en/revenue", amount: 2500},
	{user: "alice", text: "just did 2 demos with Acme", goal: "en/demos", amount: 2},
	{user: "alice", text: "we closed 2 deals", goal: "en/deals", amount: 2},
	{user: "alice", text: "booked 3 demos this week", goal: "en/demos", amount: 3},
	{user: "alice", text: "2.5%", goal: "en/conversion", amount: 2.5},
	{user: "alice", text: "Demos: 5", goal: "en/demos", amount: 5},
	{user: "alice", text: "sent 30 emails", ask: askNoMatch},
	{user: "alice", text: "20 pushups", ask: askNoMatch},
	{user: "alice", text: "great day!", ask: askNoAmount},
	{user: "alice", text: "how am I doing?", ask: askNoAmount},
	{user: "alice", text: "5", ask: askWhich},
	{user: "alice", text: "5 today", ask: askWhich},
	{user: "alice", text: "-3 demos", ask: askNegative},
	{user: "alice", text: "3 demos and 5 calls", ask: askSeveral},
	{user: "alice", text: "closed 2 deals worth $5,000", ask: askSeveral},
	{user: "alice", text: "1 demo tomorrow", ask: askOffer},
	{user: "alice", text: "Book 30 demos by next Friday", ask: askOffer},
	{user: "alice", text: "closed 4 deals, need 6 more by end of month", ask: askSeveral},
	{user: "alice", text: "sent 3 demo invites before Friday", ask: askOffer},
	// Simplified Chinese
	{user: "li", text: "今天卖了1.2万", goal: "cn/revenue", amount: 12000},
	{user: "li", text: "卖了3000元", goal: "cn/revenue", amount: 3000},
	{user: "li", text: "打了8个电话", goal: "cn/calls", amount: 8},
	{user: "li", text: "新增了30个订阅", goal: "cn/subscribers", amount: 30},
	{user: "li", text: "退货率降到13%", goal: "cn/returns", amount: 13},
	{user: "li", text: "退货率现在是12.5%", goal: "cn/returns", amount: 12.5},
	{user: "li", text: "成交了5单", goal: "cn/deals", amount: 5},
	{user: "li", text: "完成2场演示", goal: "cn/demos", amount: 2},
	{user: "li", text: "今天打了10通电话", goal: "cn/calls", amount: 10},
	{user: "li", text: "销售额 8000", goal: "cn/revenue", amount: 8000},
	{user: "li", text: "今天营业额8000元", goal: "cn/revenue", amount: 8000},
	{user: "li", text: "本周完成了3场演示", goal: "cn/demos", amount: 3},
	{user: "li", text: "今天心情不错", ask: askNoAmount},
	{user: "li", text: "跑了5公里", ask: askNoMatch},
	{user: "li", text: "3", ask: askWhich},
	{user: "li", text: "卖了5件", ask: askWhich},
	{user: "li", text: "发了20封邮件", ask: askNoMatch},
	{user: "li", text: "今天卖了1.2万，打了8个电话", ask: askSeveral},
	{user: "li", text: "下周五前完成10场演示", ask: askOffer},
	{user: "li", text: "到了月底要完成50单", ask: askOffer},
	{user: "li", text: "已经打了6个电话", goal: "cn/calls", amount: 6},
	// Traditional Chinese
	{user: "chen", text: "今日成交5筆", goal: "tw/deals", amount: 5},
	{user: "chen", text: "今天營收3萬", goal: "tw/revenue", amount: 30000},
	{user: "chen", text: "賣了1.5萬", goal: "tw/revenue", amount: 15000},
	{user: "chen", text: "完成3場演示", goal: "tw/demos", amount: 3},
	{user: "chen", text: "轉換率2.4%", goal: "tw/conversion", amount: 2.4},
	{user: "chen", text: "轉換率現在是2.6%", goal: "tw/conversion", amount: 2.6},
	{user: "chen", text: "打了12通電話", goal: "tw/calls", amount: 12},
	{user: "chen", text: "成交2筆訂單", goal: "tw/deals", amount: 2},
	{user: "chen", text: "今天營收NT$8,000", goal: "tw/revenue", amount: 8000},
	{user: "chen", text: "今天很忙", ask: askNoAmount},
	{user: "chen", text: "跑了10公里", ask: askNoMatch},
	{user: "chen", text: "5", ask: askWhich},
	{user: "chen", text: "新增20位會員", ask: askNoMatch},
	{user: "chen", text: "每天打30通電話", ask: askOffer},
	{user: "chen", text: "成交3筆，營收2萬", ask: askSeveral},
}

// setupPlain creates the fixture and returns the goal id of each key.
func setupPlain(t *testing.T) (*chat, map[string]int64) {
	t.Helper()
	ch := newChat(t, "2026-11-16T09:00:00+08:00")
	ids := map[string]int64{}
	for _, f := range plainFixture {
		before := len(ch.goals())
		out := typeLine(t, ch.console(f.user), f.line)
		gs := ch.goals()
		if len(gs) != before+1 || !says(out, "created") {
			t.Fatalf("fixture %s: %q did not create a goal:\n%s", f.key, f.line, out)
		}
		ids[f.key] = gs[len(gs)-1].ID
	}
	ch.set("2026-11-16T17:00:00+08:00")
	return ch, ids
}

// TestPlainLanguageLogging runs every message of the table through the
// console as its user typed it. A log must land on the expected goal with
// the expected amount, be confirmed in the user's language with an Undo
// button, and pressing Undo must take it back. A question must leave the
// logs and goals exactly as they were.
func TestPlainLanguageLogging(t *testing.T) {
	if len(plainCases) < 40 {
		t.Fatalf("only %d plain-language cases", len(plainCases))
	}
	ch, ids := setupPlain(t)
	langs := map[string]bool{}
	logged, asked := 0, 0
	for _, tc := range plainCases {
		langs[goals.DetectLang(tc.text)] = true
		logsBefore, goalsBefore := ch.logs(), ch.goals()
		c := ch.console(tc.user)
		out := typeLine(t, c, tc.text)
		if os.Getenv("PLAIN_DEBUG") != "" {
			t.Logf("%s> %s\n%s", tc.user, tc.text, out)
		}
		logsAfter := ch.logs()
		if len(ch.goals()) != len(goalsBefore) {
			t.Errorf("%s %q created a goal:\n%s", tc.user, tc.text, out)
			continue
		}
		if tc.ask != "" {
			asked++
			if len(logsAfter) != len(logsBefore) {
				t.Errorf("%s %q: wanted the question %s, but a log was written:\n%s", tc.user, tc.text, tc.ask, out)
				continue
			}
			if !says(out, tc.ask) {
				t.Errorf("%s %q: wanted the question %s, got:\n%s", tc.user, tc.text, tc.ask, out)
			}
			switch tc.ask {
			case askWhich, askNoMatch:
				if !strings.Contains(out, "[1] #") {
					t.Errorf("%s %q: the question offers no goals to pick:\n%s", tc.user, tc.text, out)
				}
			case askOffer:
				if !ch.pending(tc.user) || !strings.Contains(out, "[a] ") {
					t.Errorf("%s %q: no stored proposal with buttons:\n%s", tc.user, tc.text, out)
				}
				typeLine(t, c, "/goal cancel")
				if ch.pending(tc.user) {
					t.Fatalf("%s: /goal cancel left the proposal", tc.user)
				}
			}
			continue
		}
		if len(logsAfter) != len(logsBefore)+1 {
			t.Errorf("%s %q: want a log of %v on %s (#%d), got %d new logs:\n%s", tc.user, tc.text, tc.amount, tc.goal, ids[tc.goal], len(logsAfter)-len(logsBefore), out)
			continue
		}
		l := logsAfter[len(logsAfter)-1]
		if l.GoalID != ids[tc.goal] || math.Abs(l.Amount-tc.amount) > 1e-9 || l.User != tc.user {
			t.Errorf("%s %q: logged %v on #%d by %s, want %v on %s (#%d):\n%s", tc.user, tc.text, l.Amount, l.GoalID, l.User, tc.amount, tc.goal, ids[tc.goal], out)
		}
		lang := goals.DetectLang(tc.text)
		if !strings.Contains(out, "[a] "+i18n.T(lang, "btn_undo")) {
			t.Errorf("%s %q: the confirmation has no Undo button in %s:\n%s", tc.user, tc.text, lang, out)
		}
		// Undo is the first button: typing its letter takes the log back.
		undo := typeLine(t, c, "a")
		if !says(undo, "undone") || len(ch.logs()) != len(logsBefore) {
			t.Errorf("%s %q: Undo did not take the log back:\n%s", tc.user, tc.text, undo)
			continue
		}
		logged++
	}
	for _, l := range []string{goals.LangEN, goals.LangZhCN, goals.LangZhTW} {
		if !langs[l] {
			t.Errorf("no plain-language case in %s", l)
		}
	}
	if !t.Failed() {
		t.Logf("%d plain-language messages: %d logged to the expected goal and undone, %d raised the expected question", len(plainCases), logged, asked)
	}
}

// Pressing a goal offered by the question logs the amount there, and only then.
func TestPlainLanguagePickAfterQuestion(t *testing.T) {
	ch, ids := setupPlain(t)
	c := ch.console("alice")
	out := typeLine(t, c, "20 pushups")
	if !says(out, askNoMatch) || len(ch.logs()) != 0 {
		t.Fatalf("20 pushups:\n%s", out)
	}
	// The buttons list alice's goals in id order: [1] is her demos goal.
	out = typeLine(t, c, "1")
	ls := ch.logs()
	if len(ls) != 1 || ls[0].GoalID != ids["en/demos"] || ls[0].Amount != 20 || !strings.Contains(ls[0].Note, "pushups") {
		t.Fatalf("pick after the question: %+v\n%s", ls, out)
	}
	if !strings.Contains(out, "[a] Undo") {
		t.Fatalf("pick confirmation without Undo:\n%s", out)
	}

	// Several amounts: nothing written; one at a time works.
	c = ch.console("li")
	out = typeLine(t, c, "今天卖了1.2万，打了8个电话")
	if !says(out, askSeveral) || len(ch.logs()) != 1 {
		t.Fatalf("several amounts:\n%s", out)
	}
	typeLine(t, c, "今天卖了1.2万")
	typeLine(t, c, "打了8个电话")
	ls = ch.logs()
	if len(ls) != 3 || ls[1].GoalID != ids["cn/revenue"] || ls[1].Amount != 12000 || ls[2].GoalID != ids["cn/calls"] || ls[2].Amount != 8 {
		t.Fatalf("one at a time: %+v", ls)
	}

	// With a single goal, an unknown noun is still a question, not a guess.
	solo := ch.console("solo")
	if out := typeLine(t, solo, "/goal new Book 10 demos by Friday"); !says(out, "created") {
		t.Fatalf("solo goal:\n%s", out)
	}
	n := len(ch.logs())
	if out := typeLine(t, solo, "20 pushups"); !says(out, askNoMatch) || len(ch.logs()) != n {
		t.Fatalf("single goal, unknown noun:\n%s", out)
	}
	// A bare number with a single goal is that goal's, as `/log 3` is.
	if out := typeLine(t, solo, "3"); !strings.Contains(out, "Logged 3 demos") || len(ch.logs()) != n+1 {
		t.Fatalf("single goal, bare number:\n%s", out)
	}
}

// fakeInterpreter is a coach with an LLM log interpreter that answers
// what it is told and counts its calls.
type fakeInterpreter struct {
	goals.OfflineCoach
	mu      sync.Mutex
	calls   []string
	goalID  int64
	amount  float64
	refuses bool
}

func (f *fakeInterpreter) InterpretLog(_ context.Context, text string, cands []goals.Goal) (int64, goals.Amount, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, text)
	if f.refuses {
		return 0, goals.Amount{}, false
	}
	return f.goalID, goals.Amount{Value: f.amount}, true
}

func (f *fakeInterpreter) called() int { f.mu.Lock(); defer f.mu.Unlock(); return len(f.calls) }

// With an LLM configured, a log the parser cannot place is shown to it;
// its answer is proposed, never written, until the user presses it.
func TestPlainLanguageLLMSuggestion(t *testing.T) {
	ch, ids := setupPlain(t)
	fake := &fakeInterpreter{goalID: ids["en/calls"], amount: 5}
	ch.eng = bot.NewEngine(ch.eng.Service(), bot.WithCoach(fake))

	// The parser is sure: the LLM is not asked.
	c := ch.console("alice")
	if out := typeLine(t, c, "3 demos"); !strings.Contains(out, "Logged 3 demos") || fake.called() != 0 {
		t.Fatalf("a sure log went to the LLM (%d calls):\n%s", fake.called(), out)
	}
	typeLine(t, c, "a") // undo
	n := len(ch.logs())

	// Unsure: the suggestion comes first, nothing is written.
	out := typeLine(t, c, "5 today")
	if fake.called() != 1 || !says(out, "plain_suggest") || !strings.Contains(out, fmt.Sprintf("[1] ✓ 5 → #%d", ids["en/calls"])) || len(ch.logs()) != n {
		t.Fatalf("suggestion (%d calls, %d logs):\n%s", fake.called(), len(ch.logs())-n, out)
	}
	out = typeLine(t, c, "1")
	ls := ch.logs()
	if len(ls) != n+1 || ls[len(ls)-1].GoalID != ids["en/calls"] || ls[len(ls)-1].Amount != 5 || !strings.Contains(out, "[a] Undo") {
		t.Fatalf("confirming the suggestion: %+v\n%s", ls[len(ls)-1], out)
	}

	// A suggestion outside the user's goals (li's goal for alice), an
	// unusable amount, or no answer: the usual question, nothing written.
	for _, f := range []struct {
		goalID  int64
		amount  float64
		refuses bool
	}{{ids["cn/calls"], 5, false}, {ids["en/calls"], -5, false}, {ids["en/calls"], 50, false}, {0, 0, true}} {
		fake.mu.Lock()
		fake.goalID, fake.amount, fake.refuses = f.goalID, f.amount, f.refuses
		fake.mu.Unlock()
		n := len(ch.logs())
		out := typeLine(t, ch.console("alice"), "5 today")
		if says(out, "plain_suggest") || !says(out, askWhich) || len(ch.logs()) != n {
			t.Fatalf("interpreter answering %+v: %s", f, out)
		}
	}
}
