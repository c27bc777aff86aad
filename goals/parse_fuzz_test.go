package goals_test

import (
	"errors"
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goalbot/goalbot/goals"
)

// Seeds live in testdata/fuzz/<FuzzName>/; crashers found by `go test
// -fuzz` are added there after the fix so they run with every `go test`.

func FuzzParseAmount(f *testing.F) {
	for _, s := range amountSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := goals.ParseAmount(s)
		if err != nil {
			checkAmountError(t, s, err)
			return
		}
		checkAmount(t, s, a)
		if !traceable(s) {
			t.Fatalf("ParseAmount(%q) = %v: no digit or number word in it", s, a.Value)
		}
		if a.Doubt != "" {
			t.Fatalf("ParseAmount(%q) = %+v: a doubtful amount accepted", s, a)
		}
	})
}

// FuzzReadLogAmount checks the log reader: one figure, traceable to the
// text, or a refusal; and it agrees with ScanAmount where that is sure.
func FuzzReadLogAmount(f *testing.F) {
	for _, s := range amountSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, start, end, err := goals.ReadLogAmount(s)
		b, _, _, scanErr := goals.ScanAmount(s)
		if err != nil {
			var e *goals.Error
			if !errors.As(err, &e) || e.Code != goals.EInvalid {
				t.Fatalf("ReadLogAmount(%q): error %v is not an invalid-input *Error", s, err)
			}
			switch e.Reason {
			case "amount_range", "amount_bound":
				if scanErr != nil || b.Doubt == "" {
					t.Fatalf("ReadLogAmount(%q) refused %s, but ScanAmount found %+v, %v", s, e.Reason, b, scanErr)
				}
			default:
				checkAmountError(t, s, err)
			}
			return
		}
		checkSpan(t, s, start, end)
		checkAmount(t, s, a)
		if a.Doubt != "" || scanErr != nil || b.Value != a.Value || b.Unit != a.Unit {
			t.Fatalf("ReadLogAmount(%q) = %+v, ScanAmount = %+v, %v", s, a, b, scanErr)
		}
		if !traceable(a.Raw) {
			t.Fatalf("ReadLogAmount(%q) = %v from %q: no digit or number word there", s, a.Value, a.Raw)
		}
	})
}

// amountSeeds are the forms the scanner reads and refuses.
var amountSeeds = []string{
	"1,2", "1万2", "一千零十", ".77", "零點77", "一百点123", "百分之一点五七", "1e+6", "20分", "2角", "五個半",
	"负1,200,000", "minus 1,200,000", "¥500", "三千五", "2萬5", "百名", "壹万贰仟", "five", "twenty-one",
	"玖仟陆佰陆拾伍圆壹角捌分", "三块零四", "两毛五", "$20 and 43c", "3.14US$", "NT$300", "RM 42", "₹2,000",
	"10到20元", "between 10 and 20", "under seven euros", "至少三块四分", "五双", "30 l", ".0012G", "1,23,456",
	"seven hundred twenty-one thousand and twelve", "3 GBP and one", "42 egyptianpound", "一萬零卌", "本周0.3万",
}

func FuzzFindAmount(f *testing.F) {
	for _, s := range amountSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, start, end, ok := goals.FindAmount(s)
		_, _, _, err := goals.ScanAmount(s)
		if ok != (err == nil) {
			t.Fatalf("FindAmount(%q) ok=%v but ScanAmount error %v", s, ok, err)
		}
		if !ok {
			checkAmountError(t, s, err)
			return
		}
		checkSpan(t, s, start, end)
		checkAmount(t, s, a)
		if !traceable(a.Raw) {
			t.Fatalf("FindAmount(%q) = %v from %q: no digit or number word there", s, a.Value, a.Raw)
		}
		if a.Raw != s[start:end] {
			t.Fatalf("FindAmount(%q): Raw %q is not s[%d:%d] %q", s, a.Raw, start, end, s[start:end])
		}
		// What was found reads the same on its own.
		b, err := goals.ParseAmount(a.Raw)
		if err != nil || b.Value != a.Value || b.Unit != a.Unit {
			t.Fatalf("FindAmount(%q) = %v %q, but ParseAmount(%q) = %v %q, %v", s, a.Value, a.Unit, a.Raw, b.Value, b.Unit, err)
		}
	})
}

// fuzzZones cover DST, half-hour DST, and both ends of the date line.
var fuzzZones = []string{"UTC", "Asia/Shanghai", "America/New_York", "Asia/Taipei", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago"}

func FuzzFindDeadline(f *testing.F) {
	locs := make([]*time.Location, len(fuzzZones))
	for i, z := range fuzzZones {
		locs[i] = mustZone(z)
	}
	f.Fuzz(func(t *testing.T, s string, unix int64, zone uint8) {
		// Any instant from 1970 to about 2270.
		const span = 300 * 365 * 24 * 3600
		unix %= span
		if unix < 0 {
			unix += span
		}
		now, loc := time.Unix(unix, 0), locs[int(zone)%len(locs)]
		today := goals.DateIn(now, loc)

		d, start, end, ok := goals.FindDeadline(s, now, loc)
		if ok {
			checkSpan(t, s, start, end)
			if d.IsZero() || d.Before(today) {
				t.Fatalf("FindDeadline(%q) at %v in %v = %v, before today %v", s, now, loc, d, today)
			}
			// What was found reads the same on its own.
			p, err := goals.ParseDeadline(s[start:end], now, loc)
			if err != nil || p != d {
				t.Fatalf("FindDeadline(%q) = %v from %q, but ParseDeadline gives %v, %v", s, d, s[start:end], p, err)
			}
		}
		p, err := goals.ParseDeadline(s, now, loc)
		switch {
		case err == nil && (p.IsZero() || p.Before(today)):
			t.Fatalf("ParseDeadline(%q) at %v = %v, before today %v", s, now, p, today)
		case err != nil && goals.ErrorReason(err) != "bad_date" && goals.ErrorReason(err) != "date_in_past":
			t.Fatalf("ParseDeadline(%q): unexpected error %v", s, err)
		}
	})
}

func checkAmount(t *testing.T, s string, a goals.Amount) {
	t.Helper()
	if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || a.Value < 0 || a.Value > goals.MaxAmount || math.Signbit(a.Value) {
		t.Fatalf("amount of %q = %v: not a finite non-negative value up to MaxAmount", s, a.Value)
	}
	switch a.Unit {
	case "", goals.UnitPercent:
	default:
		if !goals.IsCurrency(a.Unit) {
			t.Fatalf("amount of %q has unit %q", s, a.Unit)
		}
	}
	if !utf8.ValidString(a.Raw) {
		t.Fatalf("amount of %q: Raw %q is not UTF-8", s, a.Raw)
	}
}

func checkAmountError(t *testing.T, s string, err error) {
	t.Helper()
	var e *goals.Error
	if !errors.As(err, &e) || e.Code != goals.EInvalid {
		t.Fatalf("amount of %q: error %v is not an invalid-input *Error", s, err)
	}
	switch e.Reason {
	case "missing_amount", "bad_amount", "negative_amount", "amount_too_large", "ambiguous_amount":
	default:
		t.Fatalf("amount of %q: unexpected reason %q", s, e.Reason)
	}
}

func checkSpan(t *testing.T, s string, start, end int) {
	t.Helper()
	if start < 0 || start > end || end > len(s) {
		t.Fatalf("%q: span [%d:%d] out of range", s, start, end)
	}
	if start == end {
		t.Fatalf("%q: empty span at %d", s, start)
	}
	if !utf8.ValidString(s[start:end]) {
		t.Fatalf("%q: span %q is not UTF-8", s, s[start:end])
	}
}
