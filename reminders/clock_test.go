package reminders_test

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
)

// The bot's GOALBOT_NOW clock starts at a pinned instant and runs at normal
// speed: the adapter keeps its Now and waits real durations.
func TestClockAdapter(t *testing.T) {
	pinned := utc("2026-11-02T08:59:59Z")
	started := time.Now()
	c := reminders.Clock(goals.ClockFunc(func() time.Time { return pinned.Add(time.Since(started)) }))
	if d := c.Now().Sub(pinned); d < 0 || d > time.Minute {
		t.Fatalf("now %s, pinned %s", c.Now(), pinned)
	}
	if u := c.Until(pinned.Add(time.Hour)); u <= 59*time.Minute || u > time.Hour {
		t.Fatalf("until %s", u)
	}
	timer := c.NewTimer(time.Millisecond) // real time: fires
	<-timer.Chan()
	fake := clockwork.NewFakeClockAt(pinned)
	if reminders.Clock(fake) != clockwork.Clock(fake) {
		t.Fatal("a clockwork clock is not used as it is")
	}
}
