package goals

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Specific stays specific: the qualifiers a user writes (which customers,
// channel, region, product, list) make a goal specific, so a rewrite never
// drops them. When the built rewrite would lose a word of the statement,
// the rewrite is the statement itself with only the date resolved. The
// qualifiers that name a dimension also become tags, for splits and digests.

// structuralWords are words a built rewrite may replace without losing
// meaning: verbs of direction and counting, fillers, period words.
var structuralWords = setOf(`grow increase raise boost cut reduce lower decrease drop improve get hit reach achieve make book close win
	generate sell do have hold send launch gain lift push drive bring keep more less fewer least most at least total new our my we i
	will want need should must try aim target goal goals from to by of up down than this next end q1 q2 q3 q4 quarter month week year
	per each every day days daily weekly monthly quarterly yearly before until within about around get`)

// zhFunctionRunes are Chinese characters a built rewrite may drop: grammar,
// direction and counting words.
const zhFunctionRunes = "的在把将將从從由到至前后後了和与與及并並给給对對为為是要想再让讓每个個次单單笔筆场場通位件家名条條" +
	"提升高增加降低减減少下上长長成达達做完实實现現突破冲衝我们們大家本年月周週季度日天今明内內"

var enWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9'’-]*|[0-9]+`)

// lostQualifiers reports whether the built rewrite dropped a word of the
// statement outside the deadline phrase.
func (x *extraction) lostQualifiers(rewrite string) bool {
	s := x.withoutDeadline()
	if t := strings.TrimRight(strings.TrimSpace(s), ".。!！?？ "); strings.ContainsAny(t, "。！？!?;；\n") || strings.Contains(t, ". ") {
		// Several sentences: the built rewrite keeps the goal, not the rest
		// (which may be an instruction to the bot).
		return false
	}
	low := strings.ToLower(rewrite)
	surface := strings.ToLower(x.surface)
	for _, w := range enWord.FindAllString(s, -1) {
		lw := strings.ToLower(w)
		if structuralWords[lw] || enStopWords[lw] || strings.Contains(low, lw) || strings.Contains(surface, lw) {
			continue
		}
		if len(lw) > 3 && strings.Contains(low, strings.TrimSuffix(lw, "s")) {
			continue
		}
		if x.isAmountWord(w) {
			continue
		}
		return true
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(zhFunctionRunes, r) && !strings.ContainsRune(rewrite, r) && !strings.ContainsRune(x.surface, r) {
			return true
		}
	}
	return false
}

// isAmountWord: the word is part of an amount the analysis read (its
// number, "5k", a currency word).
func (x *extraction) isAmountWord(w string) bool {
	for _, a := range x.amounts {
		if strings.Contains(x.src[a.start:a.end], w) {
			return true
		}
	}
	return false
}

// withoutDeadline is the statement with its deadline phrase removed.
func (x *extraction) withoutDeadline() string {
	return x.replaceDeadline("")
}

// replaceDeadline puts with where the deadline phrase was (a space between
// words, nothing between Chinese characters).
func (x *extraction) replaceDeadline(with string) string {
	a, b := x.deadlineSpan[0], x.deadlineSpan[1]
	if b <= a {
		return x.src
	}
	before, after := x.src[:a], x.src[b:]
	if with == "" {
		r1, _ := utf8.DecodeLastRuneInString(before)
		r2, _ := utf8.DecodeRuneInString(after)
		if !isHan(r1) && !isHan(r2) {
			with = " "
		}
	} else {
		with = " " + with + " "
	}
	return before + with + after
}

// deadlineFillers are what is left of a clause that only gave the
// deadline ("，期限是明年1月底" without its date).
var deadlineFillers = setOf("deadline deadline: due is by before until 期限 期限是 期限为 期限為 截止 截止是 截止日期 截止日期是 截止日期为 截止日期為 时间 時間 时间是 時間是")

// dropFillerClause removes a last clause that held only the deadline.
func dropFillerClause(s string) string {
	i := strings.LastIndexAny(s, ",，;；")
	if i < 0 {
		return s
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	tail := strings.TrimSpace(strings.TrimRight(s[i+n:], ".。!！ "))
	if tail == "" || deadlineFillers[strings.ToLower(tail)] {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// keptRewrite is the statement as written with the deadline resolved:
// "… by Friday" → "… by 2026-11-20.", "本月…" → "在2026-11-30前…".
func (x *extraction) keptRewrite(an *Analysis) string {
	clean := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		return strings.TrimRight(dropFillerClause(strings.TrimRight(s, ".。!！ ")), ".。!！ ,，")
	}
	if IsChinese(an.Lang) {
		body := strings.TrimLeft(clean(x.withoutDeadline()), "，, ")
		if body == "" {
			return ""
		}
		return x.zhTime(an) + body + "。"
	}
	body := clean(x.withoutDeadline())
	if an.Deadline != nil && x.deadlineSpan[1] > x.deadlineSpan[0] {
		// The date where the user put the deadline: "Book 15 demos by
		// 2026-11-27, stretch to 20".
		inPlace := clean(x.replaceDeadline("by " + an.Deadline.String()))
		if strings.Contains(inPlace, an.Deadline.String()) {
			body = inPlace
		} else {
			body += " by " + an.Deadline.String()
		}
	}
	if body == "" {
		return ""
	}
	body = strings.ReplaceAll(body, " ,", ",")
	return capitalize(body) + "."
}

// dimensionTags are the qualifiers that name a dimension.
func (x *extraction) dimensionTags() map[string]string {
	tags := map[string]string{}
	s := x.src
	low := x.low
	if m := enRegion.FindStringSubmatch(low); m != nil {
		tags["region"] = m[1]
	}
	for _, r := range zhRegions {
		if strings.Contains(s, r) {
			tags["region"] = r
			break
		}
	}
	for _, c := range channels {
		if i := strings.Index(low, strings.ToLower(c)); i >= 0 && wordAt(low, i, len(c)) {
			tags["channel"] = s[i : i+len(c)]
			break
		}
	}
	if _, ok := tags["channel"]; !ok {
		if m := enChannel.FindStringSubmatchIndex(low); m != nil {
			tags["channel"] = s[m[2]:m[3]]
		} else if m := zhChannel.FindStringSubmatch(s); m != nil {
			tags["channel"] = m[1]
		}
	}
	for _, sg := range segments {
		if strings.Contains(low, sg[0]) {
			tags["segment"] = sg[1]
			break
		}
	}
	for k, v := range tags {
		if v = strings.TrimSpace(v); v == "" || utf8.RuneCountInString(v) > MaxTagLen {
			delete(tags, k)
		} else {
			tags[k] = v
		}
	}
	if len(tags) == 0 {
		return nil
	}
	return tags
}

func wordAt(s string, i, n int) bool {
	before := i == 0 || !isASCIIAlnum(s[i-1])
	after := i+n >= len(s) || !isASCIIAlnum(s[i+n])
	return before && after || !isASCII(s[i:i+n])
}

var (
	enRegion  = regexp.MustCompile(`\bin (?:the )?(north|south|east|west|northeast|northwest|southeast|southwest|midwest|emea|apac|latam|eu|europe|asia|us|uk)\b(?: region)?`)
	enChannel = regexp.MustCompile(`\b(?:from|on|via|through) (?:the )?([a-z][a-z0-9.]*) channel\b`)
	zhChannel = regexp.MustCompile(`(?:在|从|從|通过|透過)?([\p{Han}A-Za-z]{1,8}?)(?:渠道|通路)`)
	zhRegions = []string{"华东", "华南", "华北", "华中", "华西", "西南", "西北", "东北", "華東", "華南", "華北", "華中", "北区", "南区", "東北", "北區", "南區"}
	channels  = []string{"Shopify", "Amazon", "eBay", "Etsy", "WooCommerce", "TikTok", "Instagram", "Facebook", "WeChat", "Taobao", "Tmall",
		"Shopee", "Lazada", "LINE", "抖音", "淘宝", "淘寶", "天猫", "天貓", "京东", "京東", "拼多多", "小红书", "小紅書", "微信", "快手", "虾皮", "蝦皮", "官网", "官網"}
	// segments: what the statement says → the tag's value.
	segments = [][2]string{{"new customers", "new customers"}, {"lapsed customers", "lapsed customers"}, {"enterprise", "enterprise"},
		{"existing customers", "existing customers"}, {"新客", "新客"}, {"老客", "老客"}, {"回头客", "回头客"}, {"回頭客", "回頭客"}, {"企业客户", "企业客户"}, {"企業客戶", "企業客戶"}}
)
