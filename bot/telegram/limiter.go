package telegram

import (
	"context"
	"sync"
	"time"
)

// Telegram's documented limits for bots: about one message per second in a
// chat, at most 20 messages per minute in a group, about 30 per second in
// all. The limiter hands out send slots that respect all three.
const (
	defaultPerChat   = time.Second
	defaultGroupN    = 20
	groupWindow      = time.Minute
	defaultGlobalGap = time.Second / 30
)

// limiter reserves send slots. Slots are reserved before waiting, so
// concurrent senders to one chat queue up instead of racing for the same
// second. It only ever delays; it never drops.
type limiter struct {
	mu        sync.Mutex
	now       func() time.Time
	perChat   time.Duration // minimum gap between two messages to one chat
	groupN    int           // messages per groupWindow in a group
	globalGap time.Duration // minimum gap between any two messages

	chats      map[int64]*chatSlots
	globalNext time.Time
	calls      int
}

type chatSlots struct {
	last  time.Time   // newest slot handed out
	win   []time.Time // slots of the last groupWindow (groups only), ascending
	until time.Time   // nothing before this (a 429's retry_after)
}

func newLimiter(perChat time.Duration, groupN int, globalGap time.Duration) *limiter {
	if groupN <= 0 {
		groupN = defaultGroupN
	}
	return &limiter{now: time.Now, perChat: perChat, groupN: groupN, globalGap: globalGap, chats: map[int64]*chatSlots{}}
}

// reserve returns the earliest instant a message to chat may be sent and
// books it.
func (l *limiter) reserve(chat int64, group bool) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	st := l.chats[chat]
	if st == nil {
		st = &chatSlots{}
		l.chats[chat] = st
	}
	t := now
	if !st.last.IsZero() && st.last.Add(l.perChat).After(t) {
		t = st.last.Add(l.perChat)
	}
	if st.until.After(t) {
		t = st.until
	}
	if group {
		// Slots per chat are handed out in ascending order, so the window
		// is sorted: the groupN-th newest slot decides.
		if n := len(st.win); n >= l.groupN {
			if next := st.win[n-l.groupN].Add(groupWindow); next.After(t) {
				t = next
			}
		}
		st.win = append(st.win, t)
		if len(st.win) > l.groupN {
			st.win = append(st.win[:0], st.win[len(st.win)-l.groupN:]...)
		}
	}
	st.last = t
	return t
}

// reserveGlobal books a slot in the bot-wide budget; it is asked for when
// the chat's own slot has come, so global slots are near now and ascending.
func (l *limiter) reserveGlobal() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.now()
	if next := l.globalNext; next.After(t) {
		t = next
	}
	l.globalNext = t.Add(l.globalGap)
	return t
}

// penalize keeps chat quiet for d (Telegram answered 429 with retry_after).
func (l *limiter) penalize(chat int64, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.chats[chat]
	if st == nil {
		st = &chatSlots{}
		l.chats[chat] = st
	}
	if u := l.now().Add(d); u.After(st.until) {
		st.until = u
	}
}

// sweep forgets chats that have been quiet for a window, now and then.
func (l *limiter) sweep(now time.Time) {
	l.calls++
	if l.calls%256 != 0 || len(l.chats) < 256 {
		return
	}
	for id, st := range l.chats {
		if st.last.Add(groupWindow).Before(now) && st.until.Before(now) {
			delete(l.chats, id)
		}
	}
}

// wait books a slot for chat and sleeps until it (and the global slot) come.
func (l *limiter) wait(ctx context.Context, chat int64, group bool) error {
	if err := sleepUntil(ctx, l.reserve(chat, group), l.now); err != nil {
		return err
	}
	return sleepUntil(ctx, l.reserveGlobal(), l.now)
}

func sleepUntil(ctx context.Context, t time.Time, now func() time.Time) error {
	d := t.Sub(now())
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
