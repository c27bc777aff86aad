package goals

import (
	"strings"
	"unicode/utf8"
)

// ---- choosing the metric ---------------------------------------------------

var activityKeys = map[string]bool{"calls": true, "emails": true, "follow_ups": true, "meetings": true, "demos": true}

// quantityFillers may stand between a number and the noun it counts.
var quantityFillers = setOf("new more additional extra qualified unique paying units unit of our the my x more")

// gapCounts reports whether gap (between a number and a noun) only holds
// measure words and fillers: "20 new", "10个", "1,000 units of our".
func gapCounts(gap string) bool {
	g := strings.TrimSpace(gap)
	if g == "" {
		return true
	}
	if utf8.RuneCountInString(g) <= 2 {
		all := true
		for _, r := range g {
			if !strings.ContainsRune(zhMeasureWords, r) && r != '新' && r != '多' {
				all = false
			}
		}
		if all {
			return true
		}
	}
	for _, f := range strings.Fields(g) {
		if !quantityFillers[f] {
			return false
		}
	}
	return true
}

const zhMeasureWords = "个個次单單笔筆位家件通场場台份名条條篇封张張套盒瓶人组組项項款种種本支双雙则則轮輪场趟户戶间間"

func (x *extraction) chooseMetric() {
	w := string(x.work)
	pick := -1
	// A mention counted by a number: "20 demos", "10个新客户".
	for ai, a := range x.amounts {
		for mi, m := range x.mentions {
			if !x.valid[mi] || m.start < a.end || !gapCounts(w[a.end:m.start]) {
				continue
			}
			weak := m.end-m.start <= 3 && strings.ContainsRune(zhMeasureWords, firstRune(w[m.start:]))
			if weak {
				// A bare measure word (20单) names the metric only when nothing else does.
				if other := x.firstValidMention(mi); other >= 0 {
					pick = other
				} else {
					pick = mi
				}
			} else {
				pick = mi
			}
			x.quantified = ai
			break
		}
		if pick >= 0 {
			break
		}
	}
	if pick >= 0 && lexicon[x.mentions[pick].entry].generic && x.quantified >= 0 {
		// An activity verb right before the number: "拜訪10位客戶", "call 50 prospects".
		a := x.amounts[x.quantified]
		for mi, m := range x.mentions {
			if x.valid[mi] && activityKeys[lexicon[m.entry].Key] && m.end <= a.start {
				gap := strings.TrimSpace(w[m.end:a.start])
				if gap == "" || gap == "with" || gap == "to" || gap == "给" || gap == "給" || gap == "了" {
					pick = mi
				}
			}
		}
	}
	if pick < 0 {
		pick = x.firstValidMention(-1)
	}
	if pick >= 0 {
		m := x.mentions[pick]
		info := lexicon[m.entry].MetricInfo
		x.info = &info
		x.metric = info.Key
		x.surface = strings.TrimSpace(x.src[m.headStart:m.end])
		x.counter = x.counterAfterQuantity()
		return
	}
	// The user's own noun: what a number counts, or what a verb acts on.
	if noun, ai := x.countedNoun(); noun != "" {
		x.metric, x.surface, x.userNoun, x.quantified = noun, x.original(noun, x.amounts[ai].end), true, ai
		x.counter = x.counterAfterQuantity()
		return
	}
	if noun := x.verbObject(); noun != "" {
		x.metric, x.surface, x.userNoun = noun, x.original(noun, 0), true
		return
	}
	// Money with no metric word, or selling: revenue ("卖到10万块", "sell more").
	for _, a := range x.amounts {
		if IsCurrency(a.unit) {
			x.useKey("revenue")
			return
		}
	}
	for _, v := range []string{"sell", "卖", "賣"} {
		if _, ok := findPhrase(w, v, 0); ok {
			x.useKey("revenue")
			return
		}
	}
}

// original is the user's own spelling of a noun found in the lower-cased text.
func (x *extraction) original(noun string, from int) string {
	if from < 0 || from > len(x.low) {
		from = 0
	}
	if i := strings.Index(x.low[from:], noun); i >= 0 {
		return x.src[from+i : from+i+len(noun)]
	}
	return noun
}

func (x *extraction) useKey(key string) {
	if info, ok := MetricByKey(key); ok {
		x.info = &info
		x.metric = key
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// firstValidMention is the first valid mention that is not a bare measure
// word, other than skip.
func (x *extraction) firstValidMention(skip int) int {
	w := string(x.work)
	for mi, m := range x.mentions {
		if mi == skip || !x.valid[mi] {
			continue
		}
		if m.end-m.start <= 3 && strings.ContainsRune(zhMeasureWords, firstRune(w[m.start:])) {
			continue
		}
		return mi
	}
	if skip < 0 {
		for mi := range x.mentions {
			if x.valid[mi] {
				return mi
			}
		}
	}
	return -1
}

// measureWordAfter is the measure word right after amount i (件, 人), "" if none.
func (x *extraction) measureWordAfter(i int) string {
	if i < 0 || i >= len(x.amounts) {
		return ""
	}
	r := firstRune(strings.TrimLeft(string(x.work[x.amounts[i].end:]), " "))
	if strings.ContainsRune(zhMeasureWords, r) {
		return string(r)
	}
	return ""
}

// counterAfterQuantity is the measure word right after the counting number (篇, 通, 场).
func (x *extraction) counterAfterQuantity() string {
	if x.quantified < 0 {
		return ""
	}
	r := firstRune(strings.TrimLeft(string(x.work[x.amounts[x.quantified].end:]), " "))
	if strings.ContainsRune(zhMeasureWords, r) {
		return string(r)
	}
	return ""
}

// zhNounStops end a Chinese noun phrase.
const zhNounStops = "的前后後每到从從由在给給和与與及以至达達为為是要想把将將让讓再并並且于於比，。、；：！？,.;:!?()（）「」“”\"' "

// countedNoun is the user's noun a number counts: "25 five-star reviews",
// "3篇小红书笔记".
func (x *extraction) countedNoun() (string, int) {
	w := string(x.work)
	for ai, a := range x.amounts {
		if a.unit != "" && a.unit != UnitCount {
			continue
		}
		rest := w[a.end:]
		if r := firstRune(rest); strings.ContainsRune(zhMeasureWords, r) {
			rest = rest[utf8.RuneLen(r):]
		}
		if n := nounPhrase(rest, true); n != "" {
			return n, ai
		}
	}
	return "", -1
}

// nounPhrase reads a noun phrase at the start of s: English words up to a
// stop word, or Han/Latin characters up to a Chinese stop character.
func nounPhrase(s string, dropFillers bool) string {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return ""
	}
	if r := firstRune(t); isHan(r) || (isASCIIAlpha(t[0]) && hanSoon(t)) {
		var b strings.Builder
		n := 0
		for _, r := range t {
			if n >= 10 || strings.ContainsRune(zhNounStops, r) || r >= '0' && r <= '9' || !(isHan(r) || r < utf8.RuneSelf && isASCIIAlnum(byte(r))) {
				break
			}
			b.WriteRune(r)
			n++
		}
		out := b.String()
		for _, p := range []string{"所有", "全部", "一些", "更多", "新的", "新"} {
			if strings.HasPrefix(out, p) && len(out) > len(p) {
				out = out[len(p):]
			}
		}
		if utf8.RuneCountInString(out) < 2 {
			return ""
		}
		return out
	}
	var words []string
	for _, f := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' }) {
		core := strings.TrimRight(f, ",.;:!?)")
		if core == "" || !isEnglishWord(core) || enStopWords[core] || directionWords[core] != 0 {
			break
		}
		if dropFillers && len(words) == 0 && quantityFillers[core] {
			continue
		}
		words = append(words, core)
		if len(words) == 4 || core != f {
			break
		}
	}
	return strings.Join(words, " ")
}

func hanSoon(s string) bool {
	for i, r := range s {
		if i > 12 {
			return false
		}
		if isHan(r) {
			return true
		}
		if !(r < utf8.RuneSelf && isASCIIAlnum(byte(r))) {
			return false
		}
	}
	return false
}

func isEnglishWord(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isASCIIAlpha(c):
			letters++
		case c == '-' || c == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

var enDeterminers = setOf("my our the a an your their its his her more all some every each")

// objectVerbs are activities whose object is what the user counts
// ("reply to all messages", "每天回覆所有訊息"); they say nothing of direction.
var objectVerbs = []string{"reply to", "respond to", "answer", "post", "publish", "write", "contact", "handle", "process", "ship", "visit",
	"回复", "回覆", "答复", "答覆", "发布", "發布", "发", "發", "写", "寫", "联系", "聯繫", "处理", "處理", "完成"}

// verbObject is the noun a verb acts on: "improve customer satisfaction",
// "提高复购率". Only strong direction verbs and activity verbs count:
// "更多人知道" has no object worth tracking.
func (x *extraction) verbObject() string {
	w := string(x.work)
	var hits []verbHit
	for _, v := range x.verbsFound() {
		if v.score == 2 || v.score == -2 || v.score == 3 {
			hits = append(hits, v)
		}
	}
	for _, ov := range objectVerbs {
		if i, ok := findPhrase(w, ov, 0); ok {
			hits = append(hits, verbHit{ov, i, i + len(ov), 0})
		}
	}
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].start < hits[j-1].start; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	for _, v := range hits {
		rest := w[v.end:]
		if isASCIIAlpha(v.word[0]) {
			fs := strings.Fields(rest)
			for len(fs) > 0 && enDeterminers[fs[0]] {
				rest = rest[strings.Index(rest, fs[0])+len(fs[0]):]
				fs = fs[1:]
			}
		}
		if n := nounPhrase(rest, false); n != "" {
			if i := strings.LastIndex(n, "的"); i >= 0 {
				n = n[i+len("的"):]
			}
			return n
		}
	}
	return ""
}
