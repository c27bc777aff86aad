package telegram

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// The adapter's own sentences are in each script: no Simplified character
// in zh-TW, no Traditional one in zh-CN, none missing.
func TestTextsScripts(t *testing.T) {
	for k, e := range texts {
		for i, s := range e {
			if s == "" {
				t.Errorf("%s: text %d missing", k, i)
			}
		}
		for _, r := range e[2] {
			if goals.ChineseScript(string(r)) == goals.LangZhCN {
				t.Errorf("%s: zh-TW text has Simplified %q: %s", k, r, e[2])
			}
		}
		for _, r := range e[1] {
			if goals.ChineseScript(string(r)) == goals.LangZhTW {
				t.Errorf("%s: zh-CN text has Traditional %q: %s", k, r, e[1])
			}
		}
	}
}
