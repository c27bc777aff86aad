package goals

import (
	"math/big"
	"strings"
)

// Chinese numerals: 十二, 一百零五, 三千五 (3500), 两万三, 1万2 (12000),
// 2萬5, 一千零十, 廿 / 卅 / 卌, 百 / 千 / 万 / 亿 alone, 千一 (1100), 萬九
// (19000), decimals (一点五, 零點七七, 一百点123), digit by digit (一七二零),
// financial numerals (壹万贰仟, 玖仟陆佰陆拾伍), and ASCII digits among them
// (100万三千, 200亿零四千230, 10.1万). Values are exact rationals.

func cnDigitValue(c rune) (int64, bool) {
	switch c {
	case '零', '〇':
		return 0, true
	case '一', '壹', '幺':
		return 1, true
	case '二', '两', '兩', '贰', '貳', '弍':
		return 2, true
	case '三', '叁', '參', '叄':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// cnUnitValue is the place a unit character stands for: 十 10 ... 亿 1e8.
func cnUnitValue(c rune) int64 {
	switch c {
	case '十', '拾':
		return 10
	case '百', '佰':
		return 100
	case '千', '仟':
		return 1000
	case '万', '萬':
		return 1e4
	case '亿', '億':
		return 1e8
	}
	return 0
}

// cnTens are the single characters for twenty, thirty, forty.
func cnTens(c rune) int64 {
	switch c {
	case '廿':
		return 20
	case '卅':
		return 30
	case '卌':
		return 40
	}
	return 0
}

func cnNumeralRune(c rune) bool {
	_, ok := cnDigitValue(c)
	return ok || cnUnitValue(c) != 0 || cnTens(c) != 0
}

func cnNumeralStart(c rune) bool { return cnNumeralRune(c) }

// cnDecimalPoint is 点 / 點 between digits.
func cnDecimalPoint(c rune) bool { return c == '点' || c == '點' }

// cnNumber is a Chinese numeral read at some position.
type cnNumber struct {
	v         *big.Rat
	d         dec  // v, when the caller needs no big.Rat
	end       int  // rune index after it
	chars     int  // how many numeral characters
	bareStart bool // starts with a unit alone (百名, 万, 千一)
	lastUnit  int64
	hasUnit   bool
	onlyOne   bool // the numeral is 一 (or 1) alone
}

// dec is a small exact decimal, m × 10^-e: numerals are read at every
// position of a text, and big.Rat arithmetic there costs too much.
// over marks a value past int64, which is far past MaxAmount.
type dec struct {
	m    int64
	e    int
	over bool
}

const decMax = 1 << 62

func decOf(v int64) dec { return dec{m: v} }

func (a dec) mulPow10(k int) dec {
	for ; k > 0 && a.e > 0; k-- {
		a.e--
	}
	for ; k > 0; k-- {
		if a.m > decMax/10 {
			a.over = true
			return a
		}
		a.m *= 10
	}
	return a
}

func (a dec) add(b dec) dec {
	if a.over || b.over {
		return dec{over: true}
	}
	for a.e < b.e {
		if a.m > decMax/10 {
			return dec{over: true}
		}
		a.m, a.e = a.m*10, a.e+1
	}
	for b.e < a.e {
		if b.m > decMax/10 {
			return dec{over: true}
		}
		b.m, b.e = b.m*10, b.e+1
	}
	if a.m > decMax-b.m {
		return dec{over: true}
	}
	return dec{m: a.m + b.m, e: a.e}
}

func (a dec) isInt() bool {
	m := a.m
	for k := 0; k < a.e; k++ {
		if m%10 != 0 {
			return false
		}
		m /= 10
	}
	return true
}

// less reports a < v for a whole v.
func (a dec) less(v int64) bool { return a.add(dec{}).cmpInt(v) < 0 }

func (a dec) cmpInt(v int64) int {
	b := decOf(v)
	for b.e < a.e {
		if b.m > decMax/10 {
			return -1
		}
		b.m, b.e = b.m*10, b.e+1
	}
	switch {
	case a.over || a.m > b.m:
		return 1
	case a.m < b.m:
		return -1
	}
	return 0
}

func (a dec) rat() *big.Rat {
	if a.over {
		return new(big.Rat).SetFloat64(1e300)
	}
	r := new(big.Rat).SetInt64(a.m)
	if a.e > 0 {
		r.Quo(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(a.e)), nil)))
	}
	return r
}

// decDigits is digits × 10^-frac, or over when it does not fit.
func decDigits(digits string, frac int) dec {
	var d dec
	for i := 0; i < len(digits); i++ {
		if d.m > decMax/10 {
			if i >= len(digits)-frac {
				break // digits past int64 precision after the point are noise
			}
			return dec{over: true}
		}
		d.m = d.m*10 + int64(digits[i]-'0')
		if i >= len(digits)-frac {
			d.e++
		}
	}
	return d
}

// readCNNumber reads a numeral at i, which may start with ASCII digits
// already read (lead, ending at i). Reading stops before anything that
// does not continue the numeral; ok is false when nothing was read. A cap
// on its length keeps hostile input linear.
func (t *chatText) readCNNumber(i int, lead *dec) (cnNumber, bool) {
	const maxChars = 40
	var (
		total, wan, section, num dec
		pending                  bool  // num holds a digit not yet placed
		numDigits                int   // digits of num (1 for a single digit: 三千五's 五)
		afterZero                bool  // a 零 since the last unit: 一千零五 is not 一千五
		prevUnit                 int64 // the unit just before num, 0 at the start
		lastSmall                int64 // the smallest 十/百/千 of this section so far
		hasFrac                  bool
		res                      = cnNumber{}
		j                        = i
	)
	if lead != nil {
		num, pending, numDigits = *lead, true, 2
		hasFrac = !lead.isInt()
		if lead.e == 0 && lead.m < 10 {
			numDigits = 1
		}
	}
	// Digit by digit, no units: 一七二零, 二〇〇二.
	if lead == nil {
		k := j
		for k-j < 16 {
			if _, ok := cnDigitValue(t.at(k)); !ok {
				break
			}
			k++
		}
		if k-j > 1 && cnUnitValue(t.at(k)) == 0 && cnTens(t.at(k)) == 0 && !cnDecimalPoint(t.at(k)) {
			var v dec
			for q := j; q < k; q++ {
				d, _ := cnDigitValue(t.r[q])
				v = v.mulPow10(1).add(decOf(d))
			}
			res.v, res.d, res.end, res.chars = v.rat(), v, k, k-j
			return res, true
		}
	}
	first := lead == nil
	for n := 0; n < maxChars; n++ {
		c := t.at(j)
		if d, ok := cnDigitValue(c); ok {
			if hasFrac {
				break
			}
			if d == 0 {
				if first {
					num, pending, numDigits = dec{}, true, 1 // 零 on its own, or 零点五
				}
				afterZero, first = true, false
				j++
				res.chars++
				continue
			}
			if pending && !(num.m == 0 && afterZero) {
				break // 一二 amid units is not a number
			}
			num, pending, numDigits, first = decOf(d), true, 1, false
			j++
			res.chars++
			continue
		}
		if txDigit(c) && !first && !pending {
			// ASCII digits after a unit: 1万600, 四千230. They must fit below it.
			dg, frac, e, _ := t.readDigitRun(j)
			if frac > 0 || len(dg) > 12 {
				break
			}
			v := decDigits(dg, 0)
			if prevUnit != 0 && lastSmall == 0 && !v.less(prevUnit) || lastSmall != 0 && !v.less(lastSmall) {
				break
			}
			num, pending, numDigits = v, true, len(dg)
			if afterZero {
				numDigits = 2 // never colloquial after 零
			}
			res.chars += e - j
			j = e
			continue
		}
		if tens := cnTens(c); tens != 0 {
			if pending || hasFrac || (lastSmall != 0 && lastSmall <= 10) {
				break
			}
			section = section.add(decOf(tens))
			lastSmall, prevUnit, afterZero, first = 10, 10, false, false
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if u := cnUnitValue(c); u >= 10 && u <= 1000 {
			if lastSmall != 0 && u >= lastSmall {
				break // 三百五百, 千十十
			}
			if !pending {
				if !first && !afterZero && u != 10 {
					break
				}
				if first && u != 10 {
					res.bareStart = true
				}
				num = decOf(1) // 十二, 百名, 千一, 一千零十, 一百十一
			}
			if hasFrac && (section.m != 0 || wan.m != 0 || total.m != 0) {
				break
			}
			section = section.add(num.mulPow10(pow10Of(u)))
			num = dec{}
			pending, hasFrac, afterZero, first = false, false, false, false
			lastSmall, prevUnit = u, u
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if u := cnUnitValue(c); u >= 1e4 {
			part := section.add(num)
			if part.m == 0 && !part.over && !(u == 1e8 && wan.m != 0) { // 1万亿
				if !first {
					break
				}
				part = decOf(1) // 万 alone; the caller checks the context
				res.bareStart = true
			}
			if u == 1e4 {
				if wan.m != 0 {
					break // 一万二万
				}
				wan = part.mulPow10(4)
			} else {
				total = total.add(wan).add(part).mulPow10(8)
				wan = dec{}
			}
			section, num = dec{}, dec{}
			pending, hasFrac, afterZero, first = false, false, false, false
			lastSmall, prevUnit = 0, u
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if cnDecimalPoint(c) && !hasFrac && (pending || section.m != 0) {
			// 一点五, 零點七七, 一百点123: digits only after the point; 三点十五 is a time.
			frac, k := t.cnFraction(j + 1)
			if k == j+1 {
				break
			}
			num = section.add(num).add(frac)
			section = dec{}
			pending, hasFrac, numDigits = true, true, 2
			res.chars += k - j
			j = k
			continue
		}
		break
	}
	if res.chars == 0 && lead == nil {
		return res, false
	}
	if pending && numDigits == 1 && !afterZero && prevUnit >= 100 && !hasFrac {
		// 三千五 is 3500, 两万三 23000, 1万2 12000, 千一 1100.
		num = num.mulPow10(pow10Of(prevUnit) - 1)
	}
	v := total.add(wan).add(section).add(num)
	res.v, res.d, res.end, res.lastUnit = v.rat(), v, j, prevUnit
	res.onlyOne = res.chars == 1 && lead == nil && v.m == 1 && v.e == 0
	return res, true
}

func pow10Of(u int64) int {
	k := 0
	for ; u >= 10; u /= 10 {
		k++
	}
	return k
}

// cnFraction reads the digits after a decimal point: Chinese (五, 七七) or
// ASCII (123). end == i when none follow, or when a unit follows (三点十五分).
func (t *chatText) cnFraction(i int) (dec, int) {
	if txDigit(t.at(i)) {
		dg, frac, e, _ := t.readDigitRun(i)
		if frac > 0 || cnUnitValue(t.at(e)) != 0 && cnUnitValue(t.at(e)) < 1e4 || len(dg) > 18 {
			return dec{}, i
		}
		return decDigits(dg, len(dg)), e
	}
	var dg []byte
	k := i
	for len(dg) < 19 {
		d, ok := cnDigitValue(t.at(k))
		if !ok {
			break
		}
		dg = append(dg, byte('0'+d))
		k++
	}
	if len(dg) == 0 || len(dg) > 18 || cnUnitValue(t.at(k)) != 0 && cnUnitValue(t.at(k)) < 1e4 || t.at(k) == '分' && len(dg) <= 2 && t.at(k+1) != '之' {
		return dec{}, i // 三点十五, 三点五分 are times of day
	}
	return decDigits(string(dg), len(dg)), k
}

// ratDigits is the decimal number digits × 10^-frac, exactly.
func ratDigits(digits string, frac int) *big.Rat {
	// Decimal-to-binary conversion is superlinear in the digit count, so a
	// 40 KB run of digits would cost seconds. No amount needs more than 40
	// significant integer digits (anything that long is refused as too
	// large) or more fractional digits than float64 can hold.
	const maxDigits = 40
	intPart := strings.TrimLeft(digits[:len(digits)-frac], "0")
	if len(intPart) > maxDigits {
		return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(maxDigits+1), nil))
	}
	if frac > maxDigits {
		digits, frac = digits[:len(digits)-frac+maxDigits], maxDigits
	}
	digits = intPart + digits[len(digits)-frac:]
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return new(big.Rat)
	}
	r := new(big.Rat).SetInt(n)
	if frac > 0 {
		r.Quo(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(frac)), nil)))
	}
	return r
}

// skipCNNumeral skips a run of numeral characters.
func (t *chatText) skipCNNumeral(i int) int {
	for cnNumeralRune(t.at(i)) {
		i++
	}
	return i
}
