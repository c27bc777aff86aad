package goals_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// wed is Wednesday 2026-11-18, 10:00 in Shanghai: the default "now".
var wed = time.Date(2026, 11, 18, 10, 0, 0, 0, mustZone("Asia/Shanghai"))

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

type deadlineCase struct {
	in   string
	want string // YYYY-MM-DD, or an error reason
	now  time.Time
	loc  string // zone of the team; "" means Asia/Shanghai
}

func (c deadlineCase) clock() (time.Time, *time.Location) {
	now, loc := c.now, mustZone("Asia/Shanghai")
	if c.loc != "" {
		loc = mustZone(c.loc)
	}
	if now.IsZero() {
		now = wed
	}
	return now, loc
}

func TestParseDeadline(t *testing.T) {
	utc := func(s string) time.Time {
		x, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return x
	}
	dec30 := time.Date(2026, 12, 30, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	jan31 := time.Date(2026, 1, 31, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	jan31leap := time.Date(2028, 1, 31, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	feb29 := time.Date(2028, 2, 29, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	fri := time.Date(2026, 11, 20, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	sun := time.Date(2026, 11, 22, 9, 0, 0, 0, mustZone("Asia/Shanghai"))
	mar1 := time.Date(2027, 3, 1, 9, 0, 0, 0, mustZone("Asia/Shanghai"))

	tests := []deadlineCase{
		// explicit dates
		{in: "2026-12-31", want: "2026-12-31"},
		{in: "2026/12/31", want: "2026-12-31"},
		{in: "2026.12.31", want: "2026-12-31"},
		{in: "12/31", want: "2026-12-31"},
		{in: "11/01", want: "2027-11-01"}, // passed this year: next year
		{in: "12/31/2027", want: "2027-12-31"},
		{in: "Dec 31", want: "2026-12-31"},
		{in: "dec. 31", want: "2026-12-31"},
		{in: "31 Dec", want: "2026-12-31"},
		{in: "December 31st", want: "2026-12-31"},
		{in: "31st of December", want: "2026-12-31"},
		{in: "Dec 31, 2027", want: "2027-12-31"},
		{in: "Jan 15", want: "2027-01-15"},
		{in: "12月31日", want: "2026-12-31"},
		{in: "12月31号", want: "2026-12-31"},
		{in: "12月31號", want: "2026-12-31"},
		{in: "2026年12月31日", want: "2026-12-31"},
		{in: "十二月三十一日", want: "2026-12-31"},
		{in: "二〇二七年一月一日", want: "2027-01-01"},
		{in: "３月１日", want: "2027-03-01"},
		{in: "２０２６－１２－３１", want: "2026-12-31"},
		{in: "明年3月底", want: "2027-03-31"},
		{in: "20号", want: "2026-11-20"},
		{in: "15号前", want: "2026-12-15"},
		{in: "by the 25th", want: "2026-11-25"},
		{in: "本月25号", want: "2026-11-25"},
		{in: "下个月15号", want: "2026-12-15"},
		// days
		{in: "today", want: "2026-11-18"},
		{in: "Today.", want: "2026-11-18"},
		{in: "tomorrow", want: "2026-11-19"},
		{in: "eod", want: "2026-11-18"},
		{in: "今天", want: "2026-11-18"},
		{in: "明天", want: "2026-11-19"},
		{in: "后天", want: "2026-11-20"},
		{in: "後天", want: "2026-11-20"},
		{in: "大后天", want: "2026-11-21"},
		// weekdays (today is Wednesday 18th)
		{in: "by Friday", want: "2026-11-20"},
		{in: "Friday", want: "2026-11-20"},
		{in: "this Friday", want: "2026-11-20"},
		{in: "by fri", want: "2026-11-20"},
		{in: "before Friday", want: "2026-11-20"},
		{in: "next Friday", want: "2026-11-27"},
		{in: "Wednesday", want: "2026-11-25"}, // a weekday named on that day is next week's
		{in: "monday", want: "2026-11-23"},
		{in: "by sun", want: "2026-11-22"},
		{in: "周五前", want: "2026-11-20"},
		{in: "本週五前", want: "2026-11-20"},
		{in: "这周五之前", want: "2026-11-20"},
		{in: "下周一前", want: "2026-11-23"},
		{in: "星期五前", want: "2026-11-20"},
		{in: "禮拜五前", want: "2026-11-20"},
		{in: "礼拜天", want: "2026-11-22"},
		{in: "下週五", want: "2026-11-27"},
		{in: "本周一", want: "date_in_past"}, // this week's Monday was the 16th
		{in: "下下周五", want: "2026-12-04"},
		{in: "next week Friday", want: "2026-11-27"},
		{in: "Friday next week", want: "2026-11-27"},
		{in: "周末", want: "2026-11-22"},
		{in: "下周末", want: "2026-11-29"},
		{in: "Friday", now: fri, want: "2026-11-27"},
		{in: "next Friday", now: fri, want: "2026-11-27"},
		{in: "Friday", now: sun, want: "2026-11-27"},
		// weeks
		{in: "end of week", want: "2026-11-22"},
		{in: "end of the week", want: "2026-11-22"},
		{in: "this week", want: "2026-11-22"},
		{in: "by the weekend", want: "2026-11-22"},
		{in: "本周", want: "2026-11-22"},
		{in: "本週", want: "2026-11-22"},
		{in: "这周", want: "2026-11-22"},
		{in: "這週", want: "2026-11-22"},
		{in: "next week", want: "2026-11-29"},
		{in: "下周", want: "2026-11-29"},
		{in: "下週", want: "2026-11-29"},
		{in: "下下周", want: "2026-12-06"},
		{in: "this week", now: sun, want: "2026-11-22"},
		// months
		{in: "end of month", want: "2026-11-30"},
		{in: "end of the month", want: "2026-11-30"},
		{in: "this month", want: "2026-11-30"},
		{in: "month-end", want: "2026-11-30"},
		{in: "本月", want: "2026-11-30"},
		{in: "月底", want: "2026-11-30"},
		{in: "本月底前", want: "2026-11-30"},
		{in: "next month", want: "2026-12-31"},
		{in: "下个月", want: "2026-12-31"},
		{in: "下個月", want: "2026-12-31"},
		{in: "by end of November", want: "2026-11-30"},
		{in: "end of October", want: "2027-10-31"},
		{in: "by December", want: "2026-12-31"},
		{in: "11月底", want: "2026-11-30"},
		{in: "十一月底", want: "2026-11-30"},
		{in: "10月底", want: "2027-10-31"},
		// quarters
		{in: "end of Q3", want: "2027-09-30"}, // Q3 2026 is over
		{in: "by Q4", want: "2026-12-31"},
		{in: "Q4", want: "2026-12-31"},
		{in: "Q1", want: "2027-03-31"},
		{in: "Q3 2027", want: "2027-09-30"},
		{in: "Q3末", want: "2027-09-30"},
		{in: "third quarter", want: "2027-09-30"},
		{in: "4th quarter", want: "2026-12-31"},
		{in: "第四季度末", want: "2026-12-31"},
		{in: "第三季度末", want: "2027-09-30"},
		{in: "第三季", want: "2027-09-30"},
		{in: "三季度", want: "2027-09-30"},
		{in: "第4季度", want: "2026-12-31"},
		{in: "2027年第一季度", want: "2027-03-31"},
		{in: "this quarter", want: "2026-12-31"},
		{in: "本季度", want: "2026-12-31"},
		{in: "本季", want: "2026-12-31"},
		{in: "next quarter", want: "2027-03-31"},
		{in: "下季度", want: "2027-03-31"},
		{in: "H1", want: "2027-06-30"},
		{in: "上半年", want: "2027-06-30"},
		{in: "下半年", want: "2026-12-31"},
		// years
		{in: "end of year", want: "2026-12-31"},
		{in: "end of the year", want: "2026-12-31"},
		{in: "this year", want: "2026-12-31"},
		{in: "year-end", want: "2026-12-31"},
		{in: "年底", want: "2026-12-31"},
		{in: "今年", want: "2026-12-31"},
		{in: "年末", want: "2026-12-31"},
		{in: "next year", want: "2027-12-31"},
		{in: "明年", want: "2027-12-31"},
		{in: "明年底", want: "2027-12-31"},
		{in: "end of 2027", want: "2027-12-31"},
		{in: "2027年底", want: "2027-12-31"},
		// spans
		{in: "in 6 months", want: "2027-05-18"},
		{in: "within 6 months", want: "2027-05-18"},
		{in: "6 months", want: "2027-05-18"},
		{in: "in six months", want: "2027-05-18"},
		{in: "6个月内", want: "2027-05-18"},
		{in: "6個月內", want: "2027-05-18"},
		{in: "六个月内", want: "2027-05-18"},
		{in: "半年内", want: "2027-05-18"},
		{in: "in 3 weeks", want: "2026-12-09"},
		{in: "3周内", want: "2026-12-09"},
		{in: "3週內", want: "2026-12-09"},
		{in: "三周内", want: "2026-12-09"},
		{in: "in 10 days", want: "2026-11-28"},
		{in: "10天内", want: "2026-11-28"},
		{in: "10天內", want: "2026-11-28"},
		{in: "十天内", want: "2026-11-28"},
		{in: "in a week", want: "2026-11-25"},
		{in: "next 30 days", want: "2026-12-18"},
		{in: "in 1 year", want: "2027-11-18"},
		{in: "一年内", want: "2027-11-18"},
		{in: "两个星期后", want: "2026-12-02"},
		// month ends and leap years
		{in: "in 1 month", now: jan31, want: "2026-02-28"},
		{in: "next month", now: jan31, want: "2026-02-28"},
		{in: "1个月内", now: jan31, want: "2026-02-28"},
		{in: "in 1 month", now: jan31leap, want: "2028-02-29"},
		{in: "next month", now: jan31leap, want: "2028-02-29"},
		{in: "in 1 year", now: feb29, want: "2029-02-28"},
		{in: "2/29", now: mar1, want: "2028-02-29"},
		{in: "2/29", want: "bad_date"}, // no Feb 29 in 2026 or 2027
		{in: "2028-02-29", want: "2028-02-29"},
		{in: "2027-02-29", want: "bad_date"},
		// year rollover: now is Wednesday 2026-12-30
		{in: "next month", now: dec30, want: "2027-01-31"},
		{in: "下个月", now: dec30, want: "2027-01-31"},
		{in: "next week", now: dec30, want: "2027-01-10"},
		{in: "this week", now: dec30, want: "2027-01-03"},
		{in: "后天", now: dec30, want: "2027-01-01"},
		{in: "1/1", now: dec30, want: "2027-01-01"},
		{in: "next quarter", now: dec30, want: "2027-03-31"},
		{in: "Q4", now: dec30, want: "2026-12-31"},
		{in: "in 2 days", now: dec30, want: "2027-01-01"},
		{in: "next year", now: dec30, want: "2027-12-31"},
		// DST: America/New_York falls back on 2026-11-01 at 02:00
		{in: "today", now: utc("2026-11-01T04:30:00Z"), loc: "America/New_York", want: "2026-11-01"}, // 00:30 EDT
		{in: "today", now: utc("2026-11-01T05:30:00Z"), loc: "America/New_York", want: "2026-11-01"}, // 01:30 EDT
		{in: "today", now: utc("2026-11-01T06:30:00Z"), loc: "America/New_York", want: "2026-11-01"}, // 01:30 EST
		{in: "today", now: utc("2026-11-02T04:30:00Z"), loc: "America/New_York", want: "2026-11-01"}, // 23:30 EST
		{in: "tomorrow", now: utc("2026-11-01T04:30:00Z"), loc: "America/New_York", want: "2026-11-02"},
		{in: "this week", now: utc("2026-11-01T04:30:00Z"), loc: "America/New_York", want: "2026-11-01"},
		{in: "end of month", now: utc("2026-11-01T03:00:00Z"), loc: "America/New_York", want: "2026-10-31"}, // still Oct 31 locally
		{in: "in 1 week", now: utc("2026-03-08T07:30:00Z"), loc: "America/New_York", want: "2026-03-15"},    // spring forward day
		{in: "today", now: utc("2026-12-31T16:30:00Z"), loc: "Asia/Shanghai", want: "2027-01-01"},
		{in: "next month", now: utc("2026-12-31T16:30:00Z"), loc: "Asia/Shanghai", want: "2027-02-28"},
		{in: "年底", now: utc("2026-12-31T16:30:00Z"), loc: "Asia/Shanghai", want: "2027-12-31"},
		{in: "today", now: utc("2026-12-31T16:30:00Z"), loc: "UTC", want: "2026-12-31"},
		// refused
		{in: "2026-11-17", want: "date_in_past"},
		{in: "2025-12-31", want: "date_in_past"},
		{in: "end of 2025", want: "date_in_past"},
		{in: "", want: "bad_date"},
		{in: "someday", want: "bad_date"},
		{in: "soon", want: "bad_date"},
		{in: "next", want: "bad_date"},
		{in: "13/45", want: "bad_date"},
		{in: "2026-02-30", want: "bad_date"},
		{in: "第五季度", want: "bad_date"},
		{in: "Q5", want: "bad_date"},
		{in: "13月1日", want: "bad_date"},
		{in: "by Friday please", want: "bad_date"}, // all of s must be the date
		{in: "in 99999 years", want: "bad_date"},
		{in: "2026-12-31'; DROP TABLE goals;--", want: "bad_date"},
		{in: "today\x00", want: "bad_date"},
		{in: "3天前", want: "date_in_past"},
		{in: "NaN", want: "bad_date"},
		{in: strings.Repeat("a", 10_000), want: "bad_date"},
	}
	for _, tt := range tests {
		name := tt.in
		if !tt.now.IsZero() {
			name += "@" + tt.now.UTC().Format("2006-01-02T15:04Z")
		}
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			now, loc := tt.clock()
			d, err := goals.ParseDeadline(tt.in, now, loc)
			if strings.Contains(tt.want, "_") {
				if err == nil || goals.ErrorReason(err) != tt.want || goals.ErrorCode(err) != goals.EInvalid {
					t.Fatalf("ParseDeadline(%.60q) = %v, %v; want %s", tt.in, d, err, tt.want)
				}
				return
			}
			if err != nil || d.String() != tt.want {
				t.Fatalf("ParseDeadline(%.60q) = %v, %v; want %s", tt.in, d, err, tt.want)
			}
		})
	}
}

func TestFindDeadline(t *testing.T) {
	tests := []struct {
		in, want, span string
	}{
		{"Sell 20 demos by Friday", "2026-11-20", "by Friday"},
		{"close 5 deals before end of month please", "2026-11-30", "before end of month"},
		{"Q4 revenue 115,000", "2026-12-31", "Q4"},
		{"grow revenue 10% by the end of the quarter", "2026-12-31", "by the end of the quarter"},
		{"50 new email addresses this month", "2026-11-30", "this month"},
		{"reach 200 subscribers in 6 months", "2027-05-18", "in 6 months"},
		{"due 12/31: 40 demos", "2026-12-31", "due 12/31"},
		{"本月新增50个邮箱订阅", "2026-11-30", "本月"},
		{"第四季度末营收达到11.5万", "2026-12-31", "第四季度末"},
		{"6个月内转化率从1%提高到2%", "2027-05-18", "6个月内"},
		{"本週五前完成3個demo", "2026-11-20", "本週五前"},
		{"这周五之前打20个电话", "2026-11-20", "这周五之前"},
		{"截至12月31日销售额达到100万", "2026-12-31", "截至12月31日"},
		{"到年底把退货率从15%降到12%", "2026-12-31", "到年底"},
		{"下个月底前新增30位会员", "2026-12-31", "下个月底前"},
		{"今年营收115000", "2026-12-31", "今年"},
		{"在下周一前提交", "2026-11-23", "在下周一前"},
		{"３週內完成", "2026-12-09", "３週內"},
		{"我们这周一个客户都没有", "2026-11-22", "这周"}, // 这周 + 一个, not 这周一
		{"2026 Q4 revenue", "2026-12-31", "Q4"},
		{"3 demos a day until next Friday", "2026-11-27", "until next Friday"},
		{"log 5 calls, deadline: 2026-12-01", "2026-12-01", "deadline: 2026-12-01"},
		{"ship by Dec 31st, 2026 or else", "2026-12-31", "by Dec 31st, 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, start, end, ok := goals.FindDeadline(tt.in, wed, wed.Location())
			if !ok || d.String() != tt.want || tt.in[start:end] != tt.span {
				t.Errorf("FindDeadline(%q) = %v %q %v, want %s %q", tt.in, d, tt.in[start:end], ok, tt.want, tt.span)
			}
		})
	}
}

// A bare year after in/by/until is its last day; 这季/這季 is this quarter.
// Numbers that only look like years stay amounts.
func TestFindDeadlineYearAndQuarter(t *testing.T) {
	tests := []struct {
		in, want, span string
	}{
		{"Team goal: $1.2M revenue in 2027", "2027-12-31", "in 2027"},
		{"Reach 500 customers by 2027.", "2027-12-31", "by 2027"},
		{"by 2027 reach 500 customers", "2027-12-31", "by 2027"},
		{"close 40 deals until 2028, then review", "2028-12-31", "until 2028"},
		{"revenue in 2026", "2026-12-31", "in 2026"},
		{"这季销售额要达到150万", "2026-12-31", "这季"},
		{"這季銷售額要達到150萬", "2026-12-31", "這季"},
		{"這一季營收衝到200萬", "2026-12-31", "這一季"},
		{"在2027年达到500个客户", "2027-12-31", "在2027年"},
		{"2027年內新增300位會員", "2027-12-31", "2027年內"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, start, end, ok := goals.FindDeadline(tt.in, wed, wed.Location())
			if !ok || d.String() != tt.want || tt.in[start:end] != tt.span {
				t.Errorf("FindDeadline(%q) = %v %q %v, want %s %q", tt.in, d, tt.in[start:end], ok, tt.want, tt.span)
			}
		})
	}
	for _, in := range []string{
		"increase revenue by 2500",    // beyond any plausible year: an amount
		"grow revenue by 2000",        // a past year after "by": an amount
		"raise sales by 2030 units",   // a unit follows
		"cut costs by 2027 dollars",   // a currency follows
		"grow revenue by 2027%",       // a percent
		"sell 2027 units",             // no connector
		"2027年营收达到1000万",              // bare 2027年 stays too vague
		"这季节卖出500件",                   // this season, not this quarter
		"increase revenue by 2,027.5", // a decimal
	} {
		if d, s, e, ok := goals.FindDeadline(in, wed, wed.Location()); ok {
			t.Errorf("FindDeadline(%q) = %v %q, want none", in, d, in[s:e])
		}
	}
	if _, _, _, err := goals.ScanDeadline("revenue was flat in 2025", wed, wed.Location()); goals.ErrorReason(err) != "date_in_past" {
		t.Errorf("in 2025: %v, want date_in_past", err)
	}
	if d, err := goals.ParseDeadline("2027", wed, wed.Location()); err != nil || d.String() != "2027-12-31" {
		t.Errorf("ParseDeadline(2027) = %v, %v", d, err)
	}
	if _, err := goals.ParseDeadline("2020", wed, wed.Location()); err == nil {
		t.Errorf("ParseDeadline(2020) accepted a past year")
	}
}

func TestFindDeadlineNone(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"grow sales", "deadline_required"},
		{"提升销量", "deadline_required"},
		{"3 demos a day", "deadline_required"},
		{"5 demos a week", "deadline_required"},
		{"every Friday send the report", "deadline_required"},
		{"每周五提交报告", "deadline_required"},
		{"上周五卖了3单", "date_in_past"},                 // past: refused, never moved ahead
		{"last Friday we sold 3", "date_in_past"},   // past: refused, never moved ahead
		{"去年底的数据", "date_in_past"},                  // past: refused, never moved ahead
		{"3天前卖了5单", "date_in_past"},                 // past: refused, never moved ahead
		{"sold 4 units 3 days ago", "date_in_past"}, // past: refused, never moved ahead
		{"call at 17:30", "deadline_required"},
		{"version 1.2.3", "deadline_required"},
		{"conversion 1,234.5", "deadline_required"},
		{"the sun came out on a sat", "deadline_required"},
		{"第3天", "deadline_required"},
		{"SELECT * FROM goals; --", "deadline_required"},
		{"by 2025-12-31", "date_in_past"},
		{"done on 2026-11-17 already", "date_in_past"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if d, s, e, ok := goals.FindDeadline(tt.in, wed, wed.Location()); ok {
				t.Fatalf("FindDeadline(%q) = %v %q, want none", tt.in, d, tt.in[s:e])
			}
			_, _, _, err := goals.ScanDeadline(tt.in, wed, wed.Location())
			if goals.ErrorReason(err) != tt.reason {
				t.Errorf("ScanDeadline(%q) error %v, want %s", tt.in, err, tt.reason)
			}
		})
	}
}

func TestParseWeekday(t *testing.T) {
	tests := []struct {
		in   string
		want time.Weekday
		ok   bool
	}{
		{"mon", time.Monday, true},
		{"Monday", time.Monday, true},
		{"MONDAY", time.Monday, true},
		{"tue", time.Tuesday, true},
		{"tues", time.Tuesday, true},
		{"wed", time.Wednesday, true},
		{"thu", time.Thursday, true},
		{"thurs", time.Thursday, true},
		{"fri", time.Friday, true},
		{"ｆｒｉ", time.Friday, true},
		{"sat", time.Saturday, true},
		{"sunday", time.Sunday, true},
		{" 周一 ", time.Monday, true},
		{"星期一", time.Monday, true},
		{"週一", time.Monday, true},
		{"禮拜一", time.Monday, true},
		{"礼拜三", time.Wednesday, true},
		{"周日", time.Sunday, true},
		{"周天", time.Sunday, true},
		{"星期天", time.Sunday, true},
		{"禮拜日", time.Sunday, true},
		{"周7", time.Sunday, true},
		{"周5", time.Friday, true},
		{"", 0, false},
		{"funday", 0, false},
		{"周八", 0, false},
		{"星期", 0, false},
		{"周一二", 0, false},
		{"monday!", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := goals.ParseWeekday(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseWeekday(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// hostileDateUnits repeated to 40 KB are the worst cases found for the
// scanner: each position starts a form that almost matches.
var hostileDateUnits = []string{
	"by ", "end of ", "in 1", "1/", "12月", "下个", "十", "9", "q", " ", "\x00", "截至到在",
	"sell some demos by the way in the next ", "the 1st of ", "下下", "第", "1,2",
	"one year after ", "jul 1 - ", "春节", "first monday of ", "周日, ",
}

// Hostile input is read to the end with the promises kept: nothing found
// is before today, and whatever is found lies in the text. (How fast is
// for BenchmarkDeadlineHostileInput: no timed assertions in tests.)
func TestDeadlineHostileInput(t *testing.T) {
	for _, u := range hostileDateUnits {
		s := strings.Repeat(u, 40_000/len(u)+1)[:40_000]
		d, start, end, ok := goals.FindDeadline(s, wed, wed.Location())
		if ok && (d.Before(goals.DateIn(wed, wed.Location())) || start < 0 || end > len(s) || start >= end) {
			t.Errorf("%q × 40 KB: %v at [%d:%d]", u, d, start, end)
		}
		if _, err := goals.ParseDeadline(s, wed, wed.Location()); err == nil {
			t.Errorf("%q × 40 KB read whole as one date", u)
		}
	}
}

// BenchmarkDeadlineHostileInput: the scan is linear, so 40 KB costs about
// four times 10 KB (compare the sub-benchmarks).
func BenchmarkDeadlineHostileInput(b *testing.B) {
	for _, u := range hostileDateUnits {
		for _, n := range []int{10_000, 40_000} {
			s := strings.Repeat(u, n/len(u)+1)[:n]
			b.Run(fmt.Sprintf("%q/%d", u, n), func(b *testing.B) {
				for b.Loop() {
					goals.FindDeadline(s, wed, wed.Location())
					goals.ParseDeadline(s, wed, wed.Location())
				}
			})
		}
	}
}
