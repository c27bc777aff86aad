package goals

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A log stores one number the user wrote. The reader takes the longest
// amount it can parse; when a number word or numeral it could not join
// stands right beside that amount ("seven fifty", "two and a half
// thousand", "half a million", "1'000"), or a connector makes it one end of
// a span ("five or six hundred", "五到八千"), the figure stored would be a
// guess, so the log asks instead. Words of money going out ("refund 500",
// 退款500) are a negative, which a progress log cannot be.

var enNumberWords = setOf(`zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
	sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
	thousands million millions billion billions k m bn half quarter dozen dozens lakh lakhs crore crores grand`)

// spanWords join two numbers into a range.
var spanWords = setOf(`or to through thru and/or`)

const cnNumeralRunes = "零〇一二三四五六七八九十百千万萬亿億两兩半壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅"

// cnScaleRunes are the numerals the reader joins or refuses on its own.
const cnScaleRunes = "十百千万萬亿億拾佰仟"

// cnSpanRunes join two numbers into a range: 五到八千, 五至八千, 五或六百.
const cnSpanRunes = "到至或~～-－—"

// refundWords mark money going out: a log of it would add, not subtract.
var refundWords = []string{"refund", "refunded", "refunds", "chargeback", "chargebacks", "lost",
	"退款", "退货", "退貨", "退单", "退單", "少了", "亏了", "虧了", "亏损", "虧損", "损失", "損失"}

// logDoubt is why the amount at s[start:end] cannot be logged as read, or nil.
func logDoubt(s string, start, end int) *Error {
	low := strings.ToLower(s)
	for _, w := range refundWords {
		for from := 0; ; {
			i, ok := findPhrase(low, w, from)
			if !ok {
				break
			}
			// 退货率 / refund rate is a metric, not money going out.
			if rest := strings.TrimLeft(low[i+len(w):], " "); !strings.HasPrefix(rest, "率") && !strings.HasPrefix(rest, "rate") {
				return Errorf(EInvalid, "negative_amount", "%q takes money away", w)
			}
			from = i + len(w)
		}
	}
	before, after := strings.TrimRight(s[:start], " \t"), strings.TrimLeft(s[end:], " \t")
	quote := clipForMessage(strings.TrimSpace(s))
	unsure := func() *Error {
		return Errorf(EInvalid, "unsure_amount", "a number beside the amount").With("amount", quote)
	}
	span := func() *Error {
		return Errorf(EInvalid, "amount_range", "a range, not one figure").With("amount", quote)
	}
	// Right after the amount.
	if r, _ := utf8.DecodeRuneInString(after); r == '\'' || r == '’' {
		if r2, _ := utf8.DecodeRuneInString(after[utf8.RuneLen(r):]); unicode.IsDigit(r2) {
			return unsure() // 1'000
		}
	}
	if w := firstWord(after); enNumberWords[w] {
		return unsure()
	} else if spanWords[w] {
		if rest := strings.TrimLeft(after[len(w):], " \t"); startsWithNumber(rest) {
			return span()
		}
	}
	// A numeral touching the amount, not a scale word the reader already
	// weighed (1200 万达广场, 0.0万).
	if r, _ := utf8.DecodeRuneInString(s[end:]); strings.ContainsRune(cnNumeralRunes, r) && !strings.ContainsRune(cnScaleRunes, r) {
		return unsure()
	} else if strings.ContainsRune(cnSpanRunes, r) && r != '-' {
		if rest := strings.TrimLeft(after[utf8.RuneLen(r):], " \t"); startsWithNumber(rest) {
			return span()
		}
	}
	// Right before it.
	if w := lastWord(before); enNumberWords[w] {
		return unsure() // half a million
	} else if spanWords[w] {
		if startsWithNumberBackward(strings.TrimRight(before[:len(before)-len(w)], " \t")) {
			return span()
		}
	}
	if r, n := utf8.DecodeLastRuneInString(before); strings.ContainsRune(cnSpanRunes, r) && r != '-' {
		if startsWithNumberBackward(strings.TrimRight(before[:len(before)-n], " \t")) {
			return span() // 五到八千
		}
	} else if r, _ := utf8.DecodeLastRuneInString(s[:start]); strings.ContainsRune(cnNumeralRunes, r) && !strings.ContainsRune(cnScaleRunes+"半", r) {
		return unsure()
	}
	return nil
}

// firstWord is the lower-cased ASCII word at the start of s.
func firstWord(s string) string {
	i := 0
	for i < len(s) && (isASCIIAlpha(s[i]) || s[i] == '/') {
		i++
	}
	return strings.ToLower(s[:i])
}

// lastWord is the lower-cased ASCII word at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 && isASCIIAlpha(s[i-1]) {
		i--
	}
	return strings.ToLower(s[i:])
}

func startsWithNumber(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r) || strings.ContainsRune(cnNumeralRunes, r) || enNumberWords[firstWord(s)] || strings.ContainsRune("$¥€£₹", r)
}

func startsWithNumberBackward(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r) || strings.ContainsRune(cnNumeralRunes, r) || enNumberWords[lastWord(s)]
}
