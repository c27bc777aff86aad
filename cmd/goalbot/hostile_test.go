package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// TestHostileInput is the table of SPEC §8 "bad input gets a clear message
// in the user's language and changes nothing", through `goalbot send`: huge,
// negative, NaN and Infinity amounts, 10 KB texts, control and bidi
// characters, SQL meta-characters, unknown goal ids and impossible settings,
// in English and Simplified Chinese. A refusal must carry a code that is not
// "internal", a message in the user's language (Chinese script for zh-CN,
// none for en), no internals, and leave every table of the database as it
// was. Inputs that are valid once cleaned (a note with control characters,
// SQL in a note) are accepted, stored cleaned, and undone.
func TestHostileInput(t *testing.T) {
	c := newCLI(t)
	c.mustOK("alice", "acme", "/goal new Book 20 demos by Friday")
	c.mustOK("alice", "acme", "/goal log 3")
	c.mustOK("wang", "shop", "/goal 新建 本月销售额达到5万元")
	c.mustOK("wang", "shop", "/goal 记录 1.2万")

	big := strings.Repeat("grow sales ", 1000)           // 11 KB
	bigZH := strings.Repeat("提升销量", 1000)                // 12 KB
	ctl := "\x00\x01\x07\x1b[31m\x7f\u0085"              // NUL, SOH, BEL, an ANSI escape, DEL, NEL
	bidi := "\u202e\u2066\u2067\u2068\u2069\u200e\u200f" // overrides, isolates, marks

	type tc struct {
		name, user, team, text, lang string
		// code is the expected refusal code; "" any; "ok" accepted with one
		// log of amount; "help" accepted, nothing written; "noop" answered,
		// no goal or log written.
		code   string
		amount float64
	}
	en := func(name, text, code string) tc { return tc{name, "alice", "acme", text, "en", code, 0} }
	zh := func(name, text, code string) tc { return tc{name, "wang", "shop", text, "zh-CN", code, 0} }
	logged := func(c tc, amount float64) tc { c.code, c.amount = "ok", amount; return c }
	cases := []tc{
		// Amounts: huge, negative, NaN, Infinity, nonsense.
		en("huge_exponent", "/goal log 1e400", "amount_too_large"),
		en("huge_digits", "/goal log 99999999999999999", "amount_too_large"),
		en("huge_k", "/goal log 999999999999k", "amount_too_large"),
		en("negative", "/goal log -5", "negative_amount"),
		en("negative_unicode_minus", "/goal log −5", "negative_amount"),
		en("nan", "/goal log NaN", "missing_amount"),
		en("nan_metric", "/goal log nan demos", "missing_amount"),
		en("infinity", "/goal log Infinity", "missing_amount"),
		en("inf_symbol", "/goal log ∞", "missing_amount"),
		en("hex", "/goal log 0x10", "bad_amount"),
		en("edit_target_nan", "/goal edit #1 target=NaN", "bad_amount"),
		en("edit_target_huge", "/goal edit #1 target=1e400", "amount_too_large"),
		en("edit_baseline_negative", "/goal edit #1 baseline=-1", "negative_amount"),
		en("edit_stretch_negative", "/goal edit #1 stretch=-5", "negative_amount"),
		en("new_negative_target", "/goal new Book -20 demos by Friday", "noop"), // asks how much; saves no goal
		zh("huge_exponent", "/goal 记录 1e400", "amount_too_large"),
		zh("huge_digits", "/goal 记录 99999999999999999", "amount_too_large"),
		zh("huge_wan", "/goal 记录 99999999999万", "amount_too_large"),
		zh("negative", "/goal 记录 -5", "negative_amount"),
		zh("nan", "/goal 记录 NaN", "missing_amount"),
		zh("infinity", "/goal 记录 无穷大", "missing_amount"),
		zh("edit_target_negative", "/goal 修改 #2 target=-3", "negative_amount"),

		// 10 KB of text.
		en("10kb_log_note", "/goal log 3 "+big, "input_too_long"),
		en("10kb_new", "/goal new "+big, "input_too_long"),
		en("10kb_plain", big, "input_too_long"),
		zh("10kb_new", "/goal 新建 "+bigZH, "input_too_long"),
		zh("10kb_log_note", "/goal 记录 3 "+bigZH, "input_too_long"),

		// Control and bidi characters are dropped before the command is read.
		logged(en("control_in_command", "/goal lo\x00g\x1b 3", ""), 3),
		en("bidi_only", "/goal "+bidi, "help"), // nothing left: help
		logged(zh("control_in_command", "/goal 记\x00录\x07 3", ""), 3),

		// SQL meta-characters where a command or a number is expected.
		en("sql_command", "/goal undo; DROP TABLE goals", "unknown_command"),
		en("sql_goal_id", "/goal log #1;DELETE FROM logs 3", ""),
		en("sql_quote_id", "/goal progress #1' OR '1'='1", ""),
		en("sql_edit_key", "/goal edit #1 title'='x", "bad_edit"),
		zh("sql_command", "/goal 撤销; DROP TABLE goals", "unknown_command"),

		// Unknown goal ids and other people's goals.
		en("unknown_id", "/goal log #999 3", "goal_not_found"),
		en("unknown_id_progress", "/goal progress #999", "goal_not_found"),
		en("overflowing_id", "/goal edit #99999999999999999999 target=3", ""),
		en("non_numeric_id", "/goal done #abc", "need_goal_id"),
		en("zero_id", "/goal progress #0", "goal_not_found"),
		en("negative_id", "/goal progress #-1", "goal_not_found"),
		en("other_team_goal", "/goal log #2 3", "goal_not_found"),
		en("unknown_member", "/goal list @nobody", "member_not_found"),
		zh("unknown_id", "/goal 记录 #999 3", "goal_not_found"),
		zh("unknown_id_progress", "/goal 进度 #999", "goal_not_found"),
		zh("other_team_goal", "/goal 修改 #1 target=3", "goal_not_found"),

		// Impossible settings and edits.
		en("tz", "/goal settings tz=Mars/Olympus", "bad_tz"),
		en("lang", "/goal settings lang=klingon", "bad_lang"),
		en("daily_time", "/goal settings daily=25:99", "bad_time"),
		en("weekly_day", "/goal settings weekly=funday 09:00", "bad_time"),
		en("workdays", "/goal settings workdays=xyz", "bad_workdays"),
		en("deadline_past", "/goal edit #1 deadline=2020-01-01", "date_in_past"),
		en("deadline_feb30", "/goal edit #1 deadline=2026-02-30", "bad_date"),
		en("cadence", "/goal edit #1 cadence=hourly", ""),
		en("unknown_key", "/goal edit #1 colour=red", "bad_edit"),
		zh("tz", "/goal 设置 tz=火星/奥林帕斯", "bad_tz"),
		zh("lang", "/goal 设置 lang=火星文", "bad_lang"),
		zh("daily_time", "/goal 设置 daily=25:99", "bad_time"),
		zh("deadline_past", "/goal 修改 #2 deadline=2020-01-01", "date_in_past"),
		zh("unknown_command", "/goal 乱码命令", "unknown_command"),

		// Valid once cleaned: stored without the control, bidi or SQL harm.
		logged(en("note_control_chars", "/goal log 2 note"+ctl+"end", ""), 2),
		logged(en("note_bidi", "/goal log 2 "+bidi+"seomed", ""), 2),
		logged(en("note_sql", "/goal log 2 '); DROP TABLE logs; --", ""), 2),
		logged(zh("note_sql", "/goal 记录 5 '; DELETE FROM goals; --", ""), 5),
	}

	seen := map[string]bool{}
	for _, k := range cases {
		name := k.lang + "/" + k.name
		if strings.Contains(k.name, "/") {
			name = k.name
		}
		if seen[name] {
			t.Fatalf("duplicate case %s", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			before := dumpDB(t, c.db)
			rep := c.send(k.user, k.team, k.text)
			if rep.Lang != k.lang {
				t.Errorf("answered in %q, want %q: %q", rep.Lang, k.lang, rep.Text)
			}
			if strings.TrimSpace(rep.Text) == "" {
				t.Fatalf("empty reply")
			}
			checkScript(t, k.lang, k.text, rep.Text)
			for _, leak := range []string{"goroutine", ".go:", "sql:", "SQLITE", "panic", "%!"} {
				if strings.Contains(rep.Text, leak) {
					t.Errorf("reply shows internals (%q): %q", leak, rep.Text)
				}
			}
			if k.code == "noop" || k.code == "help" {
				if k.code == "help" && !rep.OK {
					t.Fatalf("refused: %+v", rep.Error)
				}
				after := dumpDB(t, c.db)
				for _, tb := range []string{"goals", "logs", "log_days", "teams", "members"} {
					if !reflect.DeepEqual(before[tb], after[tb]) {
						t.Fatalf("changed %s:\n%s", tb, diffDB(before, after))
					}
				}
				return
			}
			if k.code == "ok" {
				if !rep.OK {
					t.Fatalf("refused: %+v", rep.Error)
				}
				if mid := dumpDB(t, c.db); len(mid["logs"]) != len(before["logs"])+1 {
					t.Fatalf("accepted with %d new logs, want one: %q", len(mid["logs"])-len(before["logs"]), rep.Text)
				}
				checkLastLog(t, c, k.amount)
				if u := c.send(k.user, k.team, "/goal undo"); !u.OK {
					t.Fatalf("undo: %+v", u.Error)
				}
				if after := dumpDB(t, c.db); !sameRows(before, after, "pending", "events") {
					t.Fatalf("accepted and undone, yet the database changed:\n%s", diffDB(before, after))
				}
				return
			}
			if rep.OK || rep.Error == nil {
				t.Fatalf("accepted: %q", rep.Text)
			}
			if rep.Error.Code == "" || rep.Error.Code == "internal" || strings.TrimSpace(rep.Error.Message) == "" {
				t.Fatalf("unclear refusal: %+v", rep.Error)
			}
			if k.code != "" && rep.Error.Code != k.code {
				t.Errorf("refused with %s (%q), want %s", rep.Error.Code, rep.Error.Message, k.code)
			}
			if after := dumpDB(t, c.db); !reflect.DeepEqual(before, after) {
				t.Fatalf("a refused command changed the database:\n%s", diffDB(before, after))
			}
		})
	}
}

// checkScript: a zh-CN answer is written in Chinese; an English one is
// Latin text (number examples such as "5万" aside).
func checkScript(t *testing.T, lang, in, out string) {
	t.Helper()
	han, latin := 0, 0
	for _, r := range out {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case lang == "zh-CN" && han == 0:
		t.Errorf("zh-CN answer without Chinese: %q", out)
	case lang == "en" && han*10 > latin:
		t.Errorf("English answer mostly in Chinese: %q", out)
	}
}

// checkLastLog: the newest log has the amount the user wrote and a note
// without control or bidi characters.
func checkLastLog(t *testing.T, c *cli, amount float64) {
	t.Helper()
	_, ls := c.snapshot()
	if len(ls) == 0 {
		t.Fatal("no log stored")
	}
	last := ls[0]
	for _, l := range ls {
		if l.ID > last.ID {
			last = l
		}
	}
	if last.Amount != amount {
		t.Fatalf("stored %v, want %v", last.Amount, amount)
	}
	note := last.Note
	for _, r := range note {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			t.Fatalf("stored note keeps %U: %q", r, note)
		}
	}
}

// dumpDB is every row of every table, as text, sorted: a refused command
// must leave it equal.
func dumpDB(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := openRaw(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, tb := range tables {
		rs, err := db.Query(`SELECT * FROM "` + tb + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rs.Next() {
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				parts[i] = fmt.Sprintf("%s=%v", cols[i], v)
			}
			out[tb] = append(out[tb], strings.Join(parts, " "))
		}
		rs.Close()
		sort.Strings(out[tb])
	}
	return out
}

// sameRows compares two dumps, ignoring the tables named.
func sameRows(a, b map[string][]string, ignore ...string) bool {
	for _, n := range ignore {
		a, b = without(a, n), without(b, n)
	}
	// An undone log leaves its day's roll-up row at zero: compare totals.
	return reflect.DeepEqual(without(a, "log_days"), without(b, "log_days"))
}

func without(m map[string][]string, name string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		if k != name {
			out[k] = v
		}
	}
	return out
}

func diffDB(a, b map[string][]string) string {
	var sb strings.Builder
	for tb := range b {
		if !reflect.DeepEqual(a[tb], b[tb]) {
			fmt.Fprintf(&sb, "table %s:\n  before %q\n  after  %q\n", tb, a[tb], b[tb])
		}
	}
	return sb.String()
}
