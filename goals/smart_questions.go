package goals

import (
	"math"
	"strings"
	"unicode/utf8"
)

// ---- SMART verdicts ----------------------------------------------------------

var objectiveWords = []string{"team", "customer", "client", "product", "store", "shop", "brand", "sales", "order", "revenue",
	"团队", "團隊", "客户", "客戶", "顾客", "顧客", "产品", "產品", "商品", "店", "品牌", "销", "銷", "订单", "訂單", "复购", "復購", "会员", "會員"}

func (x *extraction) relevant() bool {
	if x.metric == "" {
		return false
	}
	if x.info != nil {
		return true
	}
	for _, o := range objectiveWords {
		if strings.Contains(x.low, o) {
			return true
		}
	}
	return x.scope() == ScopeTeam
}

func (x *extraction) achievable(today Date) bool {
	if !x.deadline.IsZero() && x.deadline.Before(today) {
		return false
	}
	if x.relative != nil && x.relPercent {
		r := *x.relative
		if r > 1000 || r < -100 {
			return false
		}
	}
	if x.target == nil {
		return true
	}
	t := *x.target
	switch {
	case t < 0 || t > MaxAmount:
		return false
	case x.unitIsRatePercent() && t > 100:
		return false
	}
	if x.baseline != nil {
		b := *x.baseline
		if x.direction == Increase && b > 0 && t > 10*b {
			return false
		}
		if x.baseUnit == UnitPercent && x.targetUnit == UnitPercent && b > 100 {
			return false
		}
	}
	return true
}

func (x *extraction) unitIsRatePercent() bool {
	return x.targetUnit == UnitPercent && (x.info == nil || x.info.Unit == UnitPercent)
}

// ---- questions ---------------------------------------------------------------

func pick3(lang, en, cn, tw string) string {
	switch lang {
	case LangZhCN:
		return cn
	case LangZhTW:
		return tw
	}
	return en
}

// displayName is how the rewrite and the questions call the metric: the
// user's own word when it is in the reply's language, else the lexicon's.
// Questions echo the user's word for any metric; rewrites keep it for
// amounts and rates (营业额, GMV) and use the lexicon's noun for counts,
// which the templates put after a verb and a measure word.
func (x *extraction) displayName(lang string, echo bool) string {
	if x.metric == "" {
		return ""
	}
	if x.userNoun {
		return x.surface
	}
	name := x.info.Name(lang)
	if IsChinese(lang) && x.surface != "" && !isMeasureWordOnly(x.surface) && (echo || x.info.Kind == KindLevel || x.info.Unit == lexUnitCurrency) {
		sl := DetectLang(x.surface)
		if isASCII(x.surface) && x.surface == strings.ToUpper(x.surface) || sl == lang || (lang == LangZhCN && sl == LangZhCN && !hasTrad(x.surface)) || (lang == LangZhTW && !hasSimp(x.surface)) {
			return x.surface
		}
	}
	return name
}

func isMeasureWordOnly(s string) bool {
	return utf8.RuneCountInString(s) == 1 && strings.ContainsRune(zhMeasureWords, firstRune(s))
}

func hasTrad(s string) bool {
	for _, r := range s {
		if tradOnly[r] {
			return true
		}
	}
	return false
}

func hasSimp(s string) bool {
	for _, r := range s {
		if simpOnly[r] {
			return true
		}
	}
	return false
}

func (x *extraction) question(part string, an *Analysis, today Date) string {
	lang := an.Lang
	name := x.displayName(lang, true)
	switch part {
	case PartSpecific:
		if name != "" {
			return pick3(lang,
				"Whose "+name+" exactly: yours, the team's, or one product's or channel's? And how will you count it?",
				"具体是谁的"+name+"：你个人、团队，还是某个产品或渠道？怎么统计？",
				"具體是誰的"+name+"：你個人、團隊，還是某個產品或通路？怎麼統計？")
		}
		return pick3(lang,
			"What exactly will you count? (e.g. demos booked, revenue, conversion rate)",
			"具体要统计什么？（例如：演示次数、销售额、转化率）",
			"具體要統計什麼？（例如：示範次數、營收、轉換率）")
	case PartMeasurable:
		if x.relative != nil && x.baseline == nil {
			p := fmtNum(math.Abs(*x.relative), lang != LangEN)
			if !x.relPercent {
				u := x.relUnit
				if u == UnitCNY && IsChinese(lang) {
					u = an.Unit
				}
				p = fmtValue(math.Abs(*x.relative), u, lang)
			} else {
				p += "%"
			}
			n := name
			if n == "" {
				n = pick3(lang, "it", "它", "它")
			}
			return pick3(lang,
				"What is "+n+" now? I need the starting value to turn "+p+" into a target.",
				n+"现在是多少？有了起点才能把"+p+"换算成具体目标。",
				n+"現在是多少？有了起點才能把"+p+"換算成具體目標。")
		}
		if name != "" {
			en := "What " + name + " do you want to reach? Please give a number."
			switch {
			case an.Unit == UnitCount:
				en = "How many " + name + " do you want to reach?"
			case IsCurrency(an.Unit):
				en = "How much " + name + " do you want to reach?"
			}
			return pick3(lang, en,
				name+"要达到多少？请给一个具体数字。",
				name+"要達到多少？請給一個具體數字。")
		}
		return pick3(lang,
			"What number do you want to reach?",
			"目标数字是多少？",
			"目標數字是多少？")
	case PartAchievable:
		switch {
		case an.Deadline != nil && an.Deadline.Before(today):
			d := an.Deadline.String()
			return pick3(lang,
				"The deadline "+d+" has already passed. What new date should it be?",
				"截止日期"+d+"已经过去了，新的截止日期是哪天？",
				"截止日期"+d+"已經過去了，新的截止日期是哪天？")
		case an.Target != nil && x.unitIsRatePercent() && *an.Target > 100:
			t := fmtNum(*an.Target, lang != LangEN) + "%"
			return pick3(lang,
				t+" is more than 100%. What value did you mean?",
				t+"超过了100%，你想设的是多少？",
				t+"超過了100%，你想設的是多少？")
		case an.Target != nil && an.Baseline != nil:
			b, t := fmtValue(*an.Baseline, an.Unit, lang), fmtValue(*an.Target, an.Unit, lang)
			return pick3(lang,
				"Going from "+b+" to "+t+" is a very big step. Is it realistic? What is the best you have done before?",
				"从"+b+"到"+t+"跨度很大，现实吗？以往最好做到过多少？",
				"從"+b+"到"+t+"跨度很大，實際嗎？以往最好做到過多少？")
		}
		return pick3(lang,
			"That target looks out of reach. What would be realistic, given past results?",
			"这个目标看起来难以实现。根据以往的结果，多少比较现实？",
			"這個目標看起來難以實現。根據以往的結果，多少比較實際？")
	case PartRelevant:
		return pick3(lang,
			"Which team or business goal does this support?",
			"这个目标支持哪个团队或业务目标？",
			"這個目標支持哪個團隊或業務目標？")
	case PartTimeBound:
		if d := x.pastDeadline; d != "" {
			return pick3(lang,
				d+" has already passed. By when instead?",
				d+"已经过去了。新的截止日期是什么时候？",
				d+"已經過去了。新的截止日期是什麼時候？")
		}
		return pick3(lang,
			"By when? (a date, \"end of Q1\", or per day / week / month)",
			"截止到什么时候？（日期、“本季度末”，或每天/每周/每月）",
			"截止到什麼時候？（日期、「本季末」，或每天/每週/每月）")
	}
	return ""
}
