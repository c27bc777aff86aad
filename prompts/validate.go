package prompts

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goalbot/goalbot/goals"
	"github.com/sashabaranov/go-openai/jsonschema"
)

// Limits on what the model may write.
const (
	maxQuestions   = 3
	maxQuestionLen = 200 // runes
	maxMetricLen   = 40  // runes, for a user's own noun
)

// rejection is why a model answer was not used. Reason is a short stable
// key for logs and tests; Detail never holds the API key.
type rejection struct {
	Reason string
	Detail string
}

func (r *rejection) Error() string {
	if r.Detail == "" {
		return r.Reason
	}
	return r.Reason + ": " + r.Detail
}

func reject(reason, format string, args ...any) error {
	return &rejection{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// reasonOf is the rejection reason of err, or "" for other errors.
func reasonOf(err error) string {
	var r *rejection
	if errors.As(err, &r) {
		return r.Reason
	}
	return ""
}

// extractJSON takes the JSON object out of a reply: reasoning models may
// prefix a <think> block, and some servers in json_object mode wrap the
// object in a code fence. Nothing else is forgiven.
func extractJSON(content string) string {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "<think>") {
		if i := strings.Index(s, "</think>"); i >= 0 {
			s = strings.TrimSpace(s[i+len("</think>"):])
		}
	}
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```JSON")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
		s = strings.TrimSpace(s)
	}
	return s
}

// decodeAnswer checks content against the answer schema and decodes it
// strictly: one JSON object, every field present with its type, enums
// respected, no unknown fields, nothing after it.
func decodeAnswer(content string) (answer, error) {
	s := extractJSON(content)
	var raw any
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return answer{}, reject("invalid_json", "%v", err)
	}
	if !jsonschema.Validate(answerSchema, raw) {
		return answer{}, reject("schema", "answer does not match the schema")
	}
	var a answer
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return answer{}, reject("schema", "%v", err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return answer{}, reject("invalid_json", "data after the object")
	}
	return a, nil
}

// checkInput is what an answer is checked against.
type checkInput struct {
	Statement       string
	Lang            string // of the statement: en, zh-CN, zh-TW
	Offline         goals.Analysis
	Today           goals.Date
	DefaultCurrency string
}

// merge validates a against the offline analysis and returns the analysis
// the coach answers with. The rules:
//
//   - numbers: a target or baseline must not be negative or huge; when the
//     offline analysis found one, the model's must be equal (or null); when
//     it found none, the model's must be written in the statement (or be the
//     baseline grown by a percentage written there): the model rewrites
//     wording, it never supplies numbers;
//   - deadline: a YYYY-MM-DD date, not before today in the team's zone, not
//     beyond the goal span limit, and equal to the offline deadline; the
//     model may not add one the offline analysis did not find. Cadence the
//     same;
//   - unit, direction and metric: when the offline analysis found them, the
//     model's must agree (a changed unit, a flipped direction or another
//     known KPI rejects the answer); metric keys are canonicalised;
//   - rewrite (it becomes the goal's title): one sentence in the
//     statement's language, at most goals.MaxTitleLen runes, no placeholder
//     brackets, showing the target and no number that is not the target, the
//     baseline, a part of the deadline or written in the statement; empty,
//     like the offline rewrite, while there is no metric or no target.
//
// Fields come from the offline analysis wherever it found them; the model
// fills only what it left empty, and supplies the rewrite, the questions
// and its judgement of the parts: it may find a goal less specific or less
// achievable than the offline rules (never more), and relevant where the
// lexicon knows no KPI. Measurable and time-bound follow from the merged
// fields, never from the model's word.
func merge(a answer, in checkInput) (goals.Analysis, error) {
	off := in.Offline
	out := off

	// Numbers.
	for _, f := range []struct {
		name string
		v    *float64
	}{{"target", a.Target}, {"baseline", a.Baseline}} {
		if f.v == nil {
			continue
		}
		if math.IsNaN(*f.v) || math.IsInf(*f.v, 0) || math.Abs(*f.v) > goals.MaxAmount {
			return out, reject("bad_"+f.name, "%s %v out of range", f.name, *f.v)
		}
		if *f.v < 0 {
			return out, reject("negative_"+f.name, "%s %v", f.name, *f.v)
		}
	}
	// A value the offline analysis read from the statement is the user's
	// and stays; one it proposed from history (Suggested) the model may
	// replace. The model may add a value of its own only when it declares it
	// (suggested, with a basis); otherwise it must be written in the statement.
	written := func(f string) bool { return !off.Proposed(f) }
	llmNumbers := false
	var proposed []string
	propTarget, propBaseline := false, false
	if a.Target != nil {
		switch {
		case off.Target != nil && written("target") && !approx(*a.Target, *off.Target):
			return out, reject("target_changed", "model %v, statement %v", *a.Target, *off.Target)
		case off.Target != nil && written("target"):
		case grounded(*a.Target, in.Statement, off.Baseline) && (off.Target == nil || approx(*a.Target, *off.Target)):
			v := *a.Target
			out.Target, llmNumbers = &v, true
		case a.proposes("target"):
			v := *a.Target
			out.Target, llmNumbers, propTarget = &v, true, true
			proposed = append(proposed, "target")
		case off.Target != nil && !approx(*a.Target, *off.Target):
			return out, reject("target_changed", "model %v, offline proposal %v", *a.Target, *off.Target)
		case off.Target == nil:
			return out, reject("target_invented", "%v is not in the statement", *a.Target)
		}
	}
	if a.Baseline != nil {
		switch {
		case off.Baseline != nil && written("baseline") && !approx(*a.Baseline, *off.Baseline):
			return out, reject("baseline_changed", "model %v, statement %v", *a.Baseline, *off.Baseline)
		case off.Baseline != nil && written("baseline"):
		case grounded(*a.Baseline, in.Statement, nil) && (off.Baseline == nil || approx(*a.Baseline, *off.Baseline)):
			v := *a.Baseline
			out.Baseline, llmNumbers = &v, true
		case a.proposes("baseline"):
			v := *a.Baseline
			out.Baseline, llmNumbers, propBaseline = &v, true, true
			proposed = append(proposed, "baseline")
		case off.Baseline != nil && !approx(*a.Baseline, *off.Baseline):
			return out, reject("baseline_changed", "model %v, offline proposal %v", *a.Baseline, *off.Baseline)
		case off.Baseline == nil:
			return out, reject("baseline_invented", "%v is not in the statement", *a.Baseline)
		}
	}

	// Deadline and cadence.
	if a.Deadline != nil {
		d, err := goals.ParseISODate(strings.TrimSpace(*a.Deadline))
		switch {
		case err != nil:
			return out, reject("bad_deadline", "%q", *a.Deadline)
		case d.Before(in.Today):
			return out, reject("deadline_past", "%s is before %s", d, in.Today)
		case d.Year() > in.Today.Year()+goals.MaxGoalSpanY:
			return out, reject("deadline_too_far", "%s", d)
		case off.Deadline != nil && d.Equal(*off.Deadline):
		case off.Deadline != nil && written("deadline"):
			return out, reject("deadline_changed", "model %s, statement %s", d, *off.Deadline)
		case a.proposes("deadline"):
			out.Deadline = &d
			proposed = append(proposed, "deadline")
		case off.Deadline == nil:
			return out, reject("deadline_invented", "%s is not in the statement", d)
		default:
			return out, reject("deadline_changed", "model %s, offline proposal %s", d, *off.Deadline)
		}
	}
	if a.Cadence != nil && goals.Cadence(*a.Cadence) != off.Cadence {
		if off.Cadence == goals.CadenceNone {
			return out, reject("cadence_invented", "%s is not in the statement", *a.Cadence)
		}
		return out, reject("cadence_changed", "model %s, statement %s", *a.Cadence, off.Cadence)
	}
	if len(proposed) > 0 {
		if err := checkProposal(out, in, propTarget, propBaseline); err != nil {
			return out, err
		}
		out.Basis = cleanBasis(a.Basis)
		if strings.Contains(out.Basis, "://") || strings.ContainsAny(out.Basis, "<>[]{}") {
			return out, reject("bad_basis", "links or markup in the basis")
		}
		out.Suggested = mergeFields(off.Suggested, proposed)
		if propTarget || propBaseline {
			// The offline working and pace were about other numbers.
			out.Working, out.Pace = "", nil
		}
	}

	// Unit, direction, metric.
	lu := classifyUnit(a.Unit)
	if off.Unit != "" && a.Unit != "" && !compatibleUnits(classifyUnit(off.Unit), lu) {
		return out, reject("unit_changed", "model %q, statement %q", a.Unit, off.Unit)
	}
	if out.Unit == "" && a.Unit != "" && out.Target != nil {
		out.Unit = lu.resolve(in.DefaultCurrency, in.Lang)
	}
	dir := goals.Direction(a.Direction)
	if off.Direction != "" && dir != off.Direction {
		return out, reject("direction_flipped", "model %s, statement %s", dir, off.Direction)
	}
	if out.Direction == "" {
		out.Direction = dir
	}
	metric := canonicalMetric(a.Metric)
	_, offKnown := goals.MetricByKey(off.Metric)
	_, llmKnown := goals.MetricByKey(metric)
	if offKnown && llmKnown && metric != off.Metric {
		return out, reject("metric_changed", "model %s, statement %s", metric, off.Metric)
	}
	if out.Metric == "" {
		out.Metric = metric
	}
	if out.Kind == "" {
		if info, ok := goals.MetricByKey(out.Metric); ok {
			out.Kind = info.Kind
		} else {
			out.Kind = goals.Kind(a.Kind)
		}
	}
	if llmNumbers && out.Kind == goals.KindLevel && out.Baseline != nil && out.Target != nil {
		if (out.Direction == goals.Increase && *out.Target <= *out.Baseline) ||
			(out.Direction == goals.Decrease && *out.Target >= *out.Baseline) {
			return out, reject("baseline_inconsistent", "%s from %v to %v", out.Direction, *out.Baseline, *out.Target)
		}
	}

	// Rewrite and questions. The rewrite becomes the goal's title, so like
	// the offline one it is empty until there is a metric and a target.
	rewrite := cleanText(a.Rewrite)
	if out.Target == nil || out.Metric == "" {
		rewrite = ""
	}
	switch {
	case rewrite == "" && out.Target != nil && out.Metric != "":
		return out, reject("empty_rewrite", "")
	case strings.ContainsAny(rewrite, "[]【】{}"):
		return out, reject("rewrite_placeholder", "brackets in the rewrite")
	case utf8.RuneCountInString(rewrite) > goals.MaxTitleLen:
		return out, reject("rewrite_too_long", "%d runes", utf8.RuneCountInString(rewrite))
	case rewrite != "" && goals.IsChinese(in.Lang) && !hasHan(rewrite):
		return out, reject("wrong_language", "rewrite is not in %s", in.Lang)
	case !goals.IsChinese(in.Lang) && hasHan(rewrite) && !hasHan(in.Statement):
		return out, reject("wrong_language", "rewrite is not in %s", in.Lang)
	}
	if rewrite != "" {
		if err := checkRewriteNumbers(rewrite, in.Statement, out); err != nil {
			return out, err
		}
	}
	out.Rewrite = rewrite
	var qs []string
	for _, q := range a.Questions {
		q = cleanText(q)
		if q == "" {
			continue
		}
		if utf8.RuneCountInString(q) > maxQuestionLen {
			q = string([]rune(q)[:maxQuestionLen-1]) + "…"
		}
		qs = append(qs, q)
		if len(qs) == maxQuestions {
			break
		}
	}
	if len(qs) > 0 {
		out.Questions = qs
	}

	// SMART parts. Measurable and time-bound are facts of the merged fields.
	// The model may find a statement less specific or achievable than the
	// offline rules do (never more: those rules catch the impossible), and
	// may see relevance in a noun the lexicon does not know.
	readTarget := out.Target != nil && !out.Proposed("target")
	out.Measurable = off.Measurable || readTarget
	out.TimeBound = off.TimeBound
	out.Specific = a.Specific && (off.Specific || (out.Metric != "" && readTarget))
	out.Achievable = a.Achievable && off.Achievable
	out.Relevant = a.Relevant || off.Relevant
	out.Missing = missingParts(out)
	return out, nil
}

// mergeFields is a ∪ b in the order target, baseline, deadline.
func mergeFields(a, b []string) []string {
	var out []string
	for _, f := range []string{"baseline", "target", "deadline"} {
		for _, x := range append(append([]string{}, a...), b...) {
			if x == f {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// checkRewriteNumbers: every number in the rewrite is the target, the
// baseline, a part of the deadline or written in the statement, and the
// target, when there is one, is shown.
func checkRewriteNumbers(rewrite, statement string, a goals.Analysis) error {
	allowed := flatten(numberTokens(statement))
	var target []float64
	if a.Target != nil {
		target = []float64{*a.Target}
		allowed = append(allowed, *a.Target)
	}
	if a.Baseline != nil {
		allowed = append(allowed, *a.Baseline)
	}
	if a.Deadline != nil && !a.Deadline.IsZero() {
		d := *a.Deadline
		allowed = append(allowed, float64(d.Year()), float64(d.Month()), float64(d.Day()))
	}
	shown := target == nil
	for _, tok := range numberTokens(rewrite) {
		if !tokenIn(tok, allowed) {
			return reject("rewrite_number", "%v is neither in the statement nor a field", tok[0])
		}
		if !shown && tokenIn(tok, target) {
			shown = true
		}
	}
	if !shown {
		return reject("rewrite_lacks_target", "target %v not in the rewrite", *a.Target)
	}
	return nil
}

// missingParts lists the SMART parts a lacks, in SPEC order.
func missingParts(a goals.Analysis) []string {
	var m []string
	for _, p := range []struct {
		ok   bool
		name string
	}{
		{a.Specific, "specific"}, {a.Measurable, "measurable"}, {a.Achievable, "achievable"},
		{a.Relevant, "relevant"}, {a.TimeBound, "time_bound"},
	} {
		if !p.ok {
			m = append(m, p.name)
		}
	}
	return m
}

// cleanText makes model text one line: control and bidi-override
// characters become spaces, runs of spaces collapse.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return ' '
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff, r == utf8.RuneError:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// canonicalMetric maps the model's metric to a lexicon key when it names
// one (a key, an English or Chinese name), else keeps it as a short noun.
func canonicalMetric(m string) string {
	m = cleanText(m)
	if m == "" {
		return ""
	}
	key := strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(m))
	if info, ok := goals.MetricByKey(key); ok {
		return info.Key
	}
	if info, _, _, ok := goals.LookupMetric(m); ok {
		return info.Key
	}
	m = strings.ToLower(m) // like the offline analyser's nouns
	if utf8.RuneCountInString(m) > maxMetricLen {
		m = string([]rune(m)[:maxMetricLen])
	}
	return m
}

// unitClass is a unit reduced to what must not change: its kind, and the
// currency code when it is a currency ("" when the currency is unnamed).
type unitClass struct{ class, code string }

var currencyWords = map[string]string{
	"cny": goals.UnitCNY, "rmb": goals.UnitCNY, "¥": goals.UnitCNY, "￥": goals.UnitCNY, "人民币": goals.UnitCNY, "人民幣": goals.UnitCNY,
	"usd": goals.UnitUSD, "$": goals.UnitUSD, "us$": goals.UnitUSD, "dollar": goals.UnitUSD, "dollars": goals.UnitUSD, "美元": goals.UnitUSD,
	"twd": goals.UnitTWD, "ntd": goals.UnitTWD, "nt$": goals.UnitTWD, "新台币": goals.UnitTWD, "新台幣": goals.UnitTWD, "台币": goals.UnitTWD, "台幣": goals.UnitTWD,
	"eur": goals.UnitEUR, "€": goals.UnitEUR, "euro": goals.UnitEUR, "euros": goals.UnitEUR, "欧元": goals.UnitEUR, "歐元": goals.UnitEUR,
	"hkd": "HKD", "hk$": "HKD", "港币": "HKD", "港幣": "HKD",
	"gbp": "GBP", "£": "GBP", "英镑": "GBP", "英鎊": "GBP",
	"jpy": "JPY", "日元": "JPY", "日圓": "JPY", "円": "JPY",
	"currency": "", "元": "", "块": "", "塊": "", "money": "",
}

func classifyUnit(u string) unitClass {
	s := strings.ToLower(strings.TrimSpace(u))
	if code, ok := currencyWords[s]; ok {
		return unitClass{"currency", code}
	}
	if goals.IsCurrency(strings.ToUpper(s)) {
		return unitClass{"currency", strings.ToUpper(s)}
	}
	switch s {
	case "":
		return unitClass{}
	case "percent", "%", "pct", "percentage", "percentage points", "百分比", "百分点", "百分點":
		return unitClass{class: goals.UnitPercent}
	case "minutes", "minute", "min", "mins", "分钟", "分鐘":
		return unitClass{class: goals.UnitMinutes}
	case "days", "day", "天", "日":
		return unitClass{class: "days"}
	case "hours", "hour", "h", "hrs", "小时", "小時":
		return unitClass{class: "hours"}
	case "seconds", "second", "sec", "secs", "s", "秒", "秒钟", "秒鐘":
		return unitClass{class: "seconds"}
	}
	return unitClass{class: goals.UnitCount} // demos, orders, 单, 件 ...: counted things
}

func compatibleUnits(a, b unitClass) bool {
	if a.class != b.class {
		return false
	}
	return a.class != "currency" || a.code == "" || b.code == "" || a.code == b.code
}

// resolve turns the class back into a goal unit.
func (u unitClass) resolve(defaultCurrency, lang string) string {
	if u.class != "currency" {
		return u.class
	}
	if u.code != "" {
		return u.code
	}
	if defaultCurrency != "" {
		return defaultCurrency
	}
	return goals.DefaultCurrency(lang)
}
