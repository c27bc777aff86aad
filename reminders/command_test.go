package reminders_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

func TestDigestCommand(t *testing.T) {
	clk := clockwork.NewFakeClockAt(utc("2026-11-20T10:00:00Z"))
	db := mustOpen(t, clk)
	eng := bot.NewEngine(&goals.Service{Store: db, Clock: clk, DefaultTZ: "Asia/Shanghai", DefaultLang: "zh-CN"}, bot.WithLogger(quiet()))
	eng.Register(reminders.DigestCommand(db))
	ctx := context.Background()
	say := func(user string, role goals.Role, text string) bot.Reply {
		return eng.Handle(ctx, bot.Request{Platform: "telegram", TeamID: "tg:-100", TeamName: "小店", UserID: user, UserName: user, RoleHint: role, Text: text})
	}
	say("boss", goals.RoleManager, "new 本月营业额 10万 截止 2026-11-30")

	rep := say("boss", goals.RoleManager, "digest 周报")
	if !rep.OK || !strings.HasPrefix(rep.Text, "📊 周报") || len(rep.Chart) == 0 {
		t.Fatalf("preview: %+v", rep)
	}
	if rep := say("staff", goals.RoleMember, "digest weekly here"); rep.OK || rep.Error.Code != "managers_only" {
		t.Fatalf("member subscribed: %+v", rep)
	}
	// English command words keep the language boss writes in.
	if rep := say("boss", goals.RoleManager, "digest daily here"); !rep.OK || !strings.Contains(rep.Text, "每日小结") {
		t.Fatalf("subscribe: %+v", rep)
	}
	subs, _ := db.Subscriptions(ctx, "tg:-100")
	if len(subs) != 1 || subs[0].Channel != "-100" || subs[0].Platform != "telegram" || subs[0].Kind != "daily" {
		t.Fatalf("subs %+v", subs)
	}
	if rep := say("boss", goals.RoleManager, "digest 取消"); !rep.OK || !strings.Contains(rep.Text, "不再接收") {
		t.Fatalf("off: %+v", rep)
	}
	if rep := say("boss", goals.RoleManager, "digest monthly"); rep.OK {
		t.Fatalf("bad word accepted: %+v", rep)
	}
	// Slack has no channel in the request: refused with a message.
	rep = eng.Handle(ctx, bot.Request{Platform: "slack", TeamID: "slack:T1", UserID: "U1", RoleHint: goals.RoleManager, Text: "digest weekly here"})
	if rep.OK || rep.Error.Code != "no_channel" {
		t.Fatalf("slack: %+v", rep)
	}
}
