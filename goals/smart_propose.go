package goals

import (
	"fmt"
	"math"
	"strings"
)

// The coach's proposals: what history adds to a statement. A relative
// target ("+15%", 同比增长15%) gets its baseline from the previous period
// (or the same period last year); a vague goal ("grow sales") gets a whole
// target and deadline from the recent pace plus an uplift; a target far
// above the recent pace gets a realistic alternative. Every value the coach
// adds is named in Suggested and explained in Basis: nothing is stored
// until the user accepts it.

// ProposalUplift is the growth a proposal for a vague goal adds to the
// recent pace (10%), and PaceUplift the one of a pace alternative (20%).
const (
	ProposalUplift = 10.0
	PaceUplift     = 20.0
	// PaceFactor: a required rate above this multiple of the recent pace
	// is called out.
	PaceFactor = 2.0
)

// PaceCheck compares the rate a target needs with the recent run rate.
type PaceCheck struct {
	Required    float64 // per working day from today to the deadline
	Recent      float64 // per working day over the recent window
	Workdays    int     // working days left
	Alternative float64 // the recent pace plus PaceUplift over the days left
	Note        string  // one line in the statement's language
	Option      string  // the alternative as a button label
	Rewrite     string  // the rewrite with the alternative target
}

// SupportedGoal names a goal another one supports.
type SupportedGoal struct {
	ID    int64
	Title string
}

// yoyWords ask for the same period last year as the baseline.
var yoyWords = []string{"同比", "year over year", "year-over-year", "yoy", "vs last year", "than last year", "on last year",
	"较去年", "較去年", "比去年", "去年同期"}

func isYoY(low string) bool {
	for _, w := range yoyWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// applyHistory adds what history, the team's goals and the relative change
// tell about the analysed statement. It runs after the extraction and
// before the verdicts.
func (x *extraction) applyHistory(an *Analysis, o AnalyzeOptions, today Date) {
	if x.relative != nil && x.relPercent {
		p := round2(*x.relative)
		an.RelativePct = &p
	}
	h := summarize(an, o.History, today, o.Workdays, periodHint(x.low))
	if !h.Empty() {
		an.History = h
	}
	if an.Metric != "" && o.TeamGoals != nil {
		for _, g := range o.TeamGoals {
			if g.Scope == ScopeTeam && g.Active() && g.Metric == an.Metric && (an.Unit == "" || g.Unit == an.Unit) && an.Scope != ScopeTeam {
				an.Supports = &SupportedGoal{ID: g.ID, Title: g.Title}
				break
			}
		}
	}
	if an.History == nil {
		return
	}
	switch {
	case an.Target == nil && an.RelativePct != nil:
		x.relativeFromHistory(an, h, today)
	case an.Target == nil && x.relative == nil && an.Baseline == nil:
		x.proposeFromHistory(an, h, today, o.Workdays)
	}
	an.Pace = paceCheck(an, h, today, o.Workdays, x.zhCounter(an))
}

// relativeFromHistory turns "+15%" into a baseline and a target.
func (x *extraction) relativeFromHistory(an *Analysis, h *HistorySummary, today Date) {
	base, label := h.Prev, periodLabel(h.Period, DateRange{From: h.Prev.From, To: h.Prev.To}, an.Lang, today)
	if isYoY(x.low) {
		base, label = h.LastYear, periodLabel(h.Period, DateRange{From: h.LastYear.From, To: h.LastYear.To}, an.Lang, today)
	}
	if !base.Has || base.Value <= 0 {
		return // the question for the current value stays
	}
	pct := *an.RelativePct
	b := round2(base.Value)
	t := relTarget(b, pct, an.Unit)
	an.Baseline, an.Target = &b, &t
	an.Suggested = append(an.Suggested, "baseline", "target")
	if an.Deadline == nil && an.Cadence == CadenceNone {
		d := h.Current.To
		an.Deadline = &d
		an.Suggested = append(an.Suggested, "deadline")
	}
	cur := periodLabel(h.Period, h.Current, an.Lang, today)
	sign := "+"
	if pct < 0 {
		sign = "−"
	}
	pctS := sign + fmtNum(math.Abs(pct), true) + "%"
	bv, tv := fmtValue(b, an.Unit, an.Lang), fmtValue(t, an.Unit, an.Lang)
	an.Working = pick3(an.Lang,
		label+" "+bv+" → "+cur+" target "+tv+" ("+pctS+")",
		label+" "+bv+" → "+cur+"目标 "+tv+"（"+pctS+"）",
		label+" "+bv+" → "+cur+"目標 "+tv+"（"+pctS+"）")
	an.Basis = whoseLogs(an.Lang, h.Scope, label)
}

// proposeFromHistory writes a whole target for a vague goal.
func (x *extraction) proposeFromHistory(an *Analysis, h *HistorySummary, today Date, workdays Weekdays) {
	start, end := maxDate(today, h.Current.From), h.Current.To
	if an.Deadline != nil {
		end = *an.Deadline
	} else if h.Period != "" && WorkingDays(today.AddDays(1), end, workdays, nil) == 0 {
		// The current period has no working day left: propose the next one.
		start, end = periodOf(h.Period, end.AddDays(1))
	}
	dec := an.Direction == Decrease
	up := 1 + ProposalUplift/100
	switch {
	case h.Kind == KindLevel && h.Latest != nil && *h.Latest > 0:
		b := round2(*h.Latest)
		t := b * up
		if dec {
			t = b * (1 - ProposalUplift/100)
		}
		if an.Unit == UnitPercent && t > 100 {
			return
		}
		t = roundProposal(t, an.Unit)
		if t == b {
			return
		}
		an.Baseline, an.Target = &b, &t
		an.Suggested = append(an.Suggested, "baseline", "target")
		sign := "+"
		if dec {
			sign = "−"
		}
		an.Basis = pick3(an.Lang,
			fmt.Sprintf("from the latest reading (%s on %s), %s%s%%", fmtValue(b, an.Unit, an.Lang), h.LatestDay, sign, fmtNum(ProposalUplift, true)),
			fmt.Sprintf("根据最近一次记录（%s，%s），%s%s%%", fmtValue(b, an.Unit, an.Lang), h.LatestDay, sign, fmtNum(ProposalUplift, true)),
			fmt.Sprintf("根據最近一次紀錄（%s，%s），%s%s%%", fmtValue(b, an.Unit, an.Lang), h.LatestDay, sign, fmtNum(ProposalUplift, true)))
	case h.Kind == KindTotal && !dec && h.RatePerWorkday > 0:
		n := WorkingDays(start, end, workdays, nil)
		if n == 0 {
			return
		}
		t := roundProposal(h.RatePerWorkday*float64(n)*up, an.Unit)
		if t <= 0 {
			return
		}
		an.Target = &t
		an.Suggested = append(an.Suggested, "target")
		rate := fmtValue(round2(h.RatePerWorkday), an.Unit, an.Lang) + x.zhCounter(an)
		an.Basis = pick3(an.Lang,
			fmt.Sprintf("%s: %s per working day, +%s%% over %d working days", recentLabel(an.Lang, h, today), rate, fmtNum(ProposalUplift, true), n),
			fmt.Sprintf("%s：每个工作日%s，+%s%%，共%d个工作日", recentLabel(an.Lang, h, today), rate, fmtNum(ProposalUplift, true), n),
			fmt.Sprintf("%s：每個工作日%s，+%s%%，共%d個工作日", recentLabel(an.Lang, h, today), rate, fmtNum(ProposalUplift, true), n))
	default:
		return
	}
	if an.Deadline == nil && an.Cadence == CadenceNone {
		d := end
		an.Deadline = &d
		an.Suggested = append(an.Suggested, "deadline")
	}
}

// paceCheck compares the target's required rate with the recent pace.
func paceCheck(an *Analysis, h *HistorySummary, today Date, workdays Weekdays, counter string) *PaceCheck {
	if an.Target == nil || an.Kind == KindLevel || an.Direction == Decrease || h.RatePerWorkday <= 0 {
		return nil
	}
	target := *an.Target
	from, end := today, Date{}
	switch {
	case an.Cadence != CadenceNone:
		f, t := PeriodOf(an.Cadence, today)
		from, end = f, t
	case an.Deadline != nil:
		end = *an.Deadline
	default:
		return nil
	}
	n := WorkingDays(from, end, workdays, nil)
	if n == 0 {
		return nil
	}
	req := target / float64(n)
	if req <= PaceFactor*h.RatePerWorkday {
		return nil
	}
	alt := roundProposal(h.RatePerWorkday*float64(n)*(1+PaceUplift/100), an.Unit)
	if alt <= 0 || alt >= target {
		return nil
	}
	p := &PaceCheck{Required: round2(req), Recent: round2(h.RatePerWorkday), Workdays: n, Alternative: alt}
	r, rr := fmtValue(p.Required, an.Unit, an.Lang)+counter, fmtValue(p.Recent, an.Unit, an.Lang)+counter
	ratio := fmtNum(math.Floor(req/h.RatePerWorkday*10)/10, true)
	by := end.String()
	up := fmtNum(PaceUplift, true)
	a := fmtValue(alt, an.Unit, an.Lang) + counter
	p.Note = pick3(an.Lang,
		fmt.Sprintf("That needs %s per working day for %d working days, %s× your recent pace of %s.", r, n, ratio, rr),
		fmt.Sprintf("这需要在%d个工作日内每天完成%s，是你最近速度（每天%s）的%s倍。", n, r, rr, ratio),
		fmt.Sprintf("這需要在%d個工作日內每天完成%s，是你最近速度（每天%s）的%s倍。", n, r, rr, ratio))
	p.Option = pick3(an.Lang,
		fmt.Sprintf("%s by %s, +%s%% on your pace", a, by, up),
		fmt.Sprintf("%s前完成%s，比你的速度高%s%%", by, a, up),
		fmt.Sprintf("%s前完成%s，比你的速度高%s%%", by, a, up))
	return p
}

// relTarget is base changed by pct percent, rounded as the unit wants.
func relTarget(base, pct float64, unit string) float64 {
	t := base * (1 + pct/100)
	if unit == UnitCount {
		if pct >= 0 {
			return math.Ceil(t - 1e-9)
		}
		return math.Floor(t + 1e-9)
	}
	return round2(t)
}

// roundProposal keeps a proposed value readable: whole counts, money to
// three significant digits, rates to one decimal.
func roundProposal(v float64, unit string) float64 {
	switch {
	case unit == UnitCount || unit == UnitMinutes:
		return math.Round(v)
	case IsCurrency(unit) && v >= 1000:
		p := math.Pow10(int(math.Floor(math.Log10(v))) - 2)
		return math.Round(v/p) * p
	}
	return math.Round(v*10) / 10
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// periodLabel names a period for the working line: Q3, October, 2026, the
// week of 2026-11-09, or its dates.
func periodLabel(c Cadence, r DateRange, lang string, today Date) string {
	yr := ""
	if r.From.Year() != today.Year() {
		yr = fmt.Sprint(r.From.Year())
	}
	switch c {
	case CadenceQuarterly:
		if yr != "" {
			return pick3(lang, fmt.Sprintf("Q%d %s", r.From.Quarter(), yr), fmt.Sprintf("%s年Q%d", yr, r.From.Quarter()), fmt.Sprintf("%s年Q%d", yr, r.From.Quarter()))
		}
		return fmt.Sprintf("Q%d", r.From.Quarter())
	case CadenceMonthly:
		en := r.From.Month().String()
		if yr != "" {
			en += " " + yr
		}
		zh := fmt.Sprintf("%d月", int(r.From.Month()))
		if yr != "" {
			zh = yr + "年" + zh
		}
		return pick3(lang, en, zh, zh)
	case CadenceYearly:
		return pick3(lang, fmt.Sprint(r.From.Year()), fmt.Sprintf("%d年", r.From.Year()), fmt.Sprintf("%d年", r.From.Year()))
	case CadenceWeekly:
		return pick3(lang, "week of "+r.From.String(), r.From.String()+"当周", r.From.String()+"當週")
	case CadenceDaily:
		return r.From.String()
	}
	return pick3(lang, r.From.String()+" to "+r.To.String(), r.From.String()+"至"+r.To.String(), r.From.String()+"至"+r.To.String())
}

// whoseLogs says where a baseline came from.
func whoseLogs(lang string, scope Scope, label string) string {
	if scope == ScopeTeam {
		return pick3(lang, "baseline from the team's logs of "+label, "起点来自团队"+label+"的记录", "起點來自團隊"+label+"的紀錄")
	}
	return pick3(lang, "baseline from your logs of "+label, "起点来自你"+label+"的记录", "起點來自你"+label+"的紀錄")
}

// recentLabel names the run-rate window: "from your last 4 weeks".
func recentLabel(lang string, h *HistorySummary, today Date) string {
	who := pick3(lang, "your", "你", "你")
	if h.Scope == ScopeTeam {
		who = pick3(lang, "the team's", "团队", "團隊")
	}
	if h.RecentFrom.Equal(today.AddDays(-recentDays)) {
		return pick3(lang, "from "+who+" last 4 weeks", "根据"+who+"最近4周", "根據"+who+"最近4週")
	}
	return pick3(lang, "from "+who+" logs since "+h.RecentFrom.String(), "根据"+who+h.RecentFrom.String()+"以来的记录", "根據"+who+h.RecentFrom.String()+"以來的紀錄")
}

// zhCounter is the measure word a Chinese count takes ("2个", "12场"), ""
// for other languages and units.
func (x *extraction) zhCounter(an *Analysis) string {
	if !IsChinese(an.Lang) || an.Unit != UnitCount {
		return ""
	}
	if x.counter != "" {
		return x.counter
	}
	if zc, ok := zhCounts[an.Metric]; ok {
		if an.Lang == LangZhTW {
			return zc[1].counter
		}
		return zc[0].counter
	}
	return ""
}
