package bot

import (
	"context"
	"math"
	"strings"
	"unicode"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// `/goal breakeven fixed=20000 price=99 cost=60 [by=end of month]`: the
// units and revenue that cover fixed costs, offered as a goal through the
// same proposal (Accept / Keep as is) that `/goal new` uses.
//
//	units   = ceil(fixed / (price − cost))
//	revenue = units × price
//
// Amounts are worked out in cents, so 100 / (1.10 − 1.00) is 1000 units,
// not the 1001 that floating-point division would round up to.

// breakevenKeys maps the words users type to fixed, price, cost or by.
var breakevenKeys = map[string]string{
	"fixed": "fixed", "fixed_costs": "fixed", "fixed_cost": "fixed", "fixedcosts": "fixed", "overhead": "fixed",
	"固定成本": "fixed", "固定": "fixed", "固定费用": "fixed", "固定費用": "fixed",
	"price": "price", "unit_price": "price", "售价": "price", "售價": "price", "价格": "price", "價格": "price",
	"单价": "price", "單價": "price",
	"cost": "cost", "unit_cost": "cost", "variable": "cost", "variable_cost": "cost", "成本": "cost",
	"单件成本": "cost", "單件成本": "cost", "变动成本": "cost", "變動成本": "cost", "进价": "cost", "進價": "cost",
	"by": "by", "deadline": "by", "due": "by", "截止": "by", "期限": "by",
}

// parseBreakeven reads key=value pairs (a value runs until the next key, so
// `by=end of month` needs no quotes) or three bare numbers: fixed, price, cost.
func parseBreakeven(s string) (vals map[string]string, ok bool) {
	vals = map[string]string{}
	var bare []string
	cur := ""
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '，' || r == '、' }) {
		if i := strings.IndexAny(f, "=＝:："); i > 0 {
			key, known := breakevenKeys[strings.ToLower(f[:i])]
			if !known {
				return nil, false
			}
			_, w := firstRune(f[i:])
			cur = key
			vals[cur] = f[i+w:]
			continue
		}
		if cur != "" {
			vals[cur] = strings.TrimSpace(vals[cur] + " " + f)
			continue
		}
		bare = append(bare, f)
	}
	if len(bare) > 0 {
		if len(bare) != 3 || len(vals) > 1 || (len(vals) == 1 && vals["by"] == "") {
			return nil, false
		}
		vals["fixed"], vals["price"], vals["cost"] = bare[0], bare[1], bare[2]
	}
	return vals, vals["fixed"] != "" && vals["price"] != "" && vals["cost"] != ""
}

func (e *Engine) cmdBreakeven(ctx context.Context, c *Call) (Reply, error) {
	vals, ok := parseBreakeven(c.Args)
	if !ok {
		return e.fail(c.Lang, refuse("breakeven_usage")), nil
	}
	unit := ""
	var amt [3]goals.Amount
	for i, k := range []string{"fixed", "price", "cost"} {
		a, err := goals.ParseAmount(vals[k])
		if err != nil {
			return e.fail(c.Lang, err), nil
		}
		if err := goals.CheckAmount(a.Value); err != nil {
			return e.fail(c.Lang, err), nil
		}
		if a.Unit != "" && a.Unit != goals.UnitCount {
			if !goals.IsCurrency(a.Unit) || (unit != "" && unit != a.Unit) {
				return e.fail(c.Lang, refuse("breakeven_usage")), nil
			}
			unit = a.Unit
		}
		amt[i] = a
	}
	cents := func(v float64) int64 { return int64(math.Round(v * 100)) }
	fixed, price, cost := cents(amt[0].Value), cents(amt[1].Value), cents(amt[2].Value)
	lang := c.Lang
	money := func(v int64) string { return Amount(float64(v)/100, unit, lang) }
	if fixed <= 0 {
		return e.fail(c.Lang, refuse("breakeven_usage")), nil
	}
	margin := price - cost
	if margin <= 0 {
		return e.fail(c.Lang, refuse("breakeven_no_margin", "price", money(price), "cost", money(cost))), nil
	}
	units := (fixed + margin - 1) / margin
	revenue := float64(units) * float64(price) / 100
	if float64(units) > goals.MaxAmount || revenue > goals.MaxAmount {
		return e.fail(c.Lang, refuse("amount_too_large")), nil
	}

	loc := c.Actor.Team.Location()
	_, deadline := goals.PeriodOf(goals.CadenceMonthly, c.Today())
	if by := vals["by"]; by != "" {
		d, err := goals.ParseDeadline(by, c.now, loc)
		if err != nil {
			return e.fail(c.Lang, err), nil
		}
		deadline = d
	}
	rev := Amount(revenue, unit, lang)
	gl := goalTextLang(c) // the goal's own words are the team's
	title := i18n.T(gl, "breakeven_title", "units", i18n.N(gl, "n_units", float64(units)), "deadline", deadline.String(), "revenue", Amount(revenue, unit, gl))
	draft := goals.Goal{
		Scope: goals.ScopeIndividual, Title: goals.CleanText(title, goals.MaxTitleLen),
		Metric: i18n.T(gl, "breakeven_metric"), Unit: goals.UnitCount, Kind: goals.KindTotal,
		Direction: goals.Increase, Target: float64(units), Start: c.Today(), Deadline: deadline,
	}
	p := proposal{Input: i18n.T(gl, "breakeven_title_short", "units", i18n.N(gl, "n_units", float64(units))), Draft: draft, Lang: lang}
	if err := e.saveProposal(ctx, c, p); err != nil {
		return Reply{}, err
	}
	return Reply{
		Text: i18n.T(lang, "breakeven_result", "units", i18n.N(lang, "n_units", float64(units)), "revenue", rev,
			"margin", money(margin), "fixed", money(fixed)) + "\n" +
			i18n.T(lang, "breakeven_offer", "deadline", deadline.String()),
		Buttons: []Button{
			{Action: ActAcceptRewrite, Label: i18n.T(lang, "btn_accept")},
			{Action: ActKeepAsIs, Label: i18n.T(lang, "btn_keep")},
		},
	}, nil
}
