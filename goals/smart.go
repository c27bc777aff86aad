package goals

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Analysis is the offline SMART coach's reading of one goal statement.
type Analysis struct {
	Input string
	Lang  string // en, zh-CN or zh-TW

	Specific, Measurable, Achievable, Relevant, TimeBound bool
	// Missing names the SMART parts that are not met, in the order
	// specific, measurable, achievable, relevant, time_bound.
	Missing []string

	Metric    string // canonical key, or the user's own noun (lower-case, trimmed), "" if none
	Direction Direction
	Kind      Kind
	Baseline  *float64
	Target    *float64
	Unit      string // count, percent, minutes, days, or a currency code; "" when nothing says
	Deadline  *Date
	// Start is set when the statement names a later period ("next
	// quarter", "明年第一季度"): the goal starts when that period does
	// (NamedPeriodStart). Nil: it starts today.
	Start   *Date
	Cadence Cadence
	Scope   Scope
	// Rewrite is one SMART sentence in Lang built only from extracted
	// facts; "" when there is no metric or no absolute target.
	Rewrite string
	// Questions ask, in Lang, for what is missing: one per missing part.
	Questions []string

	// What history and the team's goals add (see applyHistory). The SMART
	// flags describe the statement as written; the value fields above hold
	// the proposal, and Suggested names the ones the coach proposed.
	RelativePct *float64 // +15 for "+15%", -5 for "降低5%"; nil without a relative change
	Suggested   []string // "baseline", "target", "deadline": proposed, not read
	Basis       string   // where the proposal comes from, one line in Lang
	Working     string   // a relative target's arithmetic: "Q3 ¥100,000 → Q4 target ¥115,000 (+15%)"
	Pace        *PaceCheck
	Supports    *SupportedGoal    // an active team goal of the same metric
	Tags        map[string]string // dimensions the statement names: region, channel, segment
	History     *HistorySummary   // what the coach read; nil without history
}

// Proposed reports whether the coach supplied field rather than read it.
func (a *Analysis) Proposed(field string) bool {
	for _, s := range a.Suggested {
		if s == field {
			return true
		}
	}
	return false
}

// LogInterpreter reads a plain-language log the offline parser cannot
// place ("5 today" with several goals): which of the candidate goals it is
// for, and the amount. An LLM implements it (package prompts). Its answer
// is only a suggestion: the engine asks the user to confirm it and never
// writes it on its own. ok is false when it cannot tell, or fails.
type LogInterpreter interface {
	InterpretLog(ctx context.Context, text string, candidates []Goal) (goalID int64, amount Amount, ok bool)
}

// AnalyzeOptions tune Analyze. The zero value works: now, UTC, the
// statement's own language and that language's usual currency.
type AnalyzeOptions struct {
	Now             time.Time
	Loc             *time.Location
	Lang            string // en, zh-CN, zh-TW or a locale tag; "" detects it from the text
	DefaultCurrency string // "" is CNY for zh-CN, TWD for zh-TW, USD for en

	Dates     DateOptions // the team's calendar: the fiscal year's first month
	Scope     Scope       // whose goal, when the caller knows ("/goal new team ..."); "" reads it from the text
	History   HistoryFunc // past logs of the metric; nil: no history
	TeamGoals []Goal      // the team's active goals, for relevance
	Workdays  Weekdays    // the user's working week (0: Monday to Friday)
}

// SMART parts, in the order Missing lists them.
const (
	PartSpecific   = "specific"
	PartMeasurable = "measurable"
	PartAchievable = "achievable"
	PartRelevant   = "relevant"
	PartTimeBound  = "time_bound"
)

// Analyze reads a goal statement without any network: which SMART parts it
// has, the metric, direction, baseline, target, unit, deadline, cadence and
// scope it states, a rewrite built from those facts only, and questions for
// what is missing.
//
// Rules worth knowing:
//   - Measurable means an absolute target. "Grow revenue 15%" is measurable
//     only with a baseline ("from $200,000"), which turns it into 230,000;
//     otherwise Target stays nil and the coach asks for the current value.
//     No number is ever invented.
//   - Achievable is false only for what is plainly implausible: a target
//     over 10× the baseline, a negative target, a rate above 100%, a growth
//     over 1000%, a deadline already past. Without a baseline it cannot be
//     checked and stays true.
//   - Specific needs a metric (a known KPI or the user's own noun) and a
//     number; "grow sales" names a metric but is not specific.
//   - Relevant is true for a known KPI, or a user's own metric that names a
//     team, customer, product or shop objective.
func Analyze(text string, o AnalyzeOptions) Analysis {
	s := cleanStatement(text)
	an := Analysis{Input: text, Scope: ScopeIndividual}
	an.Lang = NormalizeLang(o.Lang)
	if an.Lang == "" {
		an.Lang = DetectLang(s)
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	loc := o.Loc
	if loc == nil {
		loc = time.UTC
	}
	cur := strings.ToUpper(strings.TrimSpace(o.DefaultCurrency))
	if cur == "" {
		cur = DefaultCurrency(an.Lang)
	}

	x := newExtraction(s)
	x.findCadence()
	x.findMentions()
	x.blankDayValues()
	x.findDeadlines(now, loc, o.Dates)
	x.findMentions()
	x.findAmounts()
	x.chooseMetric()
	x.assignAmounts()
	x.findDirection()

	an.Cadence = x.cadence
	if !x.deadline.IsZero() {
		d := x.deadline
		an.Deadline = &d
		if a, b := x.deadlineSpan[0], x.deadlineSpan[1]; b > a && b <= len(x.src) {
			if st, ok := NamedPeriodStart(x.src[a:b], x.src[:a], d, DateIn(now, loc)); ok {
				an.Start = &st
			}
		}
	}
	an.Scope = x.scope()
	if o.Scope != "" {
		an.Scope = o.Scope
	}
	an.Metric = x.metric
	an.Kind = x.kind()
	an.Direction = x.direction
	an.Unit = x.unit(cur)
	if x.baseline != nil {
		b := *x.baseline
		an.Baseline = &b
	}
	if x.target != nil {
		t := *x.target
		an.Target = &t
	}

	today := DateIn(now, loc)
	// The verdicts describe the statement as written; history only adds values.
	an.Measurable = an.Target != nil || x.relative != nil
	an.TimeBound = an.Deadline != nil || an.Cadence != CadenceNone
	an.Specific = an.Metric != "" && (an.Target != nil || an.Baseline != nil || x.relative != nil)
	an.Relevant = x.relevant()
	an.Achievable = x.achievable(today)
	x.applyHistory(&an, o, today)
	if an.Supports != nil {
		an.Relevant = true
	}
	if an.Pace != nil {
		an.Achievable = false
	}

	for _, p := range []struct {
		ok   bool
		name string
	}{{an.Specific, PartSpecific}, {an.Measurable, PartMeasurable}, {an.Achievable, PartAchievable}, {an.Relevant, PartRelevant}, {an.TimeBound, PartTimeBound}} {
		if !p.ok {
			an.Missing = append(an.Missing, p.name)
			an.Questions = append(an.Questions, x.question(p.name, &an, today))
		}
	}
	if an.Measurable && an.Target == nil {
		// A relative change is measurable, but its target needs the current value.
		an.Questions = append([]string{x.question(PartMeasurable, &an, today)}, an.Questions...)
	}
	an.Rewrite = x.rewrite(&an)
	if an.Rewrite != "" && len(an.Suggested) == 0 && an.Cadence == CadenceNone && x.relative == nil && x.lostQualifiers(an.Rewrite) {
		// The built sentence would drop what the user qualified: keep theirs.
		an.Rewrite = x.keptRewrite(&an)
	}
	an.Tags = x.dimensionTags()
	if an.Pace != nil {
		alt := an
		t := an.Pace.Alternative
		alt.Target = &t
		an.Pace.Rewrite = x.rewrite(&alt)
	}
	return an
}

// DefaultCurrency is the currency a bare money amount ("5万", "sales of
// 5,000") means in a language: CNY for zh-CN, TWD for zh-TW, USD otherwise.
func DefaultCurrency(lang string) string {
	switch lang {
	case LangZhCN:
		return UnitCNY
	case LangZhTW:
		return UnitTWD
	}
	return UnitUSD
}

// cleanStatement bounds the input and removes what can only confuse
// matching: invalid UTF-8, control characters, full-width digits and signs.
func cleanStatement(text string) string {
	if len(text) > MaxInputLen {
		cut := MaxInputLen
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToValidUTF8(text, " ")
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '％':
			return '%'
		case r == '．':
			return '.'
		case r == '\u3000':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return ' '
		}
		return r
	}, strings.TrimSpace(text))
}

// foundAmount is an amount of the statement with the role the analyser gives it.
type foundAmount struct {
	a          Amount
	start, end int
	unit       string // resolved: percent, minutes, days, a currency, "" when plain
	explicitCC bool   // the currency was written out (¥, $, RMB, 美元 ...), not just 元
	used       bool
}

// extraction holds the working state of one Analyze call.
type extraction struct {
	src   string // cleaned statement
	low   string // src with ASCII lower-cased (same byte offsets)
	work  []byte // low with cadence and deadline phrases blanked out
	spans [][2]int

	cadence      Cadence
	deadline     Date
	deadlineSpan [2]int // where the deadline phrase was, in src
	pastDeadline string // a deadline already past ("by 2020-01-01"): asked again, never used

	mentions []metricMention
	valid    []bool // mention is not a modifier of an unknown noun
	amounts  []foundAmount
	// dayValues marks where a number whose day word was blanked ends.
	dayValues map[int]bool

	metric     string
	info       *MetricInfo
	surface    string // the words the user used for the metric
	userNoun   bool
	quantified int // index of the amount that counts the metric, -1 for none
	targetIdx  int // index of the amount read as the target, -1 for none
	counter    string

	baseline, target *float64
	relative         *float64 // a relative change: +15 for "grow 15%", -20 for "cut by 20%"
	relPercent       bool     // relative is a percentage (else an absolute step)
	relUnit          string
	targetUnit       string
	baseUnit         string
	direction        Direction
}

func newExtraction(s string) *extraction {
	low := asciiLower(s)
	return &extraction{src: s, low: low, work: []byte(low), quantified: -1, targetIdx: -1, dayValues: map[int]bool{}}
}

// blank removes a phrase from further matching, keeping byte offsets.
func (x *extraction) blank(start, end int) bool {
	if start < 0 || end > len(x.work) || start >= end {
		return false
	}
	if !utf8.RuneStart(x.work[start]) || (end < len(x.work) && !utf8.RuneStart(x.work[end])) {
		return false
	}
	for i := start; i < end; i++ {
		x.work[i] = ' '
	}
	x.spans = append(x.spans, [2]int{start, end})
	return true
}

func (x *extraction) blanked(i int) bool {
	for _, sp := range x.spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}
