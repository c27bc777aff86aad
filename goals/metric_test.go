package goals

import (
	"strings"
	"testing"
)

func TestLookupMetric(t *testing.T) {
	cases := []struct{ in, key, span string }{
		{"Close 20 demos by Friday", "demos", "demos"},
		{"grow sales", "revenue", "sales"},
		{"Q4 revenue 115,000", "revenue", "revenue"},
		{"Raise GMV to 1M", "revenue", "GMV"},
		{"50 new email addresses this month", "subscribers", "email addresses"},
		{"conversion rate from 1% to 2% by end of Q1", "conversion_rate", "conversion rate"},
		{"churn from 45% to 20%", "churn", "churn"},
		{"Checkout Time from 3 to 1.25 minutes", "checkout_time", "Checkout Time"},
		{"return rate 15% → 12%", "return_rate", "return rate"},
		{"Make 40 sales calls a day", "calls", "sales calls"},
		{"Cut our sales cycle to 30 days", "sales_cycle", "sales cycle"},
		{"Grow BOPIS orders to 500", "bopis", "BOPIS orders"},
		{"buy online pick up in store orders", "bopis", "buy online pick up in store orders"},
		{"raise average order value", "aov", "average order value"},
		{"customer lifetime value 400", "clv", "customer lifetime value"},
		{"LTV 400", "clv", "LTV"},
		{"lower customer acquisition cost", "cac", "customer acquisition cost"},
		{"Do 30 follow-ups every week", "follow_ups", "follow-ups"},
		{"Schedule 12 product demos", "demos", "product demos"},
		{"sell 1,000 units of the top SKU", "sku_sales", "top SKU"},
		{"Reduce cart abandonment from 70%", "cart_abandonment", "cart abandonment"},
		{"Boost NPS", "nps", "NPS"},
		{"website traffic to 20,000 visitors", "traffic", "website traffic"},
		{"generate 100 leads", "leads", "leads"},
		{"leadership", "", ""},
		{"salesforce", "", ""},
		{"每周销售额达到5万元", "revenue", "销售额"},
		{"提升销量", "revenue", "销量"},
		{"这个月店铺营业额做到8万", "revenue", "营业额"},
		{"团队本月成交额达到200万", "revenue", "成交额"},
		{"客户流失率从45%降到20%", "churn", "客户流失率"},
		{"客单价从80元提高到100元", "aov", "客单价"},
		{"结账时间从3分钟缩短到1.25分钟", "checkout_time", "结账时间"},
		{"销售周期从45天缩短到30天", "sales_cycle", "销售周期"},
		{"爆款销量每周达到300件", "sku_sales", "爆款销量"},
		{"线上下单门店自提订单每月达到500单", "bopis", "线上下单门店自提订单"},
		{"下个月新增200个邮箱订阅", "subscribers", "邮箱订阅"},
		{"每天打50通電話", "calls", "通電話"},
		{"这周完成20单", "deals", "单"},
		{"下单转化率", "conversion_rate", "转化率"},
		{"订单转化率", "conversion_rate", "订单转化率"},
		{"本週五前完成20筆交易", "deals", "筆交易"},
		{"下個月新增200個訂閱", "subscribers", "訂閱"},
		{"年底前將營收從10萬元提升到11.5萬元", "revenue", "營收"},
		{"轉換率從1%提升到2%", "conversion_rate", "轉換率"},
		{"退貨率從15%降到12%", "return_rate", "退貨率"},
		{"購物車放棄率從75%降到65%", "cart_abandonment", "購物車放棄率"},
		{"每週安排10場產品示範", "demos", "產品示範"},
		{"淨推薦值從20提升到35", "nps", "淨推薦值"},
		{"客戶終身價值提升到5000元", "clv", "客戶終身價值"},
		{"銷售週期從60天縮短到45天", "sales_cycle", "銷售週期"},
		{"每週拜訪客戶15次", "meetings", "拜訪客戶"},
		{"把爆款的退货率降到8%以内", "return_rate", "爆款的退货率"},
		{"Keep returns under 5%", "return_rate", "returns"},
		{"简单", "", ""},
		{"我想做得更好", "", ""},
	}
	for _, c := range cases {
		m, s, e, ok := LookupMetric(c.in)
		if c.key == "" {
			if ok {
				t.Errorf("LookupMetric(%q) = %s %q, want none", c.in, m.Key, c.in[s:e])
			}
			continue
		}
		if !ok || m.Key != c.key || c.in[s:e] != c.span {
			got := ""
			if ok {
				got = c.in[s:e]
			}
			t.Errorf("LookupMetric(%q) = %q %q %v, want %q %q", c.in, m.Key, got, ok, c.key, c.span)
		}
	}
}

func TestMetricByKeyAndNames(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range KnownMetrics() {
		if seen[m.Key] {
			t.Errorf("duplicate key %s", m.Key)
		}
		seen[m.Key] = true
		got, ok := MetricByKey(m.Key)
		if !ok || got.Key != m.Key {
			t.Errorf("MetricByKey(%s) = %v %v", m.Key, got, ok)
		}
		for _, l := range []string{LangEN, LangZhCN, LangZhTW} {
			if m.Name(l) == "" {
				t.Errorf("%s has no %s name", m.Key, l)
			}
		}
		if m.Names[LangZhTW] != nil && DetectLang(m.Name(LangZhTW)) == LangZhCN && DetectLang(m.Name(LangZhCN)) == LangZhCN && m.Name(LangZhTW) != m.Name(LangZhCN) {
			t.Errorf("%s: zh-TW name %q looks Simplified", m.Key, m.Name(LangZhTW))
		}
		if m.Kind != KindTotal && m.Kind != KindLevel || m.Better != Increase && m.Better != Decrease {
			t.Errorf("%s: bad kind or direction", m.Key)
		}
		switch m.Unit {
		case UnitCount, UnitPercent, UnitMinutes, lexUnitDays, lexUnitCurrency:
		default:
			t.Errorf("%s: unit %q", m.Key, m.Unit)
		}
		// Each display name is found again by the lexicon.
		for l, ns := range m.Names {
			for _, n := range ns {
				if g, _, _, ok := LookupMetric(n); !ok || g.Key != m.Key {
					t.Errorf("%s name %q (%s) looks up as %q", m.Key, n, l, g.Key)
				}
			}
		}
	}
	for _, k := range strings.Fields("revenue aov clv churn cac sales_cycle conversion_rate leads gross_margin cart_abandonment bopis return_rate sku_sales checkout_time nps traffic demos calls emails deals customers products") {
		if !IsCanonicalMetric(k) {
			t.Errorf("%s is not canonical", k)
		}
		if _, ok := MetricByKey(k); !ok {
			t.Errorf("MetricByKey(%s) missing", k)
		}
	}
	if IsCanonicalMetric("subscribers") {
		t.Error("subscribers is not a SPEC §6 key")
	}
	if _, ok := MetricByKey("nope"); ok {
		t.Error("MetricByKey(nope) found")
	}
	if n := (MetricInfo{Key: "x"}).Name(LangZhCN); n != "x" {
		t.Errorf("fallback name %q", n)
	}
}

func TestLexiconFormsAreTraditionalOrSimplifiedConsistent(t *testing.T) {
	// Every Han form must be found by LookupMetric as its own metric, so no
	// form is shadowed by a longer form of another metric.
	for _, e := range lexicon {
		for _, f := range e.forms {
			if strings.HasPrefix(f, "~") {
				continue
			}
			m, s, end, ok := LookupMetric(f)
			if !ok || m.Key != e.Key || s != 0 || end != len(f) {
				t.Errorf("form %q of %s looks up as %q [%d:%d]", f, e.Key, m.Key, s, end)
			}
		}
	}
}
