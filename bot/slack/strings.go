package slackbot

import (
	"fmt"
	"strings"

	"github.com/goalbot/goalbot/bot/i18n"
)

// Slack-only sentences (modal labels, App Home headings). Everything the
// engine says comes from bot/i18n; these exist only because Slack has
// surfaces (modals, the Home tab) the other platforms do not.
var texts = map[string][3]string{
	"modal_new_title":   {"New goal", "新建目标", "新建目標"},
	"modal_new_submit":  {"Create", "创建", "建立"},
	"modal_cancel":      {"Cancel", "取消", "取消"},
	"field_title":       {"Goal", "目标", "目標"},
	"field_title_ph":    {"Book 20 demos this month", "本月完成20次演示", "本月完成20次展示"},
	"field_metric":      {"What you count", "统计什么", "統計什麼"},
	"field_metric_ph":   {"demos, revenue, conversion rate …", "演示、销售额、转化率……", "展示、營收、轉換率……"},
	"field_target":      {"Target", "目标值", "目標值"},
	"field_target_hint": {"A number: 20, 1.5k, ¥115,000, 15%", "数字：20、1.5k、2万、¥115,000、15%", "數字：20、1.5k、2萬、NT$300、15%"},
	"field_baseline":    {"Starting point", "起点", "起點"},
	"field_baseline_ph": {"0", "0", "0"},
	"field_deadline":    {"Deadline", "截止日期", "截止日期"},
	"field_cadence":     {"Repeats", "重复", "重複"},
	"cadence_none":      {"Once (whole period)", "不重复（整个周期）", "不重複（整個週期）"},
	"cadence_daily":     {"Every day", "每天", "每天"},
	"cadence_weekly":    {"Every week", "每周", "每週"},
	"cadence_monthly":   {"Every month", "每月", "每月"},
	"cadence_quarterly": {"Every quarter", "每季度", "每季"},
	"field_scope":       {"For", "归属", "歸屬"},
	"scope_me":          {"Me", "我自己", "我自己"},
	"scope_team":        {"The whole team (managers)", "整个团队（仅经理）", "整個團隊（僅經理）"},
	"modal_log_title":   {"Log progress", "记录进度", "記錄進度"},
	"modal_log_submit":  {"Log", "记录", "記錄"},
	"field_amount":      {"Amount", "数量", "數量"},
	"field_amount_hint": {"e.g. 3, 1.5k, ¥1,200, 15%", "例如 3、1.5k、1.2万、15%", "例如 3、1.5k、1.2萬、15%"},
	"field_note":        {"Note (optional)", "备注（可选）", "備註（可選）"},
	"home_header":       {"🎯 Your goals", "🎯 你的目标", "🎯 你的目標"},
	"home_team":         {"👥 Team status", "👥 团队状态", "👥 團隊狀態"},
	"home_new":          {"New goal", "新建目标", "新建目標"},
	"home_hint":         {"Log with `/goal log 3 demos`, or message me: _3 demos_.", "用 `/goal 记录 3 个演示` 记录，或直接私信我：_3个演示_。", "用 `/goal 記錄 3 筆交易` 記錄，或直接私訊我：_3筆交易_。"},
	"home_more":         {"… and {n} more. Type `/goal list`.", "……还有 {n} 个。输入 `/goal 列表`。", "……還有 {n} 個。輸入 `/goal 列表`。"},
	"need_number":       {"Type a number, e.g. 20, 1.5k or 15%.", "请输入数字，例如 20、1.5k、2万 或 15%。", "請輸入數字，例如 20、1.5k、2萬 或 15%。"},
	"no_team":           {"This request has no workspace or user; nothing was done.", "请求缺少工作区或用户信息，未做任何操作。", "請求缺少工作區或使用者資訊，未做任何操作。"},
	"chart_title":       {"Chart", "图表", "圖表"},
	"export_title":      {"Export", "导出", "匯出"},
}

// tr is a Slack-only sentence in lang with {name} placeholders filled.
func tr(lang, key string, args ...any) string {
	m, ok := texts[key]
	if !ok {
		return key
	}
	i := 0
	switch lang {
	case i18n.ZhCN:
		i = 1
	case i18n.ZhTW:
		i = 2
	}
	s := m[i]
	if s == "" {
		s = m[0]
	}
	for j := 0; j+1 < len(args); j += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[j])+"}", fmt.Sprint(args[j+1]))
	}
	return s
}
