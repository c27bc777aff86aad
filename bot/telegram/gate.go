package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// counter counts work in flight and lets callers wait until none is left.
// Unlike sync.WaitGroup it may go up again while someone waits.
type counter struct {
	mu      sync.Mutex
	n       int
	zero    chan struct{} // closed while n == 0
	waiters int           // callers in wait (tests follow the gate by it)
}

func newCounter() *counter {
	c := &counter{zero: make(chan struct{})}
	close(c.zero)
	return c
}

func (c *counter) add(k int) {
	if k <= 0 {
		return
	}
	c.mu.Lock()
	if c.n == 0 {
		c.zero = make(chan struct{})
	}
	c.n += k
	c.mu.Unlock()
}

func (c *counter) done() {
	c.mu.Lock()
	if c.n > 0 {
		c.n--
		if c.n == 0 {
			close(c.zero)
		}
	}
	c.mu.Unlock()
}

// waiting is the number of callers in wait.
func (c *counter) waiting() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waiters
}

// wait returns when nothing is in flight, ctx ends or max has passed
// (timedOut true).
func (c *counter) wait(ctx context.Context, max time.Duration) (timedOut bool, err error) {
	c.mu.Lock()
	z := c.zero
	c.waiters++
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.waiters--
		c.mu.Unlock()
	}()
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-z:
		return false, nil
	case <-ctx.Done():
		return false, ctx.Err()
	case <-t.C:
		return true, nil
	}
}

// gateClient wraps the HTTP client go-telegram/bot polls with. The library
// confirms an update to Telegram (the offset of the next getUpdates) as
// soon as it has fetched it, before our handler has run: a crash then
// would lose the update. The gate counts the updates each getUpdates
// returns and holds the next getUpdates until all of them are handled, so
// the offset only moves past updates whose effects are committed.
type gateClient struct {
	inner   *http.Client
	gate    *counter
	maxWait time.Duration // a stuck handler does not stop polling for longer
	log     *slog.Logger
	up      atomic.Bool // the last getUpdates was answered
}

func isGetUpdates(r *http.Request) bool {
	return r != nil && r.URL != nil && strings.HasSuffix(r.URL.Path, "/getUpdates")
}

func (c *gateClient) Do(r *http.Request) (*http.Response, error) {
	poll := isGetUpdates(r)
	if poll {
		timedOut, err := c.gate.wait(r.Context(), c.maxWait)
		if err != nil {
			if r.Body != nil {
				r.Body.Close()
			}
			return nil, err
		}
		if timedOut {
			c.log.Warn("telegram: updates still being handled; polling on", "waited", c.maxWait)
		}
	}
	resp, err := c.inner.Do(r)
	if poll {
		// A poll that got an answer from the Bot API means we are connected.
		c.up.Store(err == nil && resp.StatusCode < 500)
	}
	if err != nil || !poll {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var res struct {
		OK     bool              `json:"ok"`
		Result []json.RawMessage `json:"result"`
	}
	if json.Unmarshal(body, &res) == nil && res.OK {
		c.gate.add(len(res.Result))
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// serial runs functions one after another per key (a chat), in the order
// they were given, and different keys in parallel: two quick answers in a
// guided dialogue are applied in order, and replies in a chat keep the
// order of the messages they answer.
type serial struct {
	mu     sync.Mutex
	queues map[string][]func()
}

func (s *serial) do(key string, f func()) {
	s.mu.Lock()
	if s.queues == nil {
		s.queues = map[string][]func(){}
	}
	q, running := s.queues[key]
	s.queues[key] = append(q, f)
	s.mu.Unlock()
	if !running {
		go s.drain(key)
	}
}

func (s *serial) drain(key string) {
	for {
		s.mu.Lock()
		q := s.queues[key]
		if len(q) == 0 {
			delete(s.queues, key)
			s.mu.Unlock()
			return
		}
		f := q[0]
		s.queues[key] = q[1:]
		s.mu.Unlock()
		f()
	}
}
