package goals

import (
	"math/big"
	"strconv"
	"strings"
)

// Reading money around a number: symbols, codes and names before or after
// it, cents, and the Chinese 角 / 毛 / 分.

// percentAt reads %, percent, pct after a number.
func (t *chatText) percentAt(j int) (int, bool) {
	k := t.spaces(j)
	for _, w := range []string{"%", "percent", "per cent", "pct"} {
		if e, ok := t.litWord(k, w); ok {
			return e, true
		}
	}
	return j, false
}

// moneyPrefix reads a currency written before the number: a symbol
// (US$, ₹, RM), a code (EUR 20, CAD3.03), a name of more than one word
// (malaysian ringgit 42), a Chinese name (人民币3.14), or 百分之 (percent).
func (t *chatText) moneyPrefix(i int) (moneyForm, int) {
	if e, ok := t.lit(i, "百分之"); ok {
		return moneyForm{code: UnitPercent}, e
	}
	if txLetter(t.at(i - 1)) {
		return moneyForm{}, i
	}
	for _, f := range moneySymbolsByRune[t.at(i)] {
		if e, ok := t.litWord(i, f.lit); ok {
			return f, e
		}
	}
	if f, e, ok := t.codeAt(i); ok && !wordCodes[f.code] {
		return f, e
	}
	for _, f := range moneyNamesByRune[t.at(i)] {
		if !strings.Contains(f.lit, " ") && txLetter(rune(f.lit[0])) {
			continue // "won 3 deals": one English word before a number is not money
		}
		if e, ok := t.nameAt(i, f.lit); ok {
			return f, e
		}
	}
	return moneyForm{}, i
}

// moneySuffix reads a currency written after the number: 元 / 块 (generic
// is true), a symbol (20€, 10$), a code (42MYR, 20 USD), a name (20 euros,
// 42 lebanese pounds, 42 egyptianpound, 七蚊), a Chinese name (3.14港幣).
func (t *chatText) moneySuffix(j int) (f moneyForm, end int, generic bool) {
	k := t.spaces(j)
	for _, g := range yuanWords {
		if c := t.at(k); !isHan(c) {
			break
		}
		if e, ok := t.lit(k, g); ok {
			return moneyForm{lit: g, code: UnitCNY, family: famYuan}, e, true
		}
	}
	for _, f := range moneySymbolsByRune[t.at(k)] {
		if f.lit == "rs" || f.lit == "rm" || f.lit == "rmb" || f.lit == "ntd" {
			if e, ok := t.litWord(k, f.lit); ok {
				return f, e, false
			}
			continue
		}
		if e, ok := t.lit(k, f.lit); ok && !txLetter(t.at(e)) {
			return f, e, false
		}
	}
	if f, e, ok := t.codeAt(k); ok {
		return f, e, false
	}
	for _, f := range moneyNamesByRune[t.at(k)] {
		if e, ok := t.nameAt(k, f.lit); ok {
			return f, e, false
		}
	}
	return moneyForm{}, j, false
}

// codeAt reads an ISO 4217 code at i as a whole word (digits may follow:
// CAD3.03). Codes that are English words must be written in capitals.
func (t *chatText) codeAt(i int) (moneyForm, int, bool) {
	if !txLetter(t.at(i)) || !txLetter(t.at(i+1)) || !txLetter(t.at(i+2)) || txLetter(t.at(i+3)) || txLetter(t.at(i-1)) {
		return moneyForm{}, i, false
	}
	low := string(t.r[i : i+3])
	up := strings.ToUpper(low)
	if !isoSet[up] {
		return moneyForm{}, i, false
	}
	if !lowerCodes[low] && t.src[t.off[i]:t.off[i+3]] != up {
		return moneyForm{}, i, false
	}
	return moneyForm{lit: low, code: up}, i + 3, true
}

// nameAt matches a currency name at i: its words may be run together or
// spaced, and an English name may take a plural s.
func (t *chatText) nameAt(i int, name string) (int, bool) {
	k := i
	for _, c := range name {
		if c == ' ' {
			for n := 0; n < 3 && t.at(k) == ' '; n++ {
				k++
			}
			continue
		}
		if t.at(k) != c {
			return i, false
		}
		k++
	}
	if !txLetter(rune(name[0])) {
		return k, true
	}
	if t.at(k) == 's' {
		k++
	}
	if txLetter(t.at(k)) {
		return i, false
	}
	return k, true
}

// centsAt reads a cents word after a number: 10¢, 10 c, 43c, ten pennies.
func (t *chatText) centsAt(j int) (int, bool) {
	k := t.spaces(j)
	for _, w := range centWords {
		if e, ok := t.litWord(k, w); ok && !(w == "c" && t.at(e) == '.') {
			return e, true
		}
	}
	return j, false
}

// minorAfter reads the cents after a whole amount named in words or a
// code: "20 rupees 43", "twenty dollars 43 cents", "3 GBP and one", "20
// ringgit and 43c". The cents stand at the end, or before a cents word.
func (t *chatText) minorAfter(j int, major *big.Rat) (*big.Rat, int, bool) {
	k := t.spaces(j)
	if w, e := t.enWordAt(k); w == "and" {
		k = t.spaces(e)
	}
	if k == j {
		return major, j, false
	}
	m, e, ok := t.smallWhole(k)
	if !ok {
		return major, j, false
	}
	if c, ok := t.centsAt(e); ok {
		e = c
	} else if k2 := t.spaces(e); k2 < len(t.r) && (txAlnum(t.at(k2)) || cnNumeralRune(t.at(k2)) || t.at(k2) > 0x2E80) {
		return major, j, false // "20 dollars 5 calls": 5 counts something else
	}
	return new(big.Rat).Add(major, big.NewRat(m, 100)), e, true
}

// minorAfterCents is minorAfter for an amount with a symbol: the cents
// need their word ($20 and 43c).
func (t *chatText) minorAfterCents(j int, major *big.Rat) (*big.Rat, int, bool) {
	k := t.spaces(j)
	if w, e := t.enWordAt(k); w == "and" {
		k = t.spaces(e)
	}
	m, e, ok := t.smallWhole(k)
	if !ok || k == j {
		return major, j, false
	}
	c, ok := t.centsAt(e)
	if !ok {
		return major, j, false
	}
	return new(big.Rat).Add(major, big.NewRat(m, 100)), c, true
}

// smallWhole reads a whole number from 1 to 99 in digits or words.
func (t *chatText) smallWhole(k int) (int64, int, bool) {
	if txDigit(t.at(k)) {
		e := k
		for txDigit(t.at(e)) && e-k < 3 {
			e++
		}
		if e-k > 2 || t.at(e) == '.' || t.at(e) == ',' {
			return 0, k, false
		}
		v, _ := strconv.Atoi(string(t.r[k:e]))
		return int64(v), e, v >= 1 && v <= 99
	}
	en, ok := t.readENNumber(k, nil)
	if !ok || !en.v.IsInt() || en.pairs {
		return 0, k, false
	}
	v := en.v.Num().Int64()
	return v, en.end, v >= 1 && v <= 99
}

// cnSubunits reads 角 / 毛 / 毫 and 分 after a number, and what a yuan
// amount leaves unsaid: 三块五 (3.5), 三块零四 (3.04), 两毛五 (0.25), 五元六角.
// afterYuan says v is already in yuan.
func (t *chatText) cnSubunits(j int, v *big.Rat, afterYuan bool) (*big.Rat, int, bool) {
	tenth := func(c rune) bool { return c == '角' || c == '毛' || c == '毫' }
	cent := func(k int) bool {
		c, n := t.at(k), t.at(k+1)
		return c == '分' && n != '钟' && n != '鐘' && n != '之' && n != '数' && n != '數' && n != '享' && n != '析' && n != '别' && n != '別'
	}
	if !afterYuan {
		switch {
		case tenth(t.at(j)):
			out := new(big.Rat).Quo(v, big.NewRat(10, 1))
			e := j + 1
			if d, k, ok := t.oneDigit(e); ok { // 两毛五
				out.Add(out, big.NewRat(d, 100))
				e = k
				if cent(e) {
					e++
				}
			}
			return out, e, true
		case cent(j):
			return new(big.Rat).Quo(v, big.NewRat(100, 1)), j + 1, true
		}
		return v, j, false
	}
	out := new(big.Rat).Set(v)
	e := j
	read := false
	if t.at(e) == '零' || t.at(e) == '〇' {
		if d, k, ok := t.oneDigit(e + 1); ok && !tenth(t.at(k)) { // 三块零四
			if cent(k) {
				k++
			}
			return out.Add(out, big.NewRat(d, 100)), k, true
		}
	}
	if c := t.at(e); txDigit(c) && txDigit(t.at(e+1)) && !txDigit(t.at(e+2)) && t.at(e+2) != '.' && !t.measureWordAt(e+2) && cnUnitValue(t.at(e+2)) == 0 {
		// 5块50: the cents in two digits.
		k := e + 2
		if cent(k) {
			k++
		}
		return out.Add(out, big.NewRat(int64(c-'0')*10+int64(t.at(e+1)-'0'), 100)), k, true
	}
	if cnNumeralStart(t.at(e)) && cnUnitValue(t.at(e)) == 0 {
		// 三块五十: the cents as a number below a hundred.
		if m, ok := t.readCNNumber(e, nil); ok && m.hasUnit && m.d.e == 0 && m.d.m < 100 && !isHan(t.at(m.end)) || ok && cent(m.end) && m.d.m < 100 {
			k := m.end
			if cent(k) {
				k++
			}
			return out.Add(out, big.NewRat(m.d.m, 100)), k, true
		}
	}
	if d, k, ok := t.oneDigit(e); ok {
		switch {
		case tenth(t.at(k)):
			out.Add(out, big.NewRat(d, 10))
			e, read = k+1, true
			if d2, k2, ok := t.oneDigit(e); ok {
				out.Add(out, big.NewRat(d2, 100))
				e = k2
				if cent(e) {
					e++
				}
			}
		case cent(k):
			out.Add(out, big.NewRat(d, 100))
			e, read = k+1, true
		case !t.measureWordAt(k) && !cnNumeralRune(t.at(k)) && !txDigit(t.at(k)):
			out.Add(out, big.NewRat(d, 10)) // 三块五, 一块二
			e, read = k, true
		}
	}
	return out, e, read
}

// oneDigit reads one digit, Chinese or ASCII, that no other digit follows.
func (t *chatText) oneDigit(k int) (int64, int, bool) {
	c := t.at(k)
	if txDigit(c) && !txDigit(t.at(k+1)) && t.at(k+1) != '.' {
		return int64(c - '0'), k + 1, true
	}
	if d, ok := cnDigitValue(c); ok && d > 0 && !cnNumeralRune(t.at(k+1)) {
		return d, k + 1, true
	}
	return 0, k, false
}
