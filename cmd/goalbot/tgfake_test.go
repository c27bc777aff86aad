package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tgFake is a local Telegram Bot API for tests that run goalbot (in-process
// or as a child process) in polling mode. It answers the methods the
// adapter calls, records every sendMessage, and serves queued updates to
// getUpdates the way Telegram does: an update is served again until a later
// getUpdates confirms it with a higher offset, at most batch per call.
type tgFake struct {
	t     testing.TB
	srv   *httptest.Server
	token string

	mu        sync.Mutex
	queue     []tgUpdate // unconfirmed, ascending update_id
	nextID    int64
	confirmed int64 // highest offset a getUpdates has sent
	sends     []tgSend
	calls     map[string]int
	wake      chan struct{}
	batch     int
	// onServe sees each non-empty getUpdates answer (the number of the
	// call and the updates in it) before it is written.
	onServe func(n int, ups []tgUpdate)
	// onSend sees each sendMessage before it is answered, with mu held.
	onSend func(s tgSend)
	served int
	delay  time.Duration // before each non-empty getUpdates answer (network latency)
	// sendDelay holds each sendMessage answer back (a slow API); sending
	// is signalled when such a send begins.
	sendDelay time.Duration
	sending   chan struct{}
	failAll   bool // every method answers 500 (echoing the request path)
	// holdAfter, when set, serves no update with a higher id (they stay
	// queued) until release is called.
	holdAfter int64
}

// release serves the updates holdAfter kept back.
func (f *tgFake) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.holdAfter = 0
	close(f.wake)
	f.wake = make(chan struct{})
}

type tgUpdate struct {
	ID     int64
	Chat   int64
	MsgID  int
	Text   string
	UserID int64
}

type tgSend struct {
	Chat int64
	Text string
	At   time.Time
}

func newTGFake(t testing.TB, token string) *tgFake {
	f := &tgFake{t: t, token: token, nextID: 1000, calls: map[string]int{}, wake: make(chan struct{}), batch: 100}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *tgFake) URL() string { return f.srv.URL }

// push queues a private-chat message from user chat (chat id = user id).
func (f *tgFake) push(chat int64, msgID int, text string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	f.queue = append(f.queue, tgUpdate{ID: f.nextID, Chat: chat, MsgID: msgID, Text: text, UserID: chat})
	close(f.wake)
	f.wake = make(chan struct{})
	return f.nextID
}

func (f *tgFake) lastID() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.nextID
}

// allConfirmed reports whether a getUpdates has confirmed every update pushed.
func (f *tgFake) allConfirmed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.confirmed > f.nextID
}

func (f *tgFake) sent() []tgSend {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tgSend(nil), f.sends...)
}

// sentLocked is sent for hooks, which run with f.mu held.
func (f *tgFake) sentLocked() []tgSend { return f.sends }

func (f *tgFake) textsTo(chat int64) []string {
	var out []string
	for _, s := range f.sent() {
		if s.Chat == chat {
			out = append(out, s.Text)
		}
	}
	return out
}

func (f *tgFake) callCount(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// waitFor polls cond until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f *tgFake) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+f.token+"/")
	if !ok {
		writeTG(w, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	fields := map[string]string{}
	if err := r.ParseMultipartForm(1 << 20); err == nil && r.MultipartForm != nil {
		for k, v := range r.MultipartForm.Value {
			fields[k] = v[0]
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.Form {
			fields[k] = v[0]
		}
	}
	f.mu.Lock()
	f.calls[method]++
	fail := f.failAll
	f.mu.Unlock()
	if fail {
		// A broken proxy that echoes what it was asked: the token is in
		// the path, so a careless error message would carry it.
		w.WriteHeader(http.StatusBadGateway)
		writeTG(w, map[string]any{"ok": false, "error_code": 502, "description": "Bad Gateway: upstream failed for " + r.URL.Path})
		return
	}
	var result any = true
	switch method {
	case "getUpdates":
		f.getUpdates(w, r, fields)
		return
	case "getMe":
		result = map[string]any{"id": 777, "is_bot": true, "first_name": "Goal Bot", "username": "GoalTestBot"}
	case "sendMessage":
		chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
		s := tgSend{Chat: chat, Text: fields["text"], At: time.Now()}
		f.mu.Lock()
		f.sends = append(f.sends, s)
		n := len(f.sends)
		if f.onSend != nil {
			f.onSend(s) // with f.mu held: it may read f.sends (sentLocked)
		}
		slow, sig := f.sendDelay, f.sending
		f.mu.Unlock()
		if slow > 0 {
			if sig != nil {
				select {
				case sig <- struct{}{}:
				default:
				}
			}
			time.Sleep(slow)
			f.mu.Lock()
			f.calls["sendMessage:done"]++
			f.mu.Unlock()
		}
		result = map[string]any{"message_id": 100000 + n, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chat, "type": "private"}, "text": s.Text}
	}
	writeTG(w, map[string]any{"ok": true, "result": result})
}

func (f *tgFake) getUpdates(w http.ResponseWriter, r *http.Request, fields map[string]string) {
	offset, _ := strconv.ParseInt(fields["offset"], 10, 64)
	timeout, _ := strconv.Atoi(fields["timeout"])
	wait := time.After(min(time.Duration(timeout)*time.Second, 200*time.Millisecond))
	for {
		f.mu.Lock()
		if offset > f.confirmed {
			f.confirmed = offset
		}
		keep := f.queue[:0:0]
		var out []tgUpdate
		for _, u := range f.queue {
			if u.ID >= offset {
				keep = append(keep, u)
				if len(out) < f.batch && (f.holdAfter == 0 || u.ID <= f.holdAfter) {
					out = append(out, u)
				}
			}
		}
		f.queue = keep
		wake := f.wake
		var hook func(int, []tgUpdate)
		n := 0
		if len(out) > 0 {
			f.served++
			n, hook = f.served, f.onServe
		}
		f.mu.Unlock()
		if len(out) > 0 {
			if hook != nil {
				hook(n, out)
			}
			if f.delay > 0 {
				time.Sleep(f.delay)
			}
			res := make([]any, 0, len(out))
			for _, u := range out {
				res = append(res, map[string]any{"update_id": u.ID, "message": map[string]any{
					"message_id": u.MsgID, "date": time.Now().Unix(), "text": u.Text,
					"from": map[string]any{"id": u.UserID, "is_bot": false, "first_name": "U" + strconv.FormatInt(u.UserID, 10), "language_code": "en"},
					"chat": map[string]any{"id": u.Chat, "type": "private", "first_name": "U"},
				}})
			}
			writeTG(w, map[string]any{"ok": true, "result": res})
			return
		}
		select {
		case <-wake:
		case <-wait:
			writeTG(w, map[string]any{"ok": true, "result": []any{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func writeTG(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// --- the goalbot binary ------------------------------------------------------

// buildBinary builds cmd/goalbot into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "goalbot")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// childEnv is this process's environment without any goalbot configuration,
// plus kv.
func childEnv(kv ...string) []string {
	var env []string
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "TELEGRAM_") || strings.HasPrefix(e, "SLACK_") || strings.HasPrefix(e, "GOALBOT_") || strings.HasPrefix(e, "OPENAI_") {
			continue
		}
		env = append(env, e)
	}
	return append(env, kv...)
}

// freeAddr is a loopback address with a port free a moment ago.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuf is an io.Writer safe for a child's output and the test reading it.
type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var _ io.Writer = (*syncBuf)(nil)

// child is a running goalbot process.
type child struct {
	cmd    *exec.Cmd
	out    *syncBuf
	exited chan struct{}
	err    error
}

func startChild(t testing.TB, bin string, env []string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(bin), out: &syncBuf{}, exited: make(chan struct{})}
	c.cmd.Env = env
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("start goalbot: %v", err)
	}
	go func() {
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-c.exited:
		default:
			_ = c.cmd.Process.Kill()
			<-c.exited
		}
	})
	return c
}

// wait waits for the process to exit, at most d.
func (c *child) wait(t testing.TB, d time.Duration) error {
	t.Helper()
	select {
	case <-c.exited:
		return c.err
	case <-time.After(d):
		t.Fatalf("goalbot still running after %s; output:\n%s", d, c.out.String())
		return nil
	}
}
