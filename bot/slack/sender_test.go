package slackbot_test

import (
	"context"
	"errors"
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

func TestSenderOneMessagePerSecondPerChannel(t *testing.T) {
	const interval = 150 * time.Millisecond
	e := newEnv(t, false, slackbot.WithChannelInterval(interval))
	s := e.ad.Sender()
	ctx := t.Context()
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Go(func() {
			if err := s.Send(ctx, outgoing("C0001", "busy")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Go(func() {
		if err := s.Send(ctx, outgoing("C0002", "quiet")); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	var busy []time.Time
	for _, c := range e.slack.callsOf("chat.postMessage") {
		switch c.Form.Get("channel") {
		case "C0001":
			busy = append(busy, c.At)
		case "C0002":
			if d := c.At.Sub(start); d > interval {
				t.Errorf("another channel waited %v", d)
			}
		}
	}
	if len(busy) != 3 {
		t.Fatalf("busy channel got %d messages", len(busy))
	}
	// The limiter spaces the requests' starts; arrival adds a little jitter.
	for i := 1; i < len(busy); i++ {
		if gap := busy[i].Sub(busy[i-1]); gap < interval/2 {
			t.Errorf("messages %d and %d only %v apart", i-1, i, gap)
		}
	}
	if span := busy[2].Sub(busy[0]); span < 2*interval-30*time.Millisecond {
		t.Errorf("three messages within %v", span)
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
// schedule per channel: Slack's limits belong to the token.
func TestSendersOfOneAppShareTheLimit(t *testing.T) {
	const interval = 150 * time.Millisecond
	e := newEnv(t, false, slackbot.WithChannelInterval(interval))
	other, err := slackbot.New(e.eng, slackbot.Config{BotToken: testBotToken, SigningSecret: testSecret, APIURL: e.slack.URL()},
		slackbot.WithChannelInterval(interval))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, s := range []*slackbot.Sender{e.ad.Sender(), other.Sender()} {
		wg.Go(func() {
			if err := s.Send(t.Context(), outgoing("C0009", "hi")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	posts := e.slack.callsOf("chat.postMessage")
	if len(posts) != 2 {
		t.Fatalf("posts = %d", len(posts))
	}
	if gap := posts[1].At.Sub(posts[0].At); gap < interval/2 {
		t.Fatalf("two senders posted %v apart", gap)
	}
}
