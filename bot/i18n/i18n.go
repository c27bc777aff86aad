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
	return fill(s, args)
}

// fill replaces the {name} placeholders of s by the values of args (name,
// value pairs); an unknown name stays visible.
func fill(s string, args []any) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	// A single scan: digests format thousands of lines per batch.
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		j += i
		b.WriteString(s[:i])
		name, found := s[i+1:j], false
		for k := 0; k+1 < len(args); k += 2 {
			if n, ok := args[k].(string); ok && n == name {
				switch v := args[k+1].(type) {
				case string:
					b.WriteString(v)
				default:
					fmt.Fprint(&b, v)
				}
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : j+1])
		}
		s = s[j+1:]
	}
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
