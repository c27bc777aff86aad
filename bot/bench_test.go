package bot_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/storage/storagetest"
)

// BenchmarkLogCommand is the full `/goal log 1 demos` path: language pick,
// team and member lookup, parsing, goal resolution, the SQLite write and the
// progress figures of the reply. BenchmarkRawInsert is the floor: one
// single-row insert per transaction on the same DSN; BenchmarkRawLogRow is
// the floor for a log row in this schema. Compare them in one run (the
// README's Performance section has figures):
//
//	go test -run '^$' -bench 'LogCommand|StoreAddLog|RawInsert|RawLogRow' -benchtime 5000x -count 3 ./bot/
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

// BenchmarkRawLogRow is the floor for a log in this schema: the same row
// and roll-up written by hand, one transaction each, no engine.
func BenchmarkRawLogRow(b *testing.B) {
	e := newEnv(b)
	e.ok("acme", "alice", "new Book 1000000 demos by end of year")
	storagetest.RawLogRowBaseline(b, e.db, "acme", 1, false)
}

// BenchmarkStoreAddLog is the storage write alone, on the same schema as the
// command path: the log row, its indexes and the day's roll-up in one
// transaction (no figures: the command path asks for those too). Against it, the rest of the command path (parsing, goal
// resolution, reads, figures, the reply) is what the engine adds.
func BenchmarkStoreAddLog(b *testing.B) {
	e := newEnv(b)
	e.ok("acme", "alice", "new Book 1000000 demos by end of year")
	ctx := context.Background()
	day := goals.DateIn(e.clock(), time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		l := goals.Log{GoalID: 1, TeamID: "acme", User: "alice", Amount: 1, At: e.clock(), Day: day}
		if _, err := e.db.AddLog(ctx, &l, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// The same pair under concurrent load: 32 goroutines (16 per core on this
// machine's 2), each a different member logging to their own goal, beside
// 32 goroutines of raw single-row insert transactions. Writes that arrive
// together share a commit (storage/writer.go); the raw baseline cannot,
// since each of its inserts is a transaction of its own.
//
//	go test -run '^$' -bench 'Parallel' ./bot/
func BenchmarkLogCommandParallel(b *testing.B) {
	e := newEnv(b)
	const users = 64
	for i := range users {
		e.ok("acme", fmt.Sprint("u", i), "new Book 1000000 demos by end of year")
	}
	var next atomic.Int64
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		user := fmt.Sprint("u", next.Add(1)%users)
		req := bot.Request{Platform: "bench", TeamID: "acme", UserID: user, Text: "log 1 demos"}
		for pb.Next() {
			if r := e.eng.Handle(ctx, req); !r.OK {
				b.Error(r.Error)
				return
			}
		}
	})
	commits, writes := e.db.WriteStats()
	b.ReportMetric(float64(writes)/float64(commits), "writes/commit")
}

func BenchmarkRawInsertParallel(b *testing.B) {
	storagetest.RawInsertBaselineParallel(b, b.TempDir(), 16)
}
