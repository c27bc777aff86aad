package i18n

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// The shortcut below a thousand writes what CLDR's formatter writes.
func TestNumberShortcutAgreesWithCLDR(t *testing.T) {
	p := message.NewPrinter(language.English)
	for _, v := range []float64{0, 1, 7, 20, 999, -3, 0.5, 2.68, 12.25, 999.99, 0.01, 45.1, -0.75} {
		if got, want := Number(v, 2), p.Sprint(number.Decimal(v, number.MaxFractionDigits(2))); got != want {
			t.Errorf("Number(%v) = %q, CLDR %q", v, got, want)
		}
		if got, want := format(v, 2, 2), p.Sprint(number.Decimal(v, number.MinFractionDigits(2), number.MaxFractionDigits(2))); got != want {
			t.Errorf("money digits of %v = %q, CLDR %q", v, got, want)
		}
	}
}
