package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// `/goal split #id by quarter|month|week|member|region|channel|product|customer [EU=40% ...]`
// The rules (sums, seasonality, levels) live in goals/split.go; this file
// reads the command and shows the result.

// splitWords maps what users type after "by" (or 按) to goals.SplitRequest.By.
var splitWords = map[string]string{
	"quarter": "quarter", "quarters": "quarter", "quarterly": "quarter", "q": "quarter",
	"季度": "quarter", "季": "quarter", "每季度": "quarter", "每季": "quarter",
	"month": "month", "months": "month", "monthly": "month", "月": "month", "月份": "month", "每月": "month",
	"week": "week", "weeks": "week", "weekly": "week", "周": "week", "週": "week", "星期": "week", "每周": "week", "每週": "week",
	"member": "member", "members": "member", "person": "member", "people": "member", "rep": "member", "reps": "member",
	"成员": "member", "成員": "member", "人": "member", "人员": "member", "人員": "member", "员工": "member", "員工": "member",
	"region": "region", "regions": "region", "地区": "region", "地區": "region", "区域": "region", "區域": "region",
	"channel": "channel", "channels": "channel", "渠道": "channel", "通路": "channel",
	"product": "product", "products": "product", "sku": "product", "产品": "product", "產品": "product", "商品": "product",
	"customer": "customer", "customers": "customer", "segment": "customer", "segments": "customer",
	"客户": "customer", "客戶": "customer", "客群": "customer",
}

// splitTypo is the split dimension a misspelt one ("by quater") was
// probably meant to be, with what followed it; "" when none is near.
func splitTypo(s string) string {
	word, rest := splitWord(s)
	if strings.EqualFold(word, "by") {
		word, rest = splitWord(rest)
	}
	var names []string
	for k := range splitWords {
		if len(k) >= 3 && k[0] < 0x80 {
			names = append(names, k)
		}
	}
	sort.Strings(names) // closest refuses ties; a stable order keeps replies stable
	if c := closest(word, names); c != "" {
		return strings.TrimSpace(splitWords[c] + " " + rest)
	}
	return ""
}

// parseSplitBy reads "by quarter", "by region EU=40% ...", "按季度", "按 地区 华东 华南".
func parseSplitBy(s string) (by, rest string, ok bool) {
	word, rest := splitWord(s)
	switch strings.ToLower(word) {
	case "by", "per", "into", "按", "按照", "以":
		word, rest = splitWord(rest)
	}
	for _, p := range []string{"按照", "按", "以"} {
		if w := strings.TrimPrefix(word, p); w != word && w != "" {
			word = w
			break
		}
	}
	for _, suf := range []string{"拆解", "拆分", "拆"} { // "季度拆"
		word = strings.TrimSuffix(word, suf)
	}
	by, ok = splitWords[strings.ToLower(word)]
	return by, rest, ok
}

// splitToken is one "EU=40%" (or just "EU").
type splitToken struct{ name, share string }

func splitTokens(s string) []splitToken {
	var out []splitToken
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；", r)
	}) {
		name, share := f, ""
		if i := strings.IndexAny(f, "=＝:："); i >= 0 {
			name = f[:i]
			_, w := firstRune(f[i:])
			share = f[i+w:]
		}
		name = strings.Trim(name, `"'“”「」`)
		if name == "" {
			continue
		}
		out = append(out, splitToken{name: name, share: share})
	}
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// parseShare reads "40%", "40", "12.5％" as a fraction of 1.
func parseShare(s string) (float64, bool) {
	if s == "" {
		return 0, true
	}
	a, err := goals.ParseAmount(s)
	if err != nil || (a.Unit != "" && a.Unit != goals.UnitPercent) || a.Value <= 0 || a.Value > 100 {
		return 0, false
	}
	return a.Value / 100, true
}

func (e *Engine) cmdSplit(ctx context.Context, c *Call) (Reply, error) {
	id, rest, ok := parseGoalID(c.Args)
	if !ok {
		return e.fail(c.Lang, refuse("need_goal_id", "cmd", "split")), nil
	}
	by, rest2, ok := parseSplitBy(rest)
	if !ok {
		if s := splitTypo(rest); s != "" {
			return e.fail(c.Lang, refuse("split_usage", "id", id, "suggestion", fmt.Sprintf("/goal split #%d by %s", id, s), msgKey, "split_did_you_mean")), nil
		}
		return e.fail(c.Lang, refuse("split_usage", "id", id)), nil
	}
	rest = rest2
	// Children's titles are read by the whole team (lists, digests): they
	// are written in the team's language, not in this member's.
	titleLang := goalTextLang(c)
	req := goals.SplitRequest{GoalID: id, By: by, Title: func(k goals.Goal, label string) string {
		return childTitle(k, label, id, titleLang)
	}}
	_, timeSplit := goals.SplitCadence(by)
	for _, t := range splitTokens(rest) {
		if timeSplit {
			return e.fail(c.Lang, refuse("split_usage", "id", id)), nil
		}
		share, ok := parseShare(t.share)
		if !ok {
			return e.fail(c.Lang, refuse("split_bad_share", "value", clip(t.name, 40))), nil
		}
		p := goals.Part{Value: t.name, Share: share}
		if by == goals.DimMember {
			m, err := e.resolveUser(ctx, c, t.name)
			if err != nil {
				return e.fail(c.Lang, err), nil
			}
			p.Value, p.Label = m.UserID, displayName(m)
		}
		req.Parts = append(req.Parts, p)
	}
	res, err := e.svc.Split(ctx, c.Actor, req)
	if err != nil {
		if goals.ErrorCode(err) == goals.EInternal {
			return Reply{}, err
		}
		if de, ok := err.(*goals.Error); ok {
			de = de.With("id", id).With("by", i18n.T(c.Lang, "split_by_"+by))
			if cad, ok := de.Args["cadence"].(string); ok {
				de = de.With("cadence", i18n.T(c.Lang, "cadence_"+cad))
			}
			if t, ok := de.Args["target"].(float64); ok {
				de = de.With("target", Num(t))
			}
			err = de
		}
		return e.fail(c.Lang, err), nil
	}
	return e.splitReply(ctx, c, res, by)
}

func (e *Engine) splitReply(ctx context.Context, c *Call, res goals.SplitResult, by string) (Reply, error) {
	p := res.Parent
	views, err := e.figures(ctx, c, append([]goals.Goal{p}, res.Children...))
	if err != nil {
		return Reply{}, err
	}
	lang := c.Lang
	lines := []string{i18n.T(lang, "split_done", "id", p.ID, "title", clipTitle(p.Title, 60),
		"by", i18n.T(lang, "split_by_"+by), "n", len(res.Children))}
	seen := map[string]bool{}
	for _, s := range res.Shares {
		if seen[s.Source] {
			continue
		}
		seen[s.Source] = true
		switch s.Source {
		case goals.ShareHistory:
			lines = append(lines, i18n.T(lang, "split_source_history", "metric", MetricName(p.Metric, lang),
				"from", res.HistoryFrom.String(), "to", res.HistoryTo.String()))
		case goals.ShareEven:
			if goals.IsDimension(by) {
				lines = append(lines, i18n.T(lang, "split_source_even_dim"))
			} else {
				lines = append(lines, i18n.T(lang, "split_source_even"))
			}
		case goals.ShareWorkingDays:
			lines = append(lines, i18n.T(lang, "split_source_working_days"))
		case goals.ShareGiven:
			lines = append(lines, i18n.T(lang, "split_source_given"))
		case goals.ShareKept:
			lines = append(lines, i18n.T(lang, "split_source_kept", "target", Amount(p.Target, p.Unit, lang)))
		}
	}
	for i, v := range views[1:] {
		s := res.Shares[i]
		head := fmt.Sprintf("• #%d %s", v.ID, s.Label)
		if s.Source != goals.ShareKept {
			head += " · " + Pct(s.Fraction*100)
		}
		if s.Source == goals.ShareHistory {
			head += " (" + i18n.T(lang, "split_basis", "amount", Amount(s.Basis, p.Unit, lang)) + ")"
		}
		target := Amount(v.Target, v.Unit, lang)
		if v.Cadence != nil {
			target += " " + i18n.T(lang, "cadence_"+string(*v.Cadence))
		}
		lines = append(lines, head, "   "+Bar(v.Percent)+" "+Pct(v.Percent)+" · "+Amount(v.Current, v.Unit, lang)+"/"+target+
			" · "+StatusEmoji(v.Status)+" "+StatusText(v.Status, lang)+deadlineSuffix(v))
	}
	return Reply{Text: strings.Join(lines, "\n"), Goals: views, Public: p.Scope == goals.ScopeTeam}, nil
}

// childTitle names a child by its part and what it asks for, so lists and
// "which goal?" questions tell siblings apart: "2027-Q1: ¥300,000 revenue
// (part of #1)", "alice: 30 demos (part of #4)", "华东：销售额 ¥120,000（#1 的一部分）".
// Service.Split folds the spaces an empty metric or cadence leaves.
func childTitle(k goals.Goal, label string, parent int64, lang string) string {
	per := ""
	if k.Recurring() {
		per = i18n.T(lang, "cadence_"+string(k.Cadence))
	}
	return i18n.T(lang, "split_child_title", "label", label, "amount", Amount(k.Target, k.Unit, lang),
		"metric", MetricName(k.Metric, lang), "per", per, "id", parent)
}
