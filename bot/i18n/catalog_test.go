package i18n_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// scriptOnly lists the characters of s that only script lang writes
// (zh-CN: Simplified-only, zh-TW: Traditional-only).
func scriptOnly(s, lang string) string {
	var out []rune
	for _, r := range s {
		if goals.ChineseScript(string(r)) == lang {
			out = append(out, r)
		}
	}
	return string(out)
}

// Every sentence exists in the three languages, and each Chinese one is in
// its own script: a zh-TW reader never gets a Simplified character
// (已更新目标, 进行中的目标, 记到哪个目标), nor a zh-CN reader a Traditional one.
func TestCatalogScripts(t *testing.T) {
	for _, k := range i18n.Keys() {
		e := i18n.Entry(k)
		for i, l := range i18n.Langs {
			if e[i] == "" {
				t.Errorf("%s: no %s text", k, l)
			}
		}
		if bad := scriptOnly(e[2], goals.LangZhCN); bad != "" {
			t.Errorf("%s: zh-TW text has Simplified characters %q: %s", k, bad, e[2])
		}
		if bad := scriptOnly(e[1], goals.LangZhTW); bad != "" {
			t.Errorf("%s: zh-CN text has Traditional characters %q: %s", k, bad, e[1])
		}
	}
	for _, k := range i18n.PluralKeys() {
		e := i18n.PluralEntry(k)
		if e[0].One == "" || e[0].Other == "" || e[1].Other == "" || e[2].Other == "" {
			t.Errorf("%s: a form is missing: %+v", k, e)
		}
		if bad := scriptOnly(e[2].Other, goals.LangZhCN); bad != "" {
			t.Errorf("%s: zh-TW form has Simplified characters %q", k, bad)
		}
		if bad := scriptOnly(e[1].Other, goals.LangZhTW); bad != "" {
			t.Errorf("%s: zh-CN form has Traditional characters %q", k, bad)
		}
	}
}

// Chinese sentences show Chinese command words: `/goal 完成 #2`, not `/goal done #2`.
func TestChineseCommandWords(t *testing.T) {
	cmd := regexp.MustCompile("`/goal ([A-Za-z]+)")
	for _, k := range i18n.Keys() {
		e := i18n.Entry(k)
		for i := 1; i < 3; i++ {
			for _, m := range cmd.FindAllStringSubmatch(e[i], -1) {
				t.Errorf("%s (%s): English command word %q in %q", k, i18n.Langs[i], m[1], e[i])
			}
		}
	}
}

// Counted words follow CLDR plural rules: one for exactly 1 in English,
// a single form in Chinese.
func TestPlurals(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		n         float64
		want      string
	}{
		{"en", "n_working_days", 1, "1 working day"},
		{"en", "n_working_days", 2, "2 working days"},
		{"en", "n_working_days", 0, "0 working days"},
		{"en", "n_members", 1, "1 member"},
		{"en", "n_members", 12, "12 members"},
		{"en", "n_days", 1, "1 day"},
		{"en", "n_days", 1.5, "1.5 days"},
		{"en", "n_units", 1000, "1,000 units"},
		{"zh-CN", "n_working_days", 1, "1 个工作日"},
		{"zh-TW", "n_working_days", 1, "1 個工作天"},
		{"zh-TW", "n_members", 3, "3 位成員"},
	} {
		if got := i18n.N(tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("N(%s, %s, %v) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{i18n.Number(1234.5, 2), "1,234.5"},
		{i18n.Number(20, 2), "20"},
		{i18n.Number(-0.001, 2), "0"},
		{i18n.Number(2.675, 2), "2.68"},
		{i18n.Money(1200.5), "1,200.50"},
		{i18n.Money(1200), "1,200"},
		{i18n.Money(0.1), "0.10"},
		{i18n.Money(99.999), "100"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if strings.Contains(i18n.Number(1e6, 2), " ") {
		t.Errorf("grouping: %q", i18n.Number(1e6, 2))
	}
}
