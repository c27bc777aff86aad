package goals

import (
	"strings"
)

// What makes an amount not one figure: a sign, a range, a limit.

// signAt reads a minus at j: -, −, 负, minus, negative (then spaces). In a
// sentence a hyphen right after a letter or digit is not a sign (3-5, e-mail).
func (t *chatText) signAt(j int, parse bool) (int, bool) {
	switch c := t.at(j); {
	case c == '-':
		if !parse && txAlnum(t.at(j-1)) {
			return j, false
		}
		k := j + 1
		if t.at(k) == ' ' && (j == 0 || t.at(j-1) == ' ' || parse) {
			k = t.spaces(k)
		}
		if t.numberStartsAt(k) || t.moneyStartsAt(k) {
			return k, true
		}
	case c == '负' || c == '負':
		k := t.spaces(j + 1)
		if t.numberStartsAt(k) {
			return k, true
		}
	case c == 'm' || c == 'n':
		if w, e := t.enWordAt(j); w == "minus" || w == "negative" {
			k := t.spaces(e)
			if k > e && (t.numberStartsAt(k) || t.moneyStartsAt(k)) {
				return k, true
			}
		}
	}
	return j, false
}

func (t *chatText) signWordAt(i int) bool {
	w, _ := t.enWordAt(i)
	return w == "minus" || w == "negative"
}

// numberStartsAt reports a digit, a leading point, a Chinese numeral or a
// number word at i.
func (t *chatText) numberStartsAt(i int) bool {
	c := t.at(i)
	switch {
	case txDigit(c), c == '.' && txDigit(t.at(i+1)), cnNumeralStart(c):
		return true
	case txLetter(c):
		w, _ := t.enWordAt(i)
		return enNumberWord(w) && w != "a" && w != "an"
	}
	return false
}

func (t *chatText) moneyStartsAt(i int) bool {
	f, _ := t.moneyPrefix(i)
	return f.code != "" && f.code != UnitPercent
}

// cnPointFollows is 点 / 點 right after a number that did not make a
// decimal: 三点 is three o'clock, 零点点 nothing.
func (t *chatText) cnPointFollows(j int) bool { return cnDecimalPoint(t.at(j)) }

// cnStandsAlone reports a Chinese numeral with no Han character glued
// after it, and none before it but a verb ending (卖了三千五, 十一).
func (t *chatText) cnStandsAlone(i, j int) bool {
	if isHan(t.at(j)) {
		return false
	}
	p := t.at(i - 1)
	return !isHan(p) || strings.ContainsRune("了到为為是共计計卖賣收赚賺达達花入得记記：:周週月天日", p) // 本周七千五, 今天三千五
}

// doubtAround says whether the amount at [i, j) is one end of a range or
// a limit: "from 10 to 20", "10到20元", "$10-$20", "under seven euros",
// "至少三块", "1.2元以下", "10+", "十多个".
func (t *chatText) doubtAround(i, j int) string {
	// After: a range connector and another amount.
	k := t.spaces(j)
	conn := k
	switch c := t.at(k); {
	case c == '-' || c == '–' || c == '—' || c == '~' || c == '～' || c == '到' || c == '至':
		conn = k + 1
	default:
		if w, e := t.enWordAt(k); w == "to" || w == "and" && (t.prevWordIs(i, "between") || t.prevWordIs(i, "from")) {
			conn = e
		}
	}
	if conn > k {
		if r := readAmountAt(t, t.spaces(conn), true, false); r.ok || r.err != nil {
			return "range"
		}
	}
	if t.prevWordIs(i, "between") {
		return "range"
	}
	for _, w := range []string{"以下", "以内", "以內", "之内", "之內", "以上", "多", "余", "餘", "几", "幾", "来", "來", "+"} {
		if _, ok := t.lit(j, w); ok {
			if w == "以下" || w == "以内" || w == "以內" || w == "之内" || w == "之內" {
				return "under"
			}
			return "above"
		}
	}
	if w, e := t.enWordAt(k); w == "or" {
		if w2, _ := t.enWordAt(t.spaces(e)); w2 == "more" || w2 == "less" || w2 == "fewer" || w2 == "above" || w2 == "below" || w2 == "over" || w2 == "under" {
			return "above"
		}
	}
	// Before.
	switch {
	case t.prevWordIs(i, "under", "below", "most", "max", "maximum", "upto"):
		return "under"
	case t.prevWordIs(i, "over", "above", "least", "min", "minimum", "than", "exceeding"):
		return "above"
	case t.prevWordIs(i, "to"):
		s, _ := t.prevWordSpan(i)
		if t.prevWordIs(s, "up") {
			return "under"
		}
	}
	p := i
	for n := 0; n < 8 && t.at(p-1) == ' '; n++ {
		p--
	}
	for _, w := range []string{"最多", "至多", "不到", "不足", "不超过", "不超過", "少于", "少於", "低于", "低於", "小于", "小於", "最高"} {
		if _, ok := t.lit(p-len([]rune(w)), w); ok {
			return "under"
		}
	}
	for _, w := range []string{"至少", "最少", "起码", "起碼", "超过", "超過", "多于", "多於", "高于", "高於", "大于", "大於", "不少于", "不少於", "最低"} {
		if _, ok := t.lit(p-len([]rune(w)), w); ok {
			return "above"
		}
	}
	return ""
}
