package goals

import (
	"sync"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// Named holidays and shopping days sellers plan around, as deadlines
// ("by Christmas", "双十一前"). Lunar festivals and 清明 come from the
// lunar-go calendar, not from tables typed by hand. A holiday named without
// a year is the next one (today included); "before" / 前 is the day before.
// A team's days off (Team.Holidays) are dates it sets itself; they may be
// written with these names too (HolidayDate).

// holiday is one named day: its date in a given Gregorian year.
type holiday struct {
	key string
	on  func(y int) Date
}

func fixedDay(m, d int) func(int) Date { return func(y int) Date { return ymd(y, m, d) } }

// lunarDay is lunar month m day d of the lunar year that starts in y; the
// zero Date when that month has no such day (a 30th in a short month).
func lunarDay(m, d int) func(int) Date {
	return func(y int) Date {
		if y < 1901 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 30 {
			return Date{}
		}
		key := [3]int{y, m, d}
		if v, ok := lunarCache.Load(key); ok {
			return v.(Date)
		}
		var out Date
		if lm := calendar.NewLunarYear(y).GetMonth(m); lm != nil && d <= lm.GetDayCount() {
			s := calendar.NewLunarFromYmd(y, m, d).GetSolar()
			out = ymd(s.GetYear(), s.GetMonth(), s.GetDay())
		}
		lunarCache.Store(key, out)
		return out
	}
}

// lunarCache keeps converted lunar dates: the conversion costs about a
// millisecond and the same few festivals are asked for again and again.
var lunarCache sync.Map

// solarTerm is the day of a solar term (清明) in year y.
func solarTerm(name string) func(int) Date {
	return func(y int) Date {
		if y < 1901 || y > 2099 {
			return Date{}
		}
		s, ok := calendar.NewLunarFromYmd(y, 1, 1).GetJieQiTable()[name]
		if !ok || s.GetYear() != y {
			return Date{}
		}
		return ymd(s.GetYear(), s.GetMonth(), s.GetDay())
	}
}

func nthWeekdayIn(m int, w time.Weekday, n, plus int) func(int) Date {
	return func(y int) Date {
		d := nthWeekdayOf(y, m, w, n)
		if d.IsZero() {
			return d
		}
		return d.AddDays(plus)
	}
}

var holidays = map[string]holiday{}

func init() {
	for _, h := range []holiday{
		{"new_year", fixedDay(1, 1)},
		{"valentines", fixedDay(2, 14)},
		{"womens_day", fixedDay(3, 8)},
		{"labour_day", fixedDay(5, 1)},
		{"childrens_day", fixedDay(6, 1)},
		{"618", fixedDay(6, 18)},
		{"independence_day", fixedDay(7, 4)},
		{"national_day", fixedDay(10, 1)},
		{"halloween", fixedDay(10, 31)},
		{"singles_day", fixedDay(11, 11)},
		{"double_twelve", fixedDay(12, 12)},
		{"christmas_eve", fixedDay(12, 24)},
		{"christmas", fixedDay(12, 25)},
		{"mothers_day", nthWeekdayIn(5, time.Sunday, 2, 0)},
		{"fathers_day", nthWeekdayIn(6, time.Sunday, 3, 0)},
		{"thanksgiving", nthWeekdayIn(11, time.Thursday, 4, 0)},
		{"black_friday", nthWeekdayIn(11, time.Thursday, 4, 1)},
		{"cyber_monday", nthWeekdayIn(11, time.Thursday, 4, 4)},
		{"spring_festival", lunarDay(1, 1)},
		{"lantern", lunarDay(1, 15)},
		{"qingming", solarTerm("清明")},
		{"dragon_boat", lunarDay(5, 5)},
		{"qixi", lunarDay(7, 7)},
		{"mid_autumn", lunarDay(8, 15)},
		{"double_ninth", lunarDay(9, 9)},
		{"new_years_eve_lunar", func(y int) Date {
			d := lunarDay(1, 1)(y + 1) // 除夕: the eve of the next lunar new year
			if d.IsZero() || d.Year() != y {
				d = lunarDay(1, 1)(y)
			}
			if d.IsZero() {
				return d
			}
			return d.AddDays(-1)
		}},
	} {
		holidays[h.key] = h
	}
}

// nextHoliday is the holiday's next date from today (today included).
func (p *deadlineScanner) nextHoliday(key string) Date {
	h, ok := holidays[key]
	if !ok {
		return Date{}
	}
	for y := p.today.Year() - 1; y <= p.today.Year()+1; y++ {
		if d := h.on(y); !d.IsZero() && !d.Before(p.today) {
			return d
		}
	}
	return Date{}
}

// prevHoliday is the holiday's last date before today.
func (p *deadlineScanner) prevHoliday(key string) Date {
	h := holidays[key]
	for y := p.today.Year() + 1; y >= p.today.Year()-2; y-- {
		if d := h.on(y); !d.IsZero() && d.Before(p.today) {
			return d
		}
	}
	return Date{}
}

// holidayIn is the holiday's date in year y; for one that falls early in
// January (none does today but the rule holds) the Gregorian year is used.
func holidayIn(key string, y int) Date {
	h, ok := holidays[key]
	if !ok {
		return Date{}
	}
	return h.on(y)
}

// HolidayDate reads a holiday name ("christmas", "春节", "双十一") in any of
// the three languages and returns its next date from today (today
// included): for a team's days off written by name.
func HolidayDate(name string, today Date) (Date, bool) {
	p := &deadlineScanner{t: foldChat(name), today: today, fiscal: 1}
	if key, e, ok := p.t.enHolidayName(0); ok && e == len(p.t.r) {
		d := p.nextHoliday(key)
		return d, !d.IsZero()
	}
	if key, e, ok := p.t.cnHolidayName(0); ok && e == len(p.t.r) {
		d := p.nextHoliday(key)
		return d, !d.IsZero()
	}
	return Date{}, false
}

// enHolidays are the English names, longest first where one starts another.
var enHolidays = []struct {
	words []string
	key   string
}{
	{[]string{"chinese", "lunar", "new", "year's", "day"}, "spring_festival"},
	{[]string{"chinese", "lunar", "new", "year's"}, "spring_festival"},
	{[]string{"chinese", "lunar", "new", "year"}, "spring_festival"},
	{[]string{"chinese", "new", "year's", "day"}, "spring_festival"},
	{[]string{"chinese", "new", "years", "day"}, "spring_festival"},
	{[]string{"chinese", "new", "year's"}, "spring_festival"},
	{[]string{"chinese", "new", "years"}, "spring_festival"},
	{[]string{"chinese", "new", "year"}, "spring_festival"},
	{[]string{"lunar", "new", "year's", "day"}, "spring_festival"},
	{[]string{"lunar", "new", "year"}, "spring_festival"},
	{[]string{"spring", "festival"}, "spring_festival"},
	{[]string{"new", "year's", "day"}, "new_year"}, {[]string{"new", "years", "day"}, "new_year"},
	{[]string{"new", "year's", "eve"}, "new_years_eve"}, {[]string{"new", "years", "eve"}, "new_years_eve"},
	{[]string{"new", "year's"}, "new_year"}, {[]string{"new", "year"}, "new_year"},
	{[]string{"valentine's", "day"}, "valentines"}, {[]string{"valentines", "day"}, "valentines"},
	{[]string{"valentine's"}, "valentines"}, {[]string{"valentines"}, "valentines"}, {[]string{"valentine"}, "valentines"},
	{[]string{"mother's", "day"}, "mothers_day"}, {[]string{"mothers", "day"}, "mothers_day"},
	{[]string{"father's", "day"}, "fathers_day"}, {[]string{"fathers", "day"}, "fathers_day"},
	{[]string{"thanksgiving", "day"}, "thanksgiving"}, {[]string{"thanksgiving"}, "thanksgiving"},
	{[]string{"black", "friday"}, "black_friday"}, {[]string{"cyber", "monday"}, "cyber_monday"},
	{[]string{"christmas", "eve"}, "christmas_eve"}, {[]string{"xmas", "eve"}, "christmas_eve"},
	{[]string{"christmas", "day"}, "christmas"}, {[]string{"xmas", "day"}, "christmas"},
	{[]string{"christmas"}, "christmas"}, {[]string{"xmas"}, "christmas"},
	{[]string{"halloween"}, "halloween"},
	{[]string{"independence", "day"}, "independence_day"},
	{[]string{"singles", "day"}, "singles_day"}, {[]string{"singles'", "day"}, "singles_day"},
	{[]string{"mid-autumn", "festival"}, "mid_autumn"}, {[]string{"mid", "autumn", "festival"}, "mid_autumn"},
	{[]string{"dragon", "boat", "festival"}, "dragon_boat"},
}

func init() {
	holidays["new_years_eve"] = holiday{"new_years_eve", fixedDay(12, 31)}
}

// enHolidayName reads an English holiday name at i.
func (t *chatText) enHolidayName(i int) (string, int, bool) {
	for _, h := range enHolidays {
		if e, ok := t.phraseApos(i, h.words...); ok {
			return h.key, e, true
		}
	}
	return "", i, false
}

// phraseApos is phrase for words that may hold an apostrophe (year's),
// written straight or curly.
func (t *chatText) phraseApos(i int, words ...string) (int, bool) {
	k := i
	for n, w := range words {
		if n > 0 {
			s := t.sep(k)
			if s == k {
				return i, false
			}
			k = s
		}
		e := k
		for _, c := range w {
			r := t.at(e)
			if r == '’' {
				r = '\''
			}
			if r != c {
				return i, false
			}
			e++
		}
		if txLetter(t.at(e)) {
			return i, false
		}
		k = e
	}
	return k, true
}

// holiday reads an English holiday: christmas, this thanksgiving, next
// halloween, last chinese new year (past), thanksgiving 2014, thanksgiving
// of next year, thanksgiving in 3 years, thanksgiving 1 year ago, the
// second closest xmas to today; "before Christmas" is December 24.
func (p *deadlineScanner) holiday(i int, _ bool) dlMatch {
	t := &p.t
	k, prev, nth := i, false, 0
	if e, ok := t.phrase(k, "the"); ok {
		k = t.sep(e)
	}
	// the [second|2nd] closest xmas to today
	if e, ok := t.phrase(k, "closest"); ok {
		nth, k = 1, t.sep(e)
	} else if w, e := t.word(k); dlOrdinalWords[w] != 0 {
		if x, ok := t.phrase(t.sep(e), "closest"); ok {
			nth, k = dlOrdinalWords[w], t.sep(x)
		}
	} else if v, e, ok := t.num(k, 1); ok && t.ordinal(e) > e {
		if x, ok := t.phrase(t.sep(t.ordinal(e)), "closest"); ok {
			nth, k = v, t.sep(x)
		}
	}
	if nth == 0 {
		if e, ok := t.phraseAny(k, []string{"this"}, []string{"next"}, []string{"coming"}, []string{"upcoming"}); ok {
			k = t.sep(e)
		} else if e, ok := t.phraseAny(k, []string{"last"}, []string{"past"}, []string{"previous"}); ok {
			k, prev = t.sep(e), true
		}
	}
	key, e, ok := t.enHolidayName(k)
	if !ok {
		return dlMatch{}
	}
	if nth > 0 {
		x, ok := t.phrase(t.sep(e), "to", "today")
		if !ok {
			return dlMatch{}
		}
		return found(p.closestHoliday(key, nth), x)
	}
	d := p.nextHoliday(key)
	if prev {
		d = p.prevHoliday(key)
	}
	s := t.sep(e)
	switch {
	case s == e:
	case t.phraseOK(s, "of", "this", "year"):
		e, _ = t.phrase(s, "of", "this", "year")
		d = holidayIn(key, p.today.Year())
	case t.phraseOK(s, "of", "next", "year"):
		e, _ = t.phrase(s, "of", "next", "year")
		d = holidayIn(key, p.today.Year()+1)
	case t.phraseOK(s, "of", "last", "year"):
		e, _ = t.phrase(s, "of", "last", "year")
		d = holidayIn(key, p.today.Year()-1)
	default:
		if y, x, ok := t.year(s); ok && !txAlnum(t.at(x)) {
			d, e = holidayIn(key, y), x
			break
		}
		// thanksgiving in 3 years, 9 months from now, 1 year ago: the first
		// one on or after that day.
		k := s
		if x, ok := t.phrase(s, "in"); ok {
			k = t.sep(x)
		}
		n, x, ok := t.smallCount(k)
		if !ok {
			break
		}
		w, x := t.word(t.sep(x))
		unit := dlUnits[w]
		if unit == "" {
			break
		}
		sign := 1
		switch {
		case t.phraseOK(t.sep(x), "ago"):
			x, _ = t.phrase(t.sep(x), "ago")
			sign = -1
		case t.phraseOK(t.sep(x), "from", "now"):
			x, _ = t.phrase(t.sep(x), "from", "now")
		case k == s:
			n = 0 // "thanksgiving 3 days" is no date
		}
		if n == 0 {
			break
		}
		from := p.afterSpan(sign*n, unit)
		q := &deadlineScanner{today: from, fiscal: p.fiscal}
		d, e = q.nextHoliday(key), x
	}
	if t.prevWordIs(i, "before") && !d.IsZero() {
		d = d.AddDays(-1)
	}
	if t.prevWordIs(i, "after") && !p.inSpan {
		// "after Christmas" names no last day: ask rather than guess one
		// ("a year after Christmas" is read by the span).
		return dlMatch{}
	}
	return found(d, e)
}

// closestHoliday is the nth closest date of a holiday to today.
func (p *deadlineScanner) closestHoliday(key string, nth int) Date {
	var ds []Date
	for y := p.today.Year() - 3; y <= p.today.Year()+3; y++ {
		if d := holidayIn(key, y); !d.IsZero() {
			ds = append(ds, d)
		}
	}
	dist := func(d Date) int {
		n := p.today.DaysUntil(d)
		if n < 0 {
			return -n
		}
		return n
	}
	for a := range ds {
		for b := a + 1; b < len(ds); b++ {
			if dist(ds[b]) < dist(ds[a]) {
				ds[a], ds[b] = ds[b], ds[a]
			}
		}
	}
	if nth < 1 || nth > len(ds) {
		return Date{}
	}
	return ds[nth-1]
}

// cnHolidays are the Chinese names; 十一 and 618 only count as holidays
// where cnHoliday says so (they are numbers too).
var cnHolidays = []struct {
	lits []string
	key  string
}{
	{[]string{"五一国际劳动节", "五一國際勞動節", "国际劳动节", "國際勞動節", "劳动节", "勞動節", "五一"}, "labour_day"},
	{[]string{"元旦节", "元旦節", "元旦"}, "new_year"}, // not 新年: 新年目标 is a resolution, and 新年 may be 春节
	{[]string{"农历新年", "農曆新年", "春节", "春節", "大年初一", "正月初一"}, "spring_festival"},
	{[]string{"除夕"}, "new_years_eve_lunar"},
	{[]string{"元宵节", "元宵節", "元宵"}, "lantern"},
	{[]string{"清明节", "清明節", "清明"}, "qingming"},
	{[]string{"端午节", "端午節", "端午"}, "dragon_boat"},
	{[]string{"七夕节", "七夕節", "七夕"}, "qixi"},
	{[]string{"中秋节", "中秋節", "中秋"}, "mid_autumn"},
	{[]string{"重阳节", "重陽節", "重阳", "重陽"}, "double_ninth"},
	{[]string{"国庆节", "國慶節", "国庆", "國慶"}, "national_day"},
	{[]string{"双十一", "雙十一", "双11", "雙11"}, "singles_day"},
	{[]string{"双十二", "雙十二", "双12", "雙12"}, "double_twelve"},
	{[]string{"情人节", "情人節"}, "valentines"},
	{[]string{"妇女节", "婦女節", "三八节", "三八節"}, "womens_day"},
	{[]string{"儿童节", "兒童節", "六一儿童节", "六一兒童節"}, "childrens_day"},
	{[]string{"母亲节", "母親節"}, "mothers_day"},
	{[]string{"父亲节", "父親節"}, "fathers_day"},
	{[]string{"万圣节", "萬聖節"}, "halloween"},
	{[]string{"平安夜"}, "christmas_eve"},
	{[]string{"圣诞节", "聖誕節", "圣诞", "聖誕"}, "christmas"},
	{[]string{"感恩节", "感恩節"}, "thanksgiving"},
	{[]string{"黑色星期五", "黑五"}, "black_friday"},
	{[]string{"网络星期一", "網絡星期一", "網路星期一"}, "cyber_monday"},
}

// cnHolidayIndex holds the Chinese names by their first character.
var cnHolidayIndex = map[rune][]struct{ lit, key string }{}

func init() {
	for _, h := range cnHolidays {
		for _, l := range h.lits {
			c := []rune(l)[0]
			cnHolidayIndex[c] = append(cnHolidayIndex[c], struct{ lit, key string }{l, h.key})
		}
	}
}

// cnHolidayName reads a Chinese holiday name at i (longest name first).
func (t *chatText) cnHolidayName(i int) (string, int, bool) {
	best, bestEnd := "", i
	for _, h := range cnHolidayIndex[t.at(i)] {
		if e, ok := t.lit(i, h.lit); ok && e > bestEnd {
			best, bestEnd = h.key, e
		}
	}
	if best == "" {
		// 十一 (国庆) and 618 are numbers unless a holiday word or 前 follows.
		for _, h := range []struct{ lit, key string }{{"十一", "national_day"}, {"618", "618"}} {
			if e, ok := t.lit(i, h.lit); ok && !cnDateNumeral(t.at(i-1)) && !txDigit(t.at(i-1)) && t.at(i-1) != '第' {
				if x, ok := t.oneOf(e, "长假", "長假", "假期", "黄金周", "黃金週", "大促", "购物节", "購物節", "活动", "活動"); ok {
					return h.key, x, true
				}
				if _, ok := t.oneOf(e, "前", "之前", "以前"); ok && !txDigit(t.at(i-1)) && !txDigit(t.at(e)) {
					return h.key, e, true
				}
			}
		}
		return "", i, false
	}
	// 五一 and 双十一 inside a longer numeral (五一二, 双十一万) are numbers.
	if cnDateNumeral(t.at(i-1)) || txDigit(t.at(i-1)) || cnDateNumeral(t.at(bestEnd)) || txDigit(t.at(bestEnd)) ||
		t.at(bestEnd) == '万' || t.at(bestEnd) == '萬' {
		return "", i, false
	}
	if x, ok := t.oneOf(bestEnd, "当天", "當天", "那天"); ok {
		bestEnd = x
	}
	return best, bestEnd, true
}

// cnHoliday reads 春节, 今年双十一, 明年中秋, 2027年春节, 上个春节 (past);
// 春节前 / 双十一之前 is the day before.
func (p *deadlineScanner) cnHoliday(i int, _ bool) dlMatch {
	t := &p.t
	y, k, explicit := p.cnYearPrefix(i)
	prev := false
	if !explicit {
		if e, ok := t.oneOf(i, "上个", "上個", "上一个", "上一個"); ok {
			k, prev = e, true
		}
	}
	key, e, ok := t.cnHolidayName(k)
	if !ok {
		return dlMatch{}
	}
	d := p.nextHoliday(key)
	switch {
	case explicit:
		d = holidayIn(key, y)
	case prev:
		d = p.prevHoliday(key)
	}
	if d.IsZero() {
		return dlMatch{}
	}
	if x, ok := t.oneOf(e, "之前", "以前", "前"); ok {
		return dlMatch{d: d.AddDays(-1), end: x, ok: true}
	}
	if _, ok := t.oneOf(e, "之后", "之後", "以后", "以後", "后", "後"); ok {
		// 春节后 names no last day: ask rather than guess one.
		return dlMatch{}
	}
	return found(d, e)
}

var cnLunarMonths = []struct {
	lit string
	m   int
}{
	{"正月", 1}, {"冬月", 11}, {"腊月", 12}, {"臘月", 12},
}

// cnLunarDate reads a lunar date: 农历八月十五, 正月十五, 腊月二十三, 正月朔日:
// the next such day.
func (p *deadlineScanner) cnLunarDate(i int, _ bool) dlMatch {
	t := &p.t
	k, marked := i, false
	if e, ok := t.oneOf(i, "农历", "農曆", "阴历", "陰曆"); ok {
		k, marked = e, true
	}
	m := 0
	for _, lm := range cnLunarMonths {
		if e, ok := t.lit(k, lm.lit); ok {
			m, k = lm.m, e
			break
		}
	}
	if m == 0 {
		if !marked {
			return dlMatch{}
		}
		v, e, ok := t.count(k, 2)
		if !ok || t.at(e) != '月' || v < 1 || v > 12 {
			return dlMatch{}
		}
		m, k = v, e+1
	}
	d := 0
	switch e, ok := t.oneOf(k, "朔日", "朔"); {
	case ok:
		d, k = 1, e
	default:
		if e, ok := t.lit(k, "初"); ok {
			k = e
		}
		v, e, ok := t.count(k, 2)
		if !ok || v < 1 || v > 30 {
			return dlMatch{}
		}
		d, k = v, e
		if x, ok := t.oneOf(k, "日", "号", "號"); ok {
			k = x
		}
	}
	ly := p.lunarYearOfToday()
	for y := ly; y <= ly+1; y++ {
		if x := lunarDay(m, d)(y); !x.IsZero() && !x.Before(p.today) {
			return found(x, k)
		}
	}
	return dlMatch{}
}

func (p *deadlineScanner) lunarYearOfToday() int {
	y := p.today.Year()
	if y < 1901 || y > 2099 {
		return y
	}
	return calendar.NewSolarFromYmd(y, int(p.today.Month()), p.today.Day()).GetLunar().GetYear()
}
