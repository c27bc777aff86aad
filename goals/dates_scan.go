package goals

import (
	"strings"
	"time"
)

// Deadline expressions are read relative to "today", the calendar date of
// now in the team's location, and always mean the LAST day included:
// "by Friday" is that Friday, "this month" its last day, "Q3" September 30.
// ISO weeks start on Monday, so a week ends on Sunday. All arithmetic is on
// calendar dates (Date), so DST changes never shift a day. An expression of
// a time already gone ("yesterday", "上周五", "last year") is read too, so
// the caller can say it has passed instead of missing it or moving it.
//
// The scanner is split by concern: this file (entry points, the scan,
// calendar arithmetic), dates_en.go (English days, months, ranges),
// dates_en_periods.go (weekdays, periods, spans), dates_zh.go, holidays.go
// and dates_text.go (the text primitives).

// DateOptions are a team's calendar settings the reading depends on.
type DateOptions struct {
	// FiscalStart is the month the fiscal year starts (0 or 1: January).
	FiscalStart time.Month
}

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
	return ScanDeadlineWith(s, now, loc, DateOptions{})
}

// ScanDeadlineWith is ScanDeadline with the team's calendar settings.
func ScanDeadlineWith(s string, now time.Time, loc *time.Location, o DateOptions) (d Date, start, end int, err error) {
	p := newDeadlineScanner(s, now, loc, o)
	for i := range p.t.r {
		if !p.candidate(i) {
			continue
		}
		m := p.match(i, false, 0)
		if !m.ok || m.d.After(p.horizon()) {
			continue // 7000-01-01 is a typo, not a deadline
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
	return ParseDeadlineWith(s, now, loc, DateOptions{})
}

// ParseDeadlineWith is ParseDeadline with the team's calendar settings.
func ParseDeadlineWith(s string, now time.Time, loc *time.Location, o DateOptions) (Date, error) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".。!！"))
	p := newDeadlineScanner(s, now, loc, o)
	m := p.match(0, true, 0)
	if !m.ok {
		// "2027" answering "by when?" is its last day.
		if y, e, ok := p.t.year(0); ok && e == len(p.t.r) && y >= p.today.Year() && y <= p.today.Year()+10 {
			m = found(ymd(y, 12, 31), e)
		}
	}
	if s == "" || !m.ok || m.end != len(p.t.r) || m.d.After(p.horizon()) {
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
	t      chatText
	today  Date
	fiscal int  // first month of the fiscal year, 1..12
	inSpan bool // reading the date of "a year after <date>": no second level
	yp     yearPrefixMemo
}

func newDeadlineScanner(s string, now time.Time, loc *time.Location, o DateOptions) *deadlineScanner {
	if loc == nil {
		loc = time.UTC
	}
	f := int(o.FiscalStart)
	if f < 1 || f > 12 {
		f = 1
	}
	return &deadlineScanner{t: foldChat(s), today: DateIn(now, loc), fiscal: f}
}

// horizon is the last day a deadline may be: a century ahead.
func (p *deadlineScanner) horizon() Date { return p.today.AddMonths(1200) }

// dlMatch is one reading: the date and the rune index where it ends.
type dlMatch struct {
	d   Date
	end int
	ok  bool
}

// found is a match when d is a date; the zero Date means "no date here".
func found(d Date, end int) dlMatch { return dlMatch{d: d, end: end, ok: !d.IsZero()} }

// candidate reports whether a deadline may start at rune i: at the start of
// a word, not inside a number, and not after words that make what follows
// recurring or part of a past expression read from its start (every Friday,
// 每周五, 第3天, the "2 months" of "last 2 months" or of 前两个月). A past
// expression that compares ("than last year", 比去年) is no deadline at all.
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
	case '每', '上', '去', '第', '前', '昨':
		return false
	}
	if _, ok := t.oneOf(i-2, "上个", "上個", "每个", "每個", "同比", "环比", "環比", "相比", "比起"); ok {
		return false
	}
	switch t.at(i - 1) {
	case '比', '较', '較':
		return false
	}
	if w, _ := t.word(i); w == "last" && (t.prevWordIs(i, "first", "second", "third", "fourth", "fifth") || t.prevWordIs(i, "1st", "2nd", "3rd", "4th", "5th")) {
		return false // "2nd last week of October": not read, rather than half read
	}
	return !t.prevWordIs(i, "last", "every", "each", "per", "past", "previous", "than", "over", "vs", "versus", "compared", "ago")
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
	// Digits start English forms when ASCII follows them (12/31, 3 weeks),
	// Chinese forms when a CJK character does (3月, 5 天).
	cjkAfter := false
	if txDigit(c) {
		j := i
		for j-i < 6 && txDigit(p.t.at(j)) {
			j++
		}
		cjkAfter = p.t.at(p.t.spaces(j)) >= 0x80
	}
	if w, _ := p.t.word(i); txDigit(c) && !cjkAfter || enStarts[w] {
		for _, f := range []func(int, bool) dlMatch{
			p.isoDate, p.usDate, p.monthDay, p.dayMonth, p.monthOnly, p.relative, p.endOf,
			p.weekday, p.quarter, p.dayOfMonth, p.nthWeekday, p.holiday, p.fiscalYear, p.enPast,
		} {
			take(p.cnSuffix(f(i, conn)))
		}
		take(p.yearOnly(i, conn))
		take(p.duration(i, conn))
	}
	if cjkAfter || cnStarts[c] {
		for _, f := range []func(int, bool) dlMatch{
			p.cnDate, p.cnDay, p.cnRelDay, p.cnWeekday, p.cnMonth, p.cnQuarter, p.cnYear, p.cnHoliday,
			p.cnLunarDate, p.cnFiscalYear, p.cnPast, p.cnNextSpan,
		} {
			take(p.cnSuffix(f(i, conn)))
		}
		take(p.cnDuration(i, conn))
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

// cnStarts are the characters a Chinese form may start with (the first
// characters of the readers' words, and numerals): elsewhere in CJK text
// the Chinese readers are not even tried, which keeps long text fast.
var cnStarts = map[rune]bool{}

// enStarts are the words an English form may start with; at any other
// word only the connectors are tried.
var enStarts = map[string]bool{}

func init() {
	for _, m := range []map[string]int{dlMonthNames, dlOrdinalWords, dlDayWords, dlNumberWords} {
		for w := range m {
			enStarts[w] = true
		}
	}
	for w := range dlWeekdayNames {
		enStarts[w], enStarts[w+"s"] = true, true
	}
	for w := range dlUnits {
		enStarts[w] = true
	}
	for _, h := range enHolidays {
		w := h.words[0]
		if i := strings.IndexAny(w, "'’-"); i >= 0 {
			w = w[:i]
		}
		enStarts[w] = true
	}
	for _, w := range strings.Fields(`the this next last past previous coming upcoming following current today
		tonight eod tomorrow tmr tmrw yesterday late eow eom eoq eoy weekend end close beginning start bom boy bow
		early mid in within over during a an q h closest fiscal financial fy`) {
		enStarts[w] = true
	}
}

func init() {
	for _, c := range "一七万三上下个中五今会個儿元兒六农冬前劳勞十半去双后周国國圣大妇婦季平年当後情感接明星春昨會月本正母清父當礼禮端第網网聖腊臘萬財财農过这這週過重阴除陰雙黑" +
		"二四八九零〇两兩廿卅百" {
		cnStarts[c] = true
	}
}

var (
	enConnectors = [][]string{
		{"no", "later", "than"}, {"not", "later", "than"}, {"by", "the", "time", "of"},
		{"by"}, {"before"}, {"until"}, {"till"}, {"til"}, {"due"}, {"on"}, {"at"}, {"in"}, {"within"}, {"deadline"},
		{"during"}, {"through"}, {"thru"}, {"from"},
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

// cnSuffix takes the Chinese words that may close a deadline: 之前, 为止,
// 以内, 底, 末, 结束时 ... They do not change the date: "周五前" is read
// as "by Friday", like "before Friday". A holiday is the exception: "春节前"
// is the day before the festival (holiday reads that itself).
func (p *deadlineScanner) cnSuffix(m dlMatch) dlMatch {
	if !m.ok {
		return m
	}
	k, _ := p.t.oneOf(m.end, "底", "末")
	k, _ = p.t.oneOf(k, "结束时", "結束時", "结束", "結束")
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

func monthEnd(y, m int) Date {
	if m < 1 || m > 12 {
		return Date{}
	}
	return ymd(y, m, DaysInMonth(y, time.Month(m)))
}

// nextOccurrence is month m day d this year, or next year once it has passed.
func (p *deadlineScanner) nextOccurrence(m, d int) Date {
	y := p.today.Year()
	if x := ymd(y, m, d); !x.IsZero() && !x.Before(p.today) {
		return x
	}
	return ymd(y+1, m, d)
}

// withWeekday picks the year of a month and day written with a weekday
// ("Sunday, Feb 10"): the next occurrence when the weekday fits it, else
// the last one when that fits (a day already past), else the next one (the
// explicit date beats the weekday).
func (p *deadlineScanner) withWeekday(m, d int, wd time.Weekday) Date {
	next := p.nextOccurrence(m, d)
	if next.IsZero() || next.Weekday() == wd {
		return next
	}
	if prev := ymd(next.Year()-1, m, d); !prev.IsZero() && prev.Weekday() == wd {
		return prev
	}
	return next
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
// off periods after the current one (negative: before it).
func (p *deadlineScanner) periodEnd(unit string, off int) Date {
	t := p.today
	switch unit {
	case "day":
		return t.AddDays(off)
	case "week":
		return t.AddDays(6 - isoWeekdayIndex(t.Weekday()) + 7*off)
	case "month":
		f := NewDate(t.Year(), t.Month(), 1).AddMonths(off)
		return monthEnd(f.Year(), int(f.Month()))
	case "quarter":
		f := NewDate(t.Year(), time.Month(3*(t.Quarter()-1)+1), 1).AddMonths(3 * off)
		return quarterEnd(f.Year(), f.Quarter())
	case "year":
		return ymd(t.Year()+off, 12, 31)
	case "fiscal":
		return p.fiscalYearEnd(off)
	}
	return Date{}
}

// periodStart is the first day of the period periodEnd(unit, off) ends.
func (p *deadlineScanner) periodStart(unit string, off int) Date {
	e := p.periodEnd(unit, off)
	switch unit {
	case "week":
		return e.AddDays(-6)
	case "month":
		return NewDate(e.Year(), e.Month(), 1)
	case "quarter":
		return NewDate(e.Year(), e.Month()-2, 1)
	case "year":
		return NewDate(e.Year(), 1, 1)
	case "fiscal":
		return e.AddDays(1).AddMonths(-12)
	}
	return e
}

// fiscalYearEnd is the last day of the fiscal year off years after the one
// today is in; a fiscal year starting in April ends on March 31.
func (p *deadlineScanner) fiscalYearEnd(off int) Date {
	if p.fiscal == 1 {
		return ymd(p.today.Year()+off, 12, 31)
	}
	y := p.today.Year()
	if int(p.today.Month()) >= p.fiscal {
		y++ // this fiscal year ends next calendar year
	}
	return monthEnd(y+off, p.fiscal-1)
}

// isoWeekdayIndex is 0 for Monday .. 6 for Sunday.
func isoWeekdayIndex(w time.Weekday) int { return (int(w) + 6) % 7 }

// weekComing asks weekdayDate for the next such day after today;
// 0, 1, 2 ask for that day of this, next, or the following ISO week
// (possibly past for 0: 本周一 on a Wednesday), -2 of last week.
const weekComing = -100

func (p *deadlineScanner) weekdayDate(w time.Weekday, weeks int) Date {
	t := p.today
	if weeks == weekComing {
		return t.AddDays((int(w)-int(t.Weekday())+6)%7 + 1)
	}
	return t.AddDays(7*weeks + isoWeekdayIndex(w) - isoWeekdayIndex(t.Weekday()))
}

// nthWeekdayOf is the nth (1..5, or -1 for the last) weekday w of a month.
func nthWeekdayOf(y, m int, w time.Weekday, n int) Date {
	if n < 0 {
		last := monthEnd(y, m)
		if last.IsZero() {
			return Date{}
		}
		return last.AddDays(-((int(last.Weekday()) - int(w) + 7) % 7))
	}
	first := ymd(y, m, 1)
	if first.IsZero() {
		return Date{}
	}
	d := first.AddDays((int(w)-int(first.Weekday())+7)%7 + 7*(n-1))
	if int(d.Month()) != m {
		return Date{}
	}
	return d
}

// afterSpan adds a duration to today (negative n: before it); counts past
// these caps are typos.
func (p *deadlineScanner) afterSpan(n int, unit string) Date {
	a := n
	if a < 0 {
		a = -a
	}
	switch {
	case unit == "day" && a <= 36600:
		return p.today.AddDays(n)
	case unit == "week" && a <= 5300:
		return p.today.AddDays(7 * n)
	case unit == "month" && a <= 1200:
		return p.today.AddMonths(n)
	case unit == "quarter" && a <= 400:
		return p.today.AddMonths(3 * n)
	case unit == "year" && a <= 100:
		return p.today.AddMonths(12 * n)
	}
	return Date{}
}

// dlSpan is an amount of time: months and days add separately so "a month
// and a half" is 45 days and "2 years 3 months" 27 months.
type dlSpan struct{ months, days int }

func (s dlSpan) add(n int, unit string) dlSpan {
	switch unit {
	case "day":
		s.days += n
	case "week":
		s.days += 7 * n
	case "month":
		s.months += n
	case "quarter":
		s.months += 3 * n
	case "year":
		s.months += 12 * n
	}
	return s
}

// half adds half a unit: a half month is 15 days, a half year 6 months.
func (s dlSpan) half(unit string) dlSpan {
	switch unit {
	case "month":
		// With a half, months count as 30 days: "一个半月" is 45 days.
		s.days += 30*s.months + 15
		s.months = 0
	case "year":
		s.months += 6
	case "week":
		s.days += 3
	case "quarter":
		s.days += 45
	}
	return s
}

func (p *deadlineScanner) afterSpanOf(s dlSpan, sign int) Date {
	if s.months > 1200 || s.days > 36600 || s.months < 0 || s.days < 0 {
		return Date{}
	}
	return p.today.AddMonths(sign * s.months).AddDays(sign * s.days)
}

// cadenceIsSpan reports that a cadence phrase such as "a week" at bytes
// [i, e) of the lower-cased text is a span of time instead: "within a
// week", "in a month", "a day from now", "a week ago", "a month and a
// half". The statement then has a deadline, not a rate.
func cadenceIsSpan(low string, i, e int) bool {
	if !strings.HasPrefix(low[i:], "a ") && !strings.HasPrefix(low[i:], "an ") {
		return false
	}
	before := strings.TrimRight(low[:i], " ")
	for _, w := range []string{"within", "in", "next", "upcoming", "than", "under", "over"} {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isASCIIAlnum(before[len(before)-len(w)-1])) {
			return true
		}
	}
	after := strings.TrimLeft(low[e:], " ")
	for _, w := range []string{"from now", "from today", "from right now", "ago", "hence", "later", "and a half", "and half", "after", "before"} {
		if strings.HasPrefix(after, w) && (len(after) == len(w) || !isASCIIAlnum(after[len(w)])) {
			return true
		}
	}
	return false
}
