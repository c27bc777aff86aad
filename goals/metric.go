package goals

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Default units a metric can have besides the goal units in goal.go: a
// duration in days (sales cycle) and "currency", which stands for the
// team's or statement's currency (CNY, TWD, USD ...).
const (
	lexUnitDays     = "days"
	lexUnitCurrency = "currency"
)

// MetricInfo describes one KPI the coach knows.
type MetricInfo struct {
	Key    string // canonical key (SPEC §6): revenue, conversion_rate, demos ...
	Kind   Kind   // total (logs add up) or level (readings)
	Unit   string // default unit: count, percent, minutes, days or "currency"
	Better Direction
	// Names holds display names per language (en, zh-CN, zh-TW), the
	// preferred one first.
	Names map[string][]string
}

// Name is the preferred display name of m in lang (en, zh-CN, zh-TW),
// falling back to English and then to the key.
func (m MetricInfo) Name(lang string) string {
	if n := m.Names[lang]; len(n) > 0 {
		return n[0]
	}
	if n := m.Names[LangEN]; len(n) > 0 {
		return n[0]
	}
	return m.Key
}

// lexEntry is a metric and the surface forms that mention it. Forms are
// lower-case. ASCII forms match whole words, with an optional plural "s" or
// "es"; a space or hyphen in a form matches any run of spaces, hyphens and
// underscores. Han forms match anywhere. A form starting with "~" is a
// measure word (单, 筆, 通 ...): it only counts right after a number.
type lexEntry struct {
	MetricInfo
	generic bool // a broad noun that a more specific neighbour overrides ("BOPIS orders")
	forms   []string
}

func names(en, cn, tw string) map[string][]string {
	return map[string][]string{LangEN: {en}, LangZhCN: {cn}, LangZhTW: {tw}}
}

// lexicon is the KPI lexicon. The first 22 keys are the canonical keys of
// SPEC §6; subscribers, follow_ups and meetings are nouns users often count
// that the spec leaves to "the user's own noun", kept here so they are
// recognised in all three languages.
var lexicon = []lexEntry{
	{MetricInfo{"revenue", KindTotal, lexUnitCurrency, Increase, names("revenue", "销售额", "營收")}, true, []string{
		"revenue", "sales revenue", "sales", "turnover", "takings", "gmv", "income", "gross sales", "net sales", "sales volume",
		"销售额", "销量", "营业额", "营收", "业绩", "收入", "成交额", "流水", "销售收入", "营业收入", "销售业绩", "销售金额", "交易额", "营业收益",
		"營收", "營業額", "銷售額", "銷量", "業績", "成交額", "營業收入", "銷售收入", "銷售業績", "交易額", "銷售金額",
	}},
	{MetricInfo{"aov", KindLevel, lexUnitCurrency, Increase, names("average order value", "客单价", "客單價")}, false, []string{
		"aov", "average order value", "avg order value", "order value", "average basket size", "basket size", "average ticket", "average transaction value",
		"客单价", "平均客单价", "平均订单价值", "平均订单金额", "笔单价",
		"客單價", "平均客單價", "平均訂單價值", "平均訂單金額",
	}},
	{MetricInfo{"clv", KindLevel, lexUnitCurrency, Increase, names("customer lifetime value", "客户生命周期价值", "客戶終身價值")}, false, []string{
		"clv", "ltv", "cltv", "customer lifetime value", "lifetime value", "customer ltv",
		"客户生命周期价值", "客户终身价值", "用户生命周期价值", "用户终身价值", "生命周期价值", "终身价值",
		"客戶生命週期價值", "客戶生命周期價值", "客戶終身價值", "顧客終身價值", "顧客生命週期價值", "生命週期價值", "終身價值",
	}},
	{MetricInfo{"churn", KindLevel, UnitPercent, Decrease, names("churn rate", "流失率", "流失率")}, false, []string{
		"churn", "churn rate", "customer churn", "attrition", "attrition rate", "customer attrition",
		"流失率", "客户流失率", "客户流失", "用户流失率", "用户流失", "会员流失率", "流失",
		"客戶流失率", "客戶流失", "顧客流失率", "用戶流失率", "會員流失率",
	}},
	{MetricInfo{"cac", KindLevel, lexUnitCurrency, Decrease, names("customer acquisition cost", "获客成本", "獲客成本")}, false, []string{
		"cac", "customer acquisition cost", "acquisition cost", "cost per acquisition", "cpa", "cost per customer",
		"获客成本", "客户获取成本", "获客费用", "拉新成本", "单客成本",
		"獲客成本", "客戶取得成本", "顧客取得成本", "客戶獲取成本", "獲客費用",
	}},
	{MetricInfo{"sales_cycle", KindLevel, lexUnitDays, Decrease, names("sales cycle", "销售周期", "銷售週期")}, false, []string{
		"sales cycle", "sales cycle length", "deal cycle", "time to close",
		"销售周期", "成交周期", "销售周期长度",
		"銷售週期", "銷售周期", "成交週期",
	}},
	{MetricInfo{"conversion_rate", KindLevel, UnitPercent, Increase, names("conversion rate", "转化率", "轉換率")}, false, []string{
		"conversion rate", "conversion", "cvr", "close rate", "win rate",
		"转化率", "转换率", "成交率", "赢单率",
		"轉換率", "轉化率", "贏單率",
	}},
	{MetricInfo{"leads", KindTotal, UnitCount, Increase, names("leads", "潜在客户", "潛在客戶")}, true, []string{
		"lead", "qualified lead", "sales lead", "prospect", "mql",
		"潜在客户", "线索", "销售线索", "潜客", "名单", "商机",
		"潛在客戶", "名單", "潛客", "線索", "銷售線索", "商機",
	}},
	{MetricInfo{"gross_margin", KindLevel, UnitPercent, Increase, names("gross margin", "毛利率", "毛利率")}, false, []string{
		"gross margin", "margin", "gross profit margin", "profit margin",
		"毛利率", "毛利", "利润率",
		"利潤率",
	}},
	{MetricInfo{"cart_abandonment", KindLevel, UnitPercent, Decrease, names("cart abandonment rate", "购物车放弃率", "購物車放棄率")}, false, []string{
		"cart abandonment", "cart abandonment rate", "abandoned cart", "abandonment rate", "checkout abandonment", "basket abandonment",
		"购物车放弃率", "弃购率", "购物车弃单率", "弃单率", "购物车放弃", "加购放弃率",
		"購物車放棄率", "棄購率", "購物車棄單率", "棄單率", "購物車放棄",
	}},
	{MetricInfo{"bopis", KindTotal, UnitCount, Increase, names("BOPIS orders", "门店自提订单", "門市取貨訂單")}, false, []string{
		"bopis", "buy online pick up in store", "buy online pickup in store", "buy online, pick up in store", "click and collect", "click & collect", "in-store pickup", "store pickup", "pickup in store",
		"线上下单门店自提", "线上下单到店自提", "门店自提", "到店自提", "自提",
		"線上下單門市取貨", "線上下單門市自取", "門市取貨", "門市自取", "到店取貨", "店取",
	}},
	{MetricInfo{"return_rate", KindLevel, UnitPercent, Decrease, names("return rate", "退货率", "退貨率")}, false, []string{
		"return rate", "returns rate", "refund rate", "rate of returns", "returns",
		"退货率", "退款率", "退换货率",
		"退貨率", "退換貨率",
	}},
	{MetricInfo{"sku_sales", KindTotal, UnitCount, Increase, names("top-SKU sales", "爆款销量", "爆款銷量")}, false, []string{
		"top-sku sales", "top sku sales", "top sku", "sku sales", "best-seller sales", "bestseller sales", "best seller", "bestseller", "hero product sales",
		"爆款销量", "爆款", "单品销量", "主推款销量", "主推款", "爆品",
		"爆款銷量", "單品銷量", "主打商品銷量", "主打款", "主推款銷量",
	}},
	{MetricInfo{"checkout_time", KindLevel, UnitMinutes, Decrease, names("checkout time", "结账时间", "結帳時間")}, false, []string{
		"checkout time", "check-out time", "time to checkout", "checkout duration", "time at checkout",
		"结账时间", "结算时间", "收银时间", "结账时长", "结账用时", "排队结账时间", "结账排队时间", "排队时间",
		"結帳時間", "結帳時長", "結賬時間", "結算時間", "收銀時間", "結帳排隊時間", "排隊時間",
	}},
	{MetricInfo{"nps", KindLevel, UnitCount, Increase, names("NPS", "净推荐值", "淨推薦值")}, false, []string{
		"nps", "net promoter score", "promoter score",
		"净推荐值", "净推荐分", "净推荐分数",
		"淨推薦值", "淨推薦分數", "淨推薦分",
	}},
	{MetricInfo{"traffic", KindTotal, UnitCount, Increase, names("visitors", "访客", "訪客")}, false, []string{
		"traffic", "website traffic", "visitor", "unique visitor", "site visit", "website visit", "page view", "pageview", "session", "store visit",
		"流量", "访客", "访客数", "访问量", "浏览量", "客流", "客流量", "进店人数", "uv",
		"訪客", "訪客數", "瀏覽量", "造訪", "造訪數", "訪問量", "來客數", "進店人數",
	}},
	{MetricInfo{"demos", KindTotal, UnitCount, Increase, names("demos", "演示", "示範")}, false, []string{
		"demo", "product demo", "sales demo", "demonstration",
		"演示", "产品演示", "产品展示", "试用演示",
		"示範", "產品示範", "產品展示", "產品演示", "展示",
	}},
	{MetricInfo{"calls", KindTotal, UnitCount, Increase, names("calls", "电话", "電話")}, false, []string{
		"call", "phone call", "cold call", "sales call", "dial",
		"电话", "通话", "外呼", "拨打", "陌拜电话", "~通",
		"電話", "通話", "撥打", "陌生電話",
	}},
	{MetricInfo{"emails", KindTotal, UnitCount, Increase, names("emails", "邮件", "郵件")}, false, []string{
		"email", "e-mail", "cold email", "outreach email", "follow-up email", "mail",
		"邮件", "电邮", "开发信", "~封",
		"郵件", "電郵", "電子郵件", "開發信",
	}},
	{MetricInfo{"deals", KindTotal, UnitCount, Increase, names("deals", "成交", "成交")}, true, []string{
		"deal", "closed deal", "closed-won deal", "contract", "order", "purchase order",
		"交易", "成交", "订单", "签单", "合同", "订单数", "~单", "~笔",
		"訂單", "簽單", "合約", "合同", "訂單數", "~單", "~筆",
	}},
	{MetricInfo{"customers", KindTotal, UnitCount, Increase, names("customers", "客户", "客戶")}, true, []string{
		"customer", "new customer", "client", "new client", "buyer", "paying customer", "account",
		"客户", "新客户", "新客", "顾客", "买家", "付费用户", "新用户", "用户", "会员", "新会员", "客户数",
		"客戶", "新客戶", "顧客", "買家", "付費用戶", "新用戶", "用戶", "會員", "新會員", "客戶數",
	}},
	{MetricInfo{"products", KindTotal, UnitCount, Increase, names("products", "产品", "產品")}, true, []string{
		"product", "new product", "listing", "new listing", "sku",
		"产品", "新品", "商品", "上架", "新产品", "款式",
		"產品", "新商品", "新產品", "上新",
	}},
	// Not in the canonical list of SPEC §6, but common enough to know.
	{MetricInfo{"subscribers", KindTotal, UnitCount, Increase, names("subscribers", "订阅用户", "訂閱")}, false, []string{
		"subscriber", "email subscriber", "newsletter subscriber", "email address", "email signup", "email sign-up", "signup", "sign-up", "subscription", "opt-in",
		"订阅", "订阅者", "订阅用户", "邮箱订阅", "邮件订阅", "邮箱地址", "订阅数", "粉丝", "关注者",
		"訂閱", "訂閱者", "訂閱戶", "電子報訂閱", "電子報訂戶", "郵件訂閱", "訂閱數", "粉絲", "追蹤者", "電子郵件地址",
	}},
	{MetricInfo{"follow_ups", KindTotal, UnitCount, Increase, names("follow-ups", "跟进", "跟進")}, false, []string{
		"follow-up", "followup", "follow up", "touchpoint", "touch point",
		"跟进", "回访", "客户跟进", "跟单",
		"跟進", "回訪", "客戶跟進", "跟單",
	}},
	{MetricInfo{"meetings", KindTotal, UnitCount, Increase, names("meetings", "会议", "會議")}, false, []string{
		"meeting", "appointment", "client meeting", "sales meeting", "customer visit", "site visit to customer",
		"会议", "会面", "拜访", "面谈", "约见",
		"會議", "會面", "拜訪", "面談", "約見",
	}},
}

// canonicalMetricKeys are the keys SPEC §6 names.
var canonicalMetricKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range lexicon[:22] {
		m[e.Key] = true
	}
	return m
}()

// IsCanonicalMetric reports whether key is one of the metric keys of SPEC §6.
func IsCanonicalMetric(key string) bool { return canonicalMetricKeys[key] }

// MetricByKey returns the lexicon entry of a metric key.
func MetricByKey(key string) (MetricInfo, bool) {
	for _, e := range lexicon {
		if e.Key == key {
			return e.MetricInfo, true
		}
	}
	return MetricInfo{}, false
}

// KnownMetrics lists every metric of the lexicon, canonical keys first.
func KnownMetrics() []MetricInfo {
	out := make([]MetricInfo, len(lexicon))
	for i, e := range lexicon {
		out[i] = e.MetricInfo
	}
	return out
}

// lexForm is one surface form, compiled.
type lexForm struct {
	entry       int
	text        string // lower-case
	ascii       bool
	afterNumber bool
}

// formsByFirst indexes the forms by their first byte, longest first.
var formsByFirst = func() map[byte][]lexForm {
	idx := map[byte][]lexForm{}
	for i, e := range lexicon {
		for _, f := range e.forms {
			lf := lexForm{entry: i, text: strings.ToLower(f)}
			if strings.HasPrefix(lf.text, "~") {
				lf.afterNumber = true
				lf.text = lf.text[1:]
			}
			lf.ascii = isASCII(lf.text)
			idx[lf.text[0]] = append(idx[lf.text[0]], lf)
		}
	}
	for b := range idx {
		fs := idx[b]
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].text) > len(fs[j].text) })
	}
	return idx
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIAlpha(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }
func isASCIIAlnum(b byte) bool { return isASCIIAlpha(b) || b >= '0' && b <= '9' }
func isSep(b byte) bool        { return b == ' ' || b == '-' || b == '_' || b == '\t' }

// asciiLower lower-cases ASCII letters only, so byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// matchASCIIForm matches an ASCII form at text[i:] as whole words and
// returns the end of the match.
func matchASCIIForm(text string, i int, form string) (int, bool) {
	if i > 0 && isASCIIAlpha(text[i-1]) {
		return 0, false
	}
	j := i
	for k := 0; k < len(form); k++ {
		c := form[k]
		if c == ' ' || c == '-' {
			if j >= len(text) || !isSep(text[j]) {
				return 0, false
			}
			for j < len(text) && isSep(text[j]) {
				j++
			}
			continue
		}
		if j >= len(text) || text[j] != c {
			return 0, false
		}
		j++
	}
	for _, suf := range []string{"es", "s", ""} {
		e := j + len(suf)
		if e <= len(text) && text[j:e] == suf && (e == len(text) || !isASCIIAlnum(text[e])) {
			return e, true
		}
	}
	return 0, false
}

// chineseNumerals may precede a measure word ("二十单").
const chineseNumerals = "〇零一二两兩三四五六七八九十百千万萬几幾"

// followsNumber reports whether a number ends right before text[i] (spaces allowed).
func followsNumber(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune(chineseNumerals, r)
}

// metricMention is one place where text names a metric.
type metricMention struct {
	entry      int
	start, end int // byte offsets of the whole (compound) mention
	headStart  int // where the deciding form starts
}

// rawMentions returns every form match, at most one (the longest) per start.
func rawMentions(s string) []metricMention {
	text := asciiLower(s)
	var out []metricMention
	for i := 0; i < len(text); i++ {
		fs := formsByFirst[text[i]]
		if len(fs) == 0 {
			continue
		}
		best, bestEnd := -1, 0
		for _, f := range fs {
			end := 0
			if f.ascii {
				e, ok := matchASCIIForm(text, i, f.text)
				if !ok {
					continue
				}
				end = e
			} else {
				if !strings.HasPrefix(text[i:], f.text) {
					continue
				}
				end = i + len(f.text)
			}
			if f.afterNumber && !followsNumber(text, i) {
				continue
			}
			if end > bestEnd {
				best, bestEnd = f.entry, end
			}
		}
		if best >= 0 {
			out = append(out, metricMention{entry: best, start: i, end: bestEnd, headStart: i})
		}
	}
	return out
}

// onlySeps reports whether s holds nothing but spaces and hyphens.
func onlySeps(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSep(s[i]) {
			return false
		}
	}
	return true
}

// metricMentions resolves the raw matches into non-overlapping mentions in
// text order. Matches are taken leftmost-longest first ("拜訪客戶" is 拜訪 +
// 客戶, not 訪客). Adjacent matches form one compound whose head is the
// last specific (non-generic) metric, or the last one when all are generic:
// "sales calls" is calls, "BOPIS orders" bopis, "订单转化率" conversion_rate.
// Across 的 the last one is the head: "爆款的退货率" is return_rate.
func metricMentions(s string) []metricMention {
	var toks []metricMention
	for _, m := range rawMentions(s) {
		if n := len(toks); n > 0 && m.start < toks[n-1].end {
			if last := &toks[n-1]; m.entry == last.entry && m.end > last.end {
				last.end = m.end // 新客户 + 客户数
			}
			continue
		}
		toks = append(toks, m)
	}
	var out []metricMention
	for i := 0; i < len(toks); {
		cur := toks[i]
		headGeneric := lexicon[cur.entry].generic
		j := i + 1
		for ; j < len(toks); j++ {
			n := toks[j]
			gap := s[cur.end:n.start]
			of := gap == "的" || gap == "之"
			if !onlySeps(gap) && !of {
				break
			}
			if of || !lexicon[n.entry].generic || headGeneric {
				cur.entry, cur.headStart = n.entry, n.start
				headGeneric = lexicon[n.entry].generic
			}
			cur.end = n.end
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// LookupMetric finds the first KPI mention in free text: case-insensitive,
// English plurals, Simplified and Traditional synonyms, the longest form at
// a place ("conversion rate" over "conversion"), and compounds resolved to
// their head ("sales calls" → calls). start and end are byte offsets in text.
func LookupMetric(text string) (m MetricInfo, start, end int, ok bool) {
	ms := metricMentions(text)
	if len(ms) == 0 {
		return MetricInfo{}, 0, 0, false
	}
	return lexicon[ms[0].entry].MetricInfo, ms[0].start, ms[0].end, true
}
