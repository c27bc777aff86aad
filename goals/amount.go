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
	// (五双: 5 or 10?). A statement may use it ("at least 20 demos"); a log
	// must not (ReadLogAmount refuses it).
	Doubt string
	Alt   float64 // the other reading of a "pairs" amount
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
	case r.a.Doubt == "pairs":
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
		return Amount{}, 0, 0, Errorf(EInvalid, "amount_range", "a range, not one figure").With("amount", a.Raw)
	case "under", "above":
		return Amount{}, 0, 0, Errorf(EInvalid, "amount_bound", "a limit, not a figure").With("amount", a.Raw)
	case "pairs":
		return Amount{}, 0, 0, ambiguous(a.Value, a.Alt)
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
		if f, e, generic := t.moneySuffix(j); f.code != "" {
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
		if n.isCN && !t.measureWordAt(j) && !t.cnStandsAlone(i, j) {
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
	if n.bare && parse && (n.chars == 1 && cnUnitValue(t.at(i)) >= 1e4 || cnUnitValue(t.at(i)) == 1e4 && t.at(i+1) == '一' && j == i+2) {
		return res // 万 needs a number or a measure word; 万一 is "in case"
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
			return n, t.skipNumberish(j), nil
		}
		digits, frac, e, amb := t.readDigitRun(j)
		if amb != nil {
			n.end = e
			return n, e, amb
		}
		// A date, a time, a version or a range: 2026-12-31, 17:30, 1.2.3, 3-5, 3/15.
		if c := t.at(e); (c == '-' || c == '/' || c == ':' || c == '.') && txDigit(t.at(e+1)) {
			return n, t.skipNumberish(e), nil
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
			cn, _ := t.readCNNumber(e, v, len(digits)-frac)
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
			return number{v: en.v, end: en.end, chars: en.end - j, pairs: en.pairs}, 0, nil
		}
		if amb := t.lakhLetter(e, v); amb != nil {
			return number{end: e}, e, amb
		}
		return number{v: v, end: e, chars: e - j}, 0, nil
	case cnNumeralStart(c):
		if !parse && !introduced && t.cnBlockedBefore(j) {
			return n, t.skipCNNumeral(j), nil
		}
		cn, ok := t.readCNNumber(j, nil, 0)
		if !ok {
			return n, j + 1, nil
		}
		n = number{v: cn.v, end: cn.end, isCN: true, chars: cn.chars, onlyOne: cn.onlyOne, bare: cn.bareStart}
		t.cnAfterNumeral(&n)
		return n, 0, nil
	case c == '半' && (t.at(j+1) == '个' || t.at(j+1) == '個'):
		return number{v: big.NewRat(1, 2), end: j + 2, isCN: true, chars: 2}, 0, nil
	case txLetter(c):
		if w, e := t.enWordAt(j); (w == "a" || w == "an" || w == "one") && !txDigit(t.at(t.spaces(e))) {
			// "a dollar", "one euro": the article is the number.
			if f, k, _ := t.moneySuffix(e); f.code != "" && f.family != famCent && txLetter(rune(f.lit[0])) && !txDigit(t.at(t.spaces(k))) {
				return number{v: big.NewRat(1, 1), end: e, chars: 1}, 0, nil
			}
		}
		en, ok := t.readENNumber(j, nil)
		if !ok {
			return n, t.skipLetters(j), nil
		}
		return number{v: en.v, end: en.end, chars: en.end - j, onlyOne: en.onlyOne, pairs: en.pairs}, 0, nil
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
		if m, ok := t.readCNNumber(j+2, nil, 0); ok {
			n.v = new(big.Rat).Quo(m.v, n.v)
			n.end, n.onlyOne, n.bare = m.end, false, false
		}
	case c == '对' || c == '對' || c == '双' || c == '雙':
		n.pairs = true
	}
}

// readDigitRun reads 1,234.5 at i (a digit or a leading point): the
// digits without separators and how many follow the point. Commas group
// by threes (or the Indian 1,23,456); a comma that groups otherwise
// (1,2 or 1,23,4) is a question: 1.2 or 12?
func (t *chatText) readDigitRun(i int) (digits string, frac, end int, amb *Error) {
	var b strings.Builder
	start := i
	groups := []int{}
	n := 0
	for txDigit(t.at(i)) && n < 400 {
		b.WriteRune(t.r[i])
		i++
		n++
	}
	for txDigit(t.at(i)) { // past any sane length: skip, the value is too large anyway
		b.WriteByte('9')
		i++
	}
	groups = append(groups, n)
	for {
		sep := t.at(i)
		if (sep != ',' && sep != '_') || !txDigit(t.at(i+1)) {
			break
		}
		k := i + 1
		m := 0
		for txDigit(t.at(k)) && m < 400 {
			k++
			m++
		}
		if sep == '_' && m != 3 {
			break // "3_4": not a group
		}
		b.WriteString(string(t.r[i+1 : k]))
		groups = append(groups, m)
		i = k
	}
	if len(groups) > 1 && !standardGroups(groups) && !indianGroups(groups) {
		whole := b.String()
		first := whole[:groups[0]]
		return whole, 0, i, ambiguousText(first+"."+whole[groups[0]:], strings.TrimLeft(whole, "0"))
	}
	if t.at(i) == '.' && txDigit(t.at(i+1)) {
		i++
		for txDigit(t.at(i)) && frac < 400 {
			b.WriteRune(t.r[i])
			frac++
			i++
		}
		if t.at(i) == ',' && txDigit(t.at(i+1)) { // 1.234,5: a European point?
			return b.String(), frac, t.skipNumberish(i), ambiguousText(string(t.r[start:i])+"", strings.ReplaceAll(string(t.r[start:t.skipNumberish(i)]), ".", ""))
		}
	}
	if b.Len() == 0 {
		b.WriteByte('0')
	}
	return b.String(), frac, i, nil
}

func standardGroups(g []int) bool {
	if g[0] < 1 || g[0] > 3 {
		return false
	}
	for _, n := range g[1:] {
		if n != 3 {
			return false
		}
	}
	return true
}

// indianGroups is 1,23,456 or 12,34,56,789: twos, then a last three.
func indianGroups(g []int) bool {
	if len(g) < 3 || g[0] < 1 || g[0] > 2 || g[len(g)-1] != 3 {
		return false
	}
	for _, n := range g[1 : len(g)-1] {
		if n != 2 {
			return false
		}
	}
	return true
}

// exponentAt reads e+6, e5, E-3 after digits. k != i with ok false means
// letters that make a code (1e5x).
func (t *chatText) exponentAt(i int) (x, k int, ok bool) {
	if t.at(i) != 'e' {
		return 0, i, false
	}
	k = i + 1
	neg := false
	if c := t.at(k); c == '+' || c == '-' {
		neg = c == '-'
		k++
	}
	if !txDigit(t.at(k)) {
		if txDigit(t.at(k)) || t.at(k) == '+' || t.at(k) == '-' || txLetter(t.at(i+1)) {
			return 0, i, false // 3eggs is three eggs
		}
		return 0, i, false
	}
	s := k
	for txDigit(t.at(k)) && k-s < 6 {
		k++
	}
	if txAlnum(t.at(k)) || t.at(k) == '.' && txDigit(t.at(k+1)) {
		return 0, k, false
	}
	x, _ = strconv.Atoi(string(t.r[s:k]))
	if neg {
		x = -x
	}
	return x, k, true
}

// scaleRat is v × 10^x.
func scaleRat(v *big.Rat, x int) *big.Rat {
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(x))), nil))
	if x < 0 {
		return new(big.Rat).Quo(v, p)
	}
	return new(big.Rat).Mul(v, p)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// letterMultiplier reads a suffix letter that scales the number: 1.5k,
// 3M, 2w (万), 1bn. G is a question: giga (Duckling) or grand?
func (t *chatText) letterMultiplier(j int, v *big.Rat) (*big.Rat, int, *Error) {
	if t.at(j) == 'b' && t.at(j+1) == 'n' && !txAlnum(t.at(j+2)) {
		return scaleRat(v, 9), j + 2, nil
	}
	if txAlnum(t.at(j + 1)) {
		return v, j, nil
	}
	switch t.at(j) {
	case 'k':
		return scaleRat(v, 3), j + 1, nil
	case 'm':
		return scaleRat(v, 6), j + 1, nil
	case 'w':
		return scaleRat(v, 4), j + 1, nil
	case 'g':
		if t.src[t.off[j]] == 'G' {
			f, _ := v.Float64()
			g, _ := scaleRat(v, 9).Float64()
			return v, j + 1, ambiguousText(plainNumber(f*1000), plainNumber(g))
		}
	}
	return v, j, nil
}

// lakhLetter: "30 l" or "30L" is 30 lakh in Duckling, 30 litres elsewhere: ask.
func (t *chatText) lakhLetter(j int, v *big.Rat) *Error {
	k := t.spaces(j)
	if k-j > 1 || t.at(k) != 'l' || txAlnum(t.at(k+1)) || t.at(k+1) == '.' {
		return nil
	}
	f, _ := v.Float64()
	l, _ := scaleRat(v, 5).Float64()
	return ambiguousText(plainNumber(f), plainNumber(l))
}

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
	for _, f := range moneySymbols {
		if e, ok := t.litWord(i, f.lit); ok {
			return f, e
		}
	}
	if f, e, ok := t.codeAt(i); ok {
		return f, e
	}
	for _, f := range moneyFormsByLen {
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
		if e, ok := t.lit(k, g); ok {
			return moneyForm{lit: g, code: UnitCNY, family: famYuan}, e, true
		}
	}
	for _, f := range moneySymbols {
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
	for _, f := range moneyFormsByLen {
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
	return !isHan(p) || strings.ContainsRune("了到为為是共计計卖賣收赚賺达達花入得记記：:", p)
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
