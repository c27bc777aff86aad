package goals

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Amount is a number read from chat text, with the unit its notation implies.
type Amount struct {
	Value float64
	Unit  string // "" (plain), "percent", or an ISO 4217 currency code
	Raw   string // the text it was read from
	// Family is set when the text names money loosely ($, 元, ¥, "dollars",
	// "cents"): Unit is then the likeliest code, and any member fits.
	Family string
	// Doubt says the text gives a limit or a span, not one figure: "range"
	// (10到20元), "under" / "above" (至少三块, under seven euros), "pairs"
	// (五双: 5 or 10?), "lakh" (30 l: 30 litres or 30 lakh?). A statement may use it ("at least 20 demos"); a log
	// must not (ReadLogAmount refuses it).
	Doubt string
	Alt   float64 // the other reading of a "pairs" or "lakh" amount
}

// ParseAmount reads s (trimmed) as exactly one amount; anything else is an
// *Error with Code EInvalid and Reason missing_amount, bad_amount,
// negative_amount, amount_too_large or ambiguous_amount. Percentages keep
// their number (15% is Value 15, Unit "percent").
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Amount{}, Errorf(EInvalid, "missing_amount", "no amount given")
	}
	t := foldChat(s)
	r := readAmount(&t, 0, true)
	switch {
	case r.err != nil && (r.err.Reason == "ambiguous_amount" || r.end == len(t.r)):
		return Amount{}, r.err
	case !r.ok || r.end != len(t.r): // junk after a number is bad before it is large
		return Amount{}, Errorf(EInvalid, "bad_amount", "%q is not an amount", clipForMessage(s))
	case r.err != nil:
		return Amount{}, r.err
	case r.a.Doubt == "pairs" || r.a.Doubt == "lakh":
		return Amount{}, ambiguous(r.a.Value, r.a.Alt)
	}
	r.a.Raw = s
	return r.a, nil
}

// FindAmount locates the first amount in free text (Chinese has no spaces:
// "今天卖了1.2万" finds 1.2万 at its byte offsets). ok is false when there is
// none, or when the first amount-shaped token is refused (negative, too
// large, ambiguous): ScanAmount says why.
func FindAmount(s string) (a Amount, start, end int, ok bool) {
	a, start, end, err := ScanAmount(s)
	if err != nil {
		return Amount{}, 0, 0, false
	}
	return a, start, end, true
}

// ReadLogAmount is ScanAmount for a progress log: one figure or nothing.
// A range, a bound or a count of pairs is refused with a question
// (amount_range, amount_bound, ambiguous_amount): logging either end, the
// limit or one reading would store a number the user may not have meant.
func ReadLogAmount(s string) (a Amount, start, end int, err error) {
	a, start, end, err = ScanAmount(s)
	if err != nil {
		return a, start, end, err
	}
	switch a.Doubt {
	case "range":
		// Quote what the user wrote, not the first end of the range.
		return Amount{}, 0, 0, Errorf(EInvalid, "amount_range", "a range, not one figure").With("amount", clipForMessage(strings.TrimSpace(s)))
	case "under", "above":
		return Amount{}, 0, 0, Errorf(EInvalid, "amount_bound", "a limit, not a figure").With("amount", clipForMessage(strings.TrimSpace(s)))
	case "pairs", "lakh":
		return Amount{}, 0, 0, ambiguous(a.Value, a.Alt)
	}
	if d := logDoubt(s, start, end); d != nil {
		return Amount{}, 0, 0, d
	}
	return a, start, end, nil
}

func ambiguous(a, b float64) *Error {
	return Errorf(EInvalid, "ambiguous_amount", "%v or %v", a, b).With("a", plainNumber(a)).With("b", plainNumber(b))
}

func ambiguousText(a, b string) *Error {
	return Errorf(EInvalid, "ambiguous_amount", "%s or %s", a, b).With("a", a).With("b", b)
}

// plainNumber writes v as typed back to the user: 1200000, 1.2.
func plainNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// ScanAmount is FindAmount that explains a miss, so a chat reply can say
// "negative" or "too large" instead of "no amount": the error is an *Error
// with Reason missing_amount, negative_amount, amount_too_large or
// ambiguous_amount ("1,2": 1.2 or 12?).
//
// Tokens that read as dates, times, ids or codes are skipped rather than
// refused: 2026-12-31, 17:30, 1.2.3, #12, Q4, 0x10, 3 days, 12月, 第3,
// Dec 31. Chinese numerals count only before a measure word (十二个), a
// currency (三千元), or standing alone (十一, 卖了三千五); a lone 一 before a
// measure word (一个目标) is usually the article "a", so it is returned
// only when no other amount follows; "one" alike.
func ScanAmount(s string) (a Amount, start, end int, err error) {
	t := foldChat(s)
	var weak amountRead
	for i := 0; i < len(t.r); {
		c := t.r[i]
		switch {
		case c == '#': // goal ids (#12) are never amounts
			i = t.skipToken(i + 1)
			continue
		case txLetter(c) && txLetter(t.at(i-1)):
			i++ // inside a word
			continue
		case txLetter(c):
			if _, k := t.moneyPrefix(i); k == i && !t.signWordAt(i) {
				if w, _ := t.enWordAt(i); !enNumberWord(w) {
					i = t.skipAlnum(i)
					if t.at(i) == '$' { // X$5: a dollar we do not know
						i = t.skipNumberish(i + 1)
					}
					continue
				}
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
	weak       bool   // a lone 一 before a measure word, "one"
	err        *Error // amount-shaped but refused
	next       int    // when neither ok nor err: where scanning resumes (> start)
}

// number is what the number grammar read, before units and context.
type number struct {
	v       *big.Rat
	end     int
	isCN    bool // Chinese numerals (not digits alone)
	chars   int
	onlyOne bool // 一 or "one" alone
	bare    bool // a unit alone: 百, 万, 千一
	pairs   bool
	alt     *big.Rat // another reading, with doubt naming why
	doubt   string
}

// readAmount reads one amount at rune index i. parse is ParseAmount's
// whole-string mode: nothing may follow anyway, so bare Chinese numerals
// count and no context is checked.
func readAmount(t *chatText, i int, parse bool) amountRead {
	return readAmountAt(t, i, parse, true)
}

func readAmountAt(t *chatText, i int, parse, outer bool) amountRead {
	res := amountRead{start: i, next: i + 1}
	j := i
	neg, signed := false, false
	if k, ok := t.signAt(j, parse); ok {
		neg, signed, j = true, true, k
	} else if c := t.at(j); c == '+' && txDigit(t.at(j+1)) && (parse || !txAlnum(t.at(j-1))) {
		signed, j = true, j+1
	}
	pre, k := t.moneyPrefix(j)
	if pre.code != "" {
		j = t.spaces(k)
		if k2, ok := t.signAt(j, true); ok && !signed {
			neg, signed, j = true, true, k2
		}
	}
	if signed && pre.code == "" && !t.numberStartsAt(j) {
		return res
	}

	n, skip, err := t.readNumber(j, parse, pre.code != "" || signed)
	if err != nil {
		res.err, res.end = err, max(n.end, j+1)
		return res
	}
	if n.v == nil {
		res.next = max(skip, i+1)
		return res
	}
	j = n.end
	v := n.v
	unit, family := pre.code, pre.family
	if pre.code == UnitPercent {
		family = ""
	}

	// What follows: a percent sign, a currency, cents, 角 / 分.
	hadSuffix := false
	if pre.code == "" {
		if e, ok := t.percentAt(j); ok {
			unit, j, hadSuffix = UnitPercent, e, true
		}
	}
	if unit == "" || (unit != UnitPercent && pre.code != "") {
		if f, e, generic := t.moneySuffix(j); f.lit == "pound" && unit == "" {
			// "5 pounds" is a weight as well as money: a plain number that
			// fits a goal in pounds, not one in another currency.
			family = famPound
		} else if f.code != "" {
			switch {
			case unit == "":
				unit, family, j, hadSuffix = f.code, f.family, e, true
			case generic || f.code == unit:
				j = e // ¥500元, NT$300元: 元 is the generic word for a unit of money
			}
		}
	}
	if unit == "" || family == famYuan {
		// 角 / 毛 / 毫 are tenths of a yuan, 分 hundredths: 两毛, 20分, 三块五, 三块零四.
		if mv, e, ok := t.cnSubunits(j, v, unit != ""); ok {
			v, j = mv, e
			if unit == "" {
				unit, family, hadSuffix = UnitCNY, famYuan, true
			}
		}
	}
	if unit == "" && !n.isCN {
		if e, ok := t.centsAt(j); ok {
			v = new(big.Rat).Quo(v, big.NewRat(100, 1))
			unit, family, j, hadSuffix = UnitUSD, famCent, e, true
		}
	}
	if IsCurrency(unit) && pre.code == "" && hadSuffix && minorDigits(unit) == 2 && v.IsInt() {
		// 20 rupees 43, twenty dollars 43 cents, 3 GBP and one, 20 ringgit and 43c.
		if mv, e, ok := t.minorAfter(j, v); ok {
			v, j = mv, e
		}
	} else if IsCurrency(unit) && pre.code != "" && v.IsInt() {
		if mv, e, ok := t.minorAfterCents(j, v); ok { // $20 and 43c
			v, j = mv, e
		}
	}
	if IsCurrency(unit) {
		if c := t.at(j); c == '正' || c == '整' { // 伍仟元整: "exactly"
			j++
		}
	}

	if unit == "" && !parse {
		if t.timeFollows(j) || t.cnPointFollows(j) {
			res.next = t.skipAlnum(j)
			return res
		}
		if txLetter(t.at(j)) {
			k := t.skipLetters(j)
			if txDigit(t.at(k)) || t.at(k) == '_' { // 0x10, 3d4: a code, not a number
				res.next = t.skipAlnum(k)
				return res
			}
		}
		if n.isCN && !t.measureWordAt(j) && !t.cnStandsAlone(i, j) && !(strings.ContainsRune("多余餘来來几幾", t.at(j)) && t.measureWordAt(j+1)) {
			res.next = j
			return res
		}
		if n.bare && (!t.measureWordAt(j) || t.at(i) == '万' || t.at(i) == '萬' || t.at(i) == '亿' || t.at(i) == '億') && !t.cnStandsAlone(i, j) {
			res.next = j // 万一, 千万 (by all means), 百货
			return res
		}
		if !n.isCN && v.IsInt() && n.chars == 4 && v.Cmp(big.NewRat(1900, 1)) >= 0 && v.Cmp(big.NewRat(2100, 1)) <= 0 &&
			(amountYearIntro[t.prevWord(i)] || t.quarterFollows(j)) {
			res.next = j
			return res
		}
	}
	if n.bare && n.chars == 1 && cnUnitValue(t.at(i)) >= 1e4 && !t.measureWordAt(j) ||
		n.bare && parse && cnUnitValue(t.at(i)) == 1e4 && t.at(i+1) == '一' && j == i+2 {
		return res // 万 alone needs a measure word (万人); 万一 is "in case"
	}

	f, _ := v.Float64()
	res.end = j
	switch {
	case f > MaxAmount || math.IsInf(f, 0):
		res.err = Errorf(EInvalid, "amount_too_large", "amount above %g", float64(MaxAmount)).With("max", MaxAmount)
		return res
	case neg && f != 0:
		res.err = Errorf(EInvalid, "negative_amount", "amount is negative")
		return res
	}
	res.ok = true
	res.a = Amount{Value: f + 0, Unit: unit, Family: family}
	if n.pairs {
		res.a.Doubt, res.a.Alt = "pairs", 2*f
	}
	if n.alt != nil && j == n.end {
		alt, _ := n.alt.Float64()
		res.a.Doubt, res.a.Alt = n.doubt, alt
	}
	if outer {
		if d := t.doubtAround(i, j); d != "" && res.a.Doubt == "" {
			res.a.Doubt = d
		}
	}
	res.weak = !parse && unit == "" && n.onlyOne
	return res
}

// readNumber reads the number at j: digits (1,234.5, .77, 1e+6, 1.5k, 2w,
// 1万2, 3 million), Chinese numerals (三千五, 壹万贰仟, 一点五), English
// words (twenty-one, a dozen). n.v is nil when there is none; skip is then
// where scanning resumes. introduced says a sign or a currency came first,
// so the number needs no context of its own.
func (t *chatText) readNumber(j int, parse, introduced bool) (n number, skip int, err *Error) {
	c := t.at(j)
	switch {
	case txDigit(c) || (c == '.' && txDigit(t.at(j+1)) && !txAlnum(t.at(j-1)) && t.at(j-1) != '.'):
		if !parse && !introduced && t.numberBlockedBefore(j) {
			return n, t.skipCNNumeral(t.skipNumberish(j)), nil // 第3万: the 万 goes with it
		}
		digits, frac, e, amb := t.readDigitRun(j)
		if amb != nil {
			n.end = e
			return n, e, amb
		}
		if amb := t.groupingDoubt(j, e, digits, frac); amb != nil {
			return number{end: e}, e, amb
		}
		// A date, a time, a version or a range: 2026-12-31, 17:30, 1.2.3, 3-5, 3/15.
		if c := t.at(e); (c == '-' || c == '/' || c == ':' || c == '.') && txDigit(t.at(e+1)) {
			return n, t.skipNumberish(e), nil
		}
		if whole := strings.TrimLeft(digits[:len(digits)-frac], "0"); len(whole) > 20 {
			return number{end: e}, e, Errorf(EInvalid, "amount_too_large", "amount above %g", float64(MaxAmount)).With("max", MaxAmount)
		}
		if frac > 40 {
			digits, frac = digits[:len(digits)-frac+40], 40 // past any currency or count; keeps the work bounded
		}
		v := ratDigits(digits, frac)
		if x, k, ok := t.exponentAt(e); ok {
			if x > 40 {
				return number{end: k}, k, Errorf(EInvalid, "amount_too_large", "amount above %g", float64(MaxAmount)).With("max", MaxAmount)
			}
			v = scaleRat(v, x)
			return number{v: v, end: k, chars: k - j}, k, nil
		} else if k != e {
			return n, t.skipAlnum(k), nil // 1e5x, 3e: a code
		}
		if cnUnitValue(t.at(e)) != 0 {
			lead := decDigits(digits, frac)
			if lead.over {
				return number{v: v, end: e, chars: e - j}, 0, nil // too large anyway
			}
			cn, _ := t.readCNNumber(e, &lead)
			return number{v: cn.v, end: cn.end, chars: cn.end - j}, 0, nil
		}
		if t.at(e) == '半' {
			// 1半 may be a half (一半) or one and a half (一个半): ask.
			f, _ := v.Float64()
			if f == 1 {
				return number{end: e + 1}, e + 1, ambiguous(0.5, 1.5)
			}
			return number{end: e + 1}, e + 1, ambiguous(f, f+0.5)
		}
		if x, k, amb := t.letterMultiplier(e, v); amb != nil {
			return number{end: k}, k, amb
		} else if k != e {
			v, e = x, k
		}
		if en, ok := t.readENNumber(e, v); ok && en.words > 0 {
			return t.andAHalf(number{v: en.v, end: en.end, chars: en.end - j, pairs: en.pairs}), 0, nil
		} else if ok && en.pairs {
			return number{v: v, end: e, chars: e - j, pairs: true}, 0, nil // 20 pairs: 20 or 40?
		}
		if h := t.andAHalf(number{v: v, end: e}); h.end != e {
			return h, 0, nil
		}
		if t.lakhLetter(e) {
			return number{v: v, end: e, chars: e - j, alt: scaleRat(v, 5), doubt: "lakh"}, 0, nil
		}
		return number{v: v, end: e, chars: e - j}, 0, nil
	case cnNumeralStart(c):
		if txDigit(t.at(j-1)) || t.at(j-1) == '.' {
			return n, t.skipCNNumeral(j), nil // the tail of a number read (or skipped) before
		}
		if !parse && !introduced && t.cnBlockedBefore(j) {
			return n, t.skipCNNumeral(j), nil
		}
		cn, ok := t.readCNNumber(j, nil)
		if !ok {
			return n, j + 1, nil
		}
		n = number{v: cn.v, end: cn.end, isCN: true, chars: cn.chars, onlyOne: cn.onlyOne, bare: cn.bareStart}
		t.cnAfterNumeral(&n)
		return n, 0, nil
	case c == '半' && (t.at(j+1) == '个' || t.at(j+1) == '個'):
		return number{v: big.NewRat(1, 2), end: j + 2, isCN: true, chars: 2}, 0, nil
	case txLetter(c):
		if w, e := t.enWordAt(j); (w == "a" || w == "an" || w == "one") && !introduced && !txDigit(t.at(t.spaces(e))) {
			// "a dollar", "one euro": the article is the number.
			// A name only ("a dollar", "one euro"); not a code ("a PHP").
			if f, k, _ := t.moneySuffix(e); f.code != "" && f.family != famCent && txLetter(rune(f.lit[0])) && !isoSet[strings.ToUpper(f.lit)] && !txDigit(t.at(t.spaces(k))) {
				return number{v: big.NewRat(1, 1), end: e, chars: 1}, 0, nil
			}
		}
		en, ok := t.readENNumber(j, nil)
		if !ok {
			return n, t.skipLetters(j), nil
		}
		n := t.andAHalf(number{v: en.v, end: en.end, chars: en.end - j, onlyOne: en.onlyOne, pairs: en.pairs})
		return n, 0, nil
	}
	return n, j + 1, nil
}

// cnAfterNumeral reads what may close a Chinese numeral: 个半 (五個半 is
// 5.5), 半 (一半 is 0.5), 打 (a dozen), 分之 (二分之一 is 0.5), 对 / 双
// (pairs: 5 or 10?).
func (t *chatText) cnAfterNumeral(n *number) {
	j := n.end
	switch c := t.at(j); {
	case (c == '个' || c == '個') && t.at(j+1) == '半':
		n.v = new(big.Rat).Add(n.v, big.NewRat(1, 2))
		n.end = j + 2
	case c == '半' && n.onlyOne:
		n.v, n.end, n.onlyOne = big.NewRat(1, 2), j+1, false
	case c == '打' && t.at(j+1) != '了' && t.at(j+1) != '电' && t.at(j+1) != '電':
		n.v = new(big.Rat).Mul(n.v, big.NewRat(12, 1))
		n.end = j + 1
	case c == '分' && t.at(j+1) == '之' && n.v.Sign() > 0:
		if m, ok := t.readCNNumber(j+2, nil); ok {
			n.v = new(big.Rat).Quo(m.v, n.v)
			n.end, n.onlyOne, n.bare = m.end, false, false
		}
	case c == '对' || c == '對' || c == '双' || c == '雙':
		n.pairs = true
	}
}
