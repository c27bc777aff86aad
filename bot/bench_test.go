package bot_test

import (
	"context"
	"testing"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// BenchmarkLogCommand is the full `/goal log 1 demos` path: language pick,
// team and member lookup, parsing, goal resolution, the SQLite write and the
// progress figures of the reply. BenchmarkRawInsert is the floor: one
// single-row insert per transaction on the same DSN. Compare the two:
//
//	go test -run '^$' -bench 'LogCommand|RawInsert' ./bot/
func BenchmarkLogCommand(b *testing.B) {
	e := newEnv(b)
	e.ok("acme", "alice", "new Book 1000000 demos by end of year")
	ctx := context.Background()
	req := bot.Request{Platform: "bench", TeamID: "acme", UserID: "alice", Text: "log 1 demos"}
	b.ReportAllocs()
	for b.Loop() {
		if r := e.eng.Handle(ctx, req); !r.OK {
			b.Fatal(r.Error)
		}
	}
}

func BenchmarkRawInsert(b *testing.B) {
	storagetest.RawInsertBaseline(b, b.TempDir())
}
