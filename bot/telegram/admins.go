package telegram

import (
	"sync"
	"time"
)

// adminFailTTL: after getChatAdministrators fails, the last known list (or
// none) is used this long before asking again.
const adminFailTTL = time.Minute

// adminCache keeps each group's administrators for a while, so a busy
// group costs one getChatAdministrators per TTL, not one per message.
type adminCache struct {
	mu  sync.Mutex
	ttl time.Duration
	now func() time.Time
	m   map[int64]adminEntry
}

type adminEntry struct {
	ids     map[int64]bool
	expires time.Time
	failed  bool // the last fetch failed: ids may be out of date (or empty)
}

func newAdminCache(ttl time.Duration) *adminCache {
	return &adminCache{ttl: ttl, now: time.Now, m: map[int64]adminEntry{}}
}

// get returns the cached ids of chat; ok is false when absent or expired,
// current is false when they are what was known before a failed fetch.
func (c *adminCache) get(chat int64) (ids map[int64]bool, ok, current bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[chat]
	if !ok || !c.now().Before(e.expires) {
		return e.ids, false, false
	}
	return e.ids, true, !e.failed
}

func (c *adminCache) put(chat int64, ids map[int64]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.m) > 4096 { // forget stale groups now and then
		for id, e := range c.m {
			if !now.Before(e.expires) {
				delete(c.m, id)
			}
		}
	}
	c.m[chat] = adminEntry{ids: ids, expires: now.Add(c.ttl)}
}

// fail keeps what is known (possibly nothing) for a short while.
func (c *adminCache) fail(chat int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[chat]
	e.expires = c.now().Add(adminFailTTL)
	e.failed = true
	c.m[chat] = e
}
