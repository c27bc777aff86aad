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
	f.Fuzz(func(t *testing.T, s string) {
		a, err := goals.ParseAmount(s)
		if err != nil {
			checkAmountError(t, s, err)
			return
		}
		checkAmount(t, s, a)
	})
}

func FuzzFindAmount(f *testing.F) {
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
