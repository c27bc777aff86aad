package goals

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Amount is a number read from chat text, with the unit its notation implies.
type Amount struct {
	Value float64
	Unit  string // "" (plain), "percent", or a currency code: "CNY","USD","TWD","EUR","HKD","GBP","JPY"
	Raw   string // the text it was read from
}

// ParseAmount reads s (trimmed) as exactly one amount; anything else is an
// *Error with Code EInvalid and Reason missing_amount, bad_amount,
// negative_amount or amount_too_large. Percentages keep their number
// (15% is Value 15, Unit "percent").
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Amount{}, Errorf(EInvalid, "missing_amount", "no amount given")
	}
	t := foldChat(s)
	r := readAmount(&t, 0, true)
	switch {
	case (!r.ok && r.err == nil) || r.end != len(t.r): // junk after a number is bad before it is large
		return Amount{}, Errorf(EInvalid, "bad_amount", "%q is not an amount", clipForMessage(s))
	case r.err != nil:
		return Amount{}, r.err
	}
	r.a.Raw = s
	return r.a, nil
}

// FindAmount locates the first amount in free text (Chinese has no spaces:
// "今天卖了1.2万" finds 1.2万 at its byte offsets). ok is false when there is
// none, or when the first amount-shaped token is refused (negative, too
// large): ScanAmount says why.
func FindAmount(s string) (a Amount, start, end int, ok bool) {
	a, start, end, err := ScanAmount(s)
	if err != nil {
		return Amount{}, 0, 0, false
	}
	return a, start, end, true
}

// ScanAmount is FindAmount that explains a miss, so a chat reply can say
// "negative" or "too large" instead of "no amount": the error is an *Error
// with Reason missing_amount, negative_amount or amount_too_large.
//
// Tokens that read as dates, times, ids or codes are skipped rather than
// refused: 2026-12-31, 17:30, 1.2.3, #12, Q4, 0x10, 3 days, 12月, 第3,
// Dec 31. Chinese numerals count only before a measure word (十二个) or a
// currency (三千元); a lone 一 before a measure word (一个目标) is usually
// the article "a", so it is returned only when no other amount follows.
func ScanAmount(s string) (a Amount, start, end int, err error) {
	t := foldChat(s)
	var weak amountRead
	for i := 0; i < len(t.r); {
		c := t.r[i]
		switch {
		case c == '#': // goal ids (#12) are never amounts
			i = t.skipToken(i + 1)
			continue
		case txLetter(c):
			if _, k := t.currencyPrefix(i); k == i {
				i = t.skipAlnum(i)
				if t.at(i) == '$' { // A$5, C$5, S$5: a dollar we do not know
					i = t.skipNumberish(i + 1)
				}
				continue
			}
		}
		r := readAmount(&t, i, false)
		switch {
		case r.err != nil && weak.ok:
			return t.amountResult(weak)
		case r.err != nil:
			return Amount{}, 0, 0, r.err
		case !r.ok:
			i = r.next
		case r.weak:
			if !weak.ok {
				weak = r
			}
			i = r.end
		default:
			return t.amountResult(r)
		}
	}
	if weak.ok {
		return t.amountResult(weak)
	}
	return Amount{}, 0, 0, Errorf(EInvalid, "missing_amount", "no amount in the text")
}

func (t *chatText) amountResult(r amountRead) (Amount, int, int, error) {
	start, end := t.off[r.start], t.off[r.end]
	r.a.Raw = t.src[start:end]
	return r.a, start, end, nil
}

// amountRead is the outcome of reading at one position.
type amountRead struct {
	a          Amount // Raw unset
	start, end int    // rune indexes of the amount
	ok         bool
	weak       bool   // a lone 一 before a measure word
	err        *Error // amount-shaped but refused
	next       int    // when neither ok nor err: where scanning resumes (> start)
}

// readAmount reads one amount at rune index i. parse is ParseAmount's
// whole-string mode: nothing may follow anyway, so digit grouping may be
// loose, bare Chinese numerals count, and no context is checked.
func readAmount(t *chatText, i int, parse bool) amountRead {
	res := amountRead{start: i, next: i + 1}
	j := i
	neg, signed := false, false
	if c := t.at(j); c == '-' || c == '+' {
		if !parse && txAlnum(t.at(i-1)) {
			return res
		}
		neg, signed = c == '-', true
		j++
	}
	preUnit, k := t.currencyPrefix(j)
	if preUnit != "" {
		j = t.spaces(k)
		if c := t.at(j); !signed && (c == '-' || c == '+') {
			neg, signed = c == '-', true
			j++
		}
	}
	if signed && preUnit == "" && !txDigit(t.at(j)) {
		return res
	}

	var (
		digits   string // mantissa digits, no separators
		frac     int    // how many of digits follow the decimal point
		exp      int    // power of ten from a multiplier
		cnVal    int64  // value of a Chinese numeral
		isCN     bool
		numStart = j
	)
	switch c := t.at(j); {
	case txDigit(c):
		if !parse && preUnit == "" && !signed && t.numberBlockedBefore(j) {
			res.next = t.skipNumberish(j)
			return res
		}
		digits, frac, j = t.readDigits(j, parse)
		// A date, a time, a version or a range: 2026-12-31, 17:30, 1.2.3, 3-5.
		if c := t.at(j); (c == '-' || c == '/' || c == ':' || c == '.') && txDigit(t.at(j+1)) {
			res.next = t.skipNumberish(j)
			return res
		}
		exp, j = t.multiplier(j)
	case cnNumeralStart(c):
		if !parse && preUnit == "" && t.cnBlockedBefore(j) {
			res.next = t.skipCNNumeral(j)
			return res
		}
		k := t.skipCNNumeral(j)
		if k-j > 16 { // no count is written with that many characters
			res.next = k
			return res
		}
		v, ok := cnInt(t.r[j:k])
		if !ok {
			res.next = k
			return res
		}
		cnVal, isCN, j = v, true, k
	default:
		res.next = max(j, i+1)
		return res
	}

	unit := preUnit
	if u, k, generic := t.unitSuffix(j); u != "" {
		switch {
		case preUnit == "":
			unit, j = u, k
		case preUnit == u || (generic && preUnit != UnitPercent):
			j = k // ¥500元, NT$300元: 元 is the generic word for a currency unit
		}
	}

	if unit == "" && !parse {
		if t.timeFollows(j) {
			res.next = t.skipAlnum(j)
			return res
		}
		if txLetter(t.at(j)) {
			k := t.skipLetters(j)
			if txDigit(t.at(k)) || t.at(k) == '_' { // 0x10, 1e400, 3d4: a code, not a number
				res.next = t.skipAlnum(k)
				return res
			}
		}
		if isCN && !t.measureWordAt(j) {
			res.next = j
			return res
		}
		if !isCN && exp == 0 && frac == 0 && len(digits) == 4 && digits >= "1900" && digits <= "2100" &&
			(amountYearIntro[t.prevWord(numStart)] || t.quarterFollows(j)) {
			res.next = j
			return res
		}
	}

	var v float64
	if isCN {
		v = float64(cnVal)
	} else {
		// Moving the point in the text (not multiplying) keeps 1.1k exactly 1100.
		f, err := strconv.ParseFloat(digits+"e"+strconv.Itoa(exp-frac), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			res.next = j
			return res
		}
		v = f // out of range is ±Inf (refused below) or an underflow to 0 (as good as nothing)
	}
	res.end = j
	switch {
	case v > MaxAmount || math.IsInf(v, 0):
		res.err = Errorf(EInvalid, "amount_too_large", "amount above %g", float64(MaxAmount)).With("max", MaxAmount)
		return res
	case neg && v != 0:
		res.err = Errorf(EInvalid, "negative_amount", "amount is negative")
		return res
	}
	res.ok = true
	res.a = Amount{Value: v, Unit: unit}
	res.weak = isCN && !parse && unit == "" && j-numStart == 1 && t.r[numStart] == '一'
	return res
}

// chatText is chat input folded for matching: full-width ASCII becomes
// ASCII, ASCII letters become lower case, odd spaces become ' '. Matching
// works on runes; off maps them back to byte offsets in src.
type chatText struct {
	src string
	r   []rune
	off []int // off[i] is the byte offset of r[i]; off[len(r)] == len(src)
}

func foldChat(s string) chatText {
	t := chatText{src: s, r: make([]rune, 0, len(s)), off: make([]int, 0, len(s)+1)}
	for i, c := range s {
		t.r = append(t.r, foldRune(c))
		t.off = append(t.off, i)
	}
	t.off = append(t.off, len(s))
	return t
}

func foldRune(c rune) rune {
	switch {
	case c >= 0xFF01 && c <= 0xFF5E: // full-width ASCII: １２３，．％
		c -= 0xFEE0
	case c == 0xFFE5: // ￥
		return '¥'
	case c == 0xFFE1: // ￡
		return '£'
	case c == 0x2212: // minus sign
		return '-'
	case c != ' ' && unicode.IsSpace(c): // ideographic space, NBSP, tabs, newlines
		return ' '
	}
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

func txDigit(c rune) bool  { return c >= '0' && c <= '9' }
func txLetter(c rune) bool { return c >= 'a' && c <= 'z' } // folded text has no upper case
func txAlnum(c rune) bool  { return txDigit(c) || txLetter(c) || c == '_' }

// at is r[i], or 0 outside the text so look-ahead and look-behind need no bounds checks.
func (t *chatText) at(i int) rune {
	if i < 0 || i >= len(t.r) {
		return 0
	}
	return t.r[i]
}

// lit reports whether the runes of s (folded) stand at i, and where they end.
func (t *chatText) lit(i int, s string) (int, bool) {
	for _, c := range s {
		if t.at(i) != c {
			return i, false
		}
		i++
	}
	return i, true
}

// litWord is lit for an ASCII word: it must not run on into more letters.
func (t *chatText) litWord(i int, s string) (int, bool) {
	e, ok := t.lit(i, s)
	if !ok || (txLetter(rune(s[len(s)-1])) && txLetter(t.at(e))) {
		return i, false
	}
	return e, true
}

// spaces skips a few spaces; the cap keeps every look-ahead bounded, so
// scans stay linear on hostile input.
func (t *chatText) spaces(i int) int {
	for n := 0; n < 8 && t.at(i) == ' '; n++ {
		i++
	}
	return i
}

func (t *chatText) skipLetters(i int) int {
	for txLetter(t.at(i)) {
		i++
	}
	return i
}

func (t *chatText) skipAlnum(i int) int {
	for txAlnum(t.at(i)) {
		i++
	}
	return i
}

// skipToken skips what follows a '#': an id or a tag.
func (t *chatText) skipToken(i int) int {
	for c := t.at(i); txAlnum(c) || c == '-'; c = t.at(i) {
		i++
	}
	return i
}

// skipNumberish skips digits with the separators of dates, times and versions.
func (t *chatText) skipNumberish(i int) int {
	for {
		c := t.at(i)
		switch {
		case txAlnum(c):
		case (c == '-' || c == '/' || c == ':' || c == '.' || c == ',') && txDigit(t.at(i+1)):
		default:
			return i
		}
		i++
	}
}

// prevWordSpan locates the ASCII word before i, across a few spaces
// ("dec. 31" gives "dec"); start == end when there is none.
func (t *chatText) prevWordSpan(i int) (start, end int) {
	j := i - 1
	for n := 0; n < 8 && t.at(j) == ' '; n++ {
		j--
	}
	if t.at(j) == '.' && j < i-1 {
		j--
	}
	e := j + 1
	for n := 0; n < 12 && txAlnum(t.at(j)); n++ {
		j--
	}
	if txAlnum(t.at(j)) {
		return e, e
	}
	return j + 1, e
}

func (t *chatText) prevWord(i int) string {
	s, e := t.prevWordSpan(i)
	return string(t.r[s:e])
}

// prevWordIs reports whether the word before i is one of words, without
// building a string: it runs at every position of the text.
func (t *chatText) prevWordIs(i int, words ...string) bool {
	s, e := t.prevWordSpan(i)
	if s == e {
		return false
	}
	for _, w := range words {
		if k, ok := t.lit(s, w); ok && k == e {
			return true
		}
	}
	return false
}

// readDigits reads 1,234.5 at i (a digit): the digits without separators
// and how many follow the point. Commas (or underscores) group by threes; parse mode takes
// any grouping (1,23,4) since the whole string must be one number anyway.
func (t *chatText) readDigits(i int, loose bool) (digits string, frac, end int) {
	var b strings.Builder
	for {
		for txDigit(t.at(i)) {
			b.WriteRune(t.r[i])
			i++
		}
		if sep := t.at(i); (sep != ',' && sep != '_') || !txDigit(t.at(i+1)) {
			break // 1_000 is grouped like 1,000 (programmers, pasted numbers)
		}
		if !loose && (!txDigit(t.at(i+2)) || !txDigit(t.at(i+3)) || txDigit(t.at(i+4))) {
			break // "3,4" in a sentence is two numbers
		}
		i++
	}
	if t.at(i) == '.' && txDigit(t.at(i+1)) {
		i++
		for txDigit(t.at(i)) {
			b.WriteRune(t.r[i])
			frac++
			i++
		}
	}
	return b.String(), frac, i
}

// multiplier reads a suffix that scales the number: 1.5k, 2m, 2w, 2万,
// 3千万, 1.5 million. Letters count only as a whole word (2min is not 2m).
func (t *chatText) multiplier(j int) (exp, end int) {
	if !txAlnum(t.at(j + 1)) {
		switch t.at(j) {
		case 'k':
			return 3, j + 1
		case 'm':
			return 6, j + 1
		case 'w':
			return 4, j + 1
		}
	}
	k := j
	for n := 0; n < 3; n++ {
		e, ok := cnMultiplier[t.at(k)]
		if !ok {
			break
		}
		exp += e
		k++
	}
	if k > j {
		return exp, k
	}
	if s := t.spaces(j); s > j {
		for _, m := range []struct {
			word string
			exp  int
		}{{"thousand", 3}, {"million", 6}, {"billion", 9}} {
			if k, ok := t.litWord(s, m.word); ok {
				return m.exp, k
			}
		}
	}
	return 0, j
}

var cnMultiplier = map[rune]int{'百': 2, '千': 3, '万': 4, '萬': 4, '亿': 8, '億': 8}

type unitForm struct{ lit, unit string }

// Longer forms come before their prefixes (us$ before $ is not needed,
// but dollars before dollar is).
var currencyPrefixes = []unitForm{
	{"us$", UnitUSD}, {"nt$", UnitTWD}, {"hk$", "HKD"},
	{"$", UnitUSD}, {"¥", UnitCNY}, {"€", UnitEUR}, {"£", "GBP"},
	{"rmb", UnitCNY}, {"cny", UnitCNY}, {"usd", UnitUSD}, {"twd", UnitTWD}, {"ntd", UnitTWD},
	{"eur", UnitEUR}, {"hkd", "HKD"}, {"gbp", "GBP"}, {"jpy", "JPY"},
	{"人民币", UnitCNY}, {"人民幣", UnitCNY}, {"新台币", UnitTWD}, {"新台幣", UnitTWD},
	{"台币", UnitTWD}, {"台幣", UnitTWD}, {"港币", "HKD"}, {"港幣", "HKD"},
	{"美元", UnitUSD}, {"美金", UnitUSD}, {"欧元", UnitEUR}, {"歐元", UnitEUR},
	{"百分之", UnitPercent},
}

var unitSuffixes = []unitForm{
	{"%", UnitPercent}, {"percent", UnitPercent}, {"pct", UnitPercent},
	{"人民币", UnitCNY}, {"人民幣", UnitCNY}, {"rmb", UnitCNY}, {"cny", UnitCNY}, {"yuan", UnitCNY},
	{"美元", UnitUSD}, {"美金", UnitUSD}, {"usd", UnitUSD}, {"dollars", UnitUSD}, {"dollar", UnitUSD},
	{"新台币", UnitTWD}, {"新台幣", UnitTWD}, {"台币", UnitTWD}, {"台幣", UnitTWD}, {"twd", UnitTWD}, {"ntd", UnitTWD},
	{"港币", "HKD"}, {"港幣", "HKD"}, {"港元", "HKD"}, {"hkd", "HKD"},
	{"欧元", UnitEUR}, {"歐元", UnitEUR}, {"eur", UnitEUR}, {"euros", UnitEUR}, {"euro", UnitEUR},
	{"英镑", "GBP"}, {"英鎊", "GBP"}, {"gbp", "GBP"},
	{"日元", "JPY"}, {"日圆", "JPY"}, {"日圓", "JPY"}, {"円", "JPY"}, {"jpy", "JPY"}, {"yen", "JPY"},
}

// genericCurrency are the everyday words for "units of money": CNY on their
// own, but they also follow an explicit currency (NT$300元).
var genericCurrency = []string{"块钱", "塊錢", "元", "块", "塊", "圆", "圓"}

func (t *chatText) currencyPrefix(i int) (unit string, end int) {
	for _, f := range currencyPrefixes {
		if e, ok := t.litWord(i, f.lit); ok {
			return f.unit, e
		}
	}
	return "", i
}

func (t *chatText) unitSuffix(j int) (unit string, end int, generic bool) {
	k := t.spaces(j)
	for _, g := range genericCurrency {
		if e, ok := t.lit(k, g); ok {
			return UnitCNY, e, true
		}
	}
	for _, f := range unitSuffixes {
		if e, ok := t.litWord(k, f.lit); ok {
			return f.unit, e, false
		}
	}
	return "", j, false
}

// Words after a number that make it a date, a time or a duration.
var (
	cnTimeUnits = []string{
		"个月", "個月", "个星期", "個星期", "个礼拜", "個禮拜", "个季度", "個季度", "个工作日", "個工作日",
		"年", "月", "日", "号", "號", "季", "点", "點", "时", "時", "周", "週", "天", "星期", "礼拜", "禮拜", "工作日",
	}
	enTimeWords = map[string]bool{
		"day": true, "days": true, "week": true, "weeks": true, "wk": true, "wks": true,
		"month": true, "months": true, "mo": true, "mos": true, "year": true, "years": true, "yr": true, "yrs": true,
		"quarter": true, "quarters": true, "am": true, "pm": true, "st": true, "nd": true, "rd": true, "th": true, "d": true,
	}
	// A four-digit number after these is a year: "end of 2027", "Q4 2026".
	amountYearIntro = map[string]bool{
		"of": true, "in": true, "since": true, "until": true, "till": true, "before": true, "year": true, "fy": true,
		"q1": true, "q2": true, "q3": true, "q4": true, "h1": true, "h2": true,
	}
	measureWords = "个個次单單笔筆位家件通场場台份名条條篇封张張套盒瓶人组組项項款种種本支双雙"
)

func (t *chatText) timeFollows(j int) bool {
	k := t.spaces(j)
	for _, u := range cnTimeUnits {
		if _, ok := t.lit(k, u); ok {
			return true
		}
	}
	if !txLetter(t.at(k)) {
		return false
	}
	e := t.skipLetters(k)
	w := string(t.r[k:e])
	switch {
	case enTimeWords[w] || dlMonthNames[w] != 0:
		return true
	case (w == "a" || w == "p") && t.at(e) == '.' && t.at(e+1) == 'm': // 5 p.m.
		return true
	case w == "o" && t.at(e) == '\'': // 5 o'clock
		return true
	}
	return false
}

// quarterFollows reports "Q4" or "H1" after a number: "2026 Q4" is a year.
func (t *chatText) quarterFollows(j int) bool {
	k := t.spaces(j)
	c, n := t.at(k), t.at(k+1)
	return (c == 'q' || c == 'h') && n >= '1' && n <= '4' && !txAlnum(t.at(k+2))
}

func (t *chatText) measureWordAt(j int) bool {
	return strings.ContainsRune(measureWords, t.at(j))
}

// numberBlockedBefore reports context that makes the digits at i part of
// something else: 第3 (ordinal), 周3, v1.2, Dec 31.
func (t *chatText) numberBlockedBefore(i int) bool {
	p := t.at(i - 1)
	switch {
	case txAlnum(p), p == '第', p == '周', p == '週', p == '#':
		return true
	case (p == '.' || p == '-' || p == '/' || p == ':' || p == ',') && txDigit(t.at(i-2)):
		return true
	}
	for _, w := range []string{"星期", "礼拜", "禮拜"} {
		if _, ok := t.lit(i-2, w); ok {
			return true
		}
	}
	if s, e := t.prevWordSpan(i); e-s < 3 || e-s > 9 || !txLetter(t.at(s)) {
		return false // month names are 3 to 9 letters
	}
	return dlMonthNames[t.prevWord(i)] != 0
}

// cnBlockedBefore is numberBlockedBefore for Chinese numerals: 第三, 每一,
// 周一, 星期五; but 这周三个客户 is "this week, three clients".
func (t *chatText) cnBlockedBefore(i int) bool {
	switch t.at(i - 1) {
	case '第', '每':
		return true
	case '周', '週', '期', '拜':
		return !t.measureWordAt(i + 1)
	}
	return false
}

func (t *chatText) skipCNNumeral(i int) int {
	for {
		c := t.at(i)
		if _, ok := cnDigitValue(c); !ok && cnUnitValue(c) == 0 {
			return i
		}
		i++
	}
}

func cnNumeralStart(c rune) bool {
	_, ok := cnDigitValue(c)
	return ok || c == '十'
}

func cnDigitValue(c rune) (int64, bool) {
	switch c {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两', '兩':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

func cnUnitValue(c rune) int64 {
	switch c {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	case '万', '萬':
		return 1e4
	case '亿', '億':
		return 1e8
	}
	return 0
}

// cnInt reads a Chinese numeral: 十二, 两千, 一百零五, 三千五 (3500),
// 一万二 (12000), 一亿两千万, or digit by digit without units (二〇二六).
// Values past MaxAmount come back as MaxAmount+1 so callers refuse them.
func cnInt(rs []rune) (int64, bool) {
	if len(rs) == 0 {
		return 0, false
	}
	const big = int64(MaxAmount) + 1
	bare := true
	for _, c := range rs {
		if _, ok := cnDigitValue(c); !ok {
			bare = false
		}
	}
	if bare && len(rs) > 1 {
		if len(rs) > 12 {
			return big, true
		}
		var v int64
		for _, c := range rs {
			d, _ := cnDigitValue(c)
			v = v*10 + d
		}
		return v, true
	}
	var total, section, num, lastUnit int64
	pending, afterUnit, afterZero, colloquial := false, false, false, false
	for k, c := range rs {
		if d, ok := cnDigitValue(c); ok {
			if pending && !afterZero {
				return 0, false // 一二 amid units is not a number
			}
			colloquial = afterUnit
			num, pending, afterZero, afterUnit = d, true, d == 0, false
			continue
		}
		u := cnUnitValue(c)
		switch {
		case u >= 10 && u <= 1000:
			if !pending {
				if u != 10 || k != 0 {
					return 0, false
				}
				num = 1 // 十二 is 12
			}
			section += num * u
			lastUnit = u
		case u == 1e4:
			section += num
			if section == 0 {
				return 0, false
			}
			section *= u
			lastUnit = u
		case u == 1e8:
			section += num
			if section == 0 {
				return 0, false
			}
			total += section * u
			section, lastUnit = 0, u
		default:
			return 0, false
		}
		num, pending, afterUnit, afterZero = 0, false, true, false
		if total > big || section > big {
			return big, true
		}
	}
	if pending && colloquial && lastUnit >= 100 {
		num *= lastUnit / 10 // 三千五 is 3500, 一万二 is 12000
	}
	if v := total + section + num; v <= big {
		return v, true
	}
	return big, true
}

// clipForMessage keeps hostile input out of error messages and logs.
func clipForMessage(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
