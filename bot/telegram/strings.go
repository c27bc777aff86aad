package telegram

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/goalbot/goalbot/bot/i18n"
)

// Sentences only the Telegram adapter says. They live here rather than in
// the shared catalog because no other platform needs them; each has the
// three languages of the catalog, in its order (en, zh-CN, zh-TW).
var texts = map[string][3]string{
	"ask_amount": {
		"How much for #{id} {title}? Reply to this message with the amount, e.g. 3 or 1.2k.",
		"#{id} {title} 记录多少？请直接回复这条消息，写上数量，例如 3 或 1.2万。",
		"#{id} {title} 記錄多少？請直接回覆這則訊息，寫上數量，例如 3 或 1.2萬。"},
	"amount_placeholder": {"e.g. 3", "例如 1.2万", "例如 1.2萬"},
	"button_expired": {
		"This button has expired. Please type the command again.",
		"这个按钮已失效，请重新输入命令。",
		"這個按鈕已失效，請重新輸入指令。"},
	"failed": {
		"Something went wrong on my side and nothing was changed. Please try again.",
		"出了点问题，没有做任何更改，请再试一次。",
		"出了點問題，沒有做任何更改，請再試一次。"},
}

func text(lang, key string, kv ...string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	s := t[0]
	switch lang {
	case i18n.ZhCN:
		s = t[1]
	case i18n.ZhTW:
		s = t[2]
	}
	if len(kv) > 0 {
		pairs := make([]string, 0, len(kv))
		for i := 0; i+1 < len(kv); i += 2 {
			pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
		}
		s = strings.NewReplacer(pairs...).Replace(s)
	}
	return s
}

// commandMenu is what setMyCommands registers. Telegram command names are
// 1–32 characters of lowercase latin letters, digits and underscores; the
// Chinese aliases (/记录 …) still work when typed, they just cannot be listed.
var commandMenu = []struct {
	name   string
	en, zh string
}{
	{"start", "What goalbot does and how to begin", "开始使用：goalbot 能做什么"},
	{"new", "Create a goal (send /new alone to be asked step by step)", "新建目标（只发 /new 会一步步问你）"},
	{"log", "Log progress, e.g. /log 3 or /log 1.2k", "记录进度，例如 /log 3 或 /log 1.2万"},
	{"list", "Your goals with progress bars", "我的目标和进度条"},
	{"progress", "One goal in detail: pace and projection", "目标详情：节奏和预测"},
	{"undo", "Remove your last log", "撤销上一条记录"},
	{"goal", "All goal commands: /goal help", "全部目标命令：/goal 帮助"},
	{"help", "How to use goalbot", "使用说明"},
}

// botCommands lists the menu in one language ("en" or "zh").
func botCommands(lang string) []models.BotCommand {
	out := make([]models.BotCommand, 0, len(commandMenu))
	for _, c := range commandMenu {
		d := c.en
		if lang == "zh" {
			d = c.zh
		}
		out = append(out, models.BotCommand{Command: c.name, Description: d})
	}
	return out
}
