package goals

import (
	"math/big"
	"strconv"
	"strings"
)

// Numbers in digits: 1,234.5, the Indian 1,23,456, .77, 1e+6, and the
// letters that scale them (1.5k, 3M, 2w, 1bn).

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
			e := t.skipNumberish(i)
			european := strings.ReplaceAll(strings.ReplaceAll(string(t.r[start:e]), ".", ""), ",", ".")
			return b.String(), frac, e, ambiguousText(string(t.r[start:i]), european)
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

// lakhLetter reports "30 l" or "30L": 30 lakh in Duckling, 30 litres
// elsewhere. The amount keeps the plain reading and asks in a log.
func (t *chatText) lakhLetter(j int) bool {
	k := t.spaces(j)
	return k-j <= 1 && t.at(k) == 'l' && !txAlnum(t.at(k+1)) && t.at(k+1) != '.'
}

// groupingDoubt asks about digits read at [j, e) whose grouping another
// convention reads differently: 1.500 (1.5, or 1500 with a European
// point?) and 1 200 (1200 with a space between thousands, or 1 then 200?).
func (t *chatText) groupingDoubt(j, e int, digits string, frac int) *Error {
	raw := string(t.r[j:e])
	if strings.ContainsAny(raw, ",_") {
		return nil
	}
	whole := len(digits) - frac
	if frac == 3 && whole >= 1 && whole <= 3 && digits[0] != '0' && digits[len(digits)-1] == '0' && !(t.at(e) == '.' && txDigit(t.at(e+1))) { // 1.000.000 is a version or a date
		v := ratDigits(digits, frac)
		f, _ := v.Float64()
		return ambiguous(f, f*1000)
	}
	if frac == 0 && whole <= 3 && t.at(e) == ' ' && txDigit(t.at(e+1)) && txDigit(t.at(e+2)) && txDigit(t.at(e+3)) &&
		!txAlnum(t.at(e+4)) && !strings.ContainsRune(".,-/:", t.at(e+4)) && cnUnitValue(t.at(e+4)) == 0 {
		return ambiguousText(digits+string(t.r[e+1:e+4]), digits)
	}
	return nil
}

// andAHalf reads "and a half" after a number: 3 and a half, one and a half.
func (t *chatText) andAHalf(n number) number {
	w, e := t.enWordAt(t.spaces(n.end))
	if w != "and" {
		return n
	}
	if w, e = t.enWordAt(t.spaces(e)); w != "a" {
		return n
	}
	if w, e = t.enWordAt(t.spaces(e)); w != "half" {
		return n
	}
	n.v = new(big.Rat).Add(n.v, big.NewRat(1, 2))
	n.end, n.onlyOne = e, false
	return n
}
