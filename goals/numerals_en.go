package goals

import "math/big"

// English numbers in words and with scale words: five, twenty-one,
// thirty three, two hundred, seven hundred twenty-one thousand and twelve,
// 1.5 million, three thousand millions, a dozen, 30 lakh, 300 crores,
// one point five. Values are exact rationals.

var enSmall = map[string]int64{
	"zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var enTensWords = map[string]int64{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// enScales multiply what comes before them. Indian lakh and crore included.
var enScales = map[string]int64{
	"thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "bn": 1e9,
	"billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5,
	"crore": 1e7, "crores": 1e7, "cr": 1e7, "krore": 1e7, "krores": 1e7, "koti": 1e7,
}

// enWordAt is the lower-case ASCII word at i and where it ends.
func (t *chatText) enWordAt(i int) (string, int) {
	if !txLetter(t.at(i)) || txLetter(t.at(i-1)) {
		return "", i
	}
	e := i
	for e-i < 16 && txLetter(t.at(e)) {
		e++
	}
	if txAlnum(t.at(e)) {
		return "", i
	}
	return string(t.r[i:e]), e
}

// enNumberWord reports whether w starts an English number.
func enNumberWord(w string) bool {
	_, a := enSmall[w]
	_, b := enTensWords[w]
	return a || b || w == "hundred" || w == "dozen" || w == "a" || w == "an"
}

// enNumber is an English number read at some position.
type enNumber struct {
	v       *big.Rat
	end     int
	words   int  // number words read
	onlyOne bool // "one" alone: often a pronoun ("one of them")
	pairs   bool // "a pair", "five pairs": two each
}

// readENNumber reads words (and scale words after lead, ASCII digits
// already read, ending at i). ok is false when nothing was read.
func (t *chatText) readENNumber(i int, lead *big.Rat) (enNumber, bool) {
	var (
		total, cur = new(big.Rat), new(big.Rat)
		have       = lead != nil // cur holds something
		lastScale  int64
		kind       byte // what cur ends with: 'u' units, 't' tens, 'h' hundred, 's' a scale, 'd' digits
		res        enNumber
		j          = i
		end        = i
		article    bool // "a" / "an" read, waiting for hundred / thousand / dozen
	)
	if lead != nil {
		cur.Set(lead)
		kind = 'd'
	}
	for n := 0; n < 24; n++ {
		k := t.spaces(j)
		switch {
		case lead == nil && n == 0:
			k = j
		case kind == 't' && t.at(j) == '-' && txLetter(t.at(j+1)):
			k = j + 1 // twenty-one
		}
		w, e := t.enWordAt(k)
		if w == "" {
			break
		}
		if w == "and" && (kind == 'h' || kind == 's') {
			// "hundred and four", "thousand and twelve": only before a smaller number.
			k2 := t.spaces(e)
			w2, _ := t.enWordAt(k2)
			if _, ok := enSmall[w2]; !ok {
				if _, ok := enTensWords[w2]; !ok {
					break
				}
			}
			j = e
			continue
		}
		if v, ok := enSmall[w]; ok {
			if article || (have && kind != 't' && kind != 'h' && kind != 's') || (kind == 't' && v >= 10) {
				break
			}
			if kind == 's' {
				cur.SetInt64(0)
			}
			cur.Add(cur, new(big.Rat).SetInt64(v))
			have, kind = true, 'u'
			if v >= 10 {
				kind = 'v' // eleven to nineteen take no units after them
			}
			j, end = e, e
			res.words++
			continue
		}
		if v, ok := enTensWords[w]; ok {
			if article || (have && kind != 'h' && kind != 's') {
				break
			}
			if kind == 's' {
				cur.SetInt64(0)
			}
			cur.Add(cur, new(big.Rat).SetInt64(v))
			have, kind = true, 't'
			j, end = e, e
			res.words++
			continue
		}
		switch {
		case (w == "a" || w == "an") && n == 0 && lead == nil:
			article = true
			j = e
			continue
		case w == "hundred" || w == "hundreds":
			if article {
				cur.SetInt64(1)
				have, article = true, false
			}
			if !have || kind == 'h' || kind == 's' && cur.Sign() == 0 {
				break
			}
			cur.Mul(cur, big.NewRat(100, 1))
			kind = 'h'
			j, end = e, e
			res.words++
			continue
		case enScales[w] != 0:
			s := enScales[w]
			if article {
				cur.SetInt64(1)
				have, article = true, false
			}
			if !have || kind == 's' && cur.Sign() == 0 && lastScale >= s {
				break
			}
			if lastScale != 0 && s > lastScale {
				total.Add(total, cur) // three thousand millions
				total.Mul(total, new(big.Rat).SetInt64(s))
			} else {
				total.Add(total, new(big.Rat).Mul(cur, new(big.Rat).SetInt64(s)))
			}
			cur.SetInt64(0)
			lastScale, kind = s, 's'
			j, end = e, e
			res.words++
			continue
		case w == "dozen" || w == "dozens":
			if article {
				cur.SetInt64(1)
				have, article = true, false
			}
			if !have {
				break
			}
			total.Add(total, cur)
			total.Mul(total, big.NewRat(12, 1))
			cur.SetInt64(0)
			res.words++
			end = e
			n = 99 // nothing continues a dozen
			continue
		case w == "pair" || w == "pairs":
			if !have && !article {
				break
			}
			res.pairs = true
			if article { // "a pair" is the number itself; in "20 pairs of shoes" the pairs are what is counted
				cur.SetInt64(1)
				have, article = true, false
				res.words++
				end = e
			}
			n = 99
			continue
		case w == "point" && have && (kind == 'u' || kind == 'd' || kind == 'v' || kind == 't') && lastScale == 0:
			frac, k2 := t.enFraction(t.spaces(e))
			if frac == nil {
				break
			}
			cur.Add(cur, frac)
			kind = 'f'
			j, end = k2, k2
			res.words++
			continue
		}
		break
	}
	if res.words == 0 {
		if lead == nil {
			return res, false
		}
		end = i
	}
	v := new(big.Rat).Add(total, cur)
	res.v, res.end = v, end
	res.onlyOne = lead == nil && res.words == 1 && v.Cmp(big.NewRat(1, 1)) == 0 && !article
	return res, true
}

// enFraction reads the digits after "point": "five", "one three", "25".
func (t *chatText) enFraction(i int) (*big.Rat, int) {
	if txDigit(t.at(i)) {
		dg, frac, e, _ := t.readDigitRun(i)
		if frac > 0 || txAlnum(t.at(e)) {
			return nil, i
		}
		return ratDigits(dg, len(dg)), e
	}
	var dg []byte
	j, end := i, i
	for len(dg) < 20 {
		w, e := t.enWordAt(t.spaces(j))
		v, ok := enSmall[w]
		if !ok || v > 9 {
			break
		}
		dg = append(dg, byte('0'+v))
		j, end = e, e
	}
	if len(dg) == 0 {
		return nil, i
	}
	return ratDigits(string(dg), len(dg)), end
}
