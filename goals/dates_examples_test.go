package goals_test

import (
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Every date example of issue 12, read on Tuesday 2025-07-01 in Shanghai
// (so "Fri, Jul 18" is a Friday this year): the "Seen" list, the forms the
// issue asks for, and the holidays for the right year.
var issueNow = time.Date(2025, 7, 1, 10, 0, 0, 0, mustZone("Asia/Shanghai"))

func TestDeadlineIssueExamples(t *testing.T) {
	past := "date_in_past"
	tests := []struct{ in, want string }{
		// Seen
		{"Fri, Jul 18", "2025-07-18"},
		{"by Fri, Jul 18", "2025-07-18"},
		{"明年九月", "2026-09-30"},
		{"20 of next month", "2025-08-20"},
		{"前两天", past},
		{"兩日之前", past},
		{"the 3rd qtr", "2025-09-30"},
		{"first tuesday of october", "2025-10-07"},
		{"三月前", "2026-02-28"}, // before March: by the end of February
		{"2027年前", "2026-12-31"},
		{"2027年底前", "2027-12-31"},
		{"双十一前", "2025-11-10"},
		{"春节前", "2026-02-16"}, // 春节 2026 is February 17
		{"before Christmas", "2025-12-24"},
		{"本财年结束时", "2025-12-31"},
		{"3年实现", "2028-07-01"},
		// month names alone and with a day
		{"by March", "2026-03-31"},
		{"3月", "2026-03-31"},
		{"三月底", "2026-03-31"},
		{"下個月廿號", "2025-08-20"},
		{"十月第一个星期一", "2025-10-06"},
		// weeks
		{"friday after next", "2025-07-11"},
		{"wednesday of next week", "2025-07-09"},
		{"beginning of next week", "2025-07-09"},
		{"end of next week", "2025-07-13"},
		// quarters, the fiscal year, spans
		{"the 3rd quarter", "2025-09-30"},
		{"next qtr", "2025-12-31"},
		{"本财年", "2025-12-31"},
		{"this fiscal year", "2025-12-31"},
		{"in 3 years", "2028-07-01"},
		{"3年内", "2028-07-01"},
		// holidays and shopping days, the next one
		{"by New Year", "2026-01-01"},
		{"by Valentine's Day", "2026-02-14"},
		{"by Mother's Day", "2026-05-10"},
		{"by Thanksgiving", "2025-11-27"},
		{"by Black Friday", "2025-11-28"},
		{"by Cyber Monday", "2025-12-01"},
		{"by Christmas", "2025-12-25"},
		{"元旦", "2026-01-01"},
		{"春节", "2026-02-17"},
		{"农历新年", "2026-02-17"},
		{"元宵", "2026-03-03"},
		{"清明", "2026-04-05"},
		{"劳动节", "2026-05-01"},
		{"五一", "2026-05-01"},
		{"端午", "2026-06-19"},
		{"七夕", "2025-08-29"},
		{"中秋", "2025-10-06"},
		{"国庆", "2025-10-01"},
		{"十一前", "2025-09-30"},
		{"618前", "2026-06-17"},
		{"双十一", "2025-11-11"},
		{"双11", "2025-11-11"},
		{"双十二", "2025-12-12"},
		{"黑五", "2025-11-28"},
		// past expressions are refused, never moved ahead
		{"昨天", past},
		{"last Friday", past},
		{"上月", past},
		{"上周五", past},
		{"3 days ago", past},
		// ranges of days: the last day
		{"July 13-15", "2025-07-15"},
		{"from the 13th to 15th July", "2025-07-15"},
		{"Aug 8 - Aug 12", "2025-08-12"},
		// "after" a holiday names no last day: no deadline, so the coach asks
		{"after Christmas", "deadline_required"},
		{"春节后", "deadline_required"},
		{"春節之後", "deadline_required"},
		{"one year after christmas", "2026-12-25"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, _, _, err := goals.ScanDeadline(tt.in, issueNow, issueNow.Location())
			got := d.String()
			if err != nil {
				got = goals.ErrorReason(err)
			}
			if got != tt.want {
				t.Errorf("ScanDeadline(%q) = %s (%v), want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

// The fiscal year follows the team's setting: starting in April, this
// fiscal year ends on March 31 next year.
func TestDeadlineFiscalYear(t *testing.T) {
	tests := []struct {
		in    string
		start time.Month
		want  string
	}{
		{"本财年结束时", time.April, "2026-03-31"},
		{"this fiscal year", time.April, "2026-03-31"},
		{"next fiscal year", time.April, "2027-03-31"},
		{"下个财年", time.July, "2027-06-30"}, // July 1 starts FY 2025/26, ending 2026-06-30
		{"本財年", 0, "2025-12-31"},
		{"上财年", time.April, "date_in_past"},
	}
	for _, tt := range tests {
		d, _, _, err := goals.ScanDeadlineWith(tt.in, issueNow, issueNow.Location(), goals.DateOptions{FiscalStart: tt.start})
		got := d.String()
		if err != nil {
			got = goals.ErrorReason(err)
		}
		if got != tt.want {
			t.Errorf("%q with the fiscal year from %v = %s, want %s", tt.in, tt.start, got, tt.want)
		}
	}
}

// Through the goal statement: a past day is answered "has passed, by when
// instead?" with no deadline; "within a week" with a total is a deadline,
// not a weekly rate.
func TestStatementDates(t *testing.T) {
	for _, tt := range []struct{ in, deadline, says string }{
		{"前两天完成20单", "", "已经过去"},
		{"兩日之前完成20單", "", "已經過去"},
		{"Close 20 deals by last Friday", "", "has already passed"},
		{"Close 20 deals within a week", "2025-07-08", ""},
		{"Close 20 deals by Fri, Jul 18", "2025-07-18", ""},
		{"本财年结束时销售额达到100万元", "2025-12-31", ""},
		{"3年实现营收翻倍到500万元", "2028-07-01", ""},
	} {
		an := goals.Analyze(tt.in, goals.AnalyzeOptions{Now: issueNow, Loc: issueNow.Location()})
		got := ""
		if an.Deadline != nil {
			got = an.Deadline.String()
		}
		if got != tt.deadline {
			t.Errorf("%q: deadline %q, want %q", tt.in, got, tt.deadline)
		}
		if tt.says != "" && !strings.Contains(strings.Join(an.Questions, " "), tt.says) {
			t.Errorf("%q: questions %q do not say %q", tt.in, an.Questions, tt.says)
		}
		if tt.deadline == "" && an.Cadence != goals.CadenceNone {
			t.Errorf("%q: cadence %v", tt.in, an.Cadence)
		}
	}
}

// Words that look like dates but are not deadlines stay unread: a number
// is not a holiday, a comparison is not a past deadline.
func TestDeadlineLookalikes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Book a demo on the second call", "deadline_required"},
		{"完成五一二单", "deadline_required"},
		{"二十一前完成", "deadline_required"},
		{"新年目标", "deadline_required"},
		{"比上个月增长10%", "deadline_required"},
		{"Beat yesterday's 20 sales", "deadline_required"},
		{"sell 618 units", "deadline_required"},
		{"3月20单", "2026-03-31"}, // March, twenty deals
		{"by 2-3 weeks", "deadline_required"},
		{"by 7000-01-01", "deadline_required"}, // more than a century ahead: a typo (found by fuzzing)
	} {
		d, _, _, err := goals.ScanDeadline(tt.in, issueNow, issueNow.Location())
		got := d.String()
		if err != nil {
			got = goals.ErrorReason(err)
		}
		if got != tt.want {
			t.Errorf("ScanDeadline(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
