package reminders_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
	"github.com/goalbot/goalbot/storage/storagetest"
)

func mustOpen(tb testing.TB, clk goals.Clock) *storage.DB {
	tb.Helper()
	return storagetest.MustOpenDB(tb, storage.WithClock(clk))
}

// sent is one delivery a recSender saw.
type sent struct {
	At       time.Time
	Platform string
	Chat     string
	Text     string
	Thread   int
	Chart    int // PNG bytes
}

func (s sent) key() string {
	return fmt.Sprintf("%s %s %s %s", s.At.UTC().Format("01-02T15:04"), s.Platform, s.Chat, kindOf(s.Text))
}

// kindOf tells a message's kind from its first line, in any language.
func kindOf(text string) string {
	switch {
	case strings.HasPrefix(text, "⏰"):
		return "checkin"
	case strings.HasPrefix(text, "📋"):
		return "daily"
	case strings.HasPrefix(text, "📊"):
		return "weekly"
	}
	return "?"
}

// recSender records deliveries at the clock's time; errs are returned, in
// order, by the first calls.
type recSender struct {
	mu       sync.Mutex
	clock    clockwork.Clock
	platform string
	got      []sent
	errs     []error
	calls    int
}

func (r *recSender) Send(_ context.Context, m bot.Outgoing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if len(r.errs) > 0 {
		err := r.errs[0]
		r.errs = r.errs[1:]
		if err != nil {
			return err
		}
	}
	chat := m.Channel
	if chat == "" {
		chat = "@" + m.UserID
	}
	r.got = append(r.got, sent{At: r.clock.Now(), Platform: r.platform, Chat: chat, Text: m.Reply.Text, Thread: len(m.Thread), Chart: len(m.Reply.Chart)})
	return nil
}

func (r *recSender) sends() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.got...)
}

func keys(ss []sent) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.key())
	}
	sort.Strings(out)
	return out
}

func mustTeam(tb testing.TB, db *storage.DB, t goals.Team) goals.Team {
	tb.Helper()
	got, err := db.EnsureTeam(context.Background(), t)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

func mustMember(tb testing.TB, db *storage.DB, m goals.Member) {
	tb.Helper()
	if _, _, err := db.EnsureMember(context.Background(), m); err != nil {
		tb.Fatal(err)
	}
}

func mustGoal(tb testing.TB, db *storage.DB, g goals.Goal) goals.Goal {
	tb.Helper()
	if g.Scope == "" {
		g.Scope = goals.ScopeIndividual
	}
	if g.Kind == "" {
		g.Kind = goals.KindTotal
	}
	if g.Direction == "" {
		g.Direction = goals.Increase
	}
	if g.Unit == "" {
		g.Unit = goals.UnitCount
	}
	if err := db.CreateGoal(context.Background(), &g); err != nil {
		tb.Fatal(err)
	}
	return g
}

func mustLog(tb testing.TB, db *storage.DB, l goals.Log) {
	tb.Helper()
	if _, err := db.AddLog(context.Background(), &l, nil); err != nil {
		tb.Fatal(err)
	}
}

func mustSub(tb testing.TB, db *storage.DB, s reminders.Subscription) {
	tb.Helper()
	if _, err := db.Subscribe(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func d(y int, m time.Month, day int) goals.Date { return goals.NewDate(y, m, day) }
