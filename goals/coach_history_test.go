package goals

import (
	"strings"
	"testing"
	"time"
)

// seededHistory is a HistoryFunc over fixed days of one metric and unit.
func seededHistory(metric, unit string, days []DayTotal) HistoryFunc {
	return func(m, u string, _ Scope, from, to Date) []DayTotal {
		if m != metric || u != unit {
			return nil
		}
		var out []DayTotal
		for _, d := range days {
			if !d.Day.Before(from) && !d.Day.After(to) {
				out = append(out, d)
			}
		}
		return out
	}
}

func isoDay(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// spread puts total over the working days of [from, to], one log a day.
func spread(from, to string, total float64) []DayTotal {
	var days []Date
	for d := isoDay(from); !d.After(isoDay(to)); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, d)
		}
	}
	out := make([]DayTotal, len(days))
	for i, d := range days {
		out[i] = DayTotal{Day: d, Sum: total / float64(len(days)), Last: total / float64(len(days)), Count: 1}
	}
	return out
}

func concat(parts ...[]DayTotal) []DayTotal {
	var out []DayTotal
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

var monday = time.Date(2026, 11, 16, 9, 0, 0, 0, LoadLocation("Asia/Shanghai"))

func TestRelativeTargetFromHistory(t *testing.T) {
	// Q3 100,000 and Q4 last year 90,000, in each currency.
	rev := func(unit string) HistoryFunc {
		return seededHistory("revenue", unit, concat(spread("2025-10-01", "2025-12-31", 90000), spread("2026-07-01", "2026-09-30", 100000)))
	}
	cases := []struct {
		text, unit             string
		baseline, target, pct  float64
		working, basis, unitOf string
	}{
		{"Grow Q4 revenue 15%", UnitUSD, 100000, 115000, 15, "Q3 $100,000 → Q4 target $115,000 (+15%)", "Q3", UnitUSD},
		{"第四季度营收增长15%", UnitCNY, 100000, 115000, 15, "Q3 10万元 → Q4目标 11.5万元（+15%）", "Q3", UnitCNY},
		{"第四季營收成長15%", UnitTWD, 100000, 115000, 15, "Q3 10萬元 → Q4目標 11.5萬元（+15%）", "Q3", UnitTWD},
		{"第四季度营收同比增长15%", UnitCNY, 90000, 103500, 15, "2025年Q4 9万元 → Q4目标 10.35万元（+15%）", "2025年Q4", UnitCNY},
		{"Q4营收环比提升10%", UnitCNY, 100000, 110000, 10, "Q3 10万元 → Q4目标 11万元（+10%）", "Q3", UnitCNY},
		{"第四季度营收降低5%", UnitCNY, 100000, 95000, -5, "Q3 10万元 → Q4目标 9.5万元（−5%）", "Q3", UnitCNY},
	}
	for _, c := range cases {
		an := Analyze(c.text, AnalyzeOptions{Now: monday, Loc: monday.Location(), History: rev(c.unit)})
		if an.Baseline == nil || an.Target == nil || *an.Baseline != c.baseline || *an.Target != c.target {
			t.Errorf("%q: baseline %v target %v, want %v → %v (%+v)", c.text, numStr(an.Baseline), numStr(an.Target), c.baseline, c.target, an)
			continue
		}
		if an.RelativePct == nil || *an.RelativePct != c.pct || an.Working != c.working || !strings.Contains(an.Basis, c.basis) {
			t.Errorf("%q: pct %v working %q basis %q, want %q", c.text, numStr(an.RelativePct), an.Working, an.Basis, c.working)
		}
		if !an.Proposed("baseline") || !an.Proposed("target") || an.Proposed("deadline") {
			t.Errorf("%q: suggested %v", c.text, an.Suggested)
		}
		if !an.Measurable || an.Rewrite == "" || !strings.Contains(an.Rewrite, fmtValue(c.target, c.unit, an.Lang)) {
			t.Errorf("%q: measurable %v rewrite %q", c.text, an.Measurable, an.Rewrite)
		}
	}
	// No history: the question for the current value, no invented number.
	an := Analyze("Grow Q4 revenue 15%", AnalyzeOptions{Now: monday, Loc: monday.Location(), History: rev(UnitCNY)})
	if an.Target != nil || an.Baseline != nil || len(an.Suggested) != 0 || len(an.Questions) == 0 || !strings.Contains(an.Questions[0], "15%") {
		t.Errorf("without history of the unit: %+v", an)
	}
}

func TestProposalForVagueGoal(t *testing.T) {
	// The last 4 weeks: 40 calls over 20 working days = 2 a working day.
	calls := seededHistory("calls", UnitCount, spread("2026-10-19", "2026-11-13", 40))
	cases := []struct {
		text, lang string
		target     float64
		deadline   string
		basis      string
	}{
		// This week Mon..Fri: 5 days × 2 × 1.1 = 11.
		{"make more calls", LangEN, 11, "2026-11-22", "from your last 4 weeks: 2 per working day, +10% over 5 working days"},
		{"多打电话", LangZhCN, 11, "2026-11-22", "根据你最近4周：每个工作日2个，+10%，共5个工作日"},
		{"多打電話", LangZhTW, 11, "2026-11-22", "根據你最近4週：每個工作日2通，+10%，共5個工作日"},
	}
	for _, c := range cases {
		an := Analyze(c.text, AnalyzeOptions{Now: monday, Loc: monday.Location(), History: calls})
		if an.Target == nil || *an.Target != c.target || an.Deadline == nil || an.Deadline.String() != c.deadline {
			t.Errorf("%q: target %v deadline %v, want %v by %s", c.text, numStr(an.Target), an.Deadline, c.target, c.deadline)
			continue
		}
		if an.Basis != c.basis || !an.Proposed("target") || !an.Proposed("deadline") || an.Rewrite == "" {
			t.Errorf("%q: basis %q suggested %v rewrite %q", c.text, an.Basis, an.Suggested, an.Rewrite)
		}
		// The flags describe the statement as written.
		if an.Measurable || an.TimeBound {
			t.Errorf("%q: flags changed by the proposal: %+v", c.text, an)
		}
	}
	// A level metric: the latest reading plus 10%.
	conv := seededHistory("conversion_rate", UnitPercent, []DayTotal{{Day: isoDay("2026-11-10"), Sum: 2, Last: 2, Count: 1}})
	an := Analyze("提高轉換率", AnalyzeOptions{Now: monday, Loc: monday.Location(), History: conv})
	if an.Baseline == nil || *an.Baseline != 2 || an.Target == nil || *an.Target != 2.2 || an.Deadline == nil || an.Deadline.String() != "2026-11-30" {
		t.Errorf("提高轉換率: %v → %v by %v", numStr(an.Baseline), numStr(an.Target), an.Deadline)
	}
	// No history: ask, as before.
	an = Analyze("grow sales", AnalyzeOptions{Now: monday, Loc: monday.Location(), History: calls})
	if an.Target != nil || an.Deadline != nil || len(an.Suggested) != 0 || an.Rewrite != "" {
		t.Errorf("grow sales without revenue history: %+v", an)
	}
}

func TestPaceCheck(t *testing.T) {
	demos := seededHistory("demos", UnitCount, spread("2026-10-19", "2026-11-13", 40)) // 2 a working day
	cases := []struct {
		text, lang string
		alt        float64
		option     string
	}{
		// 30 by Friday is 6 a day for 5 days, 3× the pace; 2 × 5 × 1.2 = 12.
		{"Book 30 demos by Friday", LangEN, 12, "12 by 2026-11-20, +20% on your pace"},
		{"本周五前完成30场演示", LangZhCN, 12, "2026-11-20前完成12场，比你的速度高20%"},
		{"本週五前完成30場示範", LangZhTW, 12, "2026-11-20前完成12場，比你的速度高20%"},
	}
	for _, c := range cases {
		an := Analyze(c.text, AnalyzeOptions{Now: monday, Loc: monday.Location(), History: demos})
		if an.Pace == nil || an.Pace.Alternative != c.alt || an.Pace.Option != c.option || an.Pace.Required != 6 || an.Pace.Recent != 2 {
			t.Errorf("%q: pace %+v", c.text, an.Pace)
			continue
		}
		if an.Achievable || *an.Target != 30 || len(an.Suggested) != 0 || !strings.Contains(an.Pace.Rewrite, "12") {
			t.Errorf("%q: the user's target must stay: %+v", c.text, an)
		}
	}
	// Within twice the pace: no warning.
	if an := Analyze("Book 15 demos by Friday", AnalyzeOptions{Now: monday, Loc: monday.Location(), History: demos}); an.Pace != nil || !an.Achievable {
		t.Errorf("15 by Friday is 1.5× the pace: %+v", an.Pace)
	}
}

func TestSupportsTeamGoal(t *testing.T) {
	team := []Goal{{ID: 7, Scope: ScopeTeam, Metric: "revenue", Unit: UnitCNY, Title: "Q4营收11.5万", State: StateActive}}
	an := Analyze("本月销售额达到3万元", AnalyzeOptions{Now: monday, Loc: monday.Location(), TeamGoals: team})
	if an.Supports == nil || an.Supports.ID != 7 || !an.Relevant {
		t.Fatalf("supports %+v", an.Supports)
	}
	if an := Analyze("本月完成20场演示", AnalyzeOptions{Now: monday, Loc: monday.Location(), TeamGoals: team}); an.Supports != nil {
		t.Fatalf("another metric: %+v", an.Supports)
	}
}
