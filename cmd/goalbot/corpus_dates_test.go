package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// The date corpora of ../shared/corpora (Duckling, dateparser) read through
// the user-visible path: `goalbot smart --json "<goal statement with the
// date>"`, the clock pinned to the record's reference time as wall-clock in
// the user's zone (Asia/Shanghai for zh, a fixed UTC−02:00 for en). Each
// record is exact (the deadline is its last day; a past expression refused
// as past; a non-date given no deadline), wrong (another deadline, or a past
// expression turned into one), or not understood (no deadline where one was
// expected). A wrong deadline is the worst outcome, so the gate on it is
// tighter than the one on exact readings.

var dateCorpora = []string{
	"duckling_time_en.jsonl", "duckling_time_zh.jsonl",
	"duckling_duration_en.jsonl", "duckling_duration_zh.jsonl", "dateparser_zh.jsonl",
}

type dateRecord struct {
	Text   string `json:"text"`
	Line   int    `json:"line"`
	Lang   string `json:"lang"`
	Ref    string `json:"ref"`
	Cls    string `json:"cls"`
	Expect struct {
		Last string `json:"last"`
		Past bool   `json:"past"`
		None bool   `json:"none"`
	} `json:"expect"`
}

// dateStatement puts the date in a goal statement the way a user would:
// "Close 20 deals by <date>" ("within" for a span, nothing when the text
// brings its own connector); in Chinese the time comes first, as it does
// in speech ("下个月完成20单"), with 内 after a bare span.
func dateStatement(r dateRecord) string {
	text := strings.TrimSpace(r.Text)
	if r.Lang == "zh" {
		if r.Cls == "duration" && !strings.ContainsAny(text, "后後前内內") {
			text += "内"
		}
		return text + "完成20单"
	}
	first := strings.ToLower(strings.FieldsFunc(text, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })[0])
	switch {
	case r.Cls == "duration":
		return "Close 20 deals within " + text
	case map[string]bool{"by": true, "before": true, "until": true, "in": true, "within": true, "on": true,
		"at": true, "from": true, "during": true}[first]:
		return "Close 20 deals " + text
	}
	return "Close 20 deals by " + text
}

// refNow is the record's reference time as wall-clock in the user's zone.
func refNow(r dateRecord) (now, tz string) {
	wall := r.Ref
	if len(wall) > 19 {
		wall = wall[:19]
	}
	if r.Lang == "zh" {
		return wall + "+08:00", "Asia/Shanghai"
	}
	return wall + "-02:00", "Etc/GMT+2" // POSIX sign: UTC−02:00
}

// saysPast reports whether the reply refuses a date because it has passed.
func saysPast(questions []string) bool {
	for _, q := range questions {
		if strings.Contains(q, "passed") || strings.Contains(q, "过去") || strings.Contains(q, "過去") {
			return true
		}
	}
	return false
}

func TestDateCorporaConformance(t *testing.T) {
	c := newCLI(t)
	var all, allExact, allWrong int
	for _, name := range dateCorpora {
		f, err := os.Open(filepath.Join("..", "..", "..", "shared", "corpora", name))
		if err != nil {
			t.Fatalf("corpus: %v", err)
		}
		var n, exact, wrong, unread int
		var wrongs, unreads []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r dateRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			now, tz := refNow(r)
			c.now, c.env["GOALBOT_TZ"] = now, tz
			stmt := dateStatement(r)
			out, errOut, err := c.run("smart", "--json", stmt)
			if err != nil {
				t.Fatalf("smart %q: %v %s", stmt, err, errOut)
			}
			var got struct {
				Deadline  *string  `json:"deadline"`
				Questions []string `json:"questions"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("smart %q: %v", stmt, err)
			}
			dl := ""
			if got.Deadline != nil {
				dl = *got.Deadline
			}
			n++
			switch e := r.Expect; {
			case e.None && dl == "":
				exact++
			case e.None:
				wrong++
				wrongs = append(wrongs, stmt+" → "+dl+" (no date)")
			case e.Past && dl == "" && saysPast(got.Questions):
				exact++
			case e.Past && dl != "":
				wrong++
				wrongs = append(wrongs, stmt+" → "+dl+" (past: "+e.Last+")")
			case !e.Past && dl == e.Last:
				exact++
			case dl != "":
				wrong++
				wrongs = append(wrongs, stmt+" → "+dl+" (want "+e.Last+")")
			default:
				unread++
				unreads = append(unreads, stmt+" (want "+e.Last+map[bool]string{true: ", past", false: ""}[e.Past]+")")
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%-28s %3d dates: exact %3d (%5.1f%%), wrong %2d (%4.1f%%), not understood %3d",
			name, n, exact, pct(exact, n), wrong, pct(wrong, n), unread)
		for _, w := range wrongs {
			t.Logf("    wrong: %s", w)
		}
		if testing.Verbose() && os.Getenv("CORPUS_UNREAD") != "" {
			for _, u := range unreads {
				t.Logf("    not understood: %s", u)
			}
		}
		all, allExact, allWrong = all+n, allExact+exact, allWrong+wrong
	}
	t.Logf("all dates: %d, exact %d (%.1f%%), wrong %d (%.1f%%)", all, allExact, pct(allExact, all), allWrong, pct(allWrong, all))
	if pct(allWrong, all) > 2 {
		t.Errorf("wrong deadlines: %.1f%% of dates, the gate is 2%%", pct(allWrong, all))
	}
	if pct(allExact, all) < 80 {
		t.Errorf("exact deadlines: %.1f%% of dates, the gate is 80%%", pct(allExact, all))
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
