package goals_test

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		unit string
	}{
		// plain and grouped
		{"3", 3, ""},
		{"0", 0, ""},
		{"-0", 0, ""}, // negative zero is zero
		{"+7", 7, ""},
		{"1,234.5", 1234.5, ""},
		{"115,000", 115000, ""},
		{"1_000", 1000, ""},
		{"1,23,456", 123456, ""}, // Indian grouping
		{"1e5", 100000, ""},      // an exponent is read whole
		{"1e+6", 1e6, ""},
		{"99.99", 99.99, ""},
		{"  42  ", 42, ""},
		{"007", 7, ""},
		// multipliers
		{"1.5k", 1500, ""},
		{"1.5K", 1500, ""},
		{"1.1k", 1100, ""}, // exact: the point moves in the text, no 1.1*1000 rounding
		{"0.1w", 1000, ""},
		{"1.005万", 10050, ""},
		{"2m", 2e6, ""},
		{"2M", 2e6, ""},
		{"2w", 20000, ""},
		{"2W", 20000, ""},
		{"2万", 20000, ""},
		{"2萬", 20000, ""},
		{"11.5万", 115000, ""},
		{"1.2万", 12000, ""},
		{"3千", 3000, ""},
		{"5百", 500, ""},
		{"1亿", 1e8, ""},
		{"1億", 1e8, ""},
		{"3千万", 3e7, ""},
		{"1.5 million", 1.5e6, ""},
		{"2 thousand", 2000, ""},
		// currencies
		{"¥115,000", 115000, "CNY"},
		{"￥115000", 115000, "CNY"},
		{"RMB 500", 500, "CNY"},
		{"rmb500", 500, "CNY"},
		{"CNY 500", 500, "CNY"},
		{"500元", 500, "CNY"},
		{"500块", 500, "CNY"},
		{"500塊", 500, "CNY"},
		{"500 块钱", 500, "CNY"},
		{"2万元", 20000, "CNY"},
		{"人民币500", 500, "CNY"},
		{"500 RMB", 500, "CNY"},
		{"$99.99", 99.99, "USD"},
		{"US$5", 5, "USD"},
		{"500美元", 500, "USD"},
		{"20 USD", 20, "USD"},
		{"NT$300", 300, "TWD"},
		{"NT$300元", 300, "TWD"}, // 元 is the generic word for a currency unit
		{"$5元", 5, "USD"},
		{"300新台币", 300, "TWD"},
		{"新台幣300", 300, "TWD"},
		{"300 TWD", 300, "TWD"},
		{"€20", 20, "EUR"},
		{"20欧元", 20, "EUR"},
		{"HK$88", 88, "HKD"},
		{"100港币", 100, "HKD"},
		{"£10", 10, "GBP"},
		{"1000日元", 1000, "JPY"},
		{"JPY 1000", 1000, "JPY"},
		{"$1.5k", 1500, "USD"},
		{"¥ 2万", 20000, "CNY"},
		// percent
		{"15%", 15, "percent"},
		{"15％", 15, "percent"},
		{"1.25 %", 1.25, "percent"},
		{"15 percent", 15, "percent"},
		{"百分之十五", 15, "percent"},
		{"百分之2", 2, "percent"},
		// full width
		{"１２３", 123, ""},
		{"１，２３４．５", 1234.5, ""},
		{"１．５ｋ", 1500, ""},
		{"￥１１５，０００", 115000, "CNY"},
		// Chinese numerals on their own
		{"三", 3, ""},
		{"十二", 12, ""},
		{"二十", 20, ""},
		{"一百", 100, ""},
		{"两", 2, ""},
		{"兩", 2, ""},
		{"一百零五", 105, ""},
		{"三千五", 3500, ""},
		{"一万二", 12000, ""},
		{"两万", 20000, ""},
		{"十万", 100000, ""},
		{"一亿两千万", 1.2e8, ""},
		{"三千元", 3000, "CNY"},
		// limits
		{"1,000,000,000,000", 1e12, ""},
		{"1万亿", 1e12, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := goals.ParseAmount(tt.in)
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tt.in, err)
			}
			if a.Value != tt.want || a.Unit != tt.unit {
				t.Errorf("ParseAmount(%q) = %v %q, want %v %q", tt.in, a.Value, a.Unit, tt.want, tt.unit)
			}
			if a.Raw != strings.TrimSpace(tt.in) {
				t.Errorf("Raw = %q", a.Raw)
			}
		})
	}
}

func TestParseAmountRejects(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "missing_amount"},
		{"   ", "missing_amount"},
		{"\u3000", "missing_amount"},
		{"abc", "bad_amount"},
		{"NaN", "bad_amount"},
		{"nan", "bad_amount"},
		{"Inf", "bad_amount"},
		{"+Inf", "bad_amount"},
		{"-Infinity", "bad_amount"},
		{"1e400", "amount_too_large"},  // read whole, never truncated
		{"1,23,4", "ambiguous_amount"}, // 1.234 or 1234?
		{"1,2", "ambiguous_amount"},
		{"0x10", "bad_amount"},
		{"０x10", "bad_amount"},
		{"1.2.3", "bad_amount"},
		{"1..2", "bad_amount"},
		{"3 demos", "bad_amount"}, // exactly one amount, nothing else
		{"12月", "bad_amount"},
		{"2026-12-31", "bad_amount"},
		{"17:30", "bad_amount"},
		{"#12", "bad_amount"},
		{"5; DROP TABLE goals;--", "bad_amount"},
		{"' OR 1=1 --", "bad_amount"},
		{"5\x00", "bad_amount"},
		{"\x1b[31m5", "bad_amount"},
		{"$", "bad_amount"},
		{"万", "bad_amount"},
		{"k", "bad_amount"},
		{"1.5kk", "bad_amount"},
		{"5%%", "bad_amount"},
		{"\xff\xfe", "bad_amount"},
		{"-5", "negative_amount"},
		{"−5", "negative_amount"},
		{"－５", "negative_amount"},
		{"-$5", "negative_amount"},
		{"$-5", "negative_amount"},
		{"-1.5万", "negative_amount"},
		{"1,000,000,000,001", "amount_too_large"},
		{"2万亿", "amount_too_large"},
		{"10000000000000", "amount_too_large"},
		{strings.Repeat("9", 400), "amount_too_large"},
		{strings.Repeat("9", 10_000), "amount_too_large"},
		{strings.Repeat("1", 10_000) + "abc", "bad_amount"},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			a, err := goals.ParseAmount(tt.in)
			if err == nil {
				t.Fatalf("ParseAmount(%.60q) = %+v, want error %s", tt.in, a, tt.reason)
			}
			if goals.ErrorCode(err) != goals.EInvalid || goals.ErrorReason(err) != tt.reason {
				t.Errorf("ParseAmount(%.60q) error %.80v (code %s), want reason %s", tt.in, err, goals.ErrorCode(err), tt.reason)
			}
		})
	}
}

func TestFindAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		unit string
		raw  string // the located text
	}{
		{"3 demos", 3, "", "3"},
		{"log 3 demos", 3, "", "3"},
		{"今天卖了1.2万", 12000, "", "1.2万"},
		{"今天卖了1.2万元", 12000, "CNY", "1.2万元"},
		{"十二个客户", 12, "", "十二"},
		{"打了二十通电话", 20, "", "二十"},
		{"新增一百位会员", 100, "", "一百"},
		{"见了两个客户", 2, "", "两"},
		{"見了兩個客戶", 2, "", "兩"},
		{"我想设定一个目标：本月卖出50单", 50, "", "50"}, // 一个 is the article
		{"打了一个电话", 1, "", "一"},
		{"Q4 revenue 115,000", 115000, "", "115,000"},
		{"log 1_000 calls", 1000, "", "1_000"},
		{"3_4 demos", 3, "", "3"}, // not a group of three: the number ends
		{"Q4营收¥115,000", 115000, "CNY", "¥115,000"},
		{"by 2026-12-31 sell 500 units", 500, "", "500"},
		{"at 17:30 call 4 leads", 4, "", "4"},
		{"#12 5", 5, "", "5"},
		{"/goal log #12 3 demos", 3, "", "3"},
		{"第四季度营收11.5万", 115000, "", "11.5万"},
		{"第3季度 20单", 20, "", "20"},
		{"in 6 months reach 200 subscribers", 200, "", "200"},
		{"6个月内新增300个订阅", 300, "", "300"},
		{"六个月内新增三百个订阅", 300, "", "三百"},
		{"12月31日前完成80单", 80, "", "80"},
		{"by Dec 31 close 7 deals", 7, "", "7"},
		{"by 31st December close 7 deals", 7, "", "7"},
		{"conversion from 1% to 2%", 1, "percent", "1%"},
		{"退货率从15%降到12%", 15, "percent", "15%"},
		{"checkout time 3 minutes", 3, "", "3"},
		{"sold $99.99 today", 99.99, "USD", "$99.99"},
		{"raised US$5 from NT$300", 5, "USD", "US$5"},
		{"收了NT$300", 300, "TWD", "NT$300"},
		{"营收RMB 500", 500, "CNY", "RMB 500"},
		{"卖了５００块", 500, "CNY", "５００块"},
		{"１，２３４．５ units", 1234.5, "", "１，２３４．５"},
		{"v1.2.3 shipped 4 builds", 4, "", "4"},
		{"0x10 then 7", 7, "", "7"},
		{"3pm call 2 leads", 2, "", "2"},
		{"done 3, then 4", 3, "", "3"},
		{"grow sales by 2000", 2000, "", "2000"},
		{"end of 2027 target 40", 40, "", "40"},
		{"A$5 or 6", 5, "AUD", "A$5"},
		{"1.5k followers", 1500, "", "1.5k"},
		{"2mins checkout", 2, "", "2"},
		{"转化率提高到百分之二", 2, "percent", "百分之二"},
		{"三千元的订单", 3000, "CNY", "三千元"},
		{"本周三个客户", 3, "", "三"}, // a measure word wins over 周三
		{"2026 Q4 revenue 50", 50, "", "50"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, start, end, ok := goals.FindAmount(tt.in)
			if !ok {
				t.Fatalf("FindAmount(%q) found nothing", tt.in)
			}
			if a.Value != tt.want || a.Unit != tt.unit || a.Raw != tt.raw || tt.in[start:end] != tt.raw {
				t.Errorf("FindAmount(%q) = %v %q %q [%d:%d], want %v %q %q", tt.in, a.Value, a.Unit, a.Raw, start, end, tt.want, tt.unit, tt.raw)
			}
		})
	}
}

func TestFindAmountNone(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "missing_amount"},
		{"grow sales", "missing_amount"},
		{"提升销量", "missing_amount"},
		{"by 2026-12-31", "missing_amount"},
		{"at 17:30", "missing_amount"},
		{"Q4", "missing_amount"},
		{"第四季度", "missing_amount"},
		{"第三个目标", "missing_amount"},
		{"#12", "missing_amount"},
		{"in 6 months", "missing_amount"},
		{"in 3 weeks", "missing_amount"},
		{"6个月内", "missing_amount"},
		{"六个月内", "missing_amount"},
		{"3周内", "missing_amount"},
		{"10天内", "missing_amount"},
		{"12月31日", "missing_amount"},
		{"12月31号", "missing_amount"},
		{"Dec 31", "missing_amount"},
		{"December 31st", "missing_amount"},
		{"31 Dec", "missing_amount"},
		{"12/31", "missing_amount"},
		{"2026年", "missing_amount"},
		{"5pm", "missing_amount"},
		{"星期三", "missing_amount"},
		{"周一到周五", "missing_amount"},
		{"万一不行", "missing_amount"},
		{"一起努力", "missing_amount"},
		{"NaN Inf", "missing_amount"},
		{"1e400", "amount_too_large"},
		{"０x10", "missing_amount"},
		{"1.2.3", "missing_amount"},
		{"'; DROP TABLE goals; --", "missing_amount"},
		{"\x00\x01\x02", "missing_amount"},
		{"log -5 demos", "negative_amount"},
		{"卖了-3单", "negative_amount"},
		{"log 99999999999999 demos", "amount_too_large"},
		{"log " + strings.Repeat("9", 10_000), "amount_too_large"},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			if a, s, e, ok := goals.FindAmount(tt.in); ok {
				t.Fatalf("FindAmount(%.60q) = %+v [%d:%d], want none", tt.in, a, s, e)
			}
			_, _, _, err := goals.ScanAmount(tt.in)
			if goals.ErrorReason(err) != tt.reason {
				t.Errorf("ScanAmount(%.60q) error %.80v, want reason %s", tt.in, err, tt.reason)
			}
		})
	}
}

// Hostile input must be handled in linear time: 10 KB of anything returns
// at once. The check compares 10 KB with 40 KB (best of three runs, so a
// busy machine does not fail it): linear work grows 4×, quadratic 16×.
func TestAmountHostileInputIsFast(t *testing.T) {
	for _, u := range hostileAmountUnits {
		t.Run(u, func(t *testing.T) {
			checkLinear(t, u, func(s string) {
				a, _, _, ok := goals.FindAmount(s)
				if ok {
					checkStorable(t, "FindAmount", u, a)
				}
				if a, err := goals.ParseAmount(s); err == nil {
					checkStorable(t, "ParseAmount", u, a)
				}
			})
		})
	}
}

var hostileAmountUnits = []string{
	"9", "1,", "1.", "一", "十万", "$", "rmb ", "a1", "#1 ", " ", "-", "第", "1-", "\x00", "\xff", "１",
	"1.5万", "百分之", "Dec 31 ",
}

// checkStorable: whatever a scan of garbage yields is an amount the store
// would take (finite, not negative, at most MaxAmount).
func checkStorable(t *testing.T, fn, unit string, a goals.Amount) {
	t.Helper()
	if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || a.Value < 0 || a.Value > goals.MaxAmount {
		t.Errorf("%s(%q repeated) = %v", fn, unit, a.Value)
	}
}

func repeatTo(unit string, n int) string { return strings.Repeat(unit, n/len(unit)+1)[:n] }

// checkLinear runs f on 10 KB and 40 KB of unit and checks, without a
// clock, that its allocations grow linearly: 4× the input may cost at
// most 8× the allocations and bytes (a scan that copies the rest of the
// input at each position is 16×). Time is for BenchmarkAmountHostileInput;
// the test binary's timeout guards against a hang.
func checkLinear(t *testing.T, unit string, f func(string)) {
	t.Helper()
	small, large := repeatTo(unit, 10_000), repeatTo(unit, 40_000)
	ns, bs := allocs(func() { f(small) })
	nl, bl := allocs(func() { f(large) })
	if nl > 8*ns+64 || bl > 8*bs+64<<10 {
		t.Errorf("%q: 10 KB made %d allocations (%d B), 40 KB %d (%d B): not linear", unit, ns, bs, nl, bl)
	}
}

// allocs is the number and bytes of heap allocations f makes.
func allocs(f func()) (n, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}

// BenchmarkAmountHostileInput times 10 KB and 40 KB of each hostile unit:
// linear scanning shows about 4× the time per op from one to the other.
func BenchmarkAmountHostileInput(b *testing.B) {
	for _, u := range hostileAmountUnits {
		for _, n := range []int{10_000, 40_000} {
			s := repeatTo(u, n)
			b.Run(fmt.Sprintf("%q/%dKB", u, n/1000), func(b *testing.B) {
				for b.Loop() {
					goals.FindAmount(s)
					goals.ParseAmount(s)
				}
			})
		}
	}
}
