package goals

import (
	"math"
	"strings"
	"unicode/utf8"
)

// ---- baseline, target ------------------------------------------------------

var toMarkers = []string{"→", "->", "=>", "到", "至", "to"}
var fromMarkers = []string{"from", "从", "從", "由", "currently at", "currently", "is at", "we're at", "i'm at", "now at", "now",
	"目前是", "目前为", "目前為", "目前在", "目前", "现在是", "現在是", "现在", "現在"}
var targetMarkers = []string{"to", "到", "至", "达到", "達到", "做到", "突破", "衝到", "冲到", "达", "達", "target of", "target", "goal of", "goal", "目标", "目標", "of", "reach", "hit", "up to", "down to", "under", "below", "at least", "at most", "不低于", "不低於", "不超过", "不超過", "控制在"}
var relativeMarkers = []string{"by", "增长", "增長", "成长", "成長", "提升", "提高", "增加", "降低", "减少", "減少", "下降", "上升", "grow", "increase", "raise", "boost", "cut", "reduce", "lower", "decrease", "drop", "up", "down"}

// endsWithMarker reports whether s (the text before something) ends with
// one of the markers, ignoring spaces.
func endsWithMarker(s string, markers []string) (string, bool) {
	t := strings.TrimRight(s, " ")
	for _, m := range markers {
		if strings.HasSuffix(t, m) {
			i := len(t) - len(m)
			if isASCIIAlpha(m[0]) && i > 0 && isASCIIAlnum(t[i-1]) {
				continue
			}
			return m, true
		}
	}
	return "", false
}

func containsMarker(s string, markers []string) bool {
	for _, m := range markers {
		if _, ok := findPhrase(s, m, 0); ok {
			return true
		}
	}
	return false
}

func (x *extraction) assignAmounts() {
	w := string(x.work)
	as := x.amounts
	metricPercent := x.info != nil && x.info.Unit == UnitPercent || x.userNoun && looksLikeRate(x.metric)
	// Ranges: "from 1% to 2%", "15% → 12%", "从10万元提高到11.5万元".
	for i := 0; i+1 < len(as) && x.target == nil; i++ {
		a, b := as[i], as[i+1]
		gap := w[a.end:b.start]
		if len(gap) > 40 || strings.ContainsAny(gap, ",;，。；") || !containsMarker(gap, toMarkers) {
			continue
		}
		_, from := endsWithMarker(w[:a.start], fromMarkers)
		arrow := containsMarker(gap, []string{"→", "->", "=>"})
		plain := strings.TrimSpace(gap)
		if !from && !arrow && plain != "to" && plain != "到" && plain != "至" {
			continue
		}
		if b.unit == UnitPercent && !metricPercent && !(x.info == nil && !x.userNoun) {
			// "from $200,000 by 15% to ..." is not a range of percentages.
			if a.unit != UnitPercent {
				continue
			}
		}
		av, bv := a.a.Value, b.a.Value
		x.baseline, x.target = &av, &bv
		x.baseUnit, x.targetUnit = a.unit, b.unit
		x.targetIdx = i + 1
		if x.baseUnit == "" {
			x.baseUnit = b.unit
		}
		if x.targetUnit == "" {
			x.targetUnit = a.unit
		}
		as[i].used, as[i+1].used = true, true
	}
	// A baseline on its own: "from $200,000", "营收从200万成长20%".
	if x.baseline == nil {
		for i, a := range as {
			if _, ok := endsWithMarker(w[:a.start], fromMarkers); ok && !a.used && !(a.unit == UnitPercent && !metricPercent && x.info != nil) {
				v := a.a.Value
				x.baseline, x.baseUnit = &v, a.unit
				as[i].used = true
				break
			}
		}
	}
	// Relative changes: "grow revenue 15%", "by 20%", "降低20%".
	for i, a := range as {
		if a.used {
			continue
		}
		before := w[:a.start]
		_, toMark := endsWithMarker(before, []string{"to", "到", "至", "达到", "達到", "up to", "down to", "under", "below", "不低于", "不低於", "不超过", "不超過", "控制在", "of"})
		mk, rel := endsWithMarker(before, relativeMarkers)
		if toMark {
			continue
		}
		switch {
		case a.unit == UnitPercent && (rel || (x.info != nil && !metricPercent)):
		case a.unit != UnitPercent && mk == "by":
		default:
			continue
		}
		v := a.a.Value
		x.relative, x.relPercent, x.relUnit = &v, a.unit == UnitPercent, a.unit
		as[i].used = true
		break
	}
	// The target: after a target word, else the number that counts the
	// metric, else the first number left.
	if x.target == nil {
		pick := -1
		for i, a := range as {
			if a.used {
				continue
			}
			if _, ok := endsWithMarker(w[:a.start], targetMarkers); ok {
				pick = i
				break
			}
		}
		if pick >= 0 && x.quantified >= 0 && pick != x.quantified && !as[x.quantified].used && x.freeFloating(pick) {
			// "Set target to 1000000. Book 20 demos by Friday": the number
			// that counts the metric beats one that names nothing.
			pick = -1
		}
		if pick < 0 && x.quantified >= 0 && !as[x.quantified].used {
			pick = x.quantified
		}
		if pick < 0 {
			for i, a := range as {
				if !a.used {
					pick = i
					break
				}
			}
		}
		if pick >= 0 {
			v := as[pick].a.Value
			x.target, x.targetUnit = &v, as[pick].unit
			as[pick].used = true
			x.targetIdx = pick
		}
	}
	if x.baseUnit == "" {
		x.baseUnit = x.targetUnit
	}
	if x.targetUnit == "" {
		x.targetUnit = x.baseUnit
	}
}

// clauseBreaks end a clause: sentence punctuation and commas.
const clauseBreaks = ",;!?，。；！？、\n"

// clauseAround is the byte span of the clause holding [start, end) of the
// working text: up to the nearest clause break, or a full stop that ends a
// sentence (not the point of 1.5).
func (x *extraction) clauseAround(start, end int) (int, int) {
	w := x.work
	isBreak := func(i int) (bool, int) {
		r, n := utf8.DecodeRune(w[i:])
		if strings.ContainsRune(clauseBreaks, r) {
			return true, n
		}
		if r == '.' && (i+1 >= len(w) || w[i+1] == ' ' || w[i+1] >= utf8.RuneSelf) {
			return true, 1
		}
		return false, n
	}
	cs := 0
	for i := 0; i < start; {
		b, n := isBreak(i)
		if b {
			cs = i + n
		}
		i += n
	}
	ce := len(w)
	for i := end; i < len(w); {
		b, n := isBreak(i)
		if b {
			ce = i
			break
		}
		i += n
	}
	return cs, ce
}

// freeFloating reports whether amount i names no metric of its own: no
// valid metric mention shares its clause, other than the ones the counting
// number (x.quantified) counts. Such a number ("set target to 1000000.",
// "stretch to 25") does not override the number attached to the metric.
func (x *extraction) freeFloating(i int) bool {
	if i < 0 || i >= len(x.amounts) {
		return false
	}
	w := string(x.work)
	q := x.amounts[x.quantified]
	cs, ce := x.clauseAround(x.amounts[i].start, x.amounts[i].end)
	for mi, m := range x.mentions {
		if !x.valid[mi] || m.start < cs || m.end > ce {
			continue
		}
		if m.start >= q.end && gapCounts(w[q.end:m.start]) {
			continue // counted by the counting number
		}
		return false
	}
	return true
}

func looksLikeRate(noun string) bool {
	for _, s := range []string{"率", "rate", "ratio", "margin", "%"} {
		if strings.HasSuffix(noun, s) {
			return true
		}
	}
	return false
}

// ---- direction -------------------------------------------------------------

// Direction words: +2 strong increase, +1 weak increase, -2 strong
// decrease, -1 weak decrease ("under"), 3 "better" (the metric's own way).
var directionWords = map[string]int{
	"raise": 2, "raising": 2, "increase": 2, "increasing": 2, "grow": 2, "growing": 2, "boost": 2, "lift": 2, "double": 2, "triple": 2,
	"expand": 2, "scale": 2, "maximize": 2, "maximise": 2, "bump": 2,
	"hit": 1, "reach": 1, "close": 1, "make": 1, "sell": 1, "get": 1, "book": 1, "add": 1, "generate": 1, "win": 1, "land": 1,
	"schedule": 1, "send": 1, "acquire": 1, "gain": 1, "sign": 1, "onboard": 1, "launch": 1, "do": 1, "run": 1, "hold": 1, "more": 1, "up": 1, "at least": 1,
	"cut": -2, "reduce": -2, "reducing": -2, "lower": -2, "lowering": -2, "decrease": -2, "shorten": -2, "drop": -2, "bring down": -2, "slash": -2,
	"trim": -2, "minimize": -2, "minimise": -2, "halve": -2, "down": -2, "less": -2, "fewer": -2,
	"under": -1, "below": -1, "at most": -1, "no more than": -1,
	"improve": 3, "improving": 3, "optimize": 3, "optimise": 3, "better": 3,
	"提升": 2, "提高": 2, "增加": 2, "增长": 2, "增長": 2, "成长": 2, "成長": 2, "拉高": 2, "拉升": 2, "突破": 2, "冲到": 2, "衝到": 2, "冲": 2, "衝": 2,
	"翻倍": 2, "扩大": 2, "擴大": 2, "新增": 2, "上升": 2, "更多": 1,
	"达到": 1, "達到": 1, "完成": 1, "做到": 1, "拿下": 1, "卖": 1, "賣": 1, "签下": 1, "簽下": 1, "获得": 1, "獲得": 1, "至少": 1, "不低于": 1, "不低於": 1, "不少于": 1, "不少於": 1,
	"降低": -2, "降到": -2, "降至": -2, "减少": -2, "減少": -2, "缩短": -2, "縮短": -2, "压缩": -2, "壓縮": -2, "压到": -2, "壓到": -2, "压低": -2, "壓低": -2,
	"控制在": -2, "下降": -2, "减到": -2, "減到": -2, "减半": -2, "減半": -2, "砍": -2,
	"以下": -1, "以内": -1, "以內": -1, "不超过": -1, "不超過": -1, "低于": -1, "低於": -1,
	"改善": 3, "优化": 3, "優化": 3, "改进": 3, "改進": 3,
}

type verbHit struct {
	word       string
	start, end int
	score      int
}

// verbsFound lists the direction words of the statement in text order.
func (x *extraction) verbsFound() []verbHit {
	w := string(x.work)
	var hits []verbHit
	for word, sc := range directionWords {
		for from := 0; ; {
			i, ok := findPhrase(w, word, from)
			if !ok {
				break
			}
			// 不低于 is not 低于; 更多 holds no 多.
			if word == "低于" || word == "低於" {
				if i >= len("不") && w[i-len("不"):i] == "不" {
					from = i + len(word)
					continue
				}
			}
			hits = append(hits, verbHit{word, i, i + len(word), sc})
			from = i + len(word)
		}
	}
	// Sort by position, longer first at the same place.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && (hits[j].start < hits[j-1].start || hits[j].start == hits[j-1].start && hits[j].end > hits[j-1].end); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	// Drop hits inside longer ones (降到 inside 降到, 冲 inside 冲到).
	var out []verbHit
	end := -1
	for _, h := range hits {
		if h.start < end {
			continue
		}
		out = append(out, h)
		end = h.end
	}
	return out
}

func (x *extraction) findDirection() {
	better := Increase
	if x.info != nil {
		better = x.info.Better
	}
	strong, weakUp, weakDown, improve := 0, false, false, false
	for _, v := range x.verbsFound() {
		switch v.score {
		case 2, -2:
			if strong == 0 {
				strong = v.score
			}
		case 1:
			weakUp = true
		case -1:
			weakDown = true
		case 3:
			improve = true
		}
	}
	switch {
	case strong > 0:
		x.direction = Increase
	case strong < 0:
		x.direction = Decrease
	case improve:
		x.direction = better
	case weakDown:
		x.direction = Decrease
	case weakUp && better == Increase:
		x.direction = Increase
	default:
		x.direction = better
	}
	// A range says it with numbers.
	if x.baseline != nil && x.target != nil && *x.target != *x.baseline {
		if *x.target > *x.baseline {
			x.direction = Increase
		} else {
			x.direction = Decrease
		}
	}
	// A relative change with a baseline becomes the target.
	if x.relative != nil {
		r := *x.relative
		if x.direction == Decrease {
			r = -r
		}
		x.relative = &r
		if x.target == nil && x.baseline != nil {
			b := *x.baseline
			var t float64
			if x.relPercent {
				t = b * (1 + r/100)
			} else {
				t = b + r
			}
			t = math.Round(t*100) / 100
			if t >= 0 { // "cut by 150%" has no target; achievable says why
				x.target = &t
				x.targetUnit = x.baseUnit
			}
		}
	}
}

// ---- unit, kind, scope -----------------------------------------------------

func (x *extraction) resolveUnit(u string, explicit bool, cur string) string {
	switch {
	case u == "":
		return ""
	case IsCurrency(u) && u == UnitCNY && !explicit:
		return cur // 元 and 块 are the statement's own currency
	}
	return u
}

func (x *extraction) unit(cur string) string {
	var u string
	explicit := false
	for _, a := range x.amounts {
		if a.used && a.unit != "" && (x.targetUnit == a.unit || x.baseUnit == a.unit) {
			if x.relative != nil && a.unit == UnitPercent && x.relPercent && !(x.targetUnit == UnitPercent) {
				continue
			}
			u, explicit = a.unit, a.explicitCC
			break
		}
	}
	if u == "" {
		u = x.targetUnit
		if u == "" {
			u = x.baseUnit
		}
	}
	if x.relPercent && u == UnitPercent && (x.info == nil || x.info.Unit != UnitPercent) && x.target == nil {
		u = ""
	}
	u = x.resolveUnit(u, explicit, cur)
	if u != "" {
		if x.info != nil && x.info.Unit == lexUnitCurrency && u == UnitPercent {
			u = ""
		} else {
			return u
		}
	}
	switch {
	case x.info != nil && x.info.Unit == lexUnitCurrency:
		for _, a := range x.amounts {
			if a.used && a.a.Family != "" && a.a.Unit == "" {
				return a.a.Currency() // "5000 pounds in revenue": the pound, not the default currency
			}
		}
		return cur
	case x.info != nil:
		return x.info.Unit
	case x.userNoun && looksLikeRate(x.metric):
		return UnitPercent
	case x.userNoun && (x.target != nil || x.quantified >= 0 || x.cadence != CadenceNone):
		return UnitCount
	}
	return ""
}

func (x *extraction) kind() Kind {
	if x.info != nil {
		return x.info.Kind
	}
	if x.metric != "" && (looksLikeRate(x.metric) || x.targetUnit == UnitPercent || strings.HasSuffix(x.metric, "度") || strings.HasSuffix(x.metric, "time") || strings.HasSuffix(x.metric, "score")) {
		return KindLevel
	}
	return KindTotal
}

var teamWordsEN = setOf("team teams we our us everyone company store-wide storewide department squad")
var teamWordsZH = []string{"团队", "團隊", "我们", "我們", "咱们", "咱們", "全店", "全员", "全員", "大家", "公司", "部门", "部門", "店铺", "店鋪", "本店", "全组", "全組", "小组", "小組"}

func (x *extraction) scope() Scope {
	for _, f := range strings.FieldsFunc(x.low, func(r rune) bool { return !(r < utf8.RuneSelf && (isASCIIAlpha(byte(r)) || r == '-')) }) {
		if teamWordsEN[f] {
			return ScopeTeam
		}
	}
	for _, z := range teamWordsZH {
		if strings.Contains(x.src, z) {
			return ScopeTeam
		}
	}
	return ScopeIndividual
}
