package i18n

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// tags are the CLDR languages of Langs, in catalog order.
var tags = [3]language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese}

// Forms are a counted message's CLDR plural forms. Chinese has only Other;
// English uses One for exactly "1" (not "1.0" or "0.5").
type Forms struct{ One, Other string }

// N returns the counted message key in lang for count, in the form CLDR's
// plural rules choose ("1 working day", "2 working days", "1 个工作日"),
// with {n} the count as Number writes it and the other placeholders from
// args as in T. A missing key shows itself.
func N(lang, key string, count float64, args ...any) string {
	m, ok := plurals[key]
	if !ok {
		return key
	}
	f := m[index(lang)]
	if f.Other == "" {
		f = m[0]
	}
	n := Number(count, 2)
	s := f.Other
	if f.One != "" && PluralForm(lang, n) == plural.One {
		s = f.One
	}
	return fill(s, append([]any{"n", n}, args...))
}

// PluralForm is the CLDR cardinal plural category of the number written as
// n ("1", "1.5", "1,200") in lang.
func PluralForm(lang, n string) plural.Form {
	n = strings.ReplaceAll(n, ",", "")
	intPart, frac, _ := strings.Cut(n, ".")
	i, err := strconv.Atoi(intPart)
	if err != nil {
		return plural.Other
	}
	v := len(frac)
	trimmed := strings.TrimRight(frac, "0")
	f, _ := strconv.Atoi("0" + frac)
	t, _ := strconv.Atoi("0" + trimmed)
	return plural.Cardinal.MatchPlural(tags[index(lang)], i%10000000, v, len(trimmed), f, t)
}

// printers format numbers with CLDR digits and grouping. A message.Printer
// keeps state while formatting, so each call borrows one.
var printers = sync.Pool{New: func() any { return message.NewPrinter(language.English) }}

// Number writes v with grouped thousands and at most maxFrac decimals,
// without trailing zeros: "1,234.5", "20". Chinese uses the same digits and
// grouping, so one form serves every language.
func Number(v float64, maxFrac int) string {
	return format(v, 0, maxFrac)
}

// Money writes an amount of money: whole amounts without cents ("1,200"),
// others with both digits of them ("1,200.50").
func Money(v float64) string {
	cents := math.Round(v * 100)
	if math.Mod(cents, 100) == 0 {
		return format(v, 0, 0)
	}
	return format(v, 2, 2)
}

func format(v float64, minFrac, maxFrac int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	p := math.Pow(10, float64(maxFrac))
	v = math.Round(v*p) / p // half away from zero, as people round
	if v == 0 {
		v = 0 // no "-0"
	}
	if math.Abs(v) < 1000 {
		// No grouping below a thousand: the digits CLDR writes are Go's own,
		// and replies and digests format many such numbers.
		if minFrac > 0 {
			return strconv.FormatFloat(v, 'f', minFrac, 64)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	pr := printers.Get().(*message.Printer)
	defer printers.Put(pr)
	return pr.Sprint(number.Decimal(v, number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)))
}

// plurals are the counted messages, en, zh-CN, zh-TW.
var plurals = map[string][3]Forms{
	"n_working_days": {{"{n} working day", "{n} working days"}, {"", "{n} 个工作日"}, {"", "{n} 個工作天"}},
	"n_members":      {{"{n} member", "{n} members"}, {"", "{n} 位成员"}, {"", "{n} 位成員"}},
	"n_active_goals": {{"{n} active goal", "{n} active goals"}, {"", "{n} 个进行中的目标"}, {"", "{n} 個進行中的目標"}},
	"n_goals":        {{"{n} goal", "{n} goals"}, {"", "{n} 个目标"}, {"", "{n} 個目標"}},
	"n_logs":         {{"{n} log", "{n} logs"}, {"", "{n} 条记录"}, {"", "{n} 筆記錄"}},
	"n_days":         {{"{n} day", "{n} days"}, {"", "{n} 天"}, {"", "{n} 天"}},
	"n_weeks":        {{"{n} week", "{n} weeks"}, {"", "{n} 周"}, {"", "{n} 週"}},
	"n_months":       {{"{n} month", "{n} months"}, {"", "{n} 个月"}, {"", "{n} 個月"}},
	"n_quarters":     {{"{n} quarter", "{n} quarters"}, {"", "{n} 个季度"}, {"", "{n} 季"}},
	"n_units":        {{"{n} unit", "{n} units"}, {"", "{n} 件"}, {"", "{n} 件"}},
	"amount_days":    {{"{n} day", "{n} days"}, {"", "{n}天"}, {"", "{n}天"}},
}

// HasPlural reports whether key is a counted message.
func HasPlural(key string) bool { _, ok := plurals[key]; return ok }

// PluralKeys lists the counted messages' keys (for completeness tests).
func PluralKeys() []string {
	ks := make([]string, 0, len(plurals))
	for k := range plurals {
		ks = append(ks, k)
	}
	return ks
}

// PluralEntry returns the forms of key in en, zh-CN, zh-TW.
func PluralEntry(key string) [3]Forms { return plurals[key] }
