package bot_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// The amount conformance test: every number and money example of the
// public corpora in ../shared/corpora (Duckling, cn2an) goes through the
// path a user takes, `/goal log #id <text>`, on a real engine and a real
// SQLite file, and what got stored is compared with what the source means.
//
// Each text is logged to a goal of a fitting unit: a count goal for plain
// numbers, a money goal in the expected currency for money. Duckling's
// generic "Dollar" is USD for English and CNY for Chinese (元, 块, 蚊);
// "Cent" is a hundredth of that; "Unnamed" ("42 bucks") is USD; the
// families "Dinar" and "Rial" are a KWD and an OMR goal. cn2an numerals
// written with 元 or 圆 go to a CNY goal.
//
// Classes:
//   - exact: the stored amount is the expected value; or, where no value
//     may be logged, nothing was stored. Nothing may be logged for a
//     negative (a progress log cannot be one), a text with no number, a
//     range ("10到20元", "from 10 to 20 dollars": the bot asks which), and a
//     bound ("under seven euros", "至少三块四分"): a limit is not a figure,
//     so the bot asks for the exact amount rather than log the limit.
//   - wrong: a different number stored, or one stored where none may be.
//   - not understood: refused or asked, where a value was expected.
//
// cn2an sentence pairs (same_as) are exact when the sentence with numerals
// and the one with digits end alike: the same amount stored, or both refused.
//
// Gate: wrong ≤ 1% and exact ≥ 90% of all amounts.

var amountCorpora = []string{
	"duckling_numeral_en.jsonl", "duckling_numeral_zh.jsonl",
	"duckling_money_en.jsonl", "duckling_money_zh.jsonl", "cn2an.jsonl",
}

type corpusRecord struct {
	Src    string `json:"src"`
	Text   string `json:"text"`
	Line   int    `json:"line"`
	Lang   string `json:"lang"`
	Kind   string `json:"kind"`
	Cls    string `json:"cls"`
	Expect struct {
		Value    *float64 `json:"value"`
		None     bool     `json:"none"`
		SameAs   *string  `json:"same_as"`
		Currency string   `json:"currency"`
		Bound    string   `json:"bound"`
		From     *float64 `json:"from"`
		To       *float64 `json:"to"`
	} `json:"expect"`
}

func readCorpus(t *testing.T, name string) []corpusRecord {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpora", name))
	if err != nil {
		t.Fatalf("corpus %s: %v (the corpora live in ../shared/corpora from the repository root)", name, err)
	}
	defer f.Close()
	var out []corpusRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r corpusRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no records", name)
	}
	return out
}

// amountBench is one team with a goal per unit the corpora need.
type amountBench struct {
	e     *env
	goals map[string]int64 // unit → goal id
}

func newAmountBench(t *testing.T) *amountBench {
	e := newEnv(t)
	e.ok("acme", "alice", "list") // the team and its member exist from here on
	return &amountBench{e: e, goals: map[string]int64{}}
}

// levelUnit names a level goal counted in unit: each log is a reading.
// A 0 goes there, since on a total goal the bot asks instead ("0 adds
// nothing"); a reading of 0 is stored.
func levelUnit(unit string) string { return unit + "/level" }

// goal is the id of alice's goal counted in unit, created on first use.
func (b *amountBench) goal(unit string) int64 {
	if id, ok := b.goals[unit]; ok {
		return id
	}
	level := strings.HasSuffix(unit, "/level")
	key := unit
	unit = strings.TrimSuffix(unit, "/level")
	start := goals.DateIn(b.e.clock(), time.UTC)
	g := goals.Goal{
		TeamID: "acme", Owner: "alice", Scope: goals.ScopeIndividual, Title: "Corpus goal in " + unit,
		Metric: "corpus_" + strings.ToLower(unit), Unit: unit, Kind: goals.KindTotal, Direction: goals.Increase,
		Target: goals.MaxAmount, Start: start, Deadline: start.AddDays(300),
	}
	if unit == goals.UnitPercent || level {
		g.Kind, g.Target, g.Metric = goals.KindLevel, 100, g.Metric+"_level"
	}
	if err := b.e.db.CreateGoal(context.Background(), &g); err != nil {
		b.e.t.Fatalf("goal in %s: %v", unit, err)
	}
	b.goals[key] = g.ID
	return g.ID
}

// logged runs `/goal log #id text` and returns the stored amount, if any.
func (b *amountBench) logged(unit, text string) (float64, bool, string) {
	id := b.goal(unit)
	ctx := context.Background()
	before, err := b.e.db.Logs(ctx, goals.LogFilter{TeamID: "acme", GoalID: id})
	if err != nil {
		b.e.t.Fatal(err)
	}
	r := b.e.say("acme", "alice", fmt.Sprintf("log #%d %s", id, text)) // what adapters pass on for `/goal log #id text`
	after, err := b.e.db.Logs(ctx, goals.LogFilter{TeamID: "acme", GoalID: id})
	if err != nil {
		b.e.t.Fatal(err)
	}
	switch {
	case len(after) == len(before):
		code := ""
		if r.Error != nil {
			code = r.Error.Code
		}
		if r.OK {
			code = "ok but nothing stored"
		}
		return 0, false, code
	case len(after) != len(before)+1:
		b.e.t.Fatalf("%q wrote %d logs", text, len(after)-len(before))
	}
	return after[len(after)-1].Amount, true, ""
}

// unitFor is the goal unit a record is logged to, and the amount it should store.
func unitFor(r corpusRecord) (unit string, scale float64) {
	if r.Kind == "money" {
		switch c := r.Expect.Currency; c {
		case "Dollar", "":
			if r.Lang == "zh" {
				return goals.UnitCNY, 1
			}
			return goals.UnitUSD, 1
		case "Cent":
			if r.Lang == "zh" {
				return goals.UnitCNY, 0.01
			}
			return goals.UnitUSD, 0.01
		case "Unnamed":
			return goals.UnitUSD, 1
		case "Dinar":
			return "KWD", 1
		case "Rial":
			return "OMR", 1
		default:
			return c, 1
		}
	}
	return textUnit(r.Text), 1
}

// textUnit picks the goal for a plain number by what the text itself says:
// a percentage, a sum in yuan, or a count.
func textUnit(s string) string {
	switch {
	case strings.Contains(s, "%") || strings.Contains(s, "百分之"):
		return goals.UnitPercent
	case strings.ContainsAny(s, "元圆圓块塊"):
		return goals.UnitCNY
	}
	return goals.UnitCount
}

type amountClass int

const (
	classExact amountClass = iota
	classWrong
	classNotUnderstood
)

func sameAmount(got, want float64) bool {
	return got == want || math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// classify logs one record and says how it went, with a line for the report.
func (b *amountBench) classify(r corpusRecord) (amountClass, string) {
	ex := r.Expect
	if ex.SameAs != nil {
		unit := textUnit(*ex.SameAs)
		want, wantOK, _ := b.logged(unit, *ex.SameAs)
		got, gotOK, why := b.logged(unit, r.Text)
		switch {
		case wantOK == gotOK && (!gotOK || sameAmount(got, want)):
			return classExact, ""
		case gotOK && wantOK:
			return classWrong, fmt.Sprintf("%q stored %v, %q stored %v", r.Text, got, *ex.SameAs, want)
		case gotOK:
			return classWrong, fmt.Sprintf("%q stored %v, %q stored nothing", r.Text, got, *ex.SameAs)
		}
		return classNotUnderstood, fmt.Sprintf("%q refused (%s), %q stored %v", r.Text, why, *ex.SameAs, want)
	}
	unit, scale := unitFor(r)
	if ex.Value != nil && *ex.Value == 0 {
		unit = levelUnit(unit)
	}
	got, ok, why := b.logged(unit, r.Text)
	refuse := ex.None || ex.Bound != "" || ex.Value == nil || *ex.Value < 0
	switch {
	case refuse && !ok:
		return classExact, ""
	case refuse:
		return classWrong, fmt.Sprintf("%q stored %v on a %s goal, want nothing (%s)", r.Text, got, unit, refusalWhy(r))
	case !ok:
		return classNotUnderstood, fmt.Sprintf("%q refused on a %s goal (%s), want %v", r.Text, unit, why, *ex.Value*scale)
	case sameAmount(got, *ex.Value*scale):
		return classExact, ""
	}
	return classWrong, fmt.Sprintf("%q stored %v on a %s goal, want %v", r.Text, got, unit, *ex.Value*scale)
}

func refusalWhy(r corpusRecord) string {
	switch {
	case r.Expect.None:
		return "no number"
	case r.Expect.Bound == "between":
		return "a range"
	case r.Expect.Bound != "":
		return "a bound: " + r.Expect.Bound
	}
	return "negative"
}

func TestAmountCorpora(t *testing.T) {
	b := newAmountBench(t)
	var total, exact, wrong, unread int
	var report strings.Builder
	for _, name := range amountCorpora {
		var lists [3][]string
		var n [3]int
		for _, r := range readCorpus(t, name) {
			c, line := b.classify(r)
			n[c]++
			if line != "" {
				lists[c] = append(lists[c], fmt.Sprintf("line %d: %s", r.Line, line))
			}
		}
		all := n[0] + n[1] + n[2]
		total, exact, wrong, unread = total+all, exact+n[classExact], wrong+n[classWrong], unread+n[classNotUnderstood]
		fmt.Fprintf(&report, "%-28s %3d: exact %3d (%5.1f%%)  wrong %2d (%4.1f%%)  not understood %2d (%4.1f%%)\n",
			name, all, n[0], pct(n[0], all), n[1], pct(n[1], all), n[2], pct(n[2], all))
		for _, c := range []amountClass{classWrong, classNotUnderstood} {
			sort.Strings(lists[c])
			label := map[amountClass]string{classWrong: "WRONG", classNotUnderstood: "not understood"}[c]
			for _, l := range lists[c] {
				fmt.Fprintf(&report, "    %s %s\n", label, l)
			}
		}
	}
	fmt.Fprintf(&report, "%-28s %3d: exact %3d (%5.1f%%)  wrong %2d (%4.1f%%)  not understood %2d (%4.1f%%)\n",
		"ALL", total, exact, pct(exact, total), wrong, pct(wrong, total), unread, pct(unread, total))
	t.Log("\n" + report.String())
	if pct(wrong, total) > 1 {
		t.Errorf("wrong %d of %d amounts (%.1f%%), gate is ≤ 1%%", wrong, total, pct(wrong, total))
	}
	if pct(exact, total) < 90 {
		t.Errorf("exact %d of %d amounts (%.1f%%), gate is ≥ 90%%", exact, total, pct(exact, total))
	}
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}
