package reminders

import (
	"fmt"
	"strings"
)

// The digest's and reminders' own sentences, in English, Simplified and
// Traditional Chinese (the shared catalog, bot/i18n, holds the status
// words and units these lines reuse through bot's formatters).
var catalog = map[string][3]string{
	"weekly_title": {"📊 Weekly digest · {team} · {period} ({from} – {to})", "📊 周报 · {team} · {period}（{from} – {to}）", "📊 週報 · {team} · {period}（{from} – {to}）"},
	"daily_title":  {"📋 Daily summary · {team} · {date}", "📋 每日小结 · {team} · {date}", "📋 每日小結 · {team} · {date}"},
	"no_goals":     {"No active goals yet. Create one with /goal new.", "还没有进行中的目标。用 /goal new 创建一个。", "還沒有進行中的目標。用 /goal new 建立一個。"},
	"team_goals":   {"🎯 Team goals", "🎯 团队目标", "🎯 團隊目標"},
	"at_risk":      {"⚠️ Needs attention", "⚠️ 需要关注", "⚠️ 需要關注"},
	"top":          {"🏆 Top contributors", "🏆 贡献最多", "🏆 貢獻最多"},
	"per_member":   {"Per member", "成员明细", "成員明細"},
	"growth_week":  {"{pct} vs last week", "较上周 {pct}", "較上週 {pct}"},
	"growth_day":   {"{pct} vs yesterday", "较昨天 {pct}", "較昨天 {pct}"},
	"need":         {"need {rate}/{per}", "还需 {rate}/{per}", "還需 {rate}/{per}"},
	"per_day":      {"day", "天", "天"},
	"per_week":     {"week", "周", "週"},
	"per_month":    {"month", "月", "月"},
	"list_sep":     {", ", "、", "、"},

	"checkin_title": {"⏰ Check-in time: nothing logged today yet.", "⏰ 打卡时间到：今天还没有记录进度。", "⏰ 打卡時間到：今天還沒有記錄進度。"},
	"checkin_hint":  {"Log with /goal log <amount>, e.g. /goal log 3", "用 /goal log <数量> 记录，例如 /goal log 3", "用 /goal log <數量> 記錄，例如 /goal log 3"},

	"kind_daily":         {"daily summary", "每日小结", "每日小結"},
	"kind_weekly":        {"weekly digest", "周报", "週報"},
	"kind_all":           {"digests", "小结和周报", "小結和週報"},
	"subscribed":         {"✅ This chat will get the {kind}.", "✅ 这里将收到{kind}。", "✅ 這裡將收到{kind}。"},
	"already_subscribed": {"This chat already gets the {kind}.", "这里已经订阅了{kind}。", "這裡已經訂閱了{kind}。"},
	"unsubscribed":       {"🔕 This chat will no longer get the {kind}.", "🔕 这里不再接收{kind}。", "🔕 這裡不再接收{kind}。"},
	"not_subscribed":     {"This chat was not getting the {kind}.", "这里本来就没有订阅{kind}。", "這裡本來就沒有訂閱{kind}。"},
	"no_channel":         {"I can't tell which channel this is. Run the command in the channel itself.", "无法确定是哪个频道，请在该频道中运行此命令。", "無法確定是哪個頻道，請在該頻道中執行此指令。"},
	"digest_usage":       {"Usage: /goal digest [daily|weekly] [here|off]", "用法：/goal digest [daily|weekly] [here|off]", "用法：/goal digest [daily|weekly] [here|off]"},
	"managers_only":      {"Only managers can change where digests go.", "只有管理员可以设置摘要发送到哪里。", "只有管理員可以設定摘要傳送到哪裡。"},
}

func langIndex(lang string) int {
	switch lang {
	case "zh-CN":
		return 1
	case "zh-TW":
		return 2
	}
	return 0
}

// tr is the sentence key in lang with {name} placeholders filled from
// name, value pairs; a missing key shows itself.
func tr(lang, key string, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return key
	}
	s := e[langIndex(lang)]
	if s == "" {
		s = e[0]
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		j += i
		b.WriteString(s[:i])
		name, found := s[i+1:j], false
		for k := 0; k+1 < len(args); k += 2 {
			if n, ok := args[k].(string); ok && n == name {
				switch v := args[k+1].(type) {
				case string:
					b.WriteString(v)
				default:
					fmt.Fprint(&b, v)
				}
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : j+1])
		}
		s = s[j+1:]
	}
}
