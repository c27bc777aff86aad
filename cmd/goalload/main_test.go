package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// TestShortRun drives an in-process goalbot for a second: every request
// answered, every acknowledged log stored once, figures filled in.
func TestShortRun(t *testing.T) {
	o := options{duration: time.Second, concurrency: 4, users: 5, reads: 0.2, raw: 100 * time.Millisecond}
	if err := o.check(); err != nil {
		t.Fatal(err)
	}
	rep, err := run(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Errors != 0 || rep.Slack.Requests == 0 || rep.Telegram.Requests == 0 {
		t.Fatalf("report: %+v", rep)
	}
	if rep.LogsStored != rep.LogsOK || rep.LogsOK == 0 {
		t.Fatalf("acknowledged %d logs, stored %d", rep.LogsOK, rep.LogsStored)
	}
	if rep.Raw <= 0 || rep.Ratio <= 0 || rep.Total.P99ms < rep.Total.P50ms {
		t.Fatalf("figures: %+v", rep)
	}
	var b strings.Builder
	rep.print(&b)
	if !strings.Contains(b.String(), "ratio:") {
		t.Fatalf("report:\n%s", b.String())
	}
}

func TestLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:8080": true,
		"10.0.0.1:8080": false, "example.com:80": false, "0.0.0.0:8080": false, ":8080": false, "127.0.0.1": false,
	} {
		if err := loopbackOnly(addr); (err == nil) != ok {
			t.Errorf("%s: %v", addr, err)
		}
	}
	for _, o := range []options{
		{duration: time.Hour, concurrency: 1, users: 1, raw: time.Second},
		{duration: time.Second, concurrency: 1000, users: 1, raw: time.Second},
		{duration: time.Second, concurrency: 1, users: 1, raw: time.Second, addr: "127.0.0.1:1"}, // no secrets
	} {
		if err := o.check(); err == nil {
			t.Errorf("accepted %+v", o)
		}
	}
}
