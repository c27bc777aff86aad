package bot

import (
	"strings"
	"unicode/utf8"
)

// closest is the word of vocab nearest to w by edit distance (adjacent
// swaps count as one edit: "gaol" → "goal", "lgo" → "log"), when it is near
// enough to be a typo: one edit for short words, two from six letters on.
// "" when none is, or when two words are equally near (no guessing).
func closest(w string, vocab []string) string {
	w = strings.ToLower(w)
	n := utf8.RuneCountInString(w)
	if n < 2 {
		return ""
	}
	limit := 1
	if n >= 6 {
		limit = 2
	}
	best, bestD, tie := "", limit+1, false
	for _, v := range vocab {
		if v == w {
			return v
		}
		d := editDistance(w, strings.ToLower(v))
		switch {
		case d < bestD:
			best, bestD, tie = v, d, false
		case d == bestD && v != best:
			tie = true
		}
	}
	if tie || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// commandNames are the names and aliases a typo may be near.
func (e *Engine) commandNames() []string {
	names := make([]string, 0, len(e.cmds))
	for n := range e.cmds {
		if utf8.RuneCountInString(n) >= 2 {
			names = append(names, n)
		}
	}
	return names
}

// editKeys are the keys /goal edit takes (see editField).
var editKeys = []string{"target", "baseline", "stretch", "deadline", "title", "cadence", "priority", "steps"}

// settingKeys are the keys /goal settings takes (see cmdSettings).
var settingKeys = []string{"tz", "lang", "daily", "remind", "weekly", "workdays", "away", "holidays",
	"team_tz", "team_lang", "team_daily", "team_workdays"}
