package bot

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Num formats a number for people: grouped thousands, at most two decimals,
// no trailing zeros ("1,234.5", "20"), by CLDR's rules (golang.org/x/text).
func Num(v float64) string { return i18n.Number(v, 2) }

// Amount formats v in a goal's unit: ¥115,000, ₹2,000, 20 CHF, 15%, 3 min, 20.
func Amount(v float64, unit, lang string) string {
	if goals.IsCurrency(unit) {
		// Money shows its cents when it has any: $1,200.50, not $1,200.5.
		if v < 0 && i18n.Money(v) != "0" {
			return "-" + goals.FormatMoney(i18n.Money(-v), unit)
		}
		return goals.FormatMoney(i18n.Money(v), unit)
	}
	switch unit {
	case goals.UnitPercent:
		return Num(v) + "%"
	case goals.UnitMinutes:
		return Num(v) + i18n.T(lang, "unit_min")
	case "days":
		return i18n.N(lang, "amount_days", v)
	}
	return Num(v)
}

// AmountWithMetric is "3 demos", "¥1,200", "1.4% conversion rate" for log confirmations.
func AmountWithMetric(v float64, g goals.Goal, lang string) string {
	a := Amount(v, g.Unit, lang)
	if g.Unit != goals.UnitCount && g.Unit != "" {
		return a
	}
	name := MetricName(g.Metric, lang)
	if name == "" {
		return a
	}
	if lang == i18n.EN {
		if i18n.PluralForm(lang, a) == plural.One && strings.HasSuffix(name, "s") {
			name = strings.TrimSuffix(name, "s") // "1 demo", by CLDR's rule for "1"
		}
		return a + " " + name
	}
	// Chinese counts take a measure word: 3场演示, 8通电话, 5笔交易.
	return a + measureWord(g.Metric, lang) + name
}

// measureWords are the classifiers of the counted metrics, zh-CN then zh-TW.
var measureWords = map[string][2]string{
	"demos": {"场", "場"}, "calls": {"通", "通"}, "emails": {"封", "封"}, "deals": {"笔", "筆"},
	"customers": {"位", "位"}, "leads": {"个", "個"}, "products": {"款", "款"}, "meetings": {"次", "次"},
	"follow_ups": {"次", "次"}, "subscribers": {"个", "個"}, "sku_sales": {"件", "件"}, "bopis": {"单", "單"},
}

func measureWord(metric, lang string) string {
	w, ok := measureWords[metric]
	if !ok {
		if lang == i18n.ZhTW {
			return "個"
		}
		return "个"
	}
	if lang == i18n.ZhTW {
		return w[1]
	}
	return w[0]
}

// MetricName is the metric's display name in lang, or the user's own noun.
func MetricName(key, lang string) string {
	if m, ok := goals.MetricByKey(key); ok {
		if n := m.Name(lang); n != "" {
			return n
		}
	}
	if key == "progress" {
		return ""
	}
	return key
}

// Bar is a ten-cell progress bar.
func Bar(pct float64) string {
	if math.IsNaN(pct) || pct < 0 {
		pct = 0
	}
	n := int(math.Round(math.Min(pct, 100) / 10))
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n)
}

// Pct formats a percentage: "15%", "12.5%".
func Pct(p float64) string { return i18n.Number(p, 1) + "%" }

var statusEmoji = map[goals.Status]string{
	goals.StatusOnTrack: "🟢", goals.StatusAtRisk: "🟡", goals.StatusBehind: "🔴",
	goals.StatusAchieved: "✅", goals.StatusMissed: "⚪", goals.StatusUpcoming: "🗓️",
}

// StatusText is the status in words, e.g. "on track".
func StatusText(s goals.Status, lang string) string { return i18n.T(lang, "status_"+string(s)) }

// StatusEmoji is a coloured dot for the status.
func StatusEmoji(s goals.Status) string { return statusEmoji[s] }

// Spark draws values as a row of block characters.
func Spark(vals []float64) string {
	const blocks = "▁▂▃▄▅▆▇█"
	runes := []rune(blocks)
	maxV := 0.0
	for _, v := range vals {
		maxV = math.Max(maxV, v)
	}
	var b strings.Builder
	for _, v := range vals {
		if maxV <= 0 || v <= 0 {
			b.WriteRune('·')
			continue
		}
		i := int(math.Round(v / maxV * float64(len(runes)-1)))
		b.WriteRune(runes[i])
	}
	return b.String()
}

// GoalLine is one goal in a list: "#3 Book 20 demos ▓▓░░░░░░░░ 15% · 3/20 · 🟢 on track · due 2026-11-22".
func GoalLine(v GoalView, lang string) string {
	var b strings.Builder
	b.WriteString("#")
	b.WriteString(strconv.FormatInt(v.ID, 10))
	b.WriteString(" ")
	b.WriteString(v.Title)
	if v.Scope == goals.ScopeTeam {
		b.WriteString(" [" + i18n.T(lang, "scope_team") + "]")
	}
	b.WriteString("\n   ")
	b.WriteString(Bar(v.Percent))
	b.WriteString(" " + Pct(v.Percent))
	b.WriteString(" · " + Amount(v.Current, v.Unit, lang) + "/" + Amount(v.Target, v.Unit, lang))
	if v.Cadence != nil {
		b.WriteString(" " + i18n.T(lang, "cadence_"+string(*v.Cadence)))
	}
	b.WriteString(" · " + StatusEmoji(v.Status) + " " + StatusText(v.Status, lang))
	if v.Streak > 1 {
		b.WriteString(" · 🔥" + strconv.Itoa(v.Streak))
	}
	if v.MissedRun >= 2 { // why a period that just began is behind
		b.WriteString(" · " + i18n.T(lang, "missed_run_short", "n", v.MissedRun))
	}
	b.WriteString(deadlineSuffix(v))
	return b.String()
}
