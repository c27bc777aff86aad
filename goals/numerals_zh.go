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
	end       int  // rune index after it
	chars     int  // how many numeral characters
	bareStart bool // starts with a unit alone (百名, 万, 千一)
	lastUnit  int64
	hasUnit   bool
	onlyOne   bool // the numeral is 一 (or 1) alone
}

// readCNNumber reads a numeral at i, which may start with ASCII digits
// (first, already read as lead ending at i). Reading stops before
// anything that does not continue the numeral; ok is false when nothing
// was read. A cap on its length keeps hostile input linear.
func (t *chatText) readCNNumber(i int, lead *big.Rat, leadDigits int) (cnNumber, bool) {
	const maxChars = 40
	var (
		total, wan, section = new(big.Rat), new(big.Rat), new(big.Rat)
		num                 = new(big.Rat)
		pending             bool  // num holds a digit not yet placed
		numDigits           int   // digits of num (1 for a single digit: 三千五's 五)
		afterZero           bool  // a 零 since the last unit: 一千零五 is not 一千五
		prevUnit            int64 // the unit just before num, 0 at the start
		lastSmall           int64 // the smallest 十/百/千 of this section so far
		hasFrac             bool
		res                 = cnNumber{}
		j                   = i
	)
	if lead != nil {
		num.Set(lead)
		pending, numDigits = true, leadDigits
		hasFrac = !lead.IsInt()
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
			v := new(big.Int)
			for q := j; q < k; q++ {
				d, _ := cnDigitValue(t.r[q])
				v.Mul(v, big.NewInt(10)).Add(v, big.NewInt(d))
			}
			res.v, res.end, res.chars = new(big.Rat).SetInt(v), k, k-j
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
					num.SetInt64(0) // 零 on its own, or 零点五
					pending, numDigits = true, 1
				}
				afterZero, first = true, false
				j++
				res.chars++
				continue
			}
			if pending && !(num.Sign() == 0 && afterZero) {
				break // 一二 amid units is not a number
			}
			num.SetInt64(d)
			pending, numDigits, first = true, 1, false
			j++
			res.chars++
			continue
		}
		if txDigit(c) && !first && !pending {
			// ASCII digits after a unit: 1万600, 四千230. They must fit below it.
			dg, frac, e, _ := t.readDigitRun(j)
			if frac > 0 {
				break
			}
			v := ratDigits(dg, 0)
			if prevUnit != 0 && lastSmall == 0 && v.Cmp(new(big.Rat).SetInt64(prevUnit)) >= 0 {
				break
			}
			if lastSmall != 0 && v.Cmp(new(big.Rat).SetInt64(lastSmall)) >= 0 {
				break
			}
			num.Set(v)
			pending, numDigits = true, len(dg)
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
			section.Add(section, new(big.Rat).SetInt64(tens))
			lastSmall, prevUnit, afterZero, first = 10, 10, false, false
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if u := cnUnitValue(c); u >= 10 && u <= 1000 {
			if !pending {
				if !first && !afterZero && u != 10 {
					break
				}
				if first && u != 10 {
					res.bareStart = true
				}
				num.SetInt64(1) // 十二, 百名, 千一, 一千零十, 一百十一
			}
			if hasFrac && (section.Sign() != 0 || wan.Sign() != 0 || total.Sign() != 0) {
				break
			}
			if lastSmall != 0 && u >= lastSmall {
				break // 三百五百
			}
			section.Add(section, new(big.Rat).Mul(num, new(big.Rat).SetInt64(u)))
			num.SetInt64(0)
			pending, hasFrac, afterZero, first = false, false, false, false
			lastSmall, prevUnit = u, u
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if u := cnUnitValue(c); u >= 1e4 {
			part := new(big.Rat).Add(section, num)
			if part.Sign() == 0 && !(u == 1e8 && wan.Sign() != 0) { // 1万亿
				if !first {
					break
				}
				part.SetInt64(1) // 万 alone; the caller checks the context
				res.bareStart = true
			}
			if u == 1e4 {
				if wan.Sign() != 0 {
					break // 一万二万
				}
				wan.Mul(part, new(big.Rat).SetInt64(u))
			} else {
				total.Add(total, wan)
				total.Add(total, part)
				total.Mul(total, new(big.Rat).SetInt64(u))
				wan.SetInt64(0)
			}
			section.SetInt64(0)
			num.SetInt64(0)
			pending, hasFrac, afterZero, first = false, false, false, false
			lastSmall, prevUnit = 0, u
			res.hasUnit = true
			j++
			res.chars++
			continue
		}
		if cnDecimalPoint(c) && !hasFrac && (pending || section.Sign() != 0) {
			// 一点五, 零點七七, 一百点123: digits only after the point; 三点十五 is a time.
			frac, k := t.cnFraction(j + 1)
			if frac == nil {
				break
			}
			cur := new(big.Rat).Add(section, num)
			num.Add(cur, frac)
			section.SetInt64(0)
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
		num.Mul(num, new(big.Rat).SetInt64(prevUnit/10))
	}
	v := new(big.Rat).Add(total, wan)
	v.Add(v, section)
	v.Add(v, num)
	res.v, res.end, res.lastUnit = v, j, prevUnit
	res.onlyOne = res.chars == 1 && lead == nil && v.Cmp(big.NewRat(1, 1)) == 0
	return res, true
}

// cnFraction reads the digits after a decimal point: Chinese (五, 七七) or
// ASCII (123). nil when none follow, or when a unit follows (三点十五分).
func (t *chatText) cnFraction(i int) (*big.Rat, int) {
	if txDigit(t.at(i)) {
		dg, frac, e, _ := t.readDigitRun(i)
		if frac > 0 || cnUnitValue(t.at(e)) != 0 {
			return nil, i
		}
		return ratDigits(dg, len(dg)), e
	}
	var dg []byte
	k := i
	for len(dg) < 40 {
		d, ok := cnDigitValue(t.at(k))
		if !ok {
			break
		}
		dg = append(dg, byte('0'+d))
		k++
	}
	if len(dg) == 0 || cnUnitValue(t.at(k)) != 0 && cnUnitValue(t.at(k)) < 1e4 || t.at(k) == '分' && len(dg) <= 2 && t.at(k+1) != '之' {
		return nil, i // 三点十五, 三点五分 are times of day
	}
	return ratDigits(string(dg), len(dg)), k
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
