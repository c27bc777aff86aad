package bot_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/prompts"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// When an LLM is configured and its answer cannot be used (here a 500),
// the chat says so in the user's language, under the offline analysis,
// on `/goal new` and `/goal smart`; without an LLM there is nothing to
// fall back from and no notice.
func TestCoachFallbackNoticeInChat(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		http.Error(w, `{"error":{"message":"boom","type":"server_error"}}`, http.StatusInternalServerError)
	}))
	defer srv.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	coach := prompts.NewLLMCoach(prompts.Config{BaseURL: srv.URL + "/v1", CacheSize: -1, DailyBudget: -1}, goals.OfflineCoach{}, quiet)
	withLLM := coachEngine(t, bot.WithCoach(coach), bot.WithLogger(quiet))
	offline := coachEngine(t, bot.WithLogger(quiet))

	for _, tc := range []struct{ lang, create, smart string }{
		{"en", "new Book 20 demos by Friday", "smart grow sales"},
		{"zh-CN", "新建 本月销售额达到5万元", "smart 提升销量"},
		{"zh-TW", "新建 本月營收達到5萬元", "smart 提升銷量"},
	} {
		notice := i18n.T(tc.lang, "smart_fallback")
		for _, text := range []string{tc.create, tc.smart} {
			before := calls.Load()
			r := handle(withLLM, tc.lang, text)
			if r.Lang != tc.lang {
				t.Errorf("%q answered in %q, want %q", text, r.Lang, tc.lang)
			}
			if calls.Load() == before {
				t.Errorf("%q: the LLM was not asked", text)
			}
			if !strings.Contains(r.Text, notice) {
				t.Errorf("%q (%s) fell back without the notice %q:\n%s", text, tc.lang, notice, r.Text)
			}
			if r := handle(offline, tc.lang, text); strings.Contains(r.Text, notice) {
				t.Errorf("%q without an LLM shows the fallback notice:\n%s", text, r.Text)
			}
		}
	}
}

func coachEngine(t *testing.T, opts ...bot.Option) *bot.Engine {
	db := storagetest.MustOpenDB(t)
	now := mustTime("2026-11-16T09:00:00+08:00")
	svc := &goals.Service{Store: db, Clock: goals.ClockFunc(func() time.Time { return now }), DefaultTZ: "Asia/Shanghai", DefaultLang: "en"}
	return bot.NewEngine(svc, opts...)
}

func handle(e *bot.Engine, lang, text string) bot.Reply {
	return e.Handle(context.Background(), bot.Request{Platform: "test", TeamID: "t-" + lang, UserID: "u-" + lang, Text: text, LangHint: lang})
}
