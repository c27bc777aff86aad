package bot

import "testing"

// Titles are cut at a word, never inside a number or a word, and whole
// when they fit.
func TestClipTitle(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Book 20 demos by Friday", 40, "Book 20 demos by Friday"},
		{"Reduce churn rate from 4.5% to 2% by 2027-03-31", 26, "Reduce churn rate from…"},
		{"Reduce churn rate from 4.5% to 2% by 2027-03-31", 29, "Reduce churn rate from 4.5%…"},
		{"Reach $115,000 in revenue by 2026-12-31", 12, "Reach…"},
		{"在2026-12-31前營收達到90萬元並且維持毛利率", 17, "在2026-12-31前營收達到…"},
		{"在2026-12-31前營收達到90萬元並且維持毛利率", 19, "在2026-12-31前營收達到90萬…"},
		{"在2026-12-31前營收達到90萬元並且維持毛利率", 21, "在2026-12-31前營收達到90萬元並…"},
		{"Supercalifragilisticexpialidocious", 10, "Supercalif…"},
	} {
		if got := clipTitle(tc.in, tc.n); got != tc.want {
			t.Errorf("clipTitle(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
