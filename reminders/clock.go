package reminders

import (
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/goals"
)

// Clock adapts a goals.Clock that runs at normal speed (the real time, or
// the bot's GOALBOT_NOW clock: a fixed offset from it) to clockwork.Clock,
// which gocron and the outbox worker use: Now comes from c, and durations
// are waited in real time, which is the same thing at normal speed. A
// clockwork.Clock (a fake one in tests) is returned as it is.
func Clock(c goals.Clock) clockwork.Clock {
	switch x := c.(type) {
	case nil:
		return clockwork.NewRealClock()
	case clockwork.Clock:
		return x
	}
	return offsetClock{Clock: clockwork.NewRealClock(), now: c}
}

type offsetClock struct {
	clockwork.Clock // timers and sleeps: real durations
	now             goals.Clock
}

func (c offsetClock) Now() time.Time                  { return c.now.Now() }
func (c offsetClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }
func (c offsetClock) Until(t time.Time) time.Duration { return t.Sub(c.Now()) }
