package reminders

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalbot/goalbot/bot"
)

// CommandOption configures DigestCommand.
type CommandOption func(*digestCmd)

// WithChannelOf sets how the command finds the chat a request came from,
// for `here` and `off`. The default knows Telegram (the group is the team)
// and the console; Slack needs the channel id from the adapter.
func WithChannelOf(f func(bot.Request) string) CommandOption {
	return func(c *digestCmd) { c.channelOf = f }
}

type digestCmd struct {
	store     Store
	channelOf func(bot.Request) string
}

// DigestCommand is `/goal digest [daily|weekly] [here|off]`: with no
// here/off, a preview of the digest now (weekly by default), chart
// included; `here` subscribes the current chat to it, `off` unsubscribes
// (both kinds when none is named). Subscribing is for managers, or anyone
// in a team of one (a private chat).
func DigestCommand(st Store, opts ...CommandOption) *bot.Command {
	c := &digestCmd{store: st, channelOf: DefaultChannelOf}
	for _, o := range opts {
		o(c)
	}
	return &bot.Command{
		Name:    "digest",
		Aliases: []string{"摘要", "周报", "週報", "小结", "小結"},
		Help:    "help_digest",
		Handler: c.handle,
	}
}

// DefaultChannelOf is the chat the request came from (Request.Channel);
// failing that, a Telegram team is its chat and the console is one chat.
func DefaultChannelOf(r bot.Request) string {
	if r.Channel != "" {
		return r.Channel
	}
	switch PlatformOf(r.TeamID) {
	case "telegram":
		return strings.TrimPrefix(r.TeamID, "tg:")
	case "console":
		return "console"
	}
	return ""
}

var (
	dailyWords  = []string{"daily", "day", "日报", "日報", "每日", "小结", "小結"}
	weeklyWords = []string{"weekly", "week", "周报", "週報", "每周", "每週"}
	hereWords   = []string{"here", "subscribe", "on", "这里", "這裡", "订阅", "訂閱"}
	offWords    = []string{"off", "unsubscribe", "stop", "取消", "退订", "退訂", "关闭", "關閉"}
)

func isWord(w string, set []string) bool {
	for _, s := range set {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

func (c *digestCmd) handle(ctx context.Context, call *bot.Call) (bot.Reply, error) {
	kind, action := "", ""
	for _, w := range strings.Fields(call.Args) {
		switch {
		case isWord(w, dailyWords):
			kind = KindDaily
		case isWord(w, weeklyWords):
			kind = KindWeekly
		case isWord(w, hereWords):
			action = "here"
		case isWord(w, offWords):
			action = "off"
		default:
			return refusal(call.Lang, "digest_usage"), nil
		}
	}
	team := call.Actor.Team
	if action == "" {
		if kind == "" {
			kind = KindWeekly
		}
		p := PeriodAt(kind, ReportAsOf(kind, call.Now(), team.Location()), team.Location())
		snaps, err := LoadSnapshots(ctx, c.store, []SnapshotRequest{{Team: team, Period: p}})
		if err != nil {
			return bot.Reply{}, err
		}
		d := Build(snaps[0], p, call.Lang)
		png, err := RenderPNG(d.Chart)
		if err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{Text: d.Text, Chart: png}, nil
	}

	if !call.Actor.Member.IsManager() {
		ms, err := c.store.Members(ctx, team.ID)
		if err != nil {
			return bot.Reply{}, err
		}
		if len(ms) > 1 {
			return refusal(call.Lang, "managers_only"), nil
		}
	}
	channel := c.channelOf(call.Req)
	if channel == "" {
		return refusal(call.Lang, "no_channel"), nil
	}
	platform := PlatformOf(team.ID)
	kindName := tr(call.Lang, "kind_"+kindOrAll(kind))
	if action == "off" {
		n, err := c.store.Unsubscribe(ctx, team.ID, platform, channel, kind)
		if err != nil {
			return bot.Reply{}, err
		}
		if n == 0 {
			return bot.Reply{Text: tr(call.Lang, "not_subscribed", "kind", kindName)}, nil
		}
		return bot.Reply{Text: tr(call.Lang, "unsubscribed", "kind", kindName)}, nil
	}
	if kind == "" {
		kind = KindWeekly
		kindName = tr(call.Lang, "kind_weekly")
	}
	created, err := c.store.Subscribe(ctx, Subscription{TeamID: team.ID, Platform: platform, Channel: channel, Kind: kind})
	if err != nil {
		return bot.Reply{}, fmt.Errorf("subscribe: %w", err)
	}
	if !created {
		return bot.Reply{Text: tr(call.Lang, "already_subscribed", "kind", kindName)}, nil
	}
	return bot.Reply{Text: tr(call.Lang, "subscribed", "kind", kindName), Public: true}, nil
}

func kindOrAll(k string) string {
	if k == "" {
		return "all"
	}
	return k
}

// refusal is a reply with an error in the user's language (Reply.OK false).
func refusal(lang, key string) bot.Reply {
	msg := tr(lang, key)
	return bot.Reply{Text: msg, Error: &bot.ReplyError{Code: key, Message: msg}}
}
