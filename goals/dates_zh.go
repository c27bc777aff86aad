package goals

import (
	"strings"
	"time"
)

// Chinese deadline forms (Simplified and Traditional, some Cantonese:
// 今個星期, 下個月廿號). Each reader takes the rune index where the form may
// start and whether a connector (到, 在, 截至) came before it.

// cnYearPrefix reads 2027年, 二〇二七年, 今年, 明年, 下年, 后年, 去年, 上年,
// 前年, 这一年.
func (p *deadlineScanner) cnYearPrefix(i int) (int, int, bool) {
	// Four readers ask at the same position: remember the last answer.
	if p.yp.ok && p.yp.at == i {
		return p.yp.y, p.yp.end, p.yp.found
	}
	y, e, ok := p.cnYearPrefixAt(i)
	p.yp = yearPrefixMemo{ok: true, at: i, y: y, end: e, found: ok}
	return y, e, ok
}

type yearPrefixMemo struct {
	ok, found  bool
	at, y, end int
}

func (p *deadlineScanner) cnYearPrefixAt(i int) (int, int, bool) {
	t := &p.t
	y := p.today.Year()
	if c := t.at(i); !txDigit(c) && !cnDateNumeral(c) && !strings.ContainsRune("今这這本明下后後去上前", c) {
		return 0, i, false
	}
	for _, f := range []struct {
		lits []string
		off  int
	}{
		{[]string{"今年", "这一年", "這一年", "本年"}, 0},
		{[]string{"明年", "下年", "下一年"}, 1},
		{[]string{"后年", "後年"}, 2},
		{[]string{"去年", "上年", "上一年"}, -1},
		{[]string{"前年"}, -2},
	} {
		if e, ok := t.oneOf(i, f.lits...); ok {
			return y + f.off, e, true
		}
	}
	if v, e, ok := t.year(i); ok && t.at(e) == '年' {
		return v, t.spaces(e + 1), true
	}
	if v, e, ok := t.count(i, 0); ok && e-i == 4 && v >= 1000 && t.at(e) == '年' {
		return v, t.spaces(e + 1), true
	}
	return 0, i, false
}

// 12月31日, 12月31号, 十二月三十一日, 2026年12月31日, 2016年 2月 5日,
// 明年3月1日, 11月底, 3月 and 三月 (the month's last day), 明年九月,
// 十月第一个星期一; 三月前 is before March: the end of February.
func (p *deadlineScanner) cnDate(i int, _ bool) dlMatch {
	t := &p.t
	y, k, explicit := p.cnYearPrefix(i)
	m, e, ok := t.count(k, 2)
	if !ok || t.at(e) != '月' || m < 1 || m > 12 {
		return dlMatch{}
	}
	k = e + 1
	if x, ok := t.lit(k, "份"); ok {
		k = x
	}
	year := func(d func(y int) Date) Date {
		if explicit {
			return d(y)
		}
		// this year's, or next year's once it has passed
		if x := d(p.today.Year()); !x.IsZero() && !x.Before(p.today) {
			return x
		}
		return d(p.today.Year() + 1)
	}
	if e, ok := t.oneOf(k, "底", "末"); ok {
		return found(year(func(y int) Date { return monthEnd(y, m) }), e)
	}
	// 十月第一个星期一, 三月最后一个周五
	if n, wd, e, ok := p.cnNthWeekday(k); ok {
		return found(year(func(y int) Date { return nthWeekdayOf(y, m, wd, n) }), e)
	}
	if x, ok := t.oneOf(k, "上旬", "中旬", "下旬"); ok { // the 10th, the 20th, the last day
		day := map[rune]int{'上': 10, '中': 20}[t.at(k)]
		return found(year(func(y int) Date {
			if day == 0 {
				return monthEnd(y, m)
			}
			return ymd(y, m, day)
		}), x)
	}
	s := t.spaces(k)
	d, e, ok := t.count(s, 2)
	if ok {
		if x, marked := t.oneOf(e, "日", "号", "號"); marked {
			e = x
		} else if !t.dayMayEnd(e) {
			ok = false // 3月20单 is March, twenty deals
		}
	}
	if !ok || d < 1 || d > 31 {
		if _, ok := t.oneOf(k, "之前", "以前", "前"); ok && !explicit {
			// before March: the end of the month before
			x := year(func(y int) Date { return monthEnd(y, m) })
			before := NewDate(x.Year(), x.Month(), 1).AddDays(-1)
			if before.Before(p.today) {
				before = NewDate(x.Year()+1, x.Month(), 1).AddDays(-1)
			}
			e, _ := t.oneOf(k, "之前", "以前", "前")
			return dlMatch{d: before, end: e, ok: true}
		}
		return found(year(func(y int) Date { return monthEnd(y, m) }), k)
	}
	return found(year(func(y int) Date { return ymd(y, m, d) }), e)
}

// dayMayEnd reports that a day number written without 日/号 ends at k
// (3月20前, 3月20, 3月20到): not when a CJK word runs on (3月20单).
func (t *chatText) dayMayEnd(k int) bool {
	c := t.at(k)
	if c < 0x80 {
		return !txAlnum(c) && c != '%' && c != '.'
	}
	_, ok := t.oneOf(k, "前", "之前", "以前", "为止", "為止", "截止", "内", "內", "以内", "以內", "到", "至", "，", "。", "、", "；")
	return ok
}

// cnNthWeekday reads 第一个星期一, 第2个周五, 最后一个星期五 after a month.
func (p *deadlineScanner) cnNthWeekday(i int) (n int, wd time.Weekday, end int, ok bool) {
	t := &p.t
	k := i
	if e, ok := t.oneOf(k, "最后一个", "最後一個", "最后一", "最後一", "最后", "最後"); ok {
		n, k = -1, e
	} else if e, ok := t.lit(k, "第"); ok {
		v, x, ok := t.count(e, 1)
		if !ok || v < 1 || v > 5 {
			return 0, 0, i, false
		}
		n, k = v, x
		if x, ok := t.oneOf(k, "个", "個"); ok {
			k = x
		}
	} else {
		return 0, 0, i, false
	}
	e, ok := t.cnWeekWord(k)
	if !ok {
		return 0, 0, i, false
	}
	wd, ok = cnWeekdayChar(t.at(e))
	if !ok {
		return 0, 0, i, false
	}
	return n, wd, e + 1, true
}

// 15号, 15日, 廿號: the next 15th (a "3日内" is a duration instead).
func (p *deadlineScanner) cnDay(i int, _ bool) dlMatch {
	t := &p.t
	d, e, ok := t.count(i, 2)
	if !ok {
		return dlMatch{}
	}
	x, ok := t.oneOf(e, "号", "號", "日")
	if !ok {
		return dlMatch{}
	}
	if _, ok := t.oneOf(x, "内", "內", "以内", "以內", "之内", "之內", "后", "後", "前", "之前", "之後", "之后"); ok && t.at(e) == '日' {
		return dlMatch{}
	}
	return found(p.dayThisOrNextMonth(d), x)
}

// 今天, 明天, 后天, 後日, 大后天; 昨天, 前天, 前日 (past).
func (p *deadlineScanner) cnRelDay(i int, _ bool) dlMatch {
	t := &p.t
	for _, f := range []struct {
		lit  string
		days int
	}{
		{"今天", 0}, {"今日", 0}, {"今晚", 0}, {"明天", 1}, {"明日", 1}, {"明晚", 1},
		{"大后天", 3}, {"大後天", 3}, {"后天", 2}, {"後天", 2}, {"後日", 2},
		{"昨天", -1}, {"昨日", -1}, {"昨晚", -1}, {"大前天", -3}, {"前天", -2}, {"前日", -2},
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

// 周五, 星期五 (the coming one), 本周五 (this week's, possibly past), 这周五,
// 今個星期三, 下周一 (next week's), 下下周五, 上周二 (past), 周末 (Sunday),
// and the week itself: 本周, 这一周, 今個禮拜, 下周, 上周 (its Sunday).
// 这周一个客户 is "this week, one client", not Monday; 周日, 二月十号 is
// February 10 (the explicit date beats the weekday).
func (p *deadlineScanner) cnWeekday(i int, _ bool) dlMatch {
	t := &p.t
	k, weeks := i, weekComing
	for _, f := range []struct {
		lits  []string
		weeks int
	}{
		{[]string{"这个", "這個", "今个", "今個", "本个", "本個", "本", "这", "這", "今"}, 0},
		{[]string{"下下个", "下下個", "下下"}, 2},
		{[]string{"下一个", "下一個", "下个", "下個", "下"}, 1},
		{[]string{"上上个", "上上個", "上上"}, -2},
		{[]string{"上一个", "上一個", "上个", "上個", "上"}, -1},
	} {
		if e, ok := t.oneOf(i, f.lits...); ok {
			k, weeks = e, f.weeks
			break
		}
	}
	one := false
	if weeks != weekComing && t.at(k) == '一' { // 这一周, 这一礼拜
		if _, ok := t.cnWeekWord(k + 1); ok {
			k, one = k+1, true
		}
	}
	e, ok := t.cnWeekWord(k)
	if !ok {
		return dlMatch{}
	}
	if wd, ok := cnWeekdayChar(t.at(e)); ok && !one && !(txDigit(t.at(e+1)) || t.measureWordAt(e+1) && wd != time.Sunday) {
		if weeks == weekComing {
			if m := p.cnWeekdayDate(e+1, wd); m.ok {
				return m
			}
		}
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

// cnWeekdayDate reads the date after "周日, " : 周日, 二月十号.
func (p *deadlineScanner) cnWeekdayDate(k int, wd time.Weekday) dlMatch {
	t := &p.t
	s := k
	if c := t.at(s); c == ',' || c == '，' || c == '、' {
		s++
	}
	s = t.spaces(s)
	if s == k {
		return dlMatch{}
	}
	m := p.cnDate(s, false)
	if !m.ok || m.d.Weekday() == wd {
		return m
	}
	if _, _, explicit := p.cnYearPrefix(s); !explicit {
		m.d = p.withWeekday(int(m.d.Month()), m.d.Day(), wd)
	}
	return m
}

// 本月, 这个月, 月底, 月末, 下个月, 下月底, 上月 (past): the month's last
// day; 本月15号, 下个月1日, 下個月廿號: that day.
func (p *deadlineScanner) cnMonth(i int, _ bool) dlMatch {
	t := &p.t
	off := 0
	e, ok := t.oneOf(i, "本月", "这个月", "這個月", "这月", "這月", "当月", "當月", "今个月", "今個月")
	if !ok {
		if e, ok = t.oneOf(i, "月底", "月末"); ok {
			return found(p.periodEnd("month", 0), e)
		}
		if e, ok = t.oneOf(i, "月中"); ok && !cnDateNumeral(t.at(i-1)) && !txDigit(t.at(i-1)) {
			return found(p.dayThisOrNextMonth(15), e)
		}
		switch {
		case t.litOK(i, "下下个月", "下下個月", "下下月"):
			e, _ = t.oneOf(i, "下下个月", "下下個月", "下下月")
			off = 2
		case t.litOK(i, "下一个月", "下一個月", "下个月", "下個月", "下月"):
			e, _ = t.oneOf(i, "下一个月", "下一個月", "下个月", "下個月", "下月")
			off = 1
		case t.litOK(i, "上一个月", "上一個月", "上个月", "上個月", "上月"):
			e, _ = t.oneOf(i, "上一个月", "上一個月", "上个月", "上個月", "上月")
			off = -1
		default:
			return dlMatch{}
		}
	}
	last := p.periodEnd("month", off)
	if x, ok := t.oneOf(e, "上旬", "中旬", "下旬", "中"); ok {
		day := map[rune]int{'上': 10, '中': 20}[t.at(e)]
		if t.at(e) == '中' && x == e+1 {
			day = 15 // 月中, 下个月中
		}
		if day == 0 {
			return found(last, x)
		}
		return found(ymd(last.Year(), int(last.Month()), day), x)
	}
	if d, x, ok := t.count(e, 2); ok {
		if x, ok := t.oneOf(x, "号", "號", "日"); ok {
			return found(ymd(last.Year(), int(last.Month()), d), x)
		}
	}
	return found(last, e)
}

func (t *chatText) litOK(i int, lits ...string) bool {
	_, ok := t.oneOf(i, lits...)
	return ok
}

// 第三季度(末), 第三季, 三季度, 2027年第一季度, 本季度, 本季, 下季度, 季末,
// 上季度 (past), 上半年 (June 30), 下半年 (December 31).
func (p *deadlineScanner) cnQuarter(i int, _ bool) dlMatch {
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
	if e, ok := t.oneOf(i, "上一个季度", "上一個季度", "上个季度", "上個季度", "上季度", "上季"); ok {
		return found(p.periodEnd("quarter", -1), e)
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

// 年底, 年末, 今年, 今年底, 明年, 下年, 去年 (past), 2027年底, 2027年内,
// 在2027年: December 31.
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
	if e, ok := t.oneOf(t.trimSpacesBack(k), "之前", "以前", "前"); ok {
		return found(ymd(y-1, 12, 31), e) // 2027年前: before 2027, as 三月前 is before March
	}
	if !txDigit(t.at(i)) && !cnDateNumeral(t.at(i)) || conn {
		return found(ymd(y, 12, 31), t.trimSpacesBack(k)) // bare 2027年 without 在/到 is too vague to be a deadline
	}
	return dlMatch{}
}

// trimSpacesBack steps back over spaces cnYearPrefix skipped.
func (t *chatText) trimSpacesBack(k int) int {
	for k > 0 && t.at(k-1) == ' ' {
		k--
	}
	return k
}

// 本财年, 这个财年, 下财年, 上财年 (past), 财年底, 本财年结束时, 本会计年度:
// the last day of the team's fiscal year.
func (p *deadlineScanner) cnFiscalYear(i int, _ bool) dlMatch {
	t := &p.t
	off, k := 0, i
	switch {
	case t.litOK(i, "本", "这个", "這個", "今个", "今個", "当前", "當前"):
		k, _ = t.oneOf(i, "这个", "這個", "今个", "今個", "当前", "當前", "本")
	case t.litOK(i, "下一个", "下一個", "下个", "下個", "下"):
		k, _ = t.oneOf(i, "下一个", "下一個", "下个", "下個", "下")
		off = 1
	case t.litOK(i, "上一个", "上一個", "上个", "上個", "上"):
		k, _ = t.oneOf(i, "上一个", "上一個", "上个", "上個", "上")
		off = -1
	}
	e, ok := t.oneOf(k, "财年", "財年", "财政年度", "財政年度", "会计年度", "會計年度")
	if !ok {
		return dlMatch{}
	}
	return found(p.fiscalYearEnd(off), e)
}

// this fiscal year, next fiscal year, the end of this FY, FY end.
func (p *deadlineScanner) fiscalYear(i int, _ bool) dlMatch {
	t := &p.t
	off, k, _ := t.periodPrefix(i)
	if e, ok := t.phraseAny(k, []string{"fiscal", "year"}, []string{"financial", "year"}, []string{"fy"}); ok {
		if x, ok := t.phraseAny(t.sep(e), []string{"end"}); ok {
			e = x
		}
		if k == i && !t.prevWordIs(i, "the", "by", "until", "before", "of") {
			return dlMatch{}
		}
		return found(p.fiscalYearEnd(off), e)
	}
	return dlMatch{}
}

var cnSpanUnits = []struct {
	lits       []string
	unit       string
	needSuffix bool
}{
	{[]string{"个多月", "個多月", "个月", "個月"}, "month", false},
	{[]string{"个星期", "個星期", "个礼拜", "個禮拜", "个礼拜", "個礼拜", "个周", "個周", "个週", "個週", "星期", "礼拜", "禮拜", "周", "週"}, "week", false},
	{[]string{"个季度", "個季度", "季度"}, "quarter", false},
	{[]string{"天"}, "day", false},
	{[]string{"日"}, "day", true},
	{[]string{"年"}, "year", true},
	{[]string{"月"}, "month", true},
}

// cnSpan reads a count and a unit: 3天, 两个星期, 5 天, 一个半月, 个半月.
func (p *deadlineScanner) cnSpan(k int) (n int, sp dlSpan, unit string, needSuffix bool, end int, ok bool) {
	t := &p.t
	if e, ok := t.oneOf(k, "半年"); ok {
		return 6, dlSpan{months: 6}, "month", true, e, true
	}
	if e, ok := t.oneOf(k, "半个月", "半個月"); ok {
		return 15, dlSpan{days: 15}, "day", false, e, true
	}
	if e, ok := t.oneOf(k, "个半月", "個半月"); ok {
		return 1, dlSpan{months: 1}.half("month"), "month", false, e, true
	}
	v, e, ok := t.count(k, 5)
	if !ok {
		return 0, dlSpan{}, "", false, k, false
	}
	s := t.spaces(e)
	if x, ok := t.oneOf(s, "个半月", "個半月"); ok {
		return v, dlSpan{months: v}.half("month"), "month", false, x, true
	}
	for _, u := range cnSpanUnits {
		if x, ok := t.oneOf(s, u.lits...); ok {
			if u.lits[0] == "月" && s > e {
				return 0, dlSpan{}, "", false, k, false // "10 月" could be October or ten months
			}
			return v, dlSpan{}.add(v, u.unit), u.unit, u.needSuffix, x, true
		}
	}
	return 0, dlSpan{}, "", false, k, false
}

// cnGoalVerbs may follow a bare span: 3年实现, 半年完成.
var cnGoalVerbs = []string{"实现", "實現", "完成", "达到", "達到", "做到", "达成", "達成", "拿下", "突破", "翻倍", "翻番"}

// 6个月内, 六个月內, 3周内, 10天内, 一年内, 半年内, 两个星期后, 三日之後, 6
// 年後, 3年实现: today plus that span. 3天前, 兩年之前 (ago): a past day.
func (p *deadlineScanner) cnDuration(i int, _ bool) dlMatch {
	t := &p.t
	k := i
	if e, ok := t.oneOf(k, "未来", "未來", "接下来", "接下來", "今后", "今後"); ok {
		k = e
	}
	_, sp, unit, needSuffix, k, ok := p.cnSpan(k)
	if !ok || unit == "" {
		return dlMatch{}
	}
	if e, ok := t.oneOf(t.spaces(k), "之前", "以前", "前"); ok {
		return found(p.afterSpanOf(sp, -1), e) // ago: a past day
	}
	e, ok := t.oneOf(t.spaces(k), "以内", "以內", "之内", "之內", "内", "內", "之后", "之後", "以后", "以後", "后", "後")
	if !ok {
		e = k
		if needSuffix {
			if _, verb := t.oneOf(k, cnGoalVerbs...); !verb || unit != "year" || txDigit(t.at(i)) && k-i >= 5 {
				return dlMatch{}
			}
		}
	}
	return found(p.afterSpanOf(sp, 1), e)
}

// 上两天, 上兩個月, 前两个月, 前兩年, 上两周: a time gone (read so the reply
// can say it has passed).
func (p *deadlineScanner) cnPast(i int, _ bool) dlMatch {
	t := &p.t
	e, ok := t.oneOf(i, "上", "前", "过去", "過去")
	if !ok {
		return dlMatch{}
	}
	n, _, unit, _, x, ok := p.cnSpan(e)
	if !ok || n < 1 || t.at(e) == '半' || t.at(e) == '个' || t.at(e) == '個' {
		return dlMatch{}
	}
	if unit == "day" {
		return found(p.today.AddDays(-1), x)
	}
	return found(p.periodEnd(unit, -1), x)
}

// 下三天, 后三天, 下三个周, 下两个月, 下三年: the coming n days (today plus
// n), or to the end of the nth coming week, month, quarter or year.
func (p *deadlineScanner) cnNextSpan(i int, _ bool) dlMatch {
	t := &p.t
	e, ok := t.oneOf(i, "下", "后", "後", "未来", "未來", "接下来", "接下來")
	if !ok {
		return dlMatch{}
	}
	n, sp, unit, _, x, ok := p.cnSpan(e)
	if !ok || n < 1 || !cnDateNumeral(t.at(e)) && !txDigit(t.at(e)) {
		return dlMatch{}
	}
	if t.at(e) == '一' && (unit == "week" || unit == "month") && t.at(e+1) != '个' && t.at(e+1) != '個' {
		return dlMatch{} // 下一周 is next week (cnWeekday)
	}
	if _, ok := t.oneOf(x, "前", "之前", "以前"); ok {
		return dlMatch{}
	}
	if unit == "day" {
		return found(p.afterSpanOf(sp, 1), x)
	}
	return found(p.periodEnd(unit, n), x)
}
