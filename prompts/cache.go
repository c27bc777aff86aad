package prompts

import (
	"container/list"
	"strings"
	"sync"
	"unicode"

	"github.com/goalbot/goalbot/goals"
)

// lru is a small least-recently-used cache of successful LLM results.
type lru struct {
	mu    sync.Mutex
	size  int
	order *list.List // front: most recent
	items map[string]*list.Element
}

type lruEntry struct {
	key string
	val goals.CoachResult
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: map[string]*list.Element{}}
}

func (c *lru) get(key string) (goals.CoachResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return goals.CoachResult{}, false
	}
	c.order.MoveToFront(el)
	return cloneResult(el.Value.(*lruEntry).val), true
}

func (c *lru) put(key string, v goals.CoachResult) {
	if c.size <= 0 {
		return
	}
	v = cloneResult(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*lruEntry).val = v
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key, v})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry).key)
	}
}

// cloneResult copies everything a caller could mutate through a result.
func cloneResult(r goals.CoachResult) goals.CoachResult {
	a := &r.Analysis
	a.Missing = append([]string(nil), a.Missing...)
	a.Questions = append([]string(nil), a.Questions...)
	if a.Baseline != nil {
		v := *a.Baseline
		a.Baseline = &v
	}
	if a.Target != nil {
		v := *a.Target
		a.Target = &v
	}
	if a.Deadline != nil {
		v := *a.Deadline
		a.Deadline = &v
	}
	return r
}

// normalizeText is the cache form of a statement: trimmed, lower case,
// full-width digits folded, every run of white space one space.
func normalizeText(s string) string {
	s = normalizeDigits(strings.ToLower(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// budget counts LLM calls per team per local day.
type budget struct {
	mu    sync.Mutex
	limit int // <0: unlimited
	day   map[string]string
	used  map[string]int
}

func newBudget(limit int) *budget {
	return &budget{limit: limit, day: map[string]string{}, used: map[string]int{}}
}

// take uses one call of team's budget for day; false when none is left.
func (b *budget) take(team, day string) bool {
	if b.limit < 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.day[team] != day {
		if len(b.day) > 10000 { // forget other teams' past days
			for t, d := range b.day {
				if d != day {
					delete(b.day, t)
					delete(b.used, t)
				}
			}
		}
		b.day[team], b.used[team] = day, 0
	}
	if b.used[team] >= b.limit {
		return false
	}
	b.used[team]++
	return true
}
