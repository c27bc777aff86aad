package goals

import (
	"errors"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

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
				x.pastDeadline, x.deadlineSpan = ds, [2]int{start, end}
			}
			continue
		}
		if !x.blank(start, end) {
			return
		}
		if x.deadline.IsZero() && !d.IsZero() {
			x.deadline, x.deadlineSpan = d, [2]int{start, end}
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
