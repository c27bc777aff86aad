package slackbot_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
)

func outgoing(channel, text string) bot.Outgoing {
	return bot.Outgoing{Platform: "slack", TeamID: "slack:" + testTeam, Channel: channel,
		Reply: bot.Reply{OK: true, Lang: "en", Text: text}}
}

func TestSenderRetryAfter429DeliversOnce(t *testing.T) {
	e := newEnv(t, false)
	e.slack.fail429 = 1
	ctx := t.Context()
	start := time.Now()
	if err := slackbot.SendWithRetry(ctx, e.ad.Sender(), outgoing("C0001", "weekly digest"), 5); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("delivered after %v, before Retry-After (1s)", d)
	}
	if n := len(e.slack.callsOf("429 chat.postMessage")); n != 1 {
		t.Errorf("429 answers = %d, want 1", n)
	}
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 1 || posts[0].Form.Get("text") != "weekly digest" {
		t.Fatalf("delivered %d times (%+v), want once", len(posts), posts)
	}
}

func TestSenderReturnsRetryError(t *testing.T) {
	e := newEnv(t, false)
	s := e.ad.Sender()
	ctx := t.Context()

	e.slack.fail429 = 1
	e.slack.retryAfter = "7"
	err := s.Send(ctx, outgoing("C0001", "x"))
	var re *bot.RetryError
	if !errors.As(err, &re) || re.After != 7*time.Second {
		t.Fatalf("429: err = %v, want *bot.RetryError{After: 7s}", err)
	}

	e.slack.fail500 = 1
	err = s.Send(ctx, outgoing("C0002", "x"))
	if !errors.As(err, &re) || re.After != 0 {
		t.Fatalf("500: err = %v, want *bot.RetryError", err)
	}
	if len(e.slack.callsOf("chat.postMessage")) != 0 {
		t.Fatal("a failed send was recorded as delivered")
	}

	// A refusal that retrying cannot fix is not a RetryError.
	err = s.Send(ctx, bot.Outgoing{})
	if err == nil || errors.As(err, &re) {
		t.Fatalf("no channel: err = %v", err)
	}
}

// The limiter's promise, checked without timing the machine: with an
// interval of an hour, a second message to the same channel cannot go
// (its sender gives up when its context ends, having posted nothing),
// while another channel is served at once.
func TestSenderOneMessagePerIntervalPerChannel(t *testing.T) {
	e := newEnv(t, false, slackbot.WithChannelInterval(time.Hour))
	s := e.ad.Sender()
	if err := s.Send(hangGuard(t), outgoing("C0001", "busy 1")); err != nil {
		t.Fatal(err)
	}
	// Waiting an hour here would fail by the guard.
	if err := s.Send(hangGuard(t), outgoing("C0002", "quiet")); err != nil {
		t.Fatalf("another channel: %v", err)
	}
	wantHeldBack(t, e, s, "C0001")
	if n := len(postsTo(e, "C0001")); n != 1 {
		t.Fatalf("busy channel got %d messages within its interval, want 1", n)
	}
}

// The spacing itself, as lower bounds only (a slow machine only widens
// the gaps): the k-th post to a channel arrives no earlier than k
// intervals after the first send began.
func TestSenderSpacesOneChannel(t *testing.T) {
	const interval = 150 * time.Millisecond
	e := newEnv(t, false, slackbot.WithChannelInterval(interval))
	s := e.ad.Sender()
	start := time.Now()
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := s.Send(hangGuard(t), outgoing("C0001", "busy")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	busy := postsTo(e, "C0001")
	if len(busy) != 3 {
		t.Fatalf("busy channel got %d messages", len(busy))
	}
	for k, c := range busy {
		if d := c.At.Sub(start); d < time.Duration(k)*interval {
			t.Errorf("post %d arrived %v after the start, before %d intervals", k+1, d, k)
		}
	}
}

// wantHeldBack sends to channel with a short deadline: the limiter must
// hold it until the deadline and return a RetryError, posting nothing.
func wantHeldBack(t *testing.T, e *env, s *slackbot.Sender, channel string) {
	t.Helper()
	before := len(postsTo(e, channel))
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	err := s.Send(ctx, outgoing(channel, "held back"))
	var re *bot.RetryError
	if !errors.As(err, &re) {
		t.Fatalf("send within the interval: err = %v, want *bot.RetryError", err)
	}
	if n := len(postsTo(e, channel)); n != before {
		t.Fatalf("a send within the interval was posted (%d posts, had %d)", n, before)
	}
}

func postsTo(e *env, channel string) []call {
	var out []call
	for _, c := range e.slack.callsOf("chat.postMessage") {
		if c.Form.Get("channel") == channel {
			out = append(out, c)
		}
	}
	return out
}

// hangGuard is a context that ends long after anything here should have.
func hangGuard(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// A digest's follow-up (part 2, a thread reply) answered 429 or 500 is
// retried inside Send; part 1 is never posted again and Send succeeds, so
// the outbox has nothing to retry.
func TestSenderFollowUpRetriedWithoutRepostingFirst(t *testing.T) {
	for _, code := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			e := newEnv(t, false)
			e.slack.failOn("part 2", code)
			m := outgoing("C0001", "part 1")
			m.Thread = []bot.Reply{{OK: true, Lang: "en", Text: "part 2"}, {OK: true, Lang: "en", Text: "part 3"}}
			if err := e.ad.Sender().Send(hangGuard(t), m); err != nil {
				t.Fatalf("send: %v", err)
			}
			count := map[string]int{}
			for _, c := range postsTo(e, "C0001") {
				count[c.Form.Get("text")]++
			}
			if count["part 1"] != 1 || count["part 2"] != 1 || count["part 3"] != 1 {
				t.Fatalf("delivered %v, want each part once", count)
			}
			if n := len(e.slack.callsOf(strconv.Itoa(code) + " chat.postMessage")); n != 1 {
				t.Fatalf("%d failed attempts recorded, want 1", n)
			}
		})
	}
}

func TestSenderThreadAndChart(t *testing.T) {
	e := newEnv(t, false)
	m := outgoing("C0001", "digest")
	m.Reply.Chart = []byte("\x89PNG fake")
	m.Thread = []bot.Reply{{OK: true, Text: "alice: 3/20"}, {OK: true, Text: "bob: 5/20"}}
	if err := e.ad.Sender().Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 3 {
		t.Fatalf("posts = %d", len(posts))
	}
	if posts[0].Form.Get("thread_ts") != "" || posts[1].Form.Get("thread_ts") == "" || posts[1].Form.Get("thread_ts") != posts[2].Form.Get("thread_ts") {
		t.Fatalf("thread_ts: %q %q %q", posts[0].Form.Get("thread_ts"), posts[1].Form.Get("thread_ts"), posts[2].Form.Get("thread_ts"))
	}
	if len(e.slack.callsOf("upload")) != 1 || len(e.slack.callsOf("files.completeUploadExternal")) != 1 {
		t.Fatalf("chart not uploaded")
	}
}

func TestSenderDirectMessage(t *testing.T) {
	e := newEnv(t, false)
	m := outgoing("", "your reminder")
	m.UserID = "U0042"
	if err := e.ad.Sender().Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 1 || posts[0].Form.Get("channel") != "U0042" {
		t.Fatalf("posts = %+v", posts)
	}
}

// Two adapters of one Slack app (the bot's and the scheduler's) keep to one
// schedule per channel: Slack's limits belong to the token. After one
// adapter posted, the other's message to the channel is held back.
func TestSendersOfOneAppShareTheLimit(t *testing.T) {
	e := newEnv(t, false, slackbot.WithChannelInterval(time.Hour))
	other, err := slackbot.New(e.eng, slackbot.Config{BotToken: testBotToken, SigningSecret: testSecret, APIURL: e.slack.URL()},
		slackbot.WithChannelInterval(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ad.Sender().Send(hangGuard(t), outgoing("C0009", "hi")); err != nil {
		t.Fatal(err)
	}
	wantHeldBack(t, e, other.Sender(), "C0009")
	if n := len(postsTo(e, "C0009")); n != 1 {
		t.Fatalf("posts = %d, want 1", n)
	}
}
