package bot

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goalbot/goalbot/goals"
)

// cleanNote keeps of a log's note only what the user added beyond the
// amount and the goal's own words: "/goal log #1 2 demos" has no note,
// "今天卖了3千" neither, "2 demos walk-in" keeps "walk-in". Words are taken
// off the note's edges only, so a sentence inside it stays whole.
func cleanNote(note string, g goals.Goal) string {
	words := noteNoise(g)
	fields := strings.Fields(note)
	for len(fields) > 0 {
		if f := trimNoise(fields[0], words); f != "" {
			fields[0] = f
			break
		}
		fields = fields[1:]
	}
	for len(fields) > 0 {
		last := len(fields) - 1
		if f := trimNoise(fields[last], words); f != "" {
			fields[last] = f
			break
		}
		fields = fields[:last]
	}
	return strings.Join(fields, " ")
}

// chineseFiller are the words a Chinese log sentence wraps its amount in:
// when, the verb of selling or doing, measure words.
var chineseFiller = strings.Fields(`今天 今日 昨天 刚刚 刚才 剛剛 剛才 本日 上午 下午 晚上
	卖了 賣了 卖出 賣出 卖 賣 成交了 成交 收了 收入 进账 進帳 营业额 營業額 做了 打了 完成了 完成 拿下 签了 簽了 新增 增加 加了 记 記 记录 記錄
	一共 总共 總共 共 了 的 个 個 场 場 通 封 笔 筆 位 款 次 件 单 單 元 块 塊 万 萬 千`)

// titleGlue are English words of titles that are no goal's own word.
var titleGlue = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`from with into onto over under until before after each every this that these
		those than then them they your their about also more less least most reach increase reduce decrease grow
		make keep hold raise lower least week month year quarter today daily weekly monthly`) {
		titleGlue[w] = true
	}
}

// englishFiller are the English words that only say "today" about a log.
var englishFiller = []string{"today", "yesterday", "tonight"}

// noteNoise lists, longest first, what a note may lose at its edges: the
// goal's metric names in every language, its key, the words of its title,
// and filler.
func noteNoise(g goals.Goal) []string {
	set := map[string]bool{}
	add := func(w string) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?()\"'“”「」，。！？"))
		if utf8.RuneCountInString(w) >= 1 && w != "" {
			set[w] = true
		}
	}
	if m, ok := goals.MetricByKey(g.Metric); ok {
		for _, ns := range m.Names {
			for _, n := range ns {
				add(n)
				for _, f := range strings.Fields(n) {
					add(f)
				}
			}
		}
	}
	for _, f := range strings.Fields(strings.ReplaceAll(g.Metric, "_", " ")) {
		add(f)
	}
	for _, f := range strings.Fields(g.Title) {
		// The title's own nouns, not its little words: "from the expo" keeps its "from".
		if !goals.HasHan(f) && strings.IndexFunc(f, unicode.IsDigit) < 0 && len(f) >= 4 && !titleGlue[strings.ToLower(f)] {
			add(f)
		}
	}
	for _, w := range chineseFiller {
		add(w)
	}
	for _, w := range englishFiller {
		add(w)
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

// trimNoise takes noise off one word of a note: a Latin word goes when it
// is noise as a whole (or its singular is), a Han run loses noise at its
// start and end ("今天卖了" → "", "个电话" → ""). What is left is returned.
func trimNoise(word string, noise []string) string {
	// Punctuation is looked through, not removed: what is kept stays as typed.
	f := strings.Trim(word, ".,;:!?()\"'“”「」，。！？、")
	if f == "" {
		return word // punctuation alone is no goal's word
	}
	if !goals.HasHan(f) {
		l := strings.ToLower(f)
		for _, w := range noise {
			if l == w || l == w+"s" || l+"s" == w || l+"es" == w { // "demo" for a goal of demos
				return ""
			}
		}
		return word
	}
	if f != word {
		return word // Han text with quotes or brackets is the user's own
	}
	// Single characters (个, 了, 万) go only when nothing is left: "个电话"
	// is filler, "万达广场" a place.
	if out := stripHan(f, noise, 1); out == "" {
		return ""
	}
	return stripHan(f, noise, 2)
}

// stripHan takes the Han noise words of at least minRunes characters off
// both ends of f until none is left there.
func stripHan(f string, noise []string, minRunes int) string {
	for changed := true; changed && f != ""; {
		changed = false
		for _, w := range noise {
			if !goals.HasHan(w) || utf8.RuneCountInString(w) < minRunes {
				continue
			}
			if r, ok := strings.CutPrefix(f, w); ok {
				f, changed = strings.Trim(r, "，。、 "), true
				break
			}
			if r, ok := strings.CutSuffix(f, w); ok {
				f, changed = strings.Trim(r, "，。、 "), true
				break
			}
		}
	}
	return f
}
