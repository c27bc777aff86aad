package goals_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goalbot/goalbot/goals"
)

// Property: every logged amount can be traced to digits or number words in
// the input. Two halves:
//   - numbers rendered in the forms people write (digits, grouped, 1.5k,
//     1.2万, Chinese and financial numerals, English words, with a currency
//     or a percent sign), amid words that hold no number: the log reads
//     exactly the rendered number, or refuses;
//   - arbitrary text: whenever an amount is read, the text it was read
//     from holds a digit, a Chinese numeral or an English number word.

// noise holds no digit, numeral or number word.
var (
	noiseBefore = []string{"", "log ", "today ", "今天卖了", "本周", "sold ", "收了", "got ", "記錄 ", "#x ", "note: ", "今日 "}
	noiseAfter  = []string{"", " demos", "个客户", "單", " thanks!", " by Friday", "。", " today", " 🎉", "，不错", " calls"}
)

type rendered struct {
	text  string
	value float64
	unit  string
}

func renderAmount(r *rand.Rand) rendered {
	n := r.Int64N(1_000_000_000)
	switch r.IntN(4) {
	case 0:
		n = r.Int64N(100)
	case 1:
		n = r.Int64N(10_000)
	}
	switch r.IntN(11) {
	case 0:
		return rendered{strconv.FormatInt(n, 10), float64(n), ""}
	case 1:
		return rendered{group3(strconv.FormatInt(n, 10)), float64(n), ""}
	case 2: // two decimals
		s := strconv.FormatInt(n/100, 10) + "." + pad2(n%100)
		v, _ := strconv.ParseFloat(s, 64)
		return rendered{s, v, ""}
	case 3: // 1.5k
		s := strconv.FormatInt(n/1000, 10) + "." + strconv.FormatInt(n%1000/100, 10) + "k"
		return rendered{s, float64(n/1000*1000 + n%1000/100*100), ""}
	case 4: // 1.2万
		s := strconv.FormatInt(n/10000, 10) + "." + strconv.FormatInt(n%10000/1000, 10) + "万"
		return rendered{s, float64(n/10000*10000 + n%10000/1000*1000), ""}
	case 5:
		return rendered{cnNumeral(n, false) + "个", float64(n), ""}
	case 6:
		return rendered{cnNumeral(n, true) + "元", float64(n), goals.UnitCNY}
	case 7:
		return rendered{enWords(n), float64(n), ""}
	case 8:
		cur := []struct{ pre, post, unit string }{{"$", "", "USD"}, {"¥", "", "CNY"}, {"", " EUR", "EUR"}, {"₹", "", "INR"}, {"", "元", "CNY"}, {"NT$", "", "TWD"}, {"USD ", "", "USD"}}[r.IntN(7)]
		return rendered{cur.pre + group3(strconv.FormatInt(n, 10)) + cur.post, float64(n), cur.unit}
	case 9:
		p := n % 101
		return rendered{strconv.FormatInt(p, 10) + "%", float64(p), goals.UnitPercent}
	default:
		return rendered{enWords(n) + " dollars", float64(n), "USD"}
	}
}

func TestLoggedAmountIsTheRenderedNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2026))
	refused := 0
	const runs = 20000
	for range runs {
		a := renderAmount(r)
		text := noiseBefore[r.IntN(len(noiseBefore))] + a.text + noiseAfter[r.IntN(len(noiseAfter))]
		got, _, _, err := goals.ReadLogAmount(text)
		if err != nil {
			if refused++; refused <= 5 {
				t.Logf("refused %q: %v", text, err)
			}
			continue
		}
		if math.Abs(got.Value-a.value) > 1e-9*math.Max(1, a.value) || (a.unit != "" && got.Unit != a.unit) {
			t.Fatalf("%q: read %v %q, rendered %v %q", text, got.Value, got.Unit, a.value, a.unit)
		}
	}
	// Refusing is allowed, but the rendered forms are the common ones.
	t.Logf("%d of %d refused", refused, runs)
	if refused > runs/50 {
		t.Errorf("%d of %d rendered amounts refused", refused, runs)
	}
}

// traceable reports whether s holds something a number can be read from.
func traceable(s string) bool {
	if strings.ContainsFunc(s, func(c rune) bool {
		return c >= '0' && c <= '9' || c >= '０' && c <= '９' || strings.ContainsRune(cnNumeralRunes, c)
	}) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return c < 'a' || c > 'z' }) {
		if enNumberWords[w] {
			return true
		}
	}
	return false
}

const cnNumeralRunes = "零〇一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟廿卅卌半幺弍"

var enNumberWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("a an zero nought naught one two three four five six seven eight nine ten eleven twelve " +
		"thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty " +
		"ninety hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens pair pairs " +
		"lakh lakhs lac lacs lkh lkhs crore crores cr krore krores koti mn bn") {
		m[w] = true
	}
	return m
}()

// Arbitrary text from an alphabet rich in what the scanner looks at.
func TestLoggedAmountIsTraceable(t *testing.T) {
	pieces := []string{"1", "9", "0", ".", ",", "-", "+", "e", "k", "万", "亿", "十", "百", "一", "两", "零", "点", "半", "个",
		"元", "块", "角", "分", "毛", "$", "¥", "€", "₹", "%", " ", "a", "one", "five", "dozen", "pair", "hundred", "thousand",
		"dollar", "dollars", "cents", "c", "and", "to", "到", "以上", "至少", "under", "minus", "负", "#", "/", ":", "usd", "EUR",
		"RM", "rs", "壹", "拾", "廿", "打", "双", "分之", "百分之", "x", "了", "卖", "q4", "12月", "Dec", "l", "G", "bn", "m", "w"}
	r := rand.New(rand.NewPCG(7, 12))
	for range 50000 {
		var b strings.Builder
		for n := r.IntN(8) + 1; n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkTraceable(t, b.String())
	}
}

func checkTraceable(t *testing.T, s string) {
	t.Helper()
	if a, start, end, err := goals.ScanAmount(s); err == nil {
		if !traceable(s[start:end]) {
			t.Fatalf("ScanAmount(%q) = %v %q from %q, which holds no digit or number word", s, a.Value, a.Unit, s[start:end])
		}
	}
	if a, err := goals.ParseAmount(s); err == nil && !traceable(s) {
		t.Fatalf("ParseAmount(%q) = %v, but it holds no digit or number word", s, a.Value)
	}
}

func group3(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// cnNumeral writes n the standard way: 三万四千五百零七; financial numerals
// when fin: 叁万肆仟伍佰零柒.
func cnNumeral(n int64, fin bool) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"", "十", "百", "千"}
	if fin {
		digits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
		units = []string{"", "拾", "佰", "仟"}
	}
	if n == 0 {
		return digits[0]
	}
	section := func(v int64) string {
		var b strings.Builder
		zero := false
		for p := 3; p >= 0; p-- {
			d := v / int64(math.Pow10(p)) % 10
			if d == 0 {
				zero = b.Len() > 0
				continue
			}
			if zero {
				b.WriteString(digits[0])
				zero = false
			}
			b.WriteString(digits[d] + units[p])
		}
		return b.String()
	}
	var out strings.Builder
	big := []string{"亿", "万", ""}
	parts := []int64{n / 1e8, n / 1e4 % 1e4, n % 1e4}
	started, gap := false, false
	for i, p := range parts {
		if p == 0 {
			gap = started
			continue
		}
		if started && (gap || p < 1000) {
			out.WriteString(digits[0])
		}
		out.WriteString(section(p) + big[i])
		started, gap = true, false
	}
	return out.String()
}

// enWords writes n in English words: seven hundred twenty-one thousand twelve.
func enWords(n int64) string {
	small := strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
	tens := strings.Fields("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
	under1000 := func(v int64) string {
		var w []string
		if v >= 100 {
			w = append(w, small[v/100], "hundred")
			v %= 100
		}
		switch {
		case v >= 20 && v%10 != 0:
			w = append(w, tens[v/10]+"-"+small[v%10])
		case v >= 20:
			w = append(w, tens[v/10])
		case v > 0:
			w = append(w, small[v])
		}
		return strings.Join(w, " ")
	}
	if n == 0 {
		return "zero"
	}
	var w []string
	for _, s := range []struct {
		v    int64
		name string
	}{{1e9, "billion"}, {1e6, "million"}, {1e3, "thousand"}} {
		if n >= s.v {
			w = append(w, under1000(n/s.v), s.name)
			n %= s.v
		}
	}
	if n > 0 {
		w = append(w, under1000(n))
	}
	return strings.Join(w, " ")
}

// The renderers themselves.
func TestRenderers(t *testing.T) {
	for n, want := range map[int64]string{34507: "三万四千五百零七", 10040: "一万零四十", 100000001: "一亿零一", 1200000: "一百二十万", 20: "二十"} {
		if got := cnNumeral(n, false); got != want {
			t.Errorf("cnNumeral(%d) = %s, want %s", n, got, want)
		}
	}
	if got := enWords(721012); got != "seven hundred twenty-one thousand twelve" {
		t.Errorf("enWords(721012) = %s", got)
	}
	if !utf8.ValidString(cnNumeral(987654321, true)) {
		t.Error("invalid UTF-8")
	}
}
