package goals_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Every amount form issue 12 names, read as a progress log reads it
// (ReadLogAmount): the value and unit, or the refusal.
func TestReadLogAmountForms(t *testing.T) {
	tests := []struct {
		in     string
		want   float64
		unit   string
		reason string // when refused
	}{
		// Seen wrong before, now right.
		{"1,2", 0, "", "ambiguous_amount"},
		{"1,23,4", 0, "", "ambiguous_amount"},
		{"1万2", 12000, "", ""},
		{"一千零十", 1010, "", ""},
		{".77", 0.77, "", ""},
		{"零點77", 0.77, "", ""},
		{"一百点123", 100.123, "", ""},
		{"百分之一点五七", 1.57, goals.UnitPercent, ""},
		{"1e+6", 1e6, "", ""},
		{"20分", 0.2, goals.UnitCNY, ""},
		{"2角", 0.2, goals.UnitCNY, ""},
		{"五個半", 5.5, "", ""},
		{"负1,200,000", 0, "", "negative_amount"},
		{"minus 1,200,000", 0, "", "negative_amount"},
		{"三千五", 3500, "", ""},
		{"2萬5", 25000, "", ""},
		{"百名", 100, "", ""},
		{"壹万贰仟", 12000, "", ""},
		{"five", 5, "", ""},
		{"twenty-one", 21, "", ""},
		// Chinese numerals, every common form.
		{"两万三", 23000, "", ""},
		{"十一", 11, "", ""},
		{"廿", 20, "", ""},
		{"卅", 30, "", ""},
		{"卅三", 33, "", ""},
		{"千", 1000, "", ""},
		{"千一", 1100, "", ""},
		{"萬九", 19000, "", ""},
		{"一半", 0.5, "", ""},
		{"一点五", 1.5, "", ""},
		{"零點七七", 0.77, "", ""},
		{"三块五", 3.5, goals.UnitCNY, ""},
		{"一块二", 1.2, goals.UnitCNY, ""},
		{"三块零四", 3.04, goals.UnitCNY, ""},
		{"两毛五", 0.25, goals.UnitCNY, ""},
		{"五元六角", 5.6, goals.UnitCNY, ""},
		{"玖仟陆佰陆拾伍圆壹角捌分", 9665.18, goals.UnitCNY, ""},
		{"一亿零一", 100000001, "", ""},
		{"100万三千", 1003000, "", ""},
		{"10.1万", 101000, "", ""},
		{"一七二零", 1720, "", ""},
		{"二分之一", 0.5, "", ""},
		{"卖了三千五", 3500, "", ""},
		{"5块50", 5.5, goals.UnitCNY, ""},
		{"三块五十", 3.5, goals.UnitCNY, ""},
		{"两块二十五", 2.25, goals.UnitCNY, ""},
		{"五块五毛", 5.5, goals.UnitCNY, ""},
		{"一千二百五", 1250, "", ""},
		{"本周七千五", 7500, "", ""},
		// English.
		{"3 and a half", 3.5, "", ""},
		{"one and a half", 1.5, "", ""},
		{"two hundred", 200, "", ""},
		{"1.5 million", 1.5e6, "", ""},
		{"a dozen", 12, "", ""},
		{"seven hundred twenty-one thousand and twelve", 721012, "", ""},
		{"1.5k", 1500, "", ""},
		{"3m", 3e6, "", ""},
		{"2bn", 2e9, "", ""},
		{"10¢", 0.1, goals.UnitUSD, ""},
		{"$20 and 43c", 20.43, goals.UnitUSD, ""},
		{"twenty dollars 43 cents", 20.43, goals.UnitUSD, ""},
		{"20€", 20, goals.UnitEUR, ""},
		{"10$", 10, goals.UnitUSD, ""},
		{"3.14US$", 3.14, goals.UnitUSD, ""},
		{"USD 5", 5, goals.UnitUSD, ""},
		{"NT$300", 300, goals.UnitTWD, ""},
		{"HK$88", 88, "HKD", ""},
		{"RM 42", 42, "MYR", ""},
		{"₹2,000", 2000, "INR", ""},
		{"5 lakh rupees", 500000, "INR", ""},
		{"1,23,456", 123456, "", ""},
		{"about 5", 5, "", ""},
		// Refused, nothing written.
		{"-5", 0, "", "negative_amount"},
		{"−5", 0, "", "negative_amount"},
		{"负一", 0, "", "negative_amount"},
		{"negative 1200000", 0, "", "negative_amount"},
		{"10到20元", 0, "", "amount_range"},
		{"between 10 and 20", 0, "", "amount_range"},
		{"from 10 to 20 dollars", 0, "", "amount_range"},
		{"$10-$20", 0, "", "amount_range"},
		{"under seven euros", 0, "", "amount_bound"},
		{"至少三块四分", 0, "", "amount_bound"},
		{"1.2元以下", 0, "", "amount_bound"},
		{"十多个", 0, "", "amount_bound"},
		{"五双", 0, "", "ambiguous_amount"},
		{"sold 20 pairs of shoes", 0, "", "ambiguous_amount"},
		{"30 l", 0, "", "ambiguous_amount"},
		{"1 200", 0, "", "ambiguous_amount"},   // 1200, or 1 and 200?
		{"1.500", 0, "", "ambiguous_amount"},   // 1.5, or 1500 with a European point?
		{"1.234,5", 0, "", "ambiguous_amount"}, // 1.234 or 1234.5?
		{"1e400", 0, "", "amount_too_large"},
		{"零点点", 0, "", "missing_amount"},
		{"负", 0, "", "missing_amount"},
		{"exactly dollars", 0, "", "missing_amount"},
		{"万一不行", 0, "", "missing_amount"},
		{"一起努力", 0, "", "missing_amount"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, _, _, err := goals.ReadLogAmount(tt.in)
			if tt.reason != "" {
				if goals.ErrorReason(err) != tt.reason {
					t.Fatalf("ReadLogAmount(%q) = %v %q, %v; want refusal %s", tt.in, a.Value, a.Unit, err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadLogAmount(%q): %v", tt.in, err)
			}
			if math.Abs(a.Value-tt.want) > 1e-9*math.Max(1, tt.want) || a.Unit != tt.unit {
				t.Errorf("ReadLogAmount(%q) = %v %q, want %v %q", tt.in, a.Value, a.Unit, tt.want, tt.unit)
			}
		})
	}
}

// The question names both readings.
func TestAmbiguousNamesBoth(t *testing.T) {
	for in, want := range map[string][2]string{"1,2": {"1.2", "12"}, "五双": {"5", "10"}, "1半": {"0.5", "1.5"}} {
		_, _, _, err := goals.ReadLogAmount(in)
		var e *goals.Error
		if !errors.As(err, &e) || e.Reason != "ambiguous_amount" || e.Args["a"] != want[0] || e.Args["b"] != want[1] {
			t.Errorf("ReadLogAmount(%q) = %v, want a question %s or %s", in, err, want[0], want[1])
		}
	}
}

// Money fits a goal in its own currency, or any currency of its family.
func TestFitsCurrency(t *testing.T) {
	tests := []struct {
		in   string
		goal string
		fits bool
	}{
		{"¥500", "USD", false},
		{"¥500", "CNY", true},
		{"¥500", "JPY", true},
		{"$5", "USD", true},
		{"$5", "CAD", true},
		{"$5", "INR", false},
		{"US$5", "CAD", false},
		{"500元", "CNY", true},
		{"500元", "TWD", true},
		{"500元", "USD", false},
		{"10¢", "EUR", true},
		{"10¢", "JPY", false},
		{"20 euros", "EUR", true},
		{"20 euros", "USD", false},
		{"10 dinars", "KWD", true},
		{"42 EGP", "EGP", true},
		{"42 EGP", "GBP", false},
		{"5", "INR", true},
	}
	for _, tt := range tests {
		a, err := goals.ParseAmount(tt.in)
		if err != nil {
			t.Fatalf("ParseAmount(%q): %v", tt.in, err)
		}
		if got := a.FitsCurrency(tt.goal); got != tt.fits {
			t.Errorf("%q on a %s goal: fits %v, want %v", tt.in, tt.goal, got, tt.fits)
		}
	}
}

// Statements keep the currency they name, and a word that names a weight
// as well as money ("pounds") is money only where the goal is.
func TestStatementCurrencies(t *testing.T) {
	now := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	tests := []struct{ in, unit string }{
		{"Reach 1000000 INR in revenue by end of year", "INR"},
		{"Reach 20000 ringgit in revenue by March", "MYR"},
		{"Reach 5000 pounds in revenue by March", "GBP"},
		{"Reach £5000 in revenue by March", "GBP"},
		{"lose 5 pounds by March", goals.UnitCount},
		{"sell 20 pairs of shoes by Friday", goals.UnitCount},
		{"本月销售额达到5万新加坡元", "SGD"},
	}
	for _, tt := range tests {
		an := goals.Analyze(tt.in, goals.AnalyzeOptions{Now: now, Loc: time.UTC, Lang: goals.DetectLang(tt.in)})
		if an.Unit != tt.unit {
			t.Errorf("Analyze(%q).Unit = %q, want %q", tt.in, an.Unit, tt.unit)
		}
	}
}
