package goals

import (
	"strings"
	"time"
)

// English deadline forms: relative days, weekdays, weeks, months,
// quarters, years and spans ("in 6 months", "next 3 weeks").

// today, tomorrow, yesterday, eod/eow/eom/eoq/eoy, this week, next month,
// month-end, the weekend ...
func (p *deadlineScanner) relative(i int, conn bool) dlMatch {
	t := &p.t
	w, k := t.word(i)
	switch w {
	case "today", "tonight", "eod":
		return found(p.today, k)
	case "tomorrow", "tmr", "tmrw":
		return found(p.today.AddDays(1), k)
	case "yesterday":
		if t.at(k) == '\'' {
			return dlMatch{} // yesterday's figures
		}
		return found(p.today.AddDays(-1), k)
	case "late":
		if e, ok := t.phrase(i, "late", "tonight"); ok {
			return found(p.today, e)
		}
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
		if e, ok := t.phrase(i, "day", "before", "yesterday"); ok {
			return found(p.today.AddDays(-2), e)
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

// periodPrefix reads this, current, next, coming, following, last, past,
// previous (with an optional "the"): the offset from the current period.
func (t *chatText) periodPrefix(i int) (off, end int, ok bool) {
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	for _, pre := range []struct {
		words []string
		off   int
	}{
		{[]string{"this", "coming"}, 0}, {[]string{"this", "past"}, -1}, {[]string{"this"}, 0}, {[]string{"current"}, 0},
		{[]string{"next"}, 1}, {[]string{"coming"}, 1}, {[]string{"upcoming"}, 1}, {[]string{"following"}, 1},
		{[]string{"last"}, -1}, {[]string{"past"}, -1}, {[]string{"previous"}, -1},
	} {
		if e, ok := t.phrase(k, pre.words...); ok {
			return pre.off, t.sep(e), true
		}
	}
	return 0, i, false
}

// periodRef reads [this|next|last ...] week|weekend|month|quarter|year
// (qtr, yr), or the period word followed by "end" (month-end, year end).
// bare allows the period word alone, as after "end of".
func (p *deadlineScanner) periodRef(i int, bare bool) dlMatch {
	t := &p.t
	off, k, prefixed := t.periodPrefix(i)
	if !prefixed {
		if e, ok := t.phrase(i, "the"); ok && bare {
			k = t.sep(e)
		}
	}
	w, e := t.word(k)
	unit := dlUnits[w]
	if w == "weekend" || w == "week-end" {
		unit = "week"
	}
	if w == "week" && t.at(e) == '-' {
		if x, ok := t.lit(e, "-end"); ok && !txLetter(t.at(x)) {
			e = x
		}
	}
	if unit == "" || unit == "day" || strings.HasSuffix(w, "s") && w != "mos" {
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
	if x, ok := t.phrase(t.sep(e), "after", "next"); ok && off == 1 {
		return found(p.periodEnd(unit, 2), x)
	}
	return found(p.periodEnd(unit, off), e)
}

// [the] end of (the) week|month|quarter|year|day|November|Q3|2027 ...,
// and the start of one: beginning of next week (its Wednesday), early
// March (the 10th), mid March (the 20th), the beginning of 2017 (March 31),
// BOM, BOY.
func (p *deadlineScanner) endOf(i int, _ bool) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	switch w, e := t.word(k); w {
	case "eom", "eoy", "eow", "eoq":
		return p.relative(k, true)
	case "bom":
		return found(p.partOf("month", 0, 1), e)
	case "boy":
		return found(p.partOf("year", 0, 1), e)
	case "bow":
		return found(p.partOf("week", 0, 1), e)
	case "early", "mid", "late":
		part := map[string]int{"early": 1, "mid": 2, "late": 3}[w]
		s := t.sep(e)
		if x, ok := t.litWord(s, "of"); ok {
			s = t.sep(x)
		}
		if m := p.monthEndAt(s); m.ok && s > e {
			return found(monthPart(m.d, part), m.end)
		}
		return dlMatch{}
	}
	part := 3
	e, ok := t.phraseAny(k, []string{"end", "of"}, []string{"close", "of"})
	if !ok {
		if e, ok = t.phraseAny(k, []string{"beginning", "of"}, []string{"start", "of"}); !ok {
			return dlMatch{}
		}
		part = 1
	}
	k = t.sep(e)
	if e, ok := t.phrase(k, "around"); ok {
		k = t.sep(e)
	}
	if part == 3 {
		if e, ok := t.phraseAny(k, []string{"the", "day"}, []string{"day"}, []string{"today"}); ok {
			return found(p.today, e)
		}
	}
	if m := p.fiscalYear(k, true); m.ok {
		if part == 1 {
			return dlMatch{}
		}
		return m
	}
	if off, x, ok := t.periodPrefix(k); ok || true {
		if !ok {
			if e, ok := t.phrase(k, "the"); ok {
				x = t.sep(e)
			} else {
				x = k
			}
		}
		w, e := t.word(x)
		if unit := dlUnits[w]; unit != "" && unit != "day" && !strings.HasSuffix(w, "s") {
			if x, ok := t.phrase(t.sep(e), "after", "next"); ok && off == 1 {
				return found(p.partOf(unit, 2, part), x)
			}
			return found(p.partOf(unit, off, part), e)
		}
	}
	if m := p.monthEndAt(k); m.ok {
		return found(monthPart(m.d, part), m.end)
	}
	if m := p.quarter(k, true); m.ok && part == 3 {
		return m
	}
	if y, e, ok := t.year(k); ok && !txAlnum(t.at(e)) {
		if part == 1 {
			return found(ymd(y, 3, 31), e)
		}
		return found(ymd(y, 12, 31), e)
	}
	return dlMatch{}
}

// partOf is the last day of the first part (1) or the end (3) of a
// period: a week's beginning runs to Wednesday, a month's to the 10th, a
// quarter's to its first month, a year's to March 31.
func (p *deadlineScanner) partOf(unit string, off, part int) Date {
	if part == 3 {
		return p.periodEnd(unit, off)
	}
	s := p.periodStart(unit, off)
	switch unit {
	case "week":
		return s.AddDays(2)
	case "month":
		return s.AddDays(9)
	case "quarter":
		return monthEnd(s.Year(), int(s.Month()))
	case "year", "fiscal":
		return s.AddMonths(3).AddDays(-1)
	}
	return Date{}
}

// monthPart is the last day of the early (1), mid (2) or late (3) part of
// the month that ends on last.
func monthPart(last Date, part int) Date {
	switch part {
	case 1:
		return ymd(last.Year(), int(last.Month()), 10)
	case 2:
		return ymd(last.Year(), int(last.Month()), 20)
	}
	return last
}

// Friday, this Friday, by Fri (the coming one, after today), next Friday
// (of next week), Friday next week, wednesday of next week, friday after
// next, last Friday (past), Monday of this week, 3 fridays from now, 2
// thursdays back; "Fri, Jul 18" is July 18 (an explicit date beats the
// weekday). Bare "sat"/"sun" need a connector.
func (p *deadlineScanner) weekday(i int, conn bool) dlMatch {
	t := &p.t
	k, weeks, prefixed, n, last := i, weekComing, false, 0, false
	if v, e, ok := t.smallCount(i); ok && t.sep(e) > e {
		n, k = v, t.sep(e)
	}
	if n == 0 {
		for _, pre := range []struct {
			words []string
			weeks int
		}{
			{[]string{"this", "coming"}, weekComing}, {[]string{"the", "coming"}, weekComing}, {[]string{"coming"}, weekComing},
			{[]string{"this"}, weekComing}, {[]string{"next", "week"}, 1}, {[]string{"next"}, 1},
			{[]string{"last", "week's"}, -1}, {[]string{"last"}, 0}, {[]string{"previous"}, 0}, {[]string{"past"}, 0},
		} {
			if e, ok := t.phrase(k, pre.words...); ok {
				if pre.words[0] == "last" && len(pre.words) == 1 || pre.words[0] == "previous" || pre.words[0] == "past" {
					last = true
				}
				k, weeks, prefixed = t.sep(e), pre.weeks, true
				break
			}
		}
	}
	w, e := t.word(k)
	wd, ok := dlWeekdayNames[w]
	if !ok && n > 0 && strings.HasSuffix(w, "s") {
		wd, ok = dlWeekdayNames[strings.TrimSuffix(w, "s")]
	}
	if !ok || ((w == "sat" || w == "sun") && !conn && !prefixed && n == 0) {
		return dlMatch{}
	}
	if n > 0 {
		if x, ok := t.phrase(t.sep(e), "from", "now"); ok {
			return found(p.weekdayDate(wd, weekComing).AddDays(7*(n-1)), x)
		}
		if x, ok := t.phraseAny(t.sep(e), []string{"back"}, []string{"ago"}); ok {
			return found(p.lastWeekday(wd).AddDays(-7*(n-1)), x)
		}
		return dlMatch{}
	}
	if last {
		return found(p.lastWeekday(wd), e)
	}
	if t.at(e) == '.' {
		e++
	}
	if !prefixed {
		// Fri, Jul 18 / Monday, Feb 18 / Sunday the 10th of February
		x := e
		if t.at(x) == ',' {
			x++
		}
		if s := t.spaces(x); s > e || x > e {
			for _, f := range []func(int, bool) dlMatch{p.monthDay, p.dayMonth} {
				if m := f(s, false); m.ok {
					if m.d.Weekday() != wd && !p.yearWritten(s, m.end) {
						m.d = p.withWeekday(int(m.d.Month()), m.d.Day(), wd)
					}
					return m
				}
			}
		}
		for _, f := range []struct {
			words []string
			weeks int
		}{
			{[]string{"next", "week"}, 1}, {[]string{"of", "next", "week"}, 1}, {[]string{"of", "this", "week"}, 0},
			{[]string{"this", "week"}, 0}, {[]string{"from", "last", "week"}, -1}, {[]string{"of", "last", "week"}, -1},
			{[]string{"last", "week"}, -1}, {[]string{"of", "the", "following", "week"}, 1}, {[]string{"of", "the", "week", "after", "next"}, 2},
		} {
			if x, ok := t.phrase(t.sep(e), f.words...); ok && t.sep(e) > e {
				return found(p.weekdayDate(wd, f.weeks), x)
			}
		}
		if x, ok := t.phrase(t.sep(e), "after", "next"); ok && t.sep(e) > e {
			return found(p.weekdayDate(wd, weekComing).AddDays(7), x)
		}
	}
	return found(p.weekdayDate(wd, weeks), e)
}

// yearWritten reports a four-digit year between i and e.
func (p *deadlineScanner) yearWritten(i, e int) bool {
	for k := i; k+4 <= e; k++ {
		if _, x, ok := p.t.year(k); ok && x <= e {
			return true
		}
	}
	return false
}

// lastWeekday is the most recent day w before today.
func (p *deadlineScanner) lastWeekday(w time.Weekday) Date {
	return p.today.AddDays(-((int(p.today.Weekday())-int(w)+6)%7 + 1))
}

// first Tuesday of October, the last Monday of March, second wednesday of
// october 2014, first monday of next month, the last weekend of October:
// the next such day (this year's, or next year's once past); of a named
// month (this month, last month) it may be past.
func (p *deadlineScanner) nthWeekday(i int, _ bool) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	n := 0
	if w, e := t.word(k); w != "" {
		n = dlOrdinalWords[w]
		if w == "last" {
			n = -1
		}
		k = e
	} else if v, e, ok := t.num(k, 1); ok && t.ordinal(e) > e {
		n, k = v, t.ordinal(e)
	}
	if n == 0 || n > 5 || t.sep(k) == k {
		return dlMatch{}
	}
	w, e := t.word(t.sep(k))
	wd, ok := dlWeekdayNames[w]
	if w == "weekend" {
		wd, ok = time.Sunday, true
	} else if w == "week" {
		if x, ok2 := t.phrase(t.sep(k), "week", "end"); ok2 {
			wd, ok, e = time.Sunday, true, x
		}
	}
	if !ok {
		return dlMatch{}
	}
	s := t.sep(e)
	e, ok = t.phraseAny(s, []string{"of"}, []string{"in"})
	if !ok || s == t.sep(e) {
		if w == "week" || w == "weekend" {
			return dlMatch{}
		}
		e = s // last week end of October
		if x, ok := t.phrase(s, "end", "of"); !ok || s == e {
			return dlMatch{}
		} else {
			e = x
		}
	}
	s = t.sep(e)
	if m, x := t.monthName(s); m != 0 {
		if y, e, ok := t.year(t.spaces(x)); ok && t.spaces(x) > x {
			return found(nthWeekdayOf(y, m, wd, n), e)
		}
		d := nthWeekdayOf(p.today.Year(), m, wd, n)
		if d.IsZero() || d.Before(p.today) {
			d = nthWeekdayOf(p.today.Year()+1, m, wd, n)
		}
		return found(d, x)
	}
	off, x, ok := t.periodPrefix(s)
	if !ok {
		if e, ok2 := t.phrase(s, "the"); ok2 {
			x = t.sep(e)
		}
	}
	if unit, e := t.word(x); unit == "month" {
		last := p.periodEnd("month", off)
		return found(nthWeekdayOf(last.Year(), int(last.Month()), wd, n), e)
	}
	return dlMatch{}
}

// Q3, Q3 2027, Q3-end, 2018Q4, 3rd quarter, the 3rd qtr, third quarter,
// H1, H2: the period's last day this year, or next year once it has passed.
func (p *deadlineScanner) quarter(i int, _ bool) dlMatch {
	t := &p.t
	q, half, k := 0, 0, i
	if e, ok := t.phrase(i, "the"); ok && t.sep(e) > e {
		k = t.sep(e)
	}
	if y, e, ok := t.year(k); ok && t.at(e) == 'q' && t.at(e+1) >= '1' && t.at(e+1) <= '4' && !txAlnum(t.at(e+2)) {
		return found(quarterEnd(y, int(t.at(e+1)-'0')), e+2)
	}
	switch c, n := t.at(k), t.at(k+1); {
	case c == 'q' && n >= '1' && n <= '4' && !txAlnum(t.at(k+2)):
		q, k = int(n-'0'), k+2
	case c == 'h' && (n == '1' || n == '2') && !txAlnum(t.at(k+2)):
		half, k = int(n-'0'), k+2
	default:
		n, e := 0, k
		if w, x := t.word(k); w != "" {
			n, e = dlOrdinalWords[w], x
		} else if v, x, ok := t.num(k, 1); ok {
			n, e = v, t.ordinal(x)
			if e == x {
				n = 0
			}
		}
		if n < 1 || n > 4 {
			return dlMatch{}
		}
		x, ok := t.phraseAny(t.sep(e), []string{"quarter"}, []string{"qtr"})
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

// last 2 months, past 3 weeks, the past 2 days: a time gone (read so the
// reply can say it has passed).
func (p *deadlineScanner) enPast(i int, _ bool) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	e, ok := t.phraseAny(k, []string{"last"}, []string{"past"}, []string{"previous"})
	if !ok {
		return dlMatch{}
	}
	_, x, ok := t.smallCount(t.sep(e))
	if !ok {
		return dlMatch{}
	}
	w, x := t.word(t.sep(x))
	unit := dlUnits[w]
	if unit == "" {
		return dlMatch{}
	}
	if unit == "day" {
		return found(p.today.AddDays(-1), x)
	}
	return found(p.periodEnd(unit, -1), x)
}

// in 6 months, within 3 weeks, 10 days, a day from now, 7 days hence, 2
// years 3 months, a month and a half: today plus that span ("in 1 month"
// on Jan 31 is Feb 28). next 3 weeks, upcoming two months, 2 upcoming
// quarters: to the end of the last whole period (days: today plus n). 14
// days ago: today minus the span, a past day.
func (p *deadlineScanner) duration(i int, conn bool) dlMatch {
	t := &p.t
	k, intro, aligned := i, conn, false
	for _, pre := range [][]string{
		{"in", "the", "next"}, {"within", "the", "next"}, {"over", "the", "next"}, {"during", "the", "next"},
		{"the", "next"}, {"in"}, {"within"}, {"next"}, {"upcoming"}, {"the", "upcoming"},
	} {
		if e, ok := t.phrase(k, pre...); ok {
			k, intro = t.sep(e), true
			last := pre[len(pre)-1]
			aligned = last == "next" || last == "upcoming"
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
		case w == "a" || w == "an":
			n, e = 1, x
		case dlNumberWords[w] != 0:
			n, e = dlNumberWords[w], x
		case w == "few" && aligned: // next few days: too vague
			return dlMatch{}
		default:
			return dlMatch{}
		}
	}
	s := t.sep(e)
	if s == e && txDigit(t.at(k)) && !intro {
		return dlMatch{} // "6months" glued: leave it
	}
	if x, ok := t.phrase(s, "upcoming"); ok {
		s, aligned, intro = t.sep(x), true, true
	}
	w, x := t.word(s)
	unit := dlUnits[w]
	if unit == "" {
		return dlMatch{}
	}
	sp, whole := dlSpan{}.add(n, unit), true
	// a month and a half; 2 years 3 months; one month and half
	if y, ok := t.phraseAny(t.sep(x), []string{"and", "a", "half"}, []string{"and", "half"}); ok {
		sp, x, whole = sp.half(unit), y, false
	} else if m, y, ok := t.count(t.sep(x), 3); ok && txDigit(t.at(t.sep(x))) {
		if w2, y2 := t.word(t.sep(y)); dlUnits[w2] != "" && dlUnits[w2] != unit {
			sp, x, whole = sp.add(m, dlUnits[w2]), y2, false
		}
	}
	// one year after christmas: that span after the date
	if y, ok := t.phraseAny(t.sep(x), []string{"after"}, []string{"before"}); ok && sp.months+sp.days > 0 && !p.inSpan {
		sign := 1
		if t.at(t.sep(x)) == 'b' {
			sign = -1
		}
		p.inSpan = true
		m := p.match(t.sep(y), false, 2)
		p.inSpan = false
		if !m.ok {
			return dlMatch{}
		}
		q := &deadlineScanner{today: m.d, fiscal: p.fiscal}
		return found(q.afterSpanOf(sp, sign), m.end)
	}
	sign := 1
	switch {
	case t.phraseOK(t.sep(x), "from", "right", "now"):
		x, _ = t.phrase(t.sep(x), "from", "right", "now")
		intro = true
	case t.phraseOK(t.sep(x), "from", "now"), t.phraseOK(t.sep(x), "from", "today"), t.phraseOK(t.sep(x), "hence"), t.phraseOK(t.sep(x), "later"):
		x = t.skipWords(t.sep(x))
		intro = true
	case t.phraseOK(t.sep(x), "ago"), t.phraseOK(t.sep(x), "back"), t.phraseOK(t.sep(x), "before"):
		if t.phraseOK(t.sep(x), "before") {
			return dlMatch{}
		}
		x, _ = t.phraseAny(t.sep(x), []string{"ago"}, []string{"back"})
		sign, intro, aligned = -1, true, false
	}
	if !intro && !txDigit(t.at(k)) {
		return dlMatch{}
	}
	if aligned && sign == 1 && unit != "day" && whole {
		return found(p.periodEnd(unit, n), x)
	}
	return found(p.afterSpanOf(sp, sign), x)
}

func (t *chatText) phraseOK(i int, words ...string) bool {
	_, ok := t.phrase(i, words...)
	return ok
}

// skipWords skips "from now", "from today", "hence", "later".
func (t *chatText) skipWords(i int) int {
	e, _ := t.phraseAny(i, []string{"from", "now"}, []string{"from", "today"}, []string{"hence"}, []string{"later"})
	return e
}
