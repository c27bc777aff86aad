package goals

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Analysis is the offline SMART coach's reading of one goal statement.
type Analysis struct {
	Input string
	Lang  string // en, zh-CN or zh-TW

	Specific, Measurable, Achievable, Relevant, TimeBound bool
	// Missing names the SMART parts that are not met, in the order
	// specific, measurable, achievable, relevant, time_bound.
	Missing []string

	Metric    string // canonical key, or the user's own noun (lower-case, trimmed), "" if none
	Direction Direction
	Kind      Kind
	Baseline  *float64
	Target    *float64
	Unit      string // count, percent, minutes, days, or a currency code; "" when nothing says
	Deadline  *Date
	Cadence   Cadence
	Scope     Scope
	// Rewrite is one SMART sentence in Lang built only from extracted
	// facts; "" when there is no metric or no absolute target.
	Rewrite string
	// Questions ask, in Lang, for what is missing: one per missing part.
	Questions []string
}

// LogInterpreter reads a plain-language log the offline parser cannot
// place ("5 today" with several goals): which of the candidate goals it is
// for, and the amount. An LLM implements it (package prompts). Its answer
// is only a suggestion: the engine asks the user to confirm it and never
// writes it on its own. ok is false when it cannot tell, or fails.
type LogInterpreter interface {
	InterpretLog(ctx context.Context, text string, candidates []Goal) (goalID int64, amount Amount, ok bool)
}

// AnalyzeOptions tune Analyze. The zero value works: now, UTC, the
// statement's own language and that language's usual currency.
type AnalyzeOptions struct {
	Now             time.Time
	Loc             *time.Location
	Lang            string // en, zh-CN, zh-TW or a locale tag; "" detects it from the text
	DefaultCurrency string // "" is CNY for zh-CN, TWD for zh-TW, USD for en

	Dates DateOptions // the team's calendar: the fiscal year's first month
}

// SMART parts, in the order Missing lists them.
const (
	PartSpecific   = "specific"
	PartMeasurable = "measurable"
	PartAchievable = "achievable"
	PartRelevant   = "relevant"
	PartTimeBound  = "time_bound"
)

// Analyze reads a goal statement without any network: which SMART parts it
// has, the metric, direction, baseline, target, unit, deadline, cadence and
// scope it states, a rewrite built from those facts only, and questions for
// what is missing.
//
// Rules worth knowing:
//   - Measurable means an absolute target. "Grow revenue 15%" is measurable
//     only with a baseline ("from $200,000"), which turns it into 230,000;
//     otherwise Target stays nil and the coach asks for the current value.
//     No number is ever invented.
//   - Achievable is false only for what is plainly implausible: a target
//     over 10× the baseline, a negative target, a rate above 100%, a growth
//     over 1000%, a deadline already past. Without a baseline it cannot be
//     checked and stays true.
//   - Specific needs a metric (a known KPI or the user's own noun) and a
//     number; "grow sales" names a metric but is not specific.
//   - Relevant is true for a known KPI, or a user's own metric that names a
//     team, customer, product or shop objective.
func Analyze(text string, o AnalyzeOptions) Analysis {
	s := cleanStatement(text)
	an := Analysis{Input: text, Scope: ScopeIndividual}
	an.Lang = NormalizeLang(o.Lang)
	if an.Lang == "" {
		an.Lang = DetectLang(s)
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	loc := o.Loc
	if loc == nil {
		loc = time.UTC
	}
	cur := strings.ToUpper(strings.TrimSpace(o.DefaultCurrency))
	if cur == "" {
		cur = DefaultCurrency(an.Lang)
	}

	x := newExtraction(s)
	x.findCadence()
	x.findMentions()
	x.blankDayValues()
	x.findDeadlines(now, loc, o.Dates)
	x.findMentions()
	x.findAmounts()
	x.chooseMetric()
	x.assignAmounts()
	x.findDirection()

	an.Cadence = x.cadence
	if !x.deadline.IsZero() {
		d := x.deadline
		an.Deadline = &d
	}
	an.Scope = x.scope()
	an.Metric = x.metric
	an.Kind = x.kind()
	an.Direction = x.direction
	an.Unit = x.unit(cur)
	if x.baseline != nil {
		b := *x.baseline
		an.Baseline = &b
	}
	if x.target != nil {
		t := *x.target
		an.Target = &t
	}

	today := DateIn(now, loc)
	an.Measurable = an.Target != nil
	an.TimeBound = an.Deadline != nil || an.Cadence != CadenceNone
	an.Specific = an.Metric != "" && (an.Target != nil || an.Baseline != nil || x.relative != nil)
	an.Relevant = x.relevant()
	an.Achievable = x.achievable(today)

	for _, p := range []struct {
		ok   bool
		name string
	}{{an.Specific, PartSpecific}, {an.Measurable, PartMeasurable}, {an.Achievable, PartAchievable}, {an.Relevant, PartRelevant}, {an.TimeBound, PartTimeBound}} {
		if !p.ok {
			an.Missing = append(an.Missing, p.name)
			an.Questions = append(an.Questions, x.question(p.name, &an, today))
		}
	}
	an.Rewrite = x.rewrite(&an)
	return an
}

// DefaultCurrency is the currency a bare money amount ("5万", "sales of
// 5,000") means in a language: CNY for zh-CN, TWD for zh-TW, USD otherwise.
func DefaultCurrency(lang string) string {
	switch lang {
	case LangZhCN:
		return UnitCNY
	case LangZhTW:
		return UnitTWD
	}
	return UnitUSD
}

// cleanStatement bounds the input and removes what can only confuse
// matching: invalid UTF-8, control characters, full-width digits and signs.
func cleanStatement(text string) string {
	if len(text) > MaxInputLen {
		cut := MaxInputLen
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToValidUTF8(text, " ")
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '％':
			return '%'
		case r == '．':
			return '.'
		case r == '\u3000':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return ' '
		}
		return r
	}, strings.TrimSpace(text))
}

// foundAmount is an amount of the statement with the role the analyser gives it.
type foundAmount struct {
	a          Amount
	start, end int
	unit       string // resolved: percent, minutes, days, a currency, "" when plain
	explicitCC bool   // the currency was written out (¥, $, RMB, 美元 ...), not just 元
	used       bool
}

// extraction holds the working state of one Analyze call.
type extraction struct {
	src   string // cleaned statement
	low   string // src with ASCII lower-cased (same byte offsets)
	work  []byte // low with cadence and deadline phrases blanked out
	spans [][2]int

	cadence      Cadence
	deadline     Date
	pastDeadline string // a deadline already past ("by 2020-01-01"): asked again, never used

	mentions []metricMention
	valid    []bool // mention is not a modifier of an unknown noun
	amounts  []foundAmount
	// dayValues marks where a number whose day word was blanked ends.
	dayValues map[int]bool

	metric     string
	info       *MetricInfo
	surface    string // the words the user used for the metric
	userNoun   bool
	quantified int // index of the amount that counts the metric, -1 for none
	targetIdx  int // index of the amount read as the target, -1 for none
	counter    string

	baseline, target *float64
	relative         *float64 // a relative change: +15 for "grow 15%", -20 for "cut by 20%"
	relPercent       bool     // relative is a percentage (else an absolute step)
	relUnit          string
	targetUnit       string
	baseUnit         string
	direction        Direction
}

func newExtraction(s string) *extraction {
	low := asciiLower(s)
	return &extraction{src: s, low: low, work: []byte(low), quantified: -1, targetIdx: -1, dayValues: map[int]bool{}}
}

// blank removes a phrase from further matching, keeping byte offsets.
func (x *extraction) blank(start, end int) bool {
	if start < 0 || end > len(x.work) || start >= end {
		return false
	}
	if !utf8.RuneStart(x.work[start]) || (end < len(x.work) && !utf8.RuneStart(x.work[end])) {
		return false
	}
	for i := start; i < end; i++ {
		x.work[i] = ' '
	}
	x.spans = append(x.spans, [2]int{start, end})
	return true
}

func (x *extraction) blanked(i int) bool {
	for _, sp := range x.spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}

// ---- cadence --------------------------------------------------------------

var cadencePhrases = []struct {
	c     Cadence
	forms []string
}{
	{CadenceDaily, []string{"per working day", "every working day", "per workday", "every workday", "each workday", "every weekday", "a workday", "per day", "a day", "every day", "each day", "daily", "/day", "/d",
		"每个工作日", "每個工作日", "每工作日", "每一天", "每天", "每日", "天天", "日均"}},
	{CadenceWeekly, []string{"per week", "a week", "every week", "each week", "weekly", "/week", "/wk", "per wk", "a wk",
		"每个星期", "每個星期", "每星期", "每个礼拜", "每個禮拜", "每礼拜", "每禮拜", "每一周", "每一週", "每周", "每週", "周均", "週均"}},
	{CadenceMonthly, []string{"per month", "a month", "every month", "each month", "monthly", "/month", "/mo",
		"每一个月", "每一個月", "每个月", "每個月", "每月", "月均"}},
	{CadenceQuarterly, []string{"per quarter", "a quarter", "every quarter", "each quarter", "quarterly", "/quarter", "/qtr",
		"每个季度", "每個季度", "每季度", "每一季", "每季"}},
}

// findPhrase finds p in text from byte from; ASCII phrases must stand as
// whole words (a leading "/" needs no boundary before it).
func findPhrase(text, p string, from int) (int, bool) {
	for from <= len(text) {
		i := strings.Index(text[from:], p)
		if i < 0 {
			return 0, false
		}
		i += from
		e := i + len(p)
		okStart := i == 0 || !isASCIIAlpha(p[0]) || !isASCIIAlnum(text[i-1])
		okEnd := e == len(text) || !isASCIIAlpha(p[len(p)-1]) || !isASCIIAlnum(text[e])
		if okStart && okEnd {
			return i, true
		}
		from = i + 1
	}
	return 0, false
}

func (x *extraction) findCadence() {
	best, bestAt, bestEnd := CadenceNone, len(x.low)+1, 0
	for _, cp := range cadencePhrases {
		for _, f := range cp.forms {
			if i, ok := findPhrase(x.low, f, 0); ok && !cadenceIsSpan(x.low, i, i+len(f)) && (i < bestAt || i == bestAt && i+len(f) > bestEnd) {
				best, bestAt, bestEnd = cp.c, i, i+len(f)
			}
		}
	}
	if best == CadenceNone {
		return
	}
	x.cadence = best
	// Blank every cadence phrase, so "每天" is not read as a date or "a day"
	// as an amount.
	for _, cp := range cadencePhrases {
		for _, f := range cp.forms {
			for from := 0; ; {
				i, ok := findPhrase(string(x.work), f, from)
				if !ok {
					break
				}
				if cadenceIsSpan(x.low, i, i+len(f)) {
					from = i + len(f)
					continue
				}
				x.blank(i, i+len(f))
				from = i + len(f)
			}
		}
	}
}

// ---- deadline -------------------------------------------------------------

func (x *extraction) findDeadlines(now time.Time, loc *time.Location, o DateOptions) {
	for n := 0; n < 4; n++ {
		d, start, end, err := ScanDeadlineWith(string(x.work), now, loc, o)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Reason != "date_in_past" || !x.blank(start, end) {
				return
			}
			if ds, ok := e.Args["date"].(string); ok && x.pastDeadline == "" && x.deadline.IsZero() {
				x.pastDeadline = ds
			}
			continue
		}
		if !x.blank(start, end) {
			return
		}
		if x.deadline.IsZero() && !d.IsZero() {
			x.deadline = d
		}
	}
}

// ---- metric mentions ------------------------------------------------------

// enStopWords end a noun phrase: a metric followed by one of them is the
// whole noun ("revenue by Friday"); followed by another word it is only a
// modifier ("customer satisfaction", "sales rep").
var enStopWords = setOf(`a an the this that these those next last each every per by to from in on at of for with and or but than then
until till before after within over under below above up down into onto off out as is are be was were will would should can could must
need needs want wants target targets goal goals total overall daily weekly monthly quarterly yearly annually annual day days week weeks
month months quarter quarters year years q1 q2 q3 q4 h1 h2 end start today tomorrow tonight asap i we you they he she it my our your
their his her its me us them more less fewer least most only just also so too very about around approx approximately roughly made sent
won done held sold logged hit got via through across among between while when where which who plus minus number numbers`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// zhContinuations after a metric word make it a modifier of another noun:
// 客户满意度 is satisfaction, not customers.
var zhContinuations = []string{"满意", "滿意", "留存", "复购", "復購", "回购", "回購", "活跃", "活躍", "好评", "好評", "差评", "差評",
	"评价", "評價", "评分", "評分", "口碑", "投诉", "投訴", "忠诚", "忠誠", "体验", "體驗", "增长率", "增長率", "占比", "佔比", "覆盖", "覆蓋", "打开率", "開啟率", "开信率", "開信率", "点击率", "點擊率", "回复率", "回覆率"}

func (x *extraction) findMentions() {
	x.mentions = metricMentions(string(x.work))
	x.valid = make([]bool, len(x.mentions))
	for i, m := range x.mentions {
		x.valid[i] = !x.modifierOfUnknown(m)
	}
}

// modifierOfUnknown reports whether the mention only modifies a noun the
// lexicon does not know.
func (x *extraction) modifierOfUnknown(m metricMention) bool {
	w := string(x.work)
	rest := w[m.end:]
	if r, _ := utf8.DecodeRuneInString(rest); isHan(r) {
		for _, c := range zhContinuations {
			if strings.HasPrefix(rest, c) {
				return true
			}
		}
		return false
	}
	if m.end == 0 || !isASCIIAlpha(w[m.end-1]) {
		return false
	}
	j := m.end
	if j < len(w) && (w[j] == ' ' || w[j] == '-') {
		j++
	} else {
		return false
	}
	k := j
	for k < len(w) && (isASCIIAlpha(w[k]) || w[k] == '\'') {
		k++
	}
	word := w[j:k]
	if word == "" || enStopWords[word] || directionWords[word] != 0 {
		return false
	}
	if strings.HasSuffix(word, "ed") || strings.HasSuffix(word, "ing") {
		return false
	}
	return true
}

// ---- amounts --------------------------------------------------------------

// explicitCurrencyMarks are written-out currencies; a bare 元/块 is only
// "money" and takes the statement's currency (元 in Taiwan is TWD).
var explicitCurrencyMarks = []string{"¥", "￥", "$", "€", "£", "rmb", "cny", "usd", "twd", "ntd", "eur", "hkd", "gbp", "jpy", "yuan", "dollar", "euro", "yen",
	"人民币", "人民幣", "台币", "台幣", "美元", "美金", "欧元", "歐元", "港币", "港幣", "港元", "英镑", "英鎊", "日元", "日圆", "日圓", "円"}

var minuteWords = []string{"minutes", "minute", "mins", "min", "分钟", "分鐘", "分"}
var dayWords = []string{"days", "day", "天", "日"}

// dayNumber finds a "45天" / "45 days" shape at i (digits, then a day word)
// and returns where the digits end.
func dayNumberAt(w []byte, i int) (digitsEnd, wordEnd int, ok bool) {
	j := i
	for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.' && j+1 < len(w) && w[j+1] >= '0' && w[j+1] <= '9') {
		j++
	}
	if j == i {
		return 0, 0, false
	}
	k := j
	for k < len(w) && w[k] == ' ' {
		k++
	}
	for _, d := range dayWords {
		if strings.HasPrefix(string(w[k:]), d) {
			e := k + len(d)
			if isASCIIAlpha(d[0]) && e < len(w) && isASCIIAlpha(w[e]) {
				continue
			}
			return j, e, true
		}
	}
	return 0, 0, false
}

// blankDayValues handles a metric counted in days (sales cycle), whose
// values are written as durations: "from 45 to 30 days", "从45天缩短到30天".
// A duration right after from/to (or an arrow) is a value, not a deadline:
// its day word is blanked so the number reads as a plain amount. Other
// durations ("in 30 days", "30天内") stay deadlines.
func (x *extraction) blankDayValues() {
	daysMetric := false
	for i, m := range x.mentions {
		if x.valid[i] && lexicon[m.entry].Unit == lexUnitDays {
			daysMetric = true
			break
		}
	}
	if !daysMetric {
		return
	}
	values := append(append([]string{}, fromMarkers...), toMarkers...)
	values = append(values, "of", "at", "is", "为", "為", "是")
	for p := 0; p < len(x.work); p++ {
		if p > 0 && (x.work[p-1] >= '0' && x.work[p-1] <= '9' || x.work[p-1] == '.') {
			continue
		}
		de, we, ok := dayNumberAt(x.work, p)
		if !ok {
			continue
		}
		if _, ok := endsWithMarker(string(x.work[:p]), values); !ok {
			// The first number of "45 to 30 days" has no day word of its own.
			continue
		}
		for q := de; q < we; q++ {
			x.work[q] = ' '
		}
		x.dayValues[de] = true
		p = we
	}
}

func (x *extraction) findAmounts() {
	w := make([]byte, len(x.work))
	copy(w, x.work)
	for n := 0; n < 12; n++ {
		a, start, end, ok := FindAmount(string(w))
		if !ok || start < 0 || end > len(w) || start >= end {
			break
		}
		for i := start; i < end; i++ {
			w[i] = ' '
		}
		if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || a.Value < 0 {
			continue
		}
		fa := foundAmount{a: a, start: start, end: end, unit: a.Unit}
		raw := x.low[start:end]
		if IsCurrency(a.Unit) {
			for _, c := range explicitCurrencyMarks {
				if strings.Contains(raw, c) {
					fa.explicitCC = true
					break
				}
			}
		}
		if fa.unit == "" {
			rest := strings.TrimLeft(x.low[end:], " ")
			switch {
			case x.dayValues[end]:
				fa.unit = lexUnitDays
			case hasWordPrefix(rest, minuteWords):
				fa.unit = UnitMinutes
			case hasWordPrefix(rest, []string{"hours", "hour", "hrs", "hr", "小时", "小時"}):
				fa.unit = "hours"
			case strings.ContainsRune(zhMeasureWords, firstRune(rest)) || hasWordPrefix(rest, []string{"units", "unit", "items", "item", "pcs", "pieces", "piece"}):
				fa.unit = UnitCount // 1000件, 20 units: a count even for sales
			}
		}
		x.amounts = append(x.amounts, fa)
	}
	// Text order, without overlaps: after blanking one amount the reader
	// may span the blank ("$$0 0" gives "$0", then "$  0").
	for i := 1; i < len(x.amounts); i++ {
		for j := i; j > 0 && x.amounts[j].start < x.amounts[j-1].start; j-- {
			x.amounts[j], x.amounts[j-1] = x.amounts[j-1], x.amounts[j]
		}
	}
	kept := x.amounts[:0]
	for _, a := range x.amounts {
		if n := len(kept); n > 0 && a.start < kept[n-1].end {
			continue
		}
		kept = append(kept, a)
	}
	x.amounts = kept
}

func hasWordPrefix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			e := len(w)
			if isASCIIAlpha(w[0]) && e < len(s) && isASCIIAlpha(s[e]) {
				continue
			}
			return true
		}
	}
	return false
}

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

var enCurrencySymbols = map[string]string{UnitUSD: "$", UnitCNY: "¥", UnitTWD: "NT$", UnitEUR: "€", "GBP": "£", "HKD": "HK$", "JPY": "JP¥"}

var zhCurrencyNames = map[string][2]string{
	UnitUSD: {"美元", "美元"}, UnitEUR: {"欧元", "歐元"}, "GBP": {"英镑", "英鎊"}, "HKD": {"港元", "港元"}, "JPY": {"日元", "日圓"},
	UnitCNY: {"元", "人民幣"}, UnitTWD: {"新台币", "元"},
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
			n := zhCurrencyNames[unit]
			name := n[0]
			if tw {
				name = n[1]
			}
			return fmtZhBig(v, lang) + name
		}
		if sym, ok := enCurrencySymbols[unit]; ok {
			return sym + fmtNum(v, false)
		}
		return fmtNum(v, false) + " " + unit
	}
	if zh {
		return fmtZhBig(v, lang)
	}
	return fmtNum(v, false)
}
