package bot

import "testing"

// What a message shows of its writer's language, and what it does not.
func TestWrittenLang(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"log #1 1", ""},
		{"log #1 1.2w", ""},
		{"log 3 demos", ""},
		{"split #4 by month", ""},
		{"list team", ""},
		{"digest weekly here", ""},
		{"settings tz=Asia/Taipei lang=zh-TW", ""},
		{"role @alice manager", ""},
		{"split #1 by region EU US APAC", ""},
		{"undo", ""},
		{"new Book 20 demos by Friday", "en"},
		{"grow sales", "en"},
		{"log #1 2 demos from the expo", "en"},
		{"修改 #1 target=30", "zh"},
		{"列表", "zh"},
		{"記錄 #1 3", "zh-TW"},
		{"今天卖了3千", "zh-CN"},
	} {
		if got := writtenLang(tc.in); got != tc.want {
			t.Errorf("writtenLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
