package goals

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ---- rewrite -------------------------------------------------------------------

// enVerbs start the English rewrite of a total goal counted in units.
var enVerbs = map[string]string{
	"demos": "Book", "calls": "Make", "emails": "Send", "deals": "Close", "customers": "Win", "leads": "Generate",
	"products": "Launch", "subscribers": "Gain", "follow_ups": "Do", "meetings": "Hold", "sku_sales": "Sell",
}

// zhCount holds the verb, measure word and noun of a Chinese rewrite of a
// count goal: 完成20场演示.
type zhCount struct{ verb, counter, noun string }

var zhCounts = map[string][2]zhCount{
	"demos":       {{"完成", "场", "演示"}, {"完成", "場", "示範"}},
	"calls":       {{"拨打", "个", "电话"}, {"撥打", "通", "電話"}},
	"emails":      {{"发送", "封", "邮件"}, {"寄出", "封", "郵件"}},
	"deals":       {{"完成", "单", ""}, {"完成", "筆", "交易"}},
	"customers":   {{"新增", "个", "客户"}, {"新增", "位", "客戶"}},
	"leads":       {{"新增", "个", "潜在客户"}, {"新增", "筆", "潛在客戶"}},
	"products":    {{"上架", "款", "产品"}, {"上架", "款", "產品"}},
	"subscribers": {{"新增", "个", "订阅用户"}, {"新增", "個", "訂閱"}},
	"follow_ups":  {{"完成", "次", "跟进"}, {"完成", "次", "跟進"}},
	"meetings":    {{"安排", "场", "会议"}, {"安排", "場", "會議"}},
	"sku_sales":   {{"卖出", "件", "爆款"}, {"賣出", "件", "爆款"}},
}

func (x *extraction) rewrite(an *Analysis) string {
	if an.Metric == "" || an.Target == nil || !finite(*an.Target) {
		return ""
	}
	lang := an.Lang
	name := x.displayName(lang, false)
	t := fmtValue(*an.Target, an.Unit, lang)
	dec := an.Direction == Decrease
	timeish := an.Unit == UnitMinutes || an.Unit == lexUnitDays || an.Unit == "hours"
	level := an.Kind == KindLevel

	unitsSold := an.Metric == "revenue" && an.Unit == UnitCount // 销量1000件: units, not money
	if unitsSold && IsChinese(lang) && !strings.Contains(name, "量") {
		name = pick3(lang, "", "销量", "銷量")
	}
	if lang == LangEN {
		var body string
		switch {
		case unitsSold && an.Baseline == nil && !dec:
			body = "Sell " + t + " units"
		case an.Baseline != nil:
			verb := "Increase"
			if dec {
				verb = "Reduce"
			}
			body = verb + " " + name + " from " + fmtValue(*an.Baseline, an.Unit, lang) + " to " + t
		case level:
			verb := "Raise"
			if dec {
				verb = "Lower"
			}
			body = verb + " " + name + " to " + t
		case IsCurrency(an.Unit):
			body = "Reach " + t + " in " + name
		case dec:
			body = "Keep " + name + " at or below " + t
		case an.Metric == "sku_sales":
			body = "Sell " + t + " units of the top SKU"
		default:
			v := enVerbs[an.Metric]
			if x.userNoun {
				v = x.userVerb()
			}
			if v == "" {
				v = "Reach"
			}
			n := name
			if *an.Target == 1 && strings.HasSuffix(n, "s") {
				n = strings.TrimSuffix(n, "s")
			}
			body = v + " " + t + " " + n
		}
		return capitalize(body) + x.enTime(an) + "."
	}

	tw := lang == LangZhTW
	jiang, cong := "将", "从"
	up, down, reach := "提升", "降低", "达到"
	if tw {
		jiang, cong, reach = "將", "從", "達到"
	}
	if timeish {
		down = "缩短"
		if tw {
			down = "縮短"
		}
	}
	move := up
	if dec {
		move = down
	}
	zc, counted := zhCounts[an.Metric]
	c := zc[0]
	if tw {
		c = zc[1]
	}
	switch {
	case x.userNoun:
		c = zhCount{x.userVerb(), x.counter, name}
		if c.verb == "" {
			c.verb = "完成"
		}
		counted = x.counter != ""
	case an.Metric == "deals" && x.counter != "":
		c.counter = x.counter
		if x.counter != "单" && x.counter != "單" && c.noun == "" {
			c.noun = "交易"
		}
	}
	value := func(v float64) string {
		if an.Unit == UnitCount && c.counter != "" {
			return fmtNum(v, true) + c.counter
		}
		return fmtValue(v, an.Unit, lang)
	}
	var body string
	switch {
	case an.Baseline != nil:
		body = jiang + name + cong + value(*an.Baseline) + move + "到" + value(*an.Target)
	case level:
		body = jiang + name + move + "到" + t
	case dec:
		body = name + pick3(lang, "", "不超过", "不超過") + value(*an.Target)
	case counted && an.Unit == UnitCount:
		body = c.verb + fmtNum(*an.Target, true) + c.counter + c.noun
	default:
		body = name + reach + t
		if an.Unit == UnitCount {
			body += x.measureWordAfter(x.targetIdx)
		}
	}
	return x.zhTime(an) + body + "。"
}

// userVerb is the user's own verb right before the counting number
// ("publish 4 blog posts", "每天至少发100条"), "" when there is none.
func (x *extraction) userVerb() string {
	if x.quantified < 0 {
		return ""
	}
	before := strings.TrimRight(x.src[:x.amounts[x.quantified].start], " ")
	for _, q := range []string{"至少", "最少", "at least"} {
		before = strings.TrimRight(strings.TrimSuffix(before, q), " ")
	}
	if before == "" {
		return ""
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	if isHan(r) {
		for _, v := range append(objectVerbs, "做", "拍", "录", "錄", "发", "發", "写", "寫", "开", "開", "办", "辦", "上", "卖", "賣") {
			if strings.HasSuffix(before, v) && !isASCII(v) {
				return v
			}
		}
		return ""
	}
	i := strings.LastIndexAny(before, " \t:;,.!?")
	w := before[i+1:]
	lw := strings.ToLower(w)
	if !isEnglishWord(w) || enStopWords[lw] || quantityFillers[lw] {
		return ""
	}
	return w
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (x *extraction) enTime(an *Analysis) string {
	per := map[Cadence]string{CadenceDaily: "day", CadenceWeekly: "week", CadenceMonthly: "month", CadenceQuarterly: "quarter"}[an.Cadence]
	switch {
	case per != "" && an.Deadline != nil:
		return " per " + per + " until " + an.Deadline.String()
	case per != "":
		if an.Kind == KindLevel {
			return " every " + per
		}
		return " per " + per
	case an.Deadline != nil:
		return " by " + an.Deadline.String()
	}
	return ""
}

func (x *extraction) zhTime(an *Analysis) string {
	tw := an.Lang == LangZhTW
	var per string
	switch an.Cadence {
	case CadenceDaily:
		per = "每天"
	case CadenceWeekly:
		per = pick3(an.Lang, "", "每周", "每週")
	case CadenceMonthly:
		per = "每月"
	case CadenceQuarterly:
		per = pick3(an.Lang, "", "每季度", "每季")
	}
	switch {
	case per != "" && an.Deadline != nil:
		if tw {
			return "在" + an.Deadline.String() + "前，" + per
		}
		return "在" + an.Deadline.String() + "前，" + per
	case per != "":
		return per
	case an.Deadline != nil:
		return "在" + an.Deadline.String() + "前"
	}
	return ""
}

// ---- number formatting ---------------------------------------------------------

// fmtNum formats a number with at most two decimals; thousands are grouped
// with commas unless plain is set.
func fmtNum(v float64, plain bool) string {
	if !finite(v) {
		return "0"
	}
	r := math.Round(v*100) / 100
	if r == 0 && v != 0 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	s := strconv.FormatFloat(r, 'f', -1, 64)
	if plain || math.Abs(r) < 1000 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

// fmtZhBig writes 115000 as 11.5万 (萬 in zh-TW) and 1.2e8 as 1.2亿.
func fmtZhBig(v float64, lang string) string {
	wan, yi := "万", "亿"
	if lang == LangZhTW {
		wan, yi = "萬", "億"
	}
	switch a := math.Abs(v); {
	case a >= 1e8 && math.Abs(v/1e8*100-math.Round(v/1e8*100)) < 1e-6:
		return fmtNum(v/1e8, true) + yi
	case a >= 1e4 && math.Abs(v/1e4*100-math.Round(v/1e4*100)) < 1e-6:
		return fmtNum(v/1e4, true) + wan
	}
	return fmtNum(v, true)
}

// fmtValue writes a value with its unit in lang: $115,000, 11.5万元, 2%, 1.25分鐘.
func fmtValue(v float64, unit, lang string) string {
	zh := IsChinese(lang)
	tw := lang == LangZhTW
	switch {
	case unit == UnitPercent:
		return fmtNum(v, zh) + "%"
	case unit == UnitMinutes:
		if zh {
			return fmtNum(v, true) + pick3(lang, "", "分钟", "分鐘")
		}
		if v == 1 {
			return "1 minute"
		}
		return fmtNum(v, false) + " minutes"
	case unit == lexUnitDays:
		if zh {
			return fmtNum(v, true) + "天"
		}
		if v == 1 {
			return "1 day"
		}
		return fmtNum(v, false) + " days"
	case unit == "hours":
		if zh {
			return fmtNum(v, true) + pick3(lang, "", "小时", "小時")
		}
		return fmtNum(v, false) + " hours"
	case IsCurrency(unit):
		if zh {
			return fmtZhBig(v, lang) + CurrencyNameZh(unit, tw) // money.go: every ISO 4217 code
		}
		return FormatMoney(fmtNum(v, false), unit)
	}
	if zh {
		return fmtZhBig(v, lang)
	}
	return fmtNum(v, false)
}
