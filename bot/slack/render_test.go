package slackbot_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/goals"
)

func blocksJSON(t *testing.T, rep bot.Reply) string {
	t.Helper()
	b, err := json.Marshal(slackbot.Message(rep))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRenderEscapesUserText(t *testing.T) {
	rep := bot.Reply{OK: true, Lang: "en", Text: "Created <!channel> & <http://evil.example|click>"}
	var m struct {
		Text   string `json:"text"`
		Blocks []struct {
			Text struct{ Text string } `json:"text"`
		} `json:"blocks"`
	}
	json.Unmarshal([]byte(blocksJSON(t, rep)), &m)
	want := "Created &lt;!channel&gt; &amp; &lt;http://evil.example|click&gt;"
	if m.Text != want || len(m.Blocks) != 1 || m.Blocks[0].Text.Text != want {
		t.Fatalf("rendered = %+v", m)
	}
}

func TestRenderButtonsAndCards(t *testing.T) {
	cad := goals.CadenceWeekly
	v := bot.GoalView{ID: 3, Title: "Book <20> demos", Unit: "count", Target: 20, Current: 3, Percent: 15,
		Status: goals.StatusOnTrack, Cadence: &cad, RequiredRate: 2.5, RequiredPer: "day",
		Deadline: goals.NewDate(2026, 11, 22)}
	rep := bot.Reply{OK: true, Lang: "en", Text: "Active goals:\n" + bot.GoalLine(v, "en"), Goals: []bot.GoalView{v},
		Buttons: []bot.Button{
			{Action: bot.ActPickGoal, Label: "#3 Book", Value: "3|2 demos"},
			{Action: bot.ActPickGoal, Label: "#4 Calls", Value: "4|2 demos"},
			{Action: bot.ActUndo, Label: "Undo"},
		}}
	raw := blocksJSON(t, rep)
	var m struct {
		Blocks []struct {
			Type     string `json:"type"`
			Text     *struct{ Text string }
			Fields   []struct{ Text string }
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			}
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, b := range m.Blocks {
		types = append(types, b.Type)
	}
	// Text (goal line moved into the card), the card, two action blocks
	// (action ids are unique within a block).
	if got := strings.Join(types, ","); got != "section,section,actions,actions" {
		t.Fatalf("blocks = %s\n%s", got, raw)
	}
	if m.Blocks[0].Text.Text != "Active goals:" {
		t.Errorf("text = %q", m.Blocks[0].Text.Text)
	}
	card := m.Blocks[1]
	if !strings.Contains(card.Text.Text, "*#3 Book &lt;20&gt; demos*") || !strings.Contains(card.Text.Text, "▓") {
		t.Errorf("card = %q", card.Text.Text)
	}
	var fields []string
	for _, f := range card.Fields {
		fields = append(fields, f.Text)
	}
	if got := strings.Join(fields, " | "); got != "📈 3 / 20 a week | 🟢 on track | ⏰ 2026-11-22 | 🏃 2.5/day" {
		t.Errorf("fields = %s", got)
	}
	a1, a2 := m.Blocks[2].Elements, m.Blocks[3].Elements
	if len(a1) != 1 || a1[0].ActionID != bot.ActPickGoal || a1[0].Value != "3|2 demos" ||
		len(a2) != 2 || a2[0].ActionID != bot.ActPickGoal || a2[0].Value != "4|2 demos" || a2[1].ActionID != bot.ActUndo {
		t.Errorf("actions = %+v %+v", a1, a2)
	}
}

func TestRenderLimits(t *testing.T) {
	long := strings.Repeat("line of text that goes on\n", 400) // ~10 KB
	var many []bot.GoalView
	for i := 0; i < 30; i++ {
		many = append(many, bot.GoalView{ID: int64(i + 1), Title: "g", Status: goals.StatusBehind})
	}
	rep := bot.Reply{OK: false, Lang: "en", Text: long, Goals: many, Public: true,
		Error: &bot.ReplyError{Code: "x", Message: "bad"}}
	msg := slackbot.Message(rep)
	if msg.ResponseType != "in_channel" {
		t.Errorf("response_type = %q", msg.ResponseType)
	}
	if len(msg.Blocks) > 50 {
		t.Errorf("%d blocks", len(msg.Blocks))
	}
	raw, _ := json.Marshal(msg.Blocks)
	if !strings.Contains(string(raw), "⚠️") {
		t.Error("a refusal is not marked")
	}
	var secs []struct {
		Text struct{ Text string } `json:"text"`
	}
	json.Unmarshal(raw, &secs)
	for _, s := range secs {
		if len(s.Text.Text) > 3000 {
			t.Fatalf("section of %d bytes", len(s.Text.Text))
		}
	}
	// Nil-safe: an empty reply renders.
	_ = slackbot.Message(bot.Reply{})
	_ = slackbot.HomeView(bot.Reply{}, bot.Reply{})
}

// The App Home keeps missed, done and archived goals apart, after the open
// ones, and offers a level goal a reading, never +1.
func TestHomeKeepsClosedApart(t *testing.T) {
	mine := bot.Reply{OK: true, Lang: "en", Goals: []bot.GoalView{
		{ID: 1, Title: "old", Status: goals.StatusMissed, Kind: goals.KindTotal},
		{ID: 2, Title: "churn", Status: goals.StatusOnTrack, Kind: goals.KindLevel, Unit: goals.UnitPercent, Current: 40, Readings: 1},
		{ID: 3, Title: "done one", Status: goals.StatusAchieved, State: goals.StateDone, Kind: goals.KindTotal},
	}}
	v := slackbot.HomeView(mine, bot.Reply{OK: true, Lang: "en", Text: "team"})
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	churn, closed, old := strings.Index(s, "churn"), strings.Index(s, "Missed, done and archived"), strings.Index(s, "old")
	if churn < 0 || closed < churn || old < closed {
		t.Errorf("order churn %d, closed header %d, old %d:\n%s", churn, closed, old, s)
	}
	if strings.Contains(s, `"value":"2:1"`) || !strings.Contains(s, "Record a reading (last 40%)") {
		t.Errorf("level goal buttons: %s", s)
	}
	if strings.Contains(s, `"value":"1:1"`) || strings.Contains(s, `"value":"3:1"`) {
		t.Errorf("closed goals offer +1: %s", s)
	}
}
