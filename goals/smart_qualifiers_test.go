package goals

import (
	"reflect"
	"testing"
)

// The rewrite keeps every qualifier the user wrote, and the ones that name
// a dimension become tags (issue 13, "Specific stays specific").
func TestRewriteKeepsQualifiers(t *testing.T) {
	cases := []struct {
		text, rewrite string
		tags          map[string]string
	}{
		{"Book 12 product demos with enterprise accounts in the north by Friday",
			"Book 12 product demos with enterprise accounts in the north by 2026-11-20.", map[string]string{"region": "north", "segment": "enterprise"}},
		{"Close 5 deals with new customers from the Shopify channel by end of month",
			"Close 5 deals with new customers from the Shopify channel by 2026-11-30.", map[string]string{"channel": "Shopify", "segment": "new customers"}},
		{"本月在抖音渠道完成50单新客订单", "在2026-11-30前在抖音渠道完成50单新客订单。", map[string]string{"channel": "抖音", "segment": "新客"}},
		{"Call 30 lapsed customers from the 2024 list by Friday",
			"Call 30 lapsed customers from the 2024 list by 2026-11-20.", map[string]string{"segment": "lapsed customers"}},
		{"本週在蝦皮完成20筆交易", "在2026-11-22前在蝦皮完成20筆交易。", map[string]string{"channel": "蝦皮"}},
		// The date where the user put it; a clause that only gave the deadline goes.
		{"Book 15 demos by Friday, stretch to 20", "Book 15 demos by 2026-11-20, stretch to 20.", nil},
		{"转化率从2%提高到3%，期限是明年1月底", "在2027-01-31前转化率从2%提高到3%。", nil},
		{"团队本月成交额达到200万", "在2026-11-30前团队成交额达到200万。", nil},
		// Nothing to keep: the built rewrite stays.
		{"Book 20 demos by Friday", "Book 20 demos by 2026-11-20.", nil},
		{"本周五前把销售额从1万元做到50万元", "在2026-11-20前将销售额从1万元提升到50万元。", nil},
	}
	for _, c := range cases {
		an := Analyze(c.text, AnalyzeOptions{Now: monday, Loc: monday.Location()})
		if an.Rewrite != c.rewrite || !reflect.DeepEqual(an.Tags, c.tags) {
			t.Errorf("%q:\n rewrite %q, want %q\n tags %v, want %v", c.text, an.Rewrite, c.rewrite, an.Tags, c.tags)
		}
		if g, missing := DraftGoal(an, DateOf(monday)); len(missing) == 0 && !reflect.DeepEqual(g.Tags, c.tags) && c.tags != nil {
			t.Errorf("%q: draft tags %v", c.text, g.Tags)
		}
	}
}
