package goals

// Text primitives the deadline scanner reads with, on top of chatText
// (amount.go): words, phrases, day and year numbers, Chinese numerals of
// dates (二〇二六, 十五, 廿, 卅一).

// word is the ASCII word at i ("" when there is none or it is absurdly long).
func (t *chatText) word(i int) (string, int) {
	e := i
	for txLetter(t.at(e)) {
		if e-i == 16 {
			return "", i
		}
		e++
	}
	return string(t.r[i:e]), e
}

// sep skips what may stand between two words: spaces or a hyphen.
func (t *chatText) sep(i int) int {
	k := t.spaces(i)
	if t.at(k) == '-' {
		k = t.spaces(k + 1)
	}
	return k
}

// phrase matches whole words separated by spaces or hyphens (end-of-month).
func (t *chatText) phrase(i int, words ...string) (int, bool) {
	k := i
	for n, w := range words {
		if n > 0 {
			s := t.sep(k)
			if s == k {
				return i, false
			}
			k = s
		}
		e, ok := t.litWord(k, w)
		if !ok {
			return i, false
		}
		k = e
	}
	return k, true
}

// phraseAny is phrase for the first of several word lists that matches.
func (t *chatText) phraseAny(i int, alts ...[]string) (int, bool) {
	for _, a := range alts {
		if e, ok := t.phrase(i, a...); ok {
			return e, true
		}
	}
	return i, false
}

// oneOf matches the first literal that stands at i.
func (t *chatText) oneOf(i int, lits ...string) (int, bool) {
	for _, l := range lits {
		if e, ok := t.lit(i, l); ok {
			return e, true
		}
	}
	return i, false
}

// num reads 1..maxDigits ASCII digits at i that do not run on into more digits.
func (t *chatText) num(i, maxDigits int) (int, int, bool) {
	v, k := 0, i
	for txDigit(t.at(k)) {
		if k-i == maxDigits {
			return 0, i, false
		}
		v = v*10 + int(t.at(k)-'0')
		k++
	}
	return v, k, k > i
}

// count reads a whole count: digits that are not the start of a decimal,
// or a short Chinese numeral (十二, 两, 廿, 二〇二六).
func (t *chatText) count(i, maxDigits int) (int, int, bool) {
	if txDigit(t.at(i)) {
		v, k, ok := t.num(i, maxDigits)
		if !ok || ((t.at(k) == '.' || t.at(k) == ',') && txDigit(t.at(k+1))) {
			return 0, i, false
		}
		return v, k, true
	}
	k := i
	for cnDateNumeral(t.at(k)) {
		if k-i == 4 {
			return 0, i, false
		}
		k++
	}
	if k == i {
		return 0, i, false
	}
	v, ok := cnDateInt(t.r[i:k])
	return v, k, ok
}

func cnDateDigit(c rune) (int, bool) {
	for v, x := range []rune("零一二三四五六七八九") {
		if c == x {
			return v, true
		}
	}
	switch c {
	case '〇':
		return 0, true
	case '两', '兩':
		return 2, true
	}
	return 0, false
}

func cnDateNumeral(c rune) bool {
	_, ok := cnDateDigit(c)
	return ok || c == '十' || c == '廿' || c == '卅' || c == '百'
}

// cnDateInt reads the numerals of dates and spans: digit by digit for years
// (二〇二六), or with 十/廿/卅/百 (十五, 廿三, 卅一, 一百二十).
func cnDateInt(rs []rune) (int, bool) {
	bare := len(rs) > 1
	for _, c := range rs {
		if _, ok := cnDateDigit(c); !ok {
			bare = false
		}
	}
	if bare {
		v := 0
		for _, c := range rs {
			d, _ := cnDateDigit(c)
			v = v*10 + d
		}
		return v, true
	}
	v, num, pending, afterZero := 0, 0, false, false
	for k, c := range rs {
		if d, ok := cnDateDigit(c); ok {
			if pending && !afterZero {
				return 0, false
			}
			num, pending, afterZero = d, true, d == 0
			continue
		}
		switch c {
		case '十':
			if !pending {
				if k != 0 {
					return 0, false
				}
				num = 1
			}
			v += num * 10
		case '廿', '卅':
			if pending || k != 0 {
				return 0, false
			}
			v += map[rune]int{'廿': 20, '卅': 30}[c]
		case '百':
			if !pending || k != 1 {
				return 0, false
			}
			v += num * 100
		default:
			return 0, false
		}
		num, pending, afterZero = 0, false, false
	}
	return v + num, true
}

// year reads a four-digit year.
func (t *chatText) year(i int) (int, int, bool) {
	y, k, ok := t.num(i, 4)
	if !ok || k-i != 4 || y < 1000 {
		return 0, i, false
	}
	return y, k, true
}

// ordinal skips st/nd/rd/th after a day number.
func (t *chatText) ordinal(k int) int {
	if w, e := t.word(k); w == "st" || w == "nd" || w == "rd" || w == "th" {
		return e
	}
	return k
}

// optYear reads an optional ", 2026" after a month and day.
func (t *chatText) optYear(k int) (int, int) {
	j := k
	if t.at(j) == ',' {
		j++
	}
	j = t.spaces(j)
	if y, e, ok := t.year(j); ok && t.at(e) != ':' && !txAlnum(t.at(e)) && (j > k || t.at(k) == ',') {
		return y, e
	}
	return 0, k
}

// twoDigitYear puts 74 in 1974 and 15 in 2015: the century that keeps the
// year within fifty years ahead of today.
func twoDigitYear(yy, thisYear int) int {
	y := 2000 + yy
	if y > thisYear+50 {
		y -= 100
	}
	return y
}
