package goals

import "time"

// English deadline forms: days, months and ranges (dates_en_periods.go
// has weekdays, periods, quarters and spans). Each reader takes the rune
// index where the form may start and whether a connector ("by", "until")
// came before it.

var dlMonthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var dlWeekdayNames = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

var dlOrdinalWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}

// dlDayWords are the ordinal words of days of the month ("the first of March").
var dlDayWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

var dlNumberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// dlUnits are the period words and their abbreviations.
var dlUnits = map[string]string{
	"day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
	"month": "month", "months": "month", "mo": "month", "mos": "month",
	"quarter": "quarter", "quarters": "quarter", "qtr": "quarter", "qtrs": "quarter",
	"year": "year", "years": "year", "yr": "year", "yrs": "year",
}

// 2026-12-31, 2026/12/31, 2026.12.31
func (p *deadlineScanner) isoDate(i int, _ bool) dlMatch {
	t := &p.t
	y, k, ok := t.year(i)
	sep := t.at(k)
	if !ok || (sep != '-' && sep != '/' && sep != '.') {
		return dlMatch{}
	}
	m, k, ok := t.num(k+1, 2)
	if !ok || t.at(k) != sep {
		return dlMatch{}
	}
	d, k, ok := t.num(k+1, 2)
	if !ok {
		return dlMatch{}
	}
	return p.rangeTail(found(ymd(y, m, d), k))
}

// 12/31 (US order; this year or next once past), 12/31/2026, 12/31/26,
// 10.31.1974; 2-15 only after a connector ("by 2-15").
func (p *deadlineScanner) usDate(i int, conn bool) dlMatch {
	t := &p.t
	m, k, ok := t.num(i, 2)
	if !ok {
		return dlMatch{}
	}
	sep := t.at(k)
	ks := k
	if sep == ' ' && conn && t.at(k+1) == '-' && t.at(k+2) == ' ' {
		sep, ks = '-', k+2
	}
	if sep != '/' && sep != '.' && sep != '-' {
		return dlMatch{}
	}
	d, k, ok := t.num(ks+1, 2)
	if !ok {
		return dlMatch{}
	}
	if t.at(k) == sep && txDigit(t.at(k+1)) {
		y, e, ok := t.num(k+1, 4)
		switch {
		case ok && e-k-1 == 2 && sep != '.':
			y = twoDigitYear(y, p.today.Year())
		case !ok || e-k-1 != 4:
			return dlMatch{}
		}
		if txAlnum(t.at(e)) {
			return dlMatch{}
		}
		return found(ymd(y, m, d), e)
	}
	// 3.5 and 2-3 weeks are numbers: a bare m.d is no date, m-d needs "by".
	if sep == '.' || sep == '-' && (!conn || !p.endsPhrase(k)) {
		return dlMatch{}
	}
	return found(p.nextOccurrence(m, d), k)
}

// endsPhrase reports that nothing but punctuation or the end follows k, or
// a word that is not a unit ("by 2-15 please", but not "by 2-3 weeks").
func (p *deadlineScanner) endsPhrase(k int) bool {
	t := &p.t
	if txAlnum(t.at(k)) || t.at(k) == '%' || t.at(k) == '.' && txDigit(t.at(k+1)) {
		return false
	}
	s := t.spaces(k)
	if w, _ := t.word(s); w != "" && (enTimeWords[w] || dlUnits[w] != "") {
		return false
	}
	if txDigit(t.at(s)) || t.measureWordAt(s) {
		return false
	}
	u, _, _ := t.unitSuffix(s)
	return u == ""
}

// monthName reads a month name, with an optional dot ("Dec.").
func (t *chatText) monthName(i int) (int, int) {
	w, k := t.word(i)
	m := dlMonthNames[w]
	if m == 0 {
		return 0, i
	}
	if t.at(k) == '.' {
		k++
	}
	return m, k
}

// Dec 31, December 31st, Dec. 31, 2026, february the 15th, Feb13; July 13-15.
func (p *deadlineScanner) monthDay(i int, _ bool) dlMatch {
	t := &p.t
	m, k := t.monthName(i)
	if m == 0 {
		return dlMatch{}
	}
	s := t.spaces(k)
	if e, ok := t.phrase(s, "the"); ok && s > k {
		s = t.spaces(e)
	}
	if s == k && t.at(k-1) != '.' && !txDigit(t.at(k)) {
		return dlMatch{}
	}
	d, k, ok := t.num(s, 2)
	if !ok {
		return dlMatch{}
	}
	if k = t.ordinal(k); txLetter(t.at(k)) {
		return dlMatch{}
	}
	if y, e := t.optYear(k); y != 0 {
		return p.rangeTail(found(ymd(y, m, d), e))
	}
	return p.rangeTail(found(p.nextOccurrence(m, d), k))
}

// dayNumber reads a day of the month: 15, 15th, the 15th, fifteenth.
func (t *chatText) dayNumber(i int) (int, int, bool) {
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.spaces(e)
		if k == e {
			return 0, i, false
		}
	}
	if w, e := t.word(k); w != "" {
		if d := dlDayWords[w]; d != 0 {
			return d, e, true
		}
		return 0, i, false
	}
	d, e, ok := t.num(k, 2)
	if !ok || d < 1 || d > 31 {
		return 0, i, false
	}
	return d, t.ordinal(e), true
}

// 31 Dec, 31st of December, the first of March, 31 December 2026,
// 31-Oct-74, 14th April 15; from 13 to the 15th of July (the last day).
func (p *deadlineScanner) dayMonth(i int, _ bool) dlMatch {
	t := &p.t
	d, k, ok := t.dayNumber(i)
	if !ok {
		return dlMatch{}
	}
	if t.at(k) == '-' && txLetter(t.at(k+1)) { // 31-Oct-74
		m, e := t.monthName(k + 1)
		if m == 0 || t.at(e) != '-' {
			return dlMatch{}
		}
		y, x, ok := t.num(e+1, 4)
		switch {
		case ok && x-e-1 == 2:
			y = twoDigitYear(y, p.today.Year())
		case !ok || x-e-1 != 4:
			return dlMatch{}
		}
		return found(ymd(y, m, d), x)
	}
	s := t.spaces(k)
	if e, ok := t.rangeWord(s); ok && s > k || ok && t.at(s) == '-' {
		if m := p.dayMonth(t.spaces(e), false); m.ok { // 13 to 15 July
			return m
		}
	}
	if s == k {
		return dlMatch{}
	}
	if e, ok := t.litWord(s, "of"); ok {
		s = t.spaces(e)
	}
	m, k := t.monthName(s)
	if m == 0 {
		return dlMatch{}
	}
	if y, e := t.optYear(k); y != 0 {
		return found(ymd(y, m, d), e)
	}
	if s := t.spaces(k); s > k { // 14th April 15: a two-digit year closing the text
		if yy, e, ok := t.num(s, 2); ok && e-s == 2 && t.spaces(e) == len(t.r) {
			return found(ymd(twoDigitYear(yy, p.today.Year()), m, d), e)
		}
	}
	return found(p.nextOccurrence(m, d), k)
}

// rangeWord reads what joins the two ends of a range: -, –, to, through, till.
func (t *chatText) rangeWord(i int) (int, bool) {
	switch t.at(i) {
	case '-', '–', '—', '~', '/':
		return i + 1, true
	}
	return t.phraseAny(i, []string{"to"}, []string{"through"}, []string{"thru"}, []string{"till"}, []string{"until"}, []string{"untill"})
}

// rangeTail extends a day to the end of a range written after it: July
// 13-15, Aug 8 - Aug 12, 2015-03-28 17:00/2015-03-29 (the deadline is the
// last day).
func (p *deadlineScanner) rangeTail(m dlMatch) dlMatch {
	if !m.ok {
		return m
	}
	t := &p.t
	k := t.skipClock(m.end)
	s := t.spaces(k)
	e, ok := t.rangeWord(s)
	if !ok {
		return m
	}
	e = t.spaces(e)
	if d, x, ok := t.dayNumber(e); ok && !txLetter(t.at(t.spaces(x))) || ok && t.spaces(x) == len(t.r) {
		if last := ymd(m.d.Year(), int(m.d.Month()), d); !last.IsZero() && last.After(m.d) {
			return found(last, x)
		}
	}
	for _, f := range []func(int, bool) dlMatch{p.isoDate, p.monthDay} {
		if n := f(e, false); n.ok && n.d.After(m.d) && m.d.DaysUntil(n.d) <= 366 {
			return n
		}
	}
	return m
}

// skipClock skips a time of day after a date: 17:00, 17:00:00.
func (t *chatText) skipClock(i int) int {
	k := t.spaces(i)
	_, e, ok := t.num(k, 2)
	if !ok || t.at(e) != ':' || k == i {
		return i
	}
	for t.at(e) == ':' && txDigit(t.at(e+1)) {
		_, e, _ = t.num(e+1, 2)
	}
	return e
}

// by November, until Dec 2026, in March: the month's last day; March in 1
// year, March after next. Only after a connector, since a bare "may" is
// usually not a month.
func (p *deadlineScanner) monthOnly(i int, conn bool) dlMatch {
	if !conn {
		return dlMatch{}
	}
	m := p.monthEndAt(i)
	if m.ok && p.t.prevWordIs(i, "before") {
		// before March: by the end of February (as 三月前)
		m.d = NewDate(m.d.Year(), m.d.Month(), 1).AddDays(-1)
		if m.d.Before(p.today) {
			m.d = NewDate(m.d.Year()+1, m.d.Month()+1, 1).AddDays(-1)
		}
	}
	return m
}

// monthEndAt reads "November" or "Nov 2027" as the month's last day.
func (p *deadlineScanner) monthEndAt(i int) dlMatch {
	t := &p.t
	m, k := t.monthName(i)
	if m == 0 {
		return dlMatch{}
	}
	if y, e, ok := t.year(t.spaces(k)); ok && t.spaces(k) > k {
		return found(monthEnd(y, m), e)
	}
	d := p.nextMonthEnd(m)
	if e, ok := t.phrase(t.sep(k), "after", "next"); ok {
		return found(monthEnd(d.Year()+1, m), e)
	}
	if e, ok := t.phrase(t.sep(k), "of", "next", "year"); ok {
		return found(monthEnd(p.today.Year()+1, m), e)
	}
	if e, ok := t.phrase(t.sep(k), "in"); ok {
		if n, x, ok := t.smallCount(t.sep(e)); ok {
			if x, ok := t.phraseAny(t.sep(x), []string{"year"}, []string{"years"}); ok {
				return found(monthEnd(p.today.Year()+n, m), x)
			}
		}
	}
	return found(d, k)
}

// smallCount reads 3, three, a, an.
func (t *chatText) smallCount(i int) (int, int, bool) {
	if v, e, ok := t.count(i, 4); ok && txDigit(t.at(i)) {
		return v, e, true
	}
	w, e := t.word(i)
	switch {
	case w == "a" || w == "an":
		return 1, e, true
	case dlNumberWords[w] != 0:
		return dlNumberWords[w], e, true
	}
	return 0, i, false
}

// the 15th, on 24th, on the first: this month, or the next month that has
// that day; 20 of next month, the 20th day of the current month: that day.
func (p *deadlineScanner) dayOfMonth(i int, conn bool) dlMatch {
	t := &p.t
	d, k, ok := t.dayNumber(i)
	if !ok {
		return dlMatch{}
	}
	s := t.sep(k)
	if e, ok := t.phrase(s, "day"); ok {
		s = t.sep(e)
	}
	if e, ok := t.phrase(s, "of"); ok && s > k {
		if off, x, ok := t.periodPrefix(t.sep(e)); ok {
			if w, e := t.word(x); w == "month" {
				last := p.periodEnd("month", off)
				return found(ymd(last.Year(), int(last.Month()), d), e)
			}
		}
	}
	_, the := t.phrase(i, "the")
	ordinal := txLetter(t.at(k - 1)) // 15th, or an ordinal word
	numeric := txDigit(t.at(t.spaces(i))) || the && txDigit(t.at(t.spaces(i+3)))
	switch {
	case numeric && ordinal && the:
	case numeric && ordinal && conn && !txLetter(t.at(t.spaces(k))): // on 24th
	case !numeric && the && conn && !txLetter(t.at(t.spaces(k))) && !txDigit(t.at(t.spaces(k))): // on the first (but not "on the second call")
	default:
		return dlMatch{}
	}
	return found(p.dayThisOrNextMonth(d), k)
}

func (p *deadlineScanner) dayThisOrNextMonth(d int) Date {
	first := NewDate(p.today.Year(), p.today.Month(), 1)
	for n := 0; n < 3; n++ {
		f := first.AddMonths(n)
		if x := ymd(f.Year(), int(f.Month()), d); !x.IsZero() && !x.Before(p.today) {
			return x
		}
	}
	return Date{}
}
