package goals

import (
	"strings"
	"time"
)

// Deadline expressions are read relative to "today", the calendar date of
// now in the team's location, and always mean the LAST day included:
// "by Friday" is that Friday, "this month" its last day, "Q3" September 30.
// ISO weeks start on Monday, so a week ends on Sunday. All arithmetic is on
// calendar dates (Date), so DST changes never shift a day.

// FindDeadline locates the first deadline expression in free text and
// returns the local date it means. ok is false when there is none, or when
// the first one is already past (ScanDeadline says why).
func FindDeadline(s string, now time.Time, loc *time.Location) (d Date, start, end int, ok bool) {
	d, start, end, err := ScanDeadline(s, now, loc)
	if err != nil {
		return Date{}, 0, 0, false
	}
	return d, start, end, true
}

// ScanDeadline is FindDeadline that explains a miss, so a reply can say
// "that date is past" rather than "no deadline": the error is an *Error
// with Reason deadline_required (nothing found) or date_in_past (start and
// end then locate the offending expression).
func ScanDeadline(s string, now time.Time, loc *time.Location) (d Date, start, end int, err error) {
	p := newDeadlineScanner(s, now, loc)
	for i := range p.t.r {
		if !p.candidate(i) {
			continue
		}
		m := p.match(i, false, 0)
		if !m.ok {
			continue
		}
		start, end = p.t.off[i], p.t.off[m.end]
		if m.d.Before(p.today) {
			return Date{}, start, end, pastDate(m.d)
		}
		return m.d, start, end, nil
	}
	return Date{}, 0, 0, Errorf(EInvalid, "deadline_required", "no deadline in the text")
}

// ParseDeadline reads all of s as one deadline expression. Trailing
// sentence punctuation is ignored. Errors are *Error with Reason bad_date
// (empty, unreadable or impossible such as 2026-02-30) or date_in_past.
func ParseDeadline(s string, now time.Time, loc *time.Location) (Date, error) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".。!！"))
	p := newDeadlineScanner(s, now, loc)
	m := p.match(0, false, 0)
	if !m.ok {
		// "2027" answering "by when?" is its last day.
		if y, e, ok := p.t.year(0); ok && e == len(p.t.r) && y >= p.today.Year() && y <= p.today.Year()+10 {
			m = found(ymd(y, 12, 31), e)
		}
	}
	if s == "" || !m.ok || m.end != len(p.t.r) {
		return Date{}, Errorf(EInvalid, "bad_date", "%q is not a date", clipForMessage(s))
	}
	if m.d.Before(p.today) {
		return Date{}, pastDate(m.d)
	}
	return m.d, nil
}

// ParseWeekday reads mon/monday/周一/星期一/週一/禮拜一 etc. (also 周日,
// 星期天, 礼拜天 and 周1..周7).
func ParseWeekday(s string) (time.Weekday, bool) {
	t := foldChat(strings.TrimSpace(s))
	if w, ok := dlWeekdayNames[string(t.r)]; ok {
		return w, true
	}
	k, ok := t.cnWeekWord(0)
	if !ok || k != len(t.r)-1 {
		return 0, false
	}
	return cnWeekdayChar(t.r[k])
}

func pastDate(d Date) *Error {
	return Errorf(EInvalid, "date_in_past", "%s is in the past", d).With("date", d.String())
}

type deadlineScanner struct {
	t     chatText
	today Date
}

func newDeadlineScanner(s string, now time.Time, loc *time.Location) *deadlineScanner {
	if loc == nil {
		loc = time.UTC
	}
	return &deadlineScanner{t: foldChat(s), today: DateIn(now, loc)}
}

// dlMatch is one reading: the date and the rune index where it ends.
type dlMatch struct {
	d   Date
	end int
	ok  bool
}

// found is a match when d is a date; the zero Date means "no date here".
func found(d Date, end int) dlMatch { return dlMatch{d: d, end: end, ok: !d.IsZero()} }

// candidate reports whether a deadline may start at rune i: at the start of
// a word, and not after words that make it past or recurring (last Friday,
// every Friday, 上周五, 去年底, 每周五, 第3天).
func (p *deadlineScanner) candidate(i int) bool {
	t := &p.t
	c := t.at(i)
	switch {
	case c == ' ':
		return false
	case txAlnum(c) && txAlnum(t.at(i-1)):
		return false
	case txDigit(c) && strings.ContainsRune("-/:.,", t.at(i-1)) && txDigit(t.at(i-2)):
		return false // inside 1,234.5 or 2025/12/31
	}
	switch t.at(i - 1) {
	case '每', '上', '去', '第':
		return false
	}
	if _, ok := t.oneOf(i-2, "上个", "上個", "每个", "每個"); ok {
		return false
	}
	return !t.prevWordIs(i, "last", "every", "each", "per", "past", "previous")
}

// match is the longest reading at i. conn says a connector ("by", "until",
// 截至) came before, which lets weaker forms count ("by sat", "by May").
func (p *deadlineScanner) match(i int, conn bool, depth int) dlMatch {
	var best dlMatch
	take := func(m dlMatch) {
		if m.ok && (!best.ok || m.end > best.end) {
			best = m
		}
	}
	// Every English form starts with a letter or a digit, every Chinese one
	// with a digit or a CJK character: skip what cannot match.
	c := p.t.at(i)
	if c < 0x80 && !txAlnum(c) {
		return best
	}
	if txAlnum(c) {
		take(p.cnSuffix(p.isoDate(i)))
		take(p.cnSuffix(p.usDate(i)))
		take(p.cnSuffix(p.monthDay(i)))
		take(p.cnSuffix(p.dayMonth(i)))
		take(p.cnSuffix(p.monthOnly(i, conn)))
		take(p.cnSuffix(p.relative(i, conn)))
		take(p.cnSuffix(p.endOf(i)))
		take(p.cnSuffix(p.weekday(i, conn)))
		take(p.cnSuffix(p.quarter(i)))
		take(p.cnSuffix(p.dayOfMonth(i)))
		take(p.yearOnly(i, conn))
		take(p.duration(i))
	}
	if !txLetter(c) {
		take(p.cnSuffix(p.cnDate(i)))
		take(p.cnSuffix(p.cnDay(i)))
		take(p.cnSuffix(p.cnRelDay(i)))
		take(p.cnSuffix(p.cnWeekday(i)))
		take(p.cnSuffix(p.cnMonth(i)))
		take(p.cnSuffix(p.cnQuarter(i)))
		take(p.cnSuffix(p.cnYear(i, conn)))
		take(p.cnDuration(i))
	}
	if depth < 2 {
		if k, ok := p.connector(i); ok {
			if m := p.match(k, true, depth+1); m.ok {
				take(m)
			}
		}
	}
	return best
}

var (
	enConnectors = [][]string{
		{"no", "later", "than"}, {"not", "later", "than"},
		{"by"}, {"before"}, {"until"}, {"till"}, {"til"}, {"due"}, {"on"}, {"at"}, {"in"}, {"within"}, {"deadline"},
	}
	cnConnectors = []string{"截止到", "截至", "截止", "直到", "到", "在", "于", "於", "最晚", "最迟", "最遲"}
)

func (p *deadlineScanner) connector(i int) (int, bool) {
	t := &p.t
	k, ok := t.oneOf(i, cnConnectors...)
	if !ok {
		for _, c := range enConnectors {
			if k, ok = t.phrase(i, c...); ok {
				break
			}
		}
	}
	if !ok {
		return i, false
	}
	if t.at(k) == ':' {
		k++
	}
	return t.spaces(k), true
}

// cnSuffix takes the Chinese words that may close a deadline: 前, 之前,
// 为止, 以内, 底, 末, 结束前 ... They do not change the date: "周五前"
// is read as "by Friday", like "before Friday".
func (p *deadlineScanner) cnSuffix(m dlMatch) dlMatch {
	if !m.ok {
		return m
	}
	k, _ := p.t.oneOf(m.end, "底", "末")
	k, _ = p.t.oneOf(k, "结束", "結束")
	m.end, _ = p.t.oneOf(k, "之前", "以前", "为止", "為止", "截止", "以内", "以內", "之内", "之內", "前", "内", "內")
	return m
}

// ---- calendar helpers ----

func validYMD(y, m, d int) bool {
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, time.Month(m))
}

func ymd(y, m, d int) Date {
	if !validYMD(y, m, d) {
		return Date{}
	}
	return NewDate(y, time.Month(m), d)
}

func monthEnd(y, m int) Date { return ymd(y, m, DaysInMonth(y, time.Month(m))) }

// nextOccurrence is month m day d this year, or next year once it has passed.
func (p *deadlineScanner) nextOccurrence(m, d int) Date {
	y := p.today.Year()
	if x := ymd(y, m, d); !x.IsZero() && !x.Before(p.today) {
		return x
	}
	return ymd(y+1, m, d)
}

func (p *deadlineScanner) nextMonthEnd(m int) Date {
	if e := monthEnd(p.today.Year(), m); !e.Before(p.today) {
		return e
	}
	return monthEnd(p.today.Year()+1, m)
}

func quarterEnd(y, q int) Date { return monthEnd(y, 3*q) }

// nextQuarterEnd is the end of quarter q this year, or next year once past.
func (p *deadlineScanner) nextQuarterEnd(q int) Date {
	if e := quarterEnd(p.today.Year(), q); !e.Before(p.today) {
		return e
	}
	return quarterEnd(p.today.Year()+1, q)
}

// periodEnd is the last day of the week, month, quarter or year that is
// off periods after the current one.
func (p *deadlineScanner) periodEnd(unit string, off int) Date {
	t := p.today
	switch unit {
	case "week":
		return t.AddDays(6 - isoWeekdayIndex(t.Weekday()) + 7*off)
	case "month":
		f := NewDate(t.Year(), t.Month(), 1).AddMonths(off)
		return monthEnd(f.Year(), int(f.Month()))
	case "quarter":
		q := t.Quarter() + off
		return quarterEnd(t.Year()+(q-1)/4, (q-1)%4+1)
	case "year":
		return ymd(t.Year()+off, 12, 31)
	}
	return Date{}
}

// isoWeekdayIndex is 0 for Monday .. 6 for Sunday.
func isoWeekdayIndex(w time.Weekday) int { return (int(w) + 6) % 7 }

// weekComing asks weekdayDate for the next such day, today included;
// 0, 1, 2 ask for that day of this, next, or the following ISO week
// (possibly past for 0: 本周一 on a Wednesday).
const weekComing = -1

func (p *deadlineScanner) weekdayDate(w time.Weekday, weeks int) Date {
	t := p.today
	if weeks == weekComing {
		return t.AddDays((int(w) - int(t.Weekday()) + 7) % 7)
	}
	return t.AddDays(7*weeks + isoWeekdayIndex(w) - isoWeekdayIndex(t.Weekday()))
}

// afterSpan adds a duration to today; counts past these caps are typos.
func (p *deadlineScanner) afterSpan(n int, unit string) Date {
	switch {
	case n < 0:
	case unit == "day" && n <= 36600:
		return p.today.AddDays(n)
	case unit == "week" && n <= 5300:
		return p.today.AddDays(7 * n)
	case unit == "month" && n <= 1200:
		return p.today.AddMonths(n)
	case unit == "year" && n <= 100:
		return p.today.AddMonths(12 * n)
	}
	return Date{}
}

// ---- English ----

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

var dlOrdinalWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

var dlNumberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// word is the ASCII word at i ("" when there is none or it is absurdly long).
func (t *chatText) word(i int) (string, int) {
	e := i
	for txLetter(t.at(e)) {
		if e-i == 16 {
			return "", i
		}
		e++
	}
	return string(t.r[i:e]), e
}

// sep skips what may stand between two words: spaces or a hyphen.
func (t *chatText) sep(i int) int {
	k := t.spaces(i)
	if t.at(k) == '-' {
		k = t.spaces(k + 1)
	}
	return k
}

// phrase matches whole words separated by spaces or hyphens (end-of-month).
func (t *chatText) phrase(i int, words ...string) (int, bool) {
	k := i
	for n, w := range words {
		if n > 0 {
			s := t.sep(k)
			if s == k {
				return i, false
			}
			k = s
		}
		e, ok := t.litWord(k, w)
		if !ok {
			return i, false
		}
		k = e
	}
	return k, true
}

// oneOf matches the first literal that stands at i.
func (t *chatText) oneOf(i int, lits ...string) (int, bool) {
	for _, l := range lits {
		if e, ok := t.lit(i, l); ok {
			return e, true
		}
	}
	return i, false
}

// num reads 1..maxDigits ASCII digits at i that do not run on into more digits.
func (t *chatText) num(i, maxDigits int) (int, int, bool) {
	v, k := 0, i
	for txDigit(t.at(k)) {
		if k-i == maxDigits {
			return 0, i, false
		}
		v = v*10 + int(t.at(k)-'0')
		k++
	}
	return v, k, k > i
}

// count reads a whole count: digits that are not the start of a decimal,
// or a short Chinese numeral (十二, 两, 二〇二六).
func (t *chatText) count(i, maxDigits int) (int, int, bool) {
	if txDigit(t.at(i)) {
		v, k, ok := t.num(i, maxDigits)
		if !ok || ((t.at(k) == '.' || t.at(k) == ',') && txDigit(t.at(k+1))) {
			return 0, i, false
		}
		return v, k, true
	}
	k := i
	for cnNumeralStart(t.at(k)) {
		if k-i == 4 {
			return 0, i, false
		}
		k++
	}
	if k == i {
		return 0, i, false
	}
	v, ok := cnInt(t.r[i:k])
	return int(v), k, ok
}

// year reads a four-digit year.
func (t *chatText) year(i int) (int, int, bool) {
	y, k, ok := t.num(i, 4)
	if !ok || k-i != 4 || y < 1000 {
		return 0, i, false
	}
	return y, k, true
}

// ordinal skips st/nd/rd/th after a day number.
func (t *chatText) ordinal(k int) int {
	if w, e := t.word(k); w == "st" || w == "nd" || w == "rd" || w == "th" {
		return e
	}
	return k
}

// optYear reads an optional ", 2026" after a month and day.
func (t *chatText) optYear(k int) (int, int) {
	j := k
	if t.at(j) == ',' {
		j++
	}
	j = t.spaces(j)
	if y, e, ok := t.year(j); ok && t.at(e) != ':' && (j > k || t.at(k) == ',') {
		return y, e
	}
	return 0, k
}

// 2026-12-31, 2026/12/31, 2026.12.31
func (p *deadlineScanner) isoDate(i int) dlMatch {
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
	return found(ymd(y, m, d), k)
}

// 12/31 (US order; this year or next once past), 12/31/2026, 12/31/26
func (p *deadlineScanner) usDate(i int) dlMatch {
	t := &p.t
	m, k, ok := t.num(i, 2)
	if !ok || t.at(k) != '/' {
		return dlMatch{}
	}
	d, k, ok := t.num(k+1, 2)
	if !ok {
		return dlMatch{}
	}
	if t.at(k) == '/' && txDigit(t.at(k+1)) {
		y, e, ok := t.num(k+1, 4)
		switch {
		case ok && e-k-1 == 2:
			y += 2000
		case !ok || e-k-1 != 4:
			return dlMatch{}
		}
		return found(ymd(y, m, d), e)
	}
	return found(p.nextOccurrence(m, d), k)
}

// Dec 31, December 31st, Dec. 31, 2026
func (p *deadlineScanner) monthDay(i int) dlMatch {
	t := &p.t
	w, k := t.word(i)
	m := dlMonthNames[w]
	if m == 0 {
		return dlMatch{}
	}
	if t.at(k) == '.' {
		k++
	}
	s := t.spaces(k)
	if s == k && t.at(k-1) != '.' {
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
		return found(ymd(y, m, d), e)
	}
	return found(p.nextOccurrence(m, d), k)
}

// 31 Dec, 31st of December, 31 December 2026
func (p *deadlineScanner) dayMonth(i int) dlMatch {
	t := &p.t
	d, k, ok := t.num(i, 2)
	if !ok {
		return dlMatch{}
	}
	k = t.ordinal(k)
	s := t.spaces(k)
	if s == k {
		return dlMatch{}
	}
	if e, ok := t.litWord(s, "of"); ok {
		s = t.spaces(e)
	}
	w, k := t.word(s)
	m := dlMonthNames[w]
	if m == 0 {
		return dlMatch{}
	}
	if y, e := t.optYear(k); y != 0 {
		return found(ymd(y, m, d), e)
	}
	return found(p.nextOccurrence(m, d), k)
}

// by November, until Dec 2026: the month's last day. Only after a
// connector, since a bare "may" is usually not a month.
func (p *deadlineScanner) monthOnly(i int, conn bool) dlMatch {
	if !conn {
		return dlMatch{}
	}
	return p.monthEndAt(i)
}

// monthEndAt reads "November" or "Nov 2027" as the month's last day.
func (p *deadlineScanner) monthEndAt(i int) dlMatch {
	t := &p.t
	w, k := t.word(i)
	m := dlMonthNames[w]
	if m == 0 {
		return dlMatch{}
	}
	if y, e, ok := t.year(t.spaces(k)); ok && t.spaces(k) > k {
		return found(monthEnd(y, m), e)
	}
	return found(p.nextMonthEnd(m), k)
}

// today, tomorrow, eod/eow/eom/eoq/eoy, this week, next month,
// month-end, the weekend ...
func (p *deadlineScanner) relative(i int, conn bool) dlMatch {
	t := &p.t
	w, k := t.word(i)
	switch w {
	case "today", "tonight", "eod":
		return found(p.today, k)
	case "tomorrow", "tmr", "tmrw":
		return found(p.today.AddDays(1), k)
	case "eow":
		return found(p.periodEnd("week", 0), k)
	case "eom":
		return found(p.periodEnd("month", 0), k)
	case "eoq":
		return found(p.periodEnd("quarter", 0), k)
	case "eoy":
		return found(p.periodEnd("year", 0), k)
	case "day":
		if e, ok := t.phrase(i, "day", "after", "tomorrow"); ok {
			return found(p.today.AddDays(2), e)
		}
	case "weekend", "the": // by (the) weekend: its Sunday; bare it is too vague
		if e, ok := t.phrase(i, "the", "weekend"); ok && conn {
			return found(p.periodEnd("week", 0), e)
		}
		if w == "weekend" && conn {
			return found(p.periodEnd("week", 0), k)
		}
	}
	return p.periodRef(i, false)
}

// periodRef reads [this|next] week|weekend|month|quarter|year, or the
// period word followed by "end" (month-end, year end). bare allows the
// period word alone, as after "end of".
func (p *deadlineScanner) periodRef(i int, bare bool) dlMatch {
	t := &p.t
	k, off, prefixed := i, 0, false
	if e, ok := t.phrase(i, "this", "coming"); ok {
		k, prefixed = t.sep(e), true
	} else if e, ok := t.phrase(i, "this"); ok {
		k, prefixed = t.sep(e), true
	} else if e, ok := t.phrase(i, "next"); ok {
		k, off, prefixed = t.sep(e), 1, true
	}
	w, e := t.word(k)
	unit := w
	if w == "weekend" {
		unit = "week"
	}
	switch unit {
	case "week", "month", "quarter", "year":
	default:
		return dlMatch{}
	}
	if s := t.sep(e); s > e {
		if x, ok := t.litWord(s, "end"); ok {
			e, prefixed = x, true
		}
	}
	if !prefixed && !bare {
		return dlMatch{}
	}
	return found(p.periodEnd(unit, off), e)
}

// [the] end of (the) week|month|quarter|year|day|November|Q3|2027 ...
func (p *deadlineScanner) endOf(i int) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	e, ok := t.phrase(k, "end", "of")
	if !ok {
		return dlMatch{}
	}
	k = t.sep(e)
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	if e, ok := t.phrase(k, "day"); ok {
		return found(p.today, e)
	}
	if e, ok := t.phrase(k, "today"); ok {
		return found(p.today, e)
	}
	if m := p.periodRef(k, true); m.ok {
		return m
	}
	if m := p.monthEndAt(k); m.ok {
		return m
	}
	if m := p.quarter(k); m.ok {
		return m
	}
	if y, e, ok := t.year(k); ok && !txAlnum(t.at(e)) {
		return found(ymd(y, 12, 31), e)
	}
	return dlMatch{}
}

// Friday, this Friday, by Fri (the coming one, today included), next
// Friday, next week Friday, Friday next week (the Friday of next week).
// Bare "sat"/"sun" need a connector.
func (p *deadlineScanner) weekday(i int, conn bool) dlMatch {
	t := &p.t
	k, weeks, prefixed := i, weekComing, false
	for _, pre := range []struct {
		words []string
		weeks int
	}{
		{[]string{"this", "coming"}, weekComing}, {[]string{"the", "coming"}, weekComing}, {[]string{"coming"}, weekComing},
		{[]string{"this"}, weekComing}, {[]string{"next", "week"}, 1}, {[]string{"next"}, 1},
	} {
		if e, ok := t.phrase(k, pre.words...); ok {
			k, weeks, prefixed = t.sep(e), pre.weeks, true
			break
		}
	}
	w, e := t.word(k)
	wd, ok := dlWeekdayNames[w]
	if !ok || ((w == "sat" || w == "sun") && !conn && !prefixed) {
		return dlMatch{}
	}
	if x, ok := t.phrase(t.sep(e), "next", "week"); ok && !prefixed && t.sep(e) > e {
		e, weeks = x, 1
	}
	return found(p.weekdayDate(wd, weeks), e)
}

// Q3, Q3 2027, Q3-end, 3rd quarter, third quarter, H1, H2: the period's last
// day this year, or next year once it has passed.
func (p *deadlineScanner) quarter(i int) dlMatch {
	t := &p.t
	q, half, k := 0, 0, i
	switch c, n := t.at(i), t.at(i+1); {
	case c == 'q' && n >= '1' && n <= '4' && !txAlnum(t.at(i+2)):
		q, k = int(n-'0'), i+2
	case c == 'h' && (n == '1' || n == '2') && !txAlnum(t.at(i+2)):
		half, k = int(n-'0'), i+2
	default:
		n, e := 0, i
		if w, x := t.word(i); w != "" {
			n, e = dlOrdinalWords[w], x
		} else if v, x, ok := t.num(i, 1); ok {
			n, e = v, t.ordinal(x)
			if e == x {
				n = 0
			}
		}
		if n < 1 || n > 4 {
			return dlMatch{}
		}
		x, ok := t.phrase(t.sep(e), "quarter")
		if !ok || t.sep(e) == e {
			return dlMatch{}
		}
		q, k = n, x
	}
	last := func(y int) Date {
		if half != 0 {
			return monthEnd(y, 6*half)
		}
		return quarterEnd(y, q)
	}
	s := t.sep(k)
	if y, e, ok := t.year(s); ok && s > k && !txAlnum(t.at(e)) {
		return found(last(y), e)
	}
	if e, ok := t.phrase(s, "end"); ok && s > k {
		k = e
	}
	d := last(p.today.Year())
	if d.Before(p.today) {
		d = last(p.today.Year() + 1)
	}
	return found(d, k)
}

// yearOnly reads "in 2027", "by 2027", "until 2027" as December 31 of that
// year. Only after in/by/until/till/through, and only a plausible year:
// "increase revenue by 2500" and "by 2027 units" are amounts, not years.
func (p *deadlineScanner) yearOnly(i int, conn bool) dlMatch {
	t := &p.t
	if !conn {
		return dlMatch{}
	}
	y, e, ok := t.year(i)
	if !ok || txAlnum(t.at(e)) || t.at(e) == '%' || strings.ContainsRune("-/.,:", t.at(e)) && txDigit(t.at(e+1)) {
		return dlMatch{}
	}
	if k := t.spaces(e); t.measureWordAt(k) || t.at(k) == '年' || t.at(k) == '%' {
		return dlMatch{}
	} else if u, _, _ := t.unitSuffix(k); u != "" {
		return dlMatch{}
	} else if x, _ := t.multiplier(k); x != 0 {
		return dlMatch{}
	} else if w, _ := t.word(k); w != "" && (w == "units" || w == "unit" || w == "more" || w == "new" || enTimeWords[w]) {
		return dlMatch{}
	}
	this := p.today.Year()
	switch {
	case t.prevWordIs(i, "by", "until", "till", "through", "thru"):
		if y < this || y > this+10 {
			return dlMatch{}
		}
	case t.prevWordIs(i, "in", "during"):
		if y < this-10 || y > this+10 {
			return dlMatch{}
		}
	default:
		return dlMatch{}
	}
	return found(ymd(y, 12, 31), e)
}

// the 15th: this month, or the next month that has that day.
func (p *deadlineScanner) dayOfMonth(i int) dlMatch {
	t := &p.t
	e, ok := t.phrase(i, "the")
	if !ok {
		return dlMatch{}
	}
	s := t.spaces(e)
	d, k, ok := t.num(s, 2)
	if !ok || s == e || t.ordinal(k) == k {
		return dlMatch{}
	}
	return found(p.dayThisOrNextMonth(d), t.ordinal(k))
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

// in 6 months, within 3 weeks, 10 days, next 30 days, in a month, 6-month:
// today plus that span ("in 1 month" on Jan 31 is Feb 28).
func (p *deadlineScanner) duration(i int) dlMatch {
	t := &p.t
	k, intro := i, false
	for _, pre := range [][]string{
		{"in", "the", "next"}, {"within", "the", "next"}, {"over", "the", "next"}, {"the", "next"},
		{"in"}, {"within"}, {"next"},
	} {
		if e, ok := t.phrase(k, pre...); ok {
			k, intro = t.sep(e), true
			break
		}
	}
	n, e, ok := t.count(k, 5)
	if ok && !txDigit(t.at(k)) {
		ok = false // Chinese numerals belong to cnDuration
	}
	if !ok {
		w, x := t.word(k)
		switch {
		case !intro:
			return dlMatch{}
		case w == "a" || w == "an":
			n, e = 1, x
		case dlNumberWords[w] != 0:
			n, e = dlNumberWords[w], x
		default:
			return dlMatch{}
		}
	}
	s := t.sep(e)
	if s == e && txDigit(t.at(k)) && !intro {
		return dlMatch{} // "6months" glued: leave it
	}
	w, x := t.word(s)
	unit := strings.TrimSuffix(w, "s")
	switch unit {
	case "day", "week", "month", "year":
	default:
		return dlMatch{}
	}
	if e, ok := t.phrase(t.sep(x), "from", "now"); ok {
		x = e
	} else if e, ok := t.phrase(t.sep(x), "from", "today"); ok {
		x = e
	} else if _, ok := t.phrase(t.sep(x), "ago"); ok {
		return dlMatch{}
	}
	return found(p.afterSpan(n, unit), x)
}

// ---- Chinese ----

// cnYearPrefix reads 2027年, 二〇二七年, 今年, 明年, 后年.
func (p *deadlineScanner) cnYearPrefix(i int) (int, int, bool) {
	t := &p.t
	y := p.today.Year()
	if e, ok := t.oneOf(i, "今年"); ok {
		return y, e, true
	}
	if e, ok := t.oneOf(i, "明年"); ok {
		return y + 1, e, true
	}
	if e, ok := t.oneOf(i, "后年", "後年"); ok {
		return y + 2, e, true
	}
	if v, e, ok := t.year(i); ok && t.at(e) == '年' {
		return v, e + 1, true
	}
	if v, e, ok := t.count(i, 0); ok && e-i == 4 && v >= 1000 && t.at(e) == '年' {
		return v, e + 1, true
	}
	return 0, i, false
}

// 12月31日, 12月31号, 十二月三十一日, 2026年12月31日, 明年3月1日, 11月底.
func (p *deadlineScanner) cnDate(i int) dlMatch {
	t := &p.t
	y, k, explicit := p.cnYearPrefix(i)
	m, e, ok := t.count(k, 2)
	if !ok || t.at(e) != '月' || m < 1 || m > 12 {
		return dlMatch{}
	}
	k = e + 1
	if e, ok := t.oneOf(k, "底", "末"); ok {
		if explicit {
			return found(monthEnd(y, m), e)
		}
		return found(p.nextMonthEnd(m), e)
	}
	d, e, ok := t.count(k, 2)
	if !ok {
		return dlMatch{}
	}
	if x, ok := t.oneOf(e, "日", "号", "號"); ok {
		e = x
	}
	if explicit {
		return found(ymd(y, m, d), e)
	}
	return found(p.nextOccurrence(m, d), e)
}

// 15号, 15日: the next 15th (a "3日内" is a duration instead).
func (p *deadlineScanner) cnDay(i int) dlMatch {
	t := &p.t
	d, e, ok := t.count(i, 2)
	if !ok {
		return dlMatch{}
	}
	x, ok := t.oneOf(e, "号", "號", "日")
	if !ok {
		return dlMatch{}
	}
	if _, ok := t.oneOf(x, "内", "內", "以内", "以內", "之内", "之內", "后", "後", "前"); ok && t.at(e) == '日' {
		return dlMatch{}
	}
	return found(p.dayThisOrNextMonth(d), x)
}

// 今天, 明天, 后天, 大后天.
func (p *deadlineScanner) cnRelDay(i int) dlMatch {
	t := &p.t
	for _, f := range []struct {
		lit  string
		days int
	}{
		{"今天", 0}, {"今日", 0}, {"今晚", 0}, {"明天", 1}, {"明日", 1}, {"明晚", 1},
		{"大后天", 3}, {"大後天", 3}, {"后天", 2}, {"後天", 2},
	} {
		if e, ok := t.lit(i, f.lit); ok {
			return found(p.today.AddDays(f.days), e)
		}
	}
	return dlMatch{}
}

// cnWeekWord reads 周, 週, 星期, 礼拜, 禮拜.
func (t *chatText) cnWeekWord(i int) (int, bool) {
	return t.oneOf(i, "周", "週", "星期", "礼拜", "禮拜")
}

func cnWeekdayChar(c rune) (time.Weekday, bool) {
	if c >= '1' && c <= '7' {
		return time.Weekday((c - '0') % 7), true
	}
	for d, x := range []rune("日一二三四五六") {
		if c == x {
			return time.Weekday(d), true
		}
	}
	return time.Sunday, c == '天'
}

// 周五, 星期五, 本周五 (this week's, possibly past), 这周五, 下周一 (next
// week's), 下下周五, 周末 (Sunday), and the week itself: 本周, 这周, 下周
// (its Sunday). 这周一个客户 is "this week, one client", not Monday.
func (p *deadlineScanner) cnWeekday(i int) dlMatch {
	t := &p.t
	k, weeks := i, weekComing
	if e, ok := t.oneOf(i, "这个", "這個", "本个", "本", "这", "這"); ok {
		k, weeks = e, 0
	} else if e, ok := t.oneOf(i, "下下个", "下下個", "下下"); ok {
		k, weeks = e, 2
	} else if e, ok := t.oneOf(i, "下一个", "下一個", "下个", "下個", "下"); ok {
		k, weeks = e, 1
	}
	e, ok := t.cnWeekWord(k)
	if !ok {
		return dlMatch{}
	}
	if wd, ok := cnWeekdayChar(t.at(e)); ok && !(txDigit(t.at(e+1)) || t.measureWordAt(e+1) && wd != time.Sunday) {
		return found(p.weekdayDate(wd, weeks), e+1)
	}
	if t.at(e) == '末' { // weekend: its Sunday
		return found(p.weekdayDate(time.Sunday, weeks), e+1)
	}
	if weeks == weekComing {
		return dlMatch{}
	}
	return found(p.periodEnd("week", weeks), e)
}

// 本月, 这个月, 月底, 月末, 下个月, 下月底: the month's last day;
// 本月15号, 下个月1日: that day.
func (p *deadlineScanner) cnMonth(i int) dlMatch {
	t := &p.t
	off := 0
	e, ok := t.oneOf(i, "本月", "这个月", "這個月", "这月", "這月", "当月", "當月")
	if !ok {
		if e, ok = t.oneOf(i, "月底", "月末"); ok {
			return found(p.periodEnd("month", 0), e)
		}
		if e, ok = t.oneOf(i, "下下个月", "下下個月", "下下月"); ok {
			off = 2
		} else if e, ok = t.oneOf(i, "下一个月", "下一個月", "下个月", "下個月", "下月"); ok {
			off = 1
		} else {
			return dlMatch{}
		}
	}
	last := p.periodEnd("month", off)
	if d, x, ok := t.count(e, 2); ok {
		if x, ok := t.oneOf(x, "号", "號", "日"); ok {
			return found(ymd(last.Year(), int(last.Month()), d), x)
		}
	}
	return found(last, e)
}

// 第三季度(末), 第三季, 三季度, 2027年第一季度, 本季度, 本季, 下季度, 季末,
// 上半年 (June 30), 下半年 (December 31).
func (p *deadlineScanner) cnQuarter(i int) dlMatch {
	t := &p.t
	if e, ok := t.oneOf(i, "本季度", "本季", "这个季度", "這個季度", "这一季", "這一季", "这季度", "這季度", "当季", "當季", "季度末", "季末", "季度底"); ok {
		return found(p.periodEnd("quarter", 0), e)
	}
	// 这季, 這季 (but 这季节 is "this season").
	if e, ok := t.oneOf(i, "这季", "這季"); ok && t.at(e) != '节' && t.at(e) != '節' {
		return found(p.periodEnd("quarter", 0), e)
	}
	if e, ok := t.oneOf(i, "下一个季度", "下一個季度", "下个季度", "下個季度", "下季度", "下季"); ok {
		return found(p.periodEnd("quarter", 1), e)
	}
	y, k, explicit := p.cnYearPrefix(i)
	if e, ok := t.oneOf(k, "上半年", "下半年"); ok {
		half := 1
		if t.at(k) == '下' {
			half = 2
		}
		if explicit {
			return found(monthEnd(y, 6*half), e)
		}
		d := monthEnd(p.today.Year(), 6*half)
		if d.Before(p.today) {
			d = monthEnd(p.today.Year()+1, 6*half)
		}
		return found(d, e)
	}
	if e, ok := t.lit(k, "第"); ok {
		k = e
	}
	q, e, ok := t.count(k, 1)
	if !ok || q < 1 || q > 4 {
		return dlMatch{}
	}
	e, ok = t.oneOf(e, "季度", "季")
	if !ok {
		return dlMatch{}
	}
	if explicit {
		return found(quarterEnd(y, q), e)
	}
	return found(p.nextQuarterEnd(q), e)
}

// 年底, 年末, 今年, 今年底, 明年, 2027年底, 2027年内, 在2027年: December 31.
func (p *deadlineScanner) cnYear(i int, conn bool) dlMatch {
	t := &p.t
	if e, ok := t.oneOf(i, "年底", "年末", "年终", "年終", "年内", "年內"); ok {
		return found(p.periodEnd("year", 0), e)
	}
	y, k, ok := p.cnYearPrefix(i)
	if !ok {
		return dlMatch{}
	}
	if e, ok := t.oneOf(k, "年底", "年末", "年终", "年終", "底", "末"); ok {
		return found(ymd(y, 12, 31), e)
	}
	if e, ok := t.oneOf(k, "以内", "以內", "之内", "之內", "内", "內"); ok {
		return found(ymd(y, 12, 31), e)
	}
	if t.at(i) == '今' || t.at(i) == '明' || t.at(i) == '后' || t.at(i) == '後' || conn {
		return found(ymd(y, 12, 31), k) // bare 2027年 without 在/到 is too vague to be a deadline
	}
	return dlMatch{}
}

var cnSpanUnits = []struct {
	lits       []string
	unit       string
	needSuffix bool
}{
	{[]string{"个多月", "個多月", "个月", "個月"}, "month", false},
	{[]string{"个星期", "個星期", "个礼拜", "個禮拜", "星期", "礼拜", "禮拜", "周", "週"}, "week", false},
	{[]string{"天"}, "day", false},
	{[]string{"日"}, "day", true},
	{[]string{"年"}, "year", true},
}

// 6个月内, 六个月內, 3周内, 3週內, 10天内, 一年内, 半年内, 两个星期后:
// today plus that span. 3天前 (three days ago) is not a deadline.
func (p *deadlineScanner) cnDuration(i int) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.oneOf(k, "未来", "未來", "接下来", "接下來", "今后", "今後"); ok {
		k = e
	}
	var (
		n          int
		unit       string
		needSuffix bool // 3日 and 2027年 alone are dates, not spans
	)
	if e, ok := t.oneOf(k, "半年"); ok {
		n, unit, k, needSuffix = 6, "month", e, true
	} else if e, ok := t.oneOf(k, "半个月", "半個月"); ok {
		n, unit, k = 15, "day", e
	} else {
		v, e, ok := t.count(k, 5)
		if !ok {
			return dlMatch{}
		}
		for _, u := range cnSpanUnits {
			if x, ok := t.oneOf(e, u.lits...); ok {
				n, unit, needSuffix, k = v, u.unit, u.needSuffix, x
				break
			}
		}
		if unit == "" {
			return dlMatch{}
		}
	}
	if _, ok := t.oneOf(k, "前", "以前", "之前"); ok {
		return dlMatch{} // ago
	}
	e, ok := t.oneOf(k, "以内", "以內", "之内", "之內", "内", "內", "之后", "之後", "以后", "以後", "后", "後")
	if !ok && needSuffix {
		return dlMatch{}
	}
	return found(p.afterSpan(n, unit), e)
}
