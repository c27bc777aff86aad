// Package i18n holds every user-facing sentence of the bot in English,
// Simplified and Traditional Chinese, and picks the reply language.
package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// The supported languages.
const (
	EN   = "en"
	ZhCN = "zh-CN"
	ZhTW = "zh-TW"
)

// Langs lists the supported languages in catalog order.
var Langs = []string{EN, ZhCN, ZhTW}

func index(lang string) int {
	switch lang {
	case ZhCN:
		return 1
	case ZhTW:
		return 2
	}
	return 0
}

// T returns the message for key in lang with {name} placeholders replaced
// by the values of args, given as name, value pairs. A missing key shows
// itself, so a gap in the catalog is visible in tests rather than blank.
func T(lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	s := m[index(lang)]
	if s == "" {
		s = m[0]
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Has reports whether the catalog has key.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// Keys lists the catalog keys, sorted (for completeness tests).
func Keys() []string {
	ks := make([]string, 0, len(catalog))
	for k := range catalog {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Entry returns the three translations of key.
func Entry(key string) [3]string { return catalog[key] }
