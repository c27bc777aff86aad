package prompts

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Numbers are checked, not parsed for meaning: a value the model returns
// must be one the user wrote (or the offline analyser derived), and the
// rewrite may only show such values. numberTokens finds every number
// written with digits and the values it can stand for ("5万" is 5 or
// 50000, "1.5k" is 1.5 or 1500).

// multipliers after a number, longest first. ASCII ones must end a word.
var multipliers = []struct {
	s string
	f float64
}{
	{"百万", 1e6}, {"百萬", 1e6}, {"千万", 1e7}, {"千萬", 1e7}, {"十万", 1e5}, {"十萬", 1e5},
	{"亿", 1e8}, {"億", 1e8}, {"万", 1e4}, {"萬", 1e4}, {"千", 1e3},
	{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
	{"mn", 1e6}, {"bn", 1e9}, {"k", 1e3}, {"w", 1e4}, {"m", 1e6},
}

// normalizeDigits maps full-width digits and punctuation to ASCII.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '，':
			return ','
		case r == '．':
			return '.'
		case r == '％':
			return '%'
		}
		return r
	}, s)
}

// numberTokens returns, for each number in s, the values it may mean.
func numberTokens(s string) [][]float64 {
	s = normalizeDigits(s)
	var out [][]float64
	for i := 0; i < len(s); {
		c := s[i]
		if c < '0' || c > '9' || (i > 0 && s[i-1] == '.' && i > 1 && isDigit(s[i-2])) {
			i++
			continue
		}
		j := i
		var digits strings.Builder
		for j < len(s) {
			switch {
			case isDigit(s[j]):
				digits.WriteByte(s[j])
				j++
				continue
			case s[j] == ',' && isGroup(s, j+1):
				j++
				continue
			}
			break
		}
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			digits.WriteByte('.')
			j++
			for j < len(s) && isDigit(s[j]) {
				digits.WriteByte(s[j])
				j++
			}
		}
		v, err := strconv.ParseFloat(digits.String(), 64)
		if err != nil {
			i = j
			continue
		}
		vals := []float64{v}
		k := j
		if k < len(s) && s[k] == ' ' {
			k++
		}
		rest := strings.ToLower(s[k:])
		for _, m := range multipliers {
			if !strings.HasPrefix(rest, m.s) {
				continue
			}
			if m.s[0] < 0x80 {
				end := len(m.s)
				if end < len(rest) && isWordByte(rest[end]) {
					continue
				}
			}
			vals = append(vals, v*m.f)
			break
		}
		out = append(out, vals)
		i = j
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isGroup reports whether s[i:] starts with exactly three digits (a
// thousands group after a comma).
func isGroup(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return i+3 == len(s) || !isDigit(s[i+3])
}

func isWordByte(b byte) bool {
	return b >= 0x80 || unicode.IsLetter(rune(b)) || isDigit(b)
}

// approx compares amounts, tolerating float noise and rounding to cents.
func approx(a, b float64) bool {
	d := math.Abs(a - b)
	return d <= 0.005 || d <= 1e-6*math.Max(math.Abs(a), math.Abs(b))
}

// tokenIn reports whether any value of the token is in set.
func tokenIn(tok []float64, set []float64) bool {
	for _, v := range tok {
		for _, w := range set {
			if approx(v, w) {
				return true
			}
		}
	}
	return false
}

// flatten lists every value of every token.
func flatten(toks [][]float64) []float64 {
	var out []float64
	for _, t := range toks {
		out = append(out, t...)
	}
	return out
}

// grounded reports whether v is written in the statement, or follows
// from a baseline and a growth percentage written there ("grow 15% from
// 100k" → 115000).
func grounded(v float64, text string, baseline *float64) bool {
	vals := flatten(numberTokens(text))
	for _, w := range vals {
		if approx(v, w) {
			return true
		}
	}
	bases := vals
	if baseline != nil {
		bases = append(bases, *baseline)
	}
	for _, b := range bases {
		for _, p := range vals {
			if p <= 0 || p >= 1000 {
				continue
			}
			if approx(v, b*(1+p/100)) || approx(v, b*(1-p/100)) {
				return true
			}
		}
	}
	return false
}
