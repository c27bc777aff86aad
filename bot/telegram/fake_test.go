package telegram

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// fakeAPI is a local Telegram Bot API: it answers the methods the adapter
// uses, records every call, and serves queued updates to getUpdates the
// way Telegram does (an update is served again until a later getUpdates
// confirms it with a higher offset).
type fakeAPI struct {
	t     testing.TB
	srv   *httptest.Server
	token string
	me    models.User

	mu        sync.Mutex
	calls     []apiCall
	queue     []json.RawMessage // unconfirmed updates, ascending ids
	served    []json.RawMessage // every update ever served (for redelivery)
	nextUpd   int64
	nextMsg   int
	failures  map[string][]fakeFailure
	failText  map[string][]fakeFailure // by the text sent, whatever the method
	admins    map[int64][]int64        // chat -> admin user ids (first is the creator)
	migrated  map[int64]int64          // group chat -> the supergroup it became
	wake      chan struct{}
	maxPollMs int
	// beforeReply, when set, sees every recorded call before it is
	// answered (the crash test kills the bot process there).
	beforeReply func(apiCall)
	// adapter is the one running against the fake (settle waits for it).
	adapter *Adapter
}

type apiCall struct {
	Method string
	Fields map[string]string
	Files  map[string][]byte
	OK     bool      // false when a scripted failure answered it
	At     time.Time // when it arrived
}

type fakeFailure struct {
	code       int
	retryAfter int
	desc       string
}

func newFakeAPI(t testing.TB, token string) *fakeAPI {
	f := &fakeAPI{
		t: t, token: token, nextUpd: 100, nextMsg: 1000,
		me:        models.User{ID: 777, IsBot: true, FirstName: "Goal Bot", Username: "GoalTestBot"},
		failures:  map[string][]fakeFailure{},
		failText:  map[string][]fakeFailure{},
		admins:    map[int64][]int64{},
		migrated:  map[int64]int64{},
		wake:      make(chan struct{}),
		maxPollMs: 500,
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// failNext makes the next n calls of method fail with code (429: retry_after).
func (f *fakeAPI) failNext(method string, n, code, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failures[method] = append(f.failures[method], fakeFailure{code: code, retryAfter: retryAfter, desc: http.StatusText(code)})
	}
}

// failTextNext makes the next n sends of exactly text fail with code.
func (f *fakeAPI) failTextNext(text string, n, code, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failText[text] = append(f.failText[text], fakeFailure{code: code, retryAfter: retryAfter, desc: http.StatusText(code)})
	}
}

// migrateChat makes group chat from a supergroup with id to: sends to from
// fail as Telegram's do.
func (f *fakeAPI) migrateChat(from, to int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.migrated[from] = to
}

func chatOf(c apiCall) int64 {
	id, _ := strconv.ParseInt(c.Fields["chat_id"], 10, 64)
	return id
}

// push queues an update for getUpdates and returns its update_id.
func (f *fakeAPI) push(u models.Update) int64 {
	f.mu.Lock()
	f.nextUpd++
	u.ID = f.nextUpd
	raw, err := json.Marshal(&u)
	if err != nil {
		f.mu.Unlock()
		f.t.Fatalf("marshal update: %v", err)
	}
	f.queue = append(f.queue, raw)
	close(f.wake)
	f.wake = make(chan struct{})
	f.mu.Unlock()
	return u.ID
}

// redeliverAll serves every update ever served again, as Telegram does
// when the offset was never confirmed (a crash before the next poll).
func (f *fakeAPI) redeliverAll() {
	f.mu.Lock()
	f.queue = append([]json.RawMessage(nil), f.served...)
	close(f.wake)
	f.wake = make(chan struct{})
	f.mu.Unlock()
}

func (f *fakeAPI) snapshot() []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiCall(nil), f.calls...)
}

// sent lists the successful calls of method, in order.
func (f *fakeAPI) sent(method string) []apiCall {
	var out []apiCall
	for _, c := range f.snapshot() {
		if c.Method == method && c.OK {
			out = append(out, c)
		}
	}
	return out
}

// texts lists the text of every delivered sendMessage to chat.
func (f *fakeAPI) texts(chat int64) []string {
	var out []string
	for _, c := range f.sent("sendMessage") {
		if c.Fields["chat_id"] == strconv.FormatInt(chat, 10) {
			out = append(out, c.Fields["text"])
		}
	}
	return out
}

// waitTexts waits until chat has received n messages and returns them.
func (f *fakeAPI) waitTexts(chat int64, n int) []string {
	f.t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		ts := f.texts(chat)
		if len(ts) >= n {
			return ts
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("chat %d got %d messages, want %d: %q", chat, len(ts), n, ts)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitCalls waits until method has been called successfully n times.
func (f *fakeAPI) waitCalls(method string, n int) []apiCall {
	f.t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		cs := f.sent(method)
		if len(cs) >= n {
			return cs
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("%s called %d times, want %d", method, len(cs), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+f.token+"/")
	if !ok {
		writeJSON(w, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	call := apiCall{Method: method, Fields: map[string]string{}, Files: map[string][]byte{}, OK: true, At: time.Now()}
	if err := r.ParseMultipartForm(10 << 20); err == nil {
		for k, v := range r.MultipartForm.Value {
			call.Fields[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			fh, err := fhs[0].Open()
			if err == nil {
				call.Files[k], _ = io.ReadAll(fh)
				fh.Close()
			}
		}
	}
	if method == "getUpdates" {
		f.getUpdates(w, r, call)
		return
	}
	f.mu.Lock()
	q := f.failures[method]
	byText := false
	if tq := f.failText[call.Fields["text"]]; len(tq) > 0 && call.Fields["text"] != "" {
		q, byText = tq, true
	}
	if len(q) > 0 {
		fail := q[0]
		if byText {
			f.failText[call.Fields["text"]] = q[1:]
		} else {
			f.failures[method] = q[1:]
		}
		call.OK = false
		f.calls = append(f.calls, call)
		f.mu.Unlock()
		resp := map[string]any{"ok": false, "error_code": fail.code, "description": fail.desc}
		if fail.retryAfter > 0 {
			resp["parameters"] = map[string]any{"retry_after": fail.retryAfter}
			resp["description"] = "Too Many Requests: retry after " + strconv.Itoa(fail.retryAfter)
		}
		writeJSON(w, resp)
		return
	}
	if to, ok := f.migrated[chatOf(call)]; ok && strings.HasPrefix(method, "send") {
		// As Telegram answers a send to a group that became a supergroup.
		call.OK = false
		f.calls = append(f.calls, call)
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": false, "error_code": 400,
			"description": "Bad Request: group chat was upgraded to a supergroup chat",
			"parameters":  map[string]any{"migrate_to_chat_id": to}})
		return
	}
	f.calls = append(f.calls, call)
	if f.beforeReply != nil {
		f.beforeReply(call)
	}
	var result any = true
	switch method {
	case "getMe":
		result = f.me
	case "sendMessage", "sendPhoto", "sendDocument":
		f.nextMsg++
		chat, _ := strconv.ParseInt(call.Fields["chat_id"], 10, 64)
		result = map[string]any{"message_id": f.nextMsg, "date": time.Now().Unix(),
			"chat": map[string]any{"id": chat, "type": "private"}, "text": call.Fields["text"],
			"from": f.me}
	case "getChatAdministrators":
		chat, _ := strconv.ParseInt(call.Fields["chat_id"], 10, 64)
		var list []any
		for i, id := range f.admins[chat] {
			status := "administrator"
			if i == 0 {
				status = "creator"
			}
			list = append(list, map[string]any{"status": status, "user": map[string]any{"id": id, "is_bot": false, "first_name": "admin"}})
		}
		result = list
	}
	f.mu.Unlock()
	writeJSON(w, map[string]any{"ok": true, "result": result})
}

func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, call apiCall) {
	offset, _ := strconv.ParseInt(call.Fields["offset"], 10, 64)
	timeout, _ := strconv.Atoi(call.Fields["timeout"])
	wait := time.Duration(min(timeout*1000, f.maxPollMs)) * time.Millisecond
	deadline := time.After(wait)
	for {
		f.mu.Lock()
		f.calls = append(f.calls, call)
		// Confirm: drop updates below offset.
		var keep, out []json.RawMessage
		for _, raw := range f.queue {
			var u struct {
				ID int64 `json:"update_id"`
			}
			_ = json.Unmarshal(raw, &u)
			if u.ID >= offset {
				keep = append(keep, raw)
				out = append(out, raw)
			}
		}
		f.queue = keep
		wake := f.wake
		if len(out) > 0 {
			f.served = append(f.served, out...)
		}
		f.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			writeJSON(w, map[string]any{"ok": true, "result": out})
			return
		}
		select {
		case <-wake:
		case <-deadline:
			writeJSON(w, map[string]any{"ok": true, "result": []any{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		panic(fmt.Sprint("encode: ", err))
	}
}

// --- updates ----------------------------------------------------------------

func user(id int64, lang string) *models.User {
	return &models.User{ID: id, FirstName: "User" + strconv.FormatInt(id, 10), Username: "user" + strconv.FormatInt(id, 10), LanguageCode: lang}
}

func privateMessage(msgID int, u *models.User, text string) models.Update {
	return models.Update{Message: &models.Message{
		ID: msgID, From: u, Date: int(time.Now().Unix()), Text: text,
		Chat: models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName},
	}}
}

func groupMessage(msgID int, chat int64, u *models.User, text string) models.Update {
	return models.Update{Message: &models.Message{
		ID: msgID, From: u, Date: int(time.Now().Unix()), Text: text,
		Chat: models.Chat{ID: chat, Type: models.ChatTypeSupergroup, Title: "Shop Team"},
	}}
}

func callbackUpdate(id string, u *models.User, chat models.Chat, msgID int, data string) models.Update {
	return models.Update{CallbackQuery: &models.CallbackQuery{
		ID: id, From: *u, Data: data, ChatInstance: "ci",
		Message: models.MaybeInaccessibleMessage{
			Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: msgID, Date: int(time.Now().Unix()), Chat: chat,
				From: &models.User{ID: 777, IsBot: true, Username: "GoalTestBot"}, Text: "…"},
		},
	}}
}
