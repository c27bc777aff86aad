package goals

import (
	"strconv"
	"strings"
	"unicode"
)

// Chat text as the amount scanner sees it, and the look-around that tells
// an amount from a date, a time, an id or a code.

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
	measureWords = "个個次单單笔筆位家件通场場台份名条條篇封张張套盒瓶人组組项項款种種本支双雙对對打"
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
	case txAlnum(p), p == '第', p == '#':
		return true
	case p == '周' || p == '週':
		// 周3 is Wednesday; 本周0.3万 and 这周3个客户 are amounts.
		n := t.at(i + 1)
		return t.at(i) >= '1' && t.at(i) <= '7' && !txDigit(n) && n != '.' && n != ',' && cnUnitValue(n) == 0 && !t.measureWordAt(i+1)
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
		// 周三 and 星期五 are days; 本周七千五百 and 这周三个客户 are amounts.
		return !t.measureWordAt(i+1) && !cnNumeralRune(t.at(i+1))
	}
	return false
}

// clipForMessage keeps hostile input out of error messages and logs.
func clipForMessage(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// The readers the deadline scanner shares with the amount scanner.

// cnInt reads a whole Chinese numeral (十二, 一百零五, 二〇二六).
func cnInt(rs []rune) (int64, bool) {
	t := chatText{r: rs}
	n, ok := t.readCNNumber(0, nil)
	if !ok || n.end != len(rs) || n.d.e != 0 {
		return 0, false
	}
	if n.d.over || n.d.m > MaxAmount {
		return int64(MaxAmount) + 1, true
	}
	return n.d.m, true
}

// unitSuffix reports a percent sign or a currency after a number.
func (t *chatText) unitSuffix(j int) (unit string, end int, generic bool) {
	if e, ok := t.percentAt(j); ok {
		return UnitPercent, e, false
	}
	f, e, generic := t.moneySuffix(j)
	return f.code, e, generic
}

// multiplier reports a suffix that scales a number (1.5k, 2万, 3 million)
// as a power of ten.
func (t *chatText) multiplier(j int) (exp, end int) {
	switch c := t.at(j); {
	case (c == 'k' || c == 'm' || c == 'w') && !txAlnum(t.at(j+1)):
		return map[rune]int{'k': 3, 'm': 6, 'w': 4}[c], j + 1
	case cnUnitValue(c) >= 100:
		return len(strconv.FormatInt(cnUnitValue(c), 10)) - 1, j + 1
	}
	if w, e := t.enWordAt(t.spaces(j)); enScales[w] != 0 {
		return len(strconv.FormatInt(enScales[w], 10)) - 1, e
	}
	return 0, j
}
