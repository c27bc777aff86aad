package i18n

// The digests' and reminders' sentences (package reminders), under the
// "digest." prefix; status words and units come from the main catalog.
var digestCatalog = map[string][3]string{
	"digest.weekly_title": {"📊 Weekly digest · {team} · {period} ({from} – {to})", "📊 周报 · {team} · {period}（{from} – {to}）", "📊 週報 · {team} · {period}（{from} – {to}）"},
	"digest.daily_title":  {"📋 Daily summary · {team} · {date}", "📋 每日小结 · {team} · {date}", "📋 每日小結 · {team} · {date}"},
	"digest.no_goals":     {"No active goals yet. Create one with /goal new.", "还没有进行中的目标。用 /goal 新建 创建一个。", "還沒有進行中的目標。用 /goal 新建 建立一個。"},
	"digest.team_goals":   {"🎯 Team goals", "🎯 团队目标", "🎯 團隊目標"},
	"digest.at_risk":      {"⚠️ Needs attention", "⚠️ 需要关注", "⚠️ 需要關注"},
	"digest.top":          {"🏆 Top contributors", "🏆 贡献最多", "🏆 貢獻最多"},
	"digest.per_member":   {"Per member", "成员明细", "成員明細"},
	"digest.growth_week":  {"{pct} vs last week", "较上周 {pct}", "較上週 {pct}"},
	"digest.growth_day":   {"{pct} vs yesterday", "较昨天 {pct}", "較昨天 {pct}"},
	"digest.need":         {"need {rate}/{per}", "还需 {rate}/{per}", "還需 {rate}/{per}"},
	"digest.per_day":      {"day", "天", "天"},
	"digest.per_week":     {"week", "周", "週"},
	"digest.per_month":    {"month", "月", "月"},
	"digest.list_sep":     {", ", "、", "、"},

	"digest.checkin_title": {"⏰ Check-in time: nothing logged today yet.", "⏰ 打卡时间到：今天还没有记录进度。", "⏰ 打卡時間到：今天還沒有記錄進度。"},
	"digest.checkin_hint":  {"Log with /goal log #<goal> <amount>, e.g. /goal log #{id} 1", "用 /goal 记录 #<目标编号> <数量> 记录，例如 /goal 记录 #{id} 1", "用 /goal 記錄 #<目標編號> <數量> 記錄，例如 /goal 記錄 #{id} 1"},

	"digest.kind_daily":         {"daily summary", "每日小结", "每日小結"},
	"digest.kind_weekly":        {"weekly digest", "周报", "週報"},
	"digest.kind_all":           {"digests", "小结和周报", "小結和週報"},
	"digest.subscribed":         {"✅ This chat will get the {kind}.", "✅ 这里将收到{kind}。", "✅ 這裡將收到{kind}。"},
	"digest.already_subscribed": {"This chat already gets the {kind}.", "这里已经订阅了{kind}。", "這裡已經訂閱了{kind}。"},
	"digest.unsubscribed":       {"🔕 This chat will no longer get the {kind}.", "🔕 这里不再接收{kind}。", "🔕 這裡不再接收{kind}。"},
	"digest.not_subscribed":     {"This chat was not getting the {kind}.", "这里本来就没有订阅{kind}。", "這裡本來就沒有訂閱{kind}。"},
	"digest.no_channel":         {"I can't tell which channel this is. Run the command in the channel itself.", "无法确定是哪个频道，请在该频道中运行此命令。", "無法確定是哪個頻道，請在該頻道中執行此指令。"},
	"digest.digest_usage":       {"Usage: /goal digest [daily|weekly] [here|off]", "用法：/goal 摘要 [日报|周报] [这里|关闭]", "用法：/goal 摘要 [日報|週報] [這裡|關閉]"},
	"digest.managers_only":      {"Only managers can change where digests go.", "只有管理员可以设置摘要发送到哪里。", "只有管理員可以設定摘要傳送到哪裡。"},
}

func init() {
	for k, v := range digestCatalog {
		catalog[k] = v
	}
}
