package reminders_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalbot/goalbot/goals"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// The weekly-digest benchmark: 1,000 teams × 10 members × 3 goals × 60
// logs (1.8M logs), built once per run into a temporary directory with bulk
// inserts in big transactions. Compare:
//
//	go test ./reminders -run '^$' -bench WeeklyDigests -benchtime 5x
//
// bare_aggregate is one plain SQL aggregate over the same logs (COUNT and
// TOTAL per goal); digests is the scheduler's whole batch for every team:
// snapshots (goals, members, one aggregate pass, contributions), the
// digests' figures and texts, and the encoded outbox messages (managers'
// DMs and a subscribed channel), with peak heap reported.

const (
	benchTeams   = 1000
	benchMembers = 10
	benchGoals   = 3 // per member
	benchLogs    = 60
)

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchAsOf is the end of Sunday 2026-11-22 in each team's zone: the
// Monday digest reports on week 47.
func benchTeam(i int) goals.Team {
	tz := "Asia/Shanghai"
	lang := "zh-CN"
	if i%2 == 1 {
		tz, lang = "America/New_York", "en"
	}
	return goals.Team{ID: fmt.Sprintf("slack:T%04d", i), Name: fmt.Sprintf("Team %d", i), TZ: tz, Lang: lang, DailyAt: "18:00", WeeklyAt: "mon 09:00"}
}

func benchFixture(tb testing.TB) string {
	benchOnce.Do(func() {
		if p := os.Getenv("GOALBOT_BENCH_DB"); p != "" { // keep a fixture across runs
			benchPath = p
			if _, err := os.Stat(p); err != nil {
				benchErr = buildBenchDB(p)
			}
			return
		}
		benchDir, benchErr = os.MkdirTemp("", "goalbot-bench-")
		if benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "bench.db")
		benchErr = buildBenchDB(benchPath)
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchPath
}

func buildBenchDB(path string) error {
	start := time.Now()
	db, err := storage.Open(path) // schema and migrations
	if err != nil {
		return err
	}
	db.Close()
	dsn, err := storage.DSN(path)
	if err != nil {
		return err
	}
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	ctx := context.Background()
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	prep := func(q string) *sql.Stmt {
		s, e := tx.PrepareContext(ctx, q)
		if e != nil && err == nil {
			err = e
		}
		return s
	}
	insTeam := prep(`INSERT INTO teams (id, name, tz, lang, daily_at, weekly_at, workdays) VALUES (?, ?, ?, ?, ?, ?, 0)`)
	insMember := prep(`INSERT INTO members (team_id, user_id, name, role) VALUES (?, ?, ?, ?)`)
	insGoal := prep(`INSERT INTO goals (id, team_id, owner, scope, title, metric, unit, kind, direction, baseline, target, start, deadline, cadence, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'increase', ?, ?, '2026-09-01', '2026-12-31', ?, 0)`)
	insSub := prep(`INSERT INTO subscriptions (team_id, platform, channel, kind, created_at) VALUES (?, 'slack', ?, 'weekly', 0)`)
	if err != nil {
		return err
	}
	var goalID int64
	type g struct {
		id    int64
		team  string
		level bool
		team0 bool
	}
	var all []g
	for t := range benchTeams {
		team := benchTeam(t)
		if _, err := insTeam.Exec(team.ID, team.Name, team.TZ, team.Lang, team.DailyAt, team.WeeklyAt); err != nil {
			return err
		}
		if _, err := insSub.Exec(team.ID, "C"+team.ID); err != nil {
			return err
		}
		for m := range benchMembers {
			user := fmt.Sprintf("U%02d", m)
			role := "member"
			if m == 0 {
				role = "manager"
			}
			if _, err := insMember.Exec(team.ID, user, fmt.Sprintf("Member %d", m), role); err != nil {
				return err
			}
			for k := range benchGoals {
				goalID++
				var err error
				switch {
				case k == 0: // weekly activity goal
					_, err = insGoal.Exec(goalID, team.ID, user, "individual", "Book 20 demos a week", "demos", "count", "total", 0, 20, "weekly")
				case k == 1 && m == 0: // the team's revenue goal
					_, err = insGoal.Exec(goalID, team.ID, user, "team", "Team revenue $200,000 this quarter", "revenue", "USD", "total", 0, 200000, "")
					all = append(all, g{goalID, team.ID, false, true})
					continue
				case k == 1:
					_, err = insGoal.Exec(goalID, team.ID, user, "individual", "Make 600 calls by year end", "calls", "count", "total", 0, 600, "")
				default: // a level goal
					_, err = insGoal.Exec(goalID, team.ID, user, "individual", "Raise conversion rate from 1% to 2%", "conversion_rate", "percent", "level", 1, 2, "")
				}
				if err != nil {
					return err
				}
				all = append(all, g{goalID, team.ID, k == 2, false})
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// 1.8M logs in transactions of 100,000.
	last := goals.NewDate(2026, 11, 22)
	var tx2 *sql.Tx
	var ins *sql.Stmt
	n := 0
	for _, gg := range all {
		for i := range benchLogs {
			if n%100000 == 0 {
				if tx2 != nil {
					if err := tx2.Commit(); err != nil {
						return err
					}
				}
				if tx2, err = raw.BeginTx(ctx, nil); err != nil {
					return err
				}
				if ins, err = tx2.PrepareContext(ctx, `INSERT INTO logs (goal_id, team_id, user_id, amount, at, day) VALUES (?, ?, ?, ?, ?, ?)`); err != nil {
					return err
				}
			}
			n++
			day := last.AddDays(-i)
			at := day.StartIn(time.UTC).Add(12 * time.Hour).UnixNano()
			user := "U00"
			if gg.team0 {
				user = fmt.Sprintf("U%02d", i%benchMembers)
			}
			amount := float64(1 + (i+int(gg.id))%5)
			if gg.level {
				amount = 1 + float64((i+int(gg.id))%10)/10
			} else if gg.team0 {
				amount = 1000 + float64(i%7)*100
			}
			if _, err := ins.Exec(gg.id, gg.team, user, amount, at, day.String()); err != nil {
				return err
			}
		}
	}
	if err := tx2.Commit(); err != nil {
		return err
	}
	// Keep the daily roll-up of migration 0002 in step, when it exists.
	if _, err := raw.ExecContext(ctx, `INSERT INTO log_days (goal_id, team_id, day, total, n)
		SELECT goal_id, team_id, day, TOTAL(amount), COUNT(*) FROM logs GROUP BY goal_id, team_id, day`); err != nil {
		_ = err // an older schema without log_days: nothing to keep in step
	}
	if _, err := raw.ExecContext(ctx, `ANALYZE`); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench fixture: %d logs in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// peakHeap samples the heap while fn runs and returns the highest
// HeapInuse and Sys seen, in MB.
func peakHeap(fn func()) (heapMB, sysMB float64) {
	var peak, sys atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		if ms.Sys > sys.Load() {
			sys.Store(ms.Sys)
		}
	}
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	fn()
	sample()
	close(stop)
	<-done
	return float64(peak.Load()) / 1e6, float64(sys.Load()) / 1e6
}

func BenchmarkWeeklyDigests(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1.8M-log database")
	}
	path := benchFixture(b)
	db, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	teams, err := db.Teams(ctx)
	if err != nil || len(teams) != benchTeams {
		b.Fatalf("%d teams: %v", len(teams), err)
	}
	subs, err := db.Subscriptions(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	subsOf := map[string][]reminders.Subscription{}
	for _, s := range subs {
		subsOf[s.TeamID] = append(subsOf[s.TeamID], s)
	}

	b.Run("bare_aggregate", func(b *testing.B) {
		raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		defer raw.Close()
		for b.Loop() {
			rows, err := raw.QueryContext(ctx, `SELECT goal_id, COUNT(*), TOTAL(amount) FROM logs GROUP BY goal_id`)
			if err != nil {
				b.Fatal(err)
			}
			var id int64
			var n int
			var sum float64
			goalsSeen, logs := 0, 0
			for rows.Next() {
				if err := rows.Scan(&id, &n, &sum); err != nil {
					b.Fatal(err)
				}
				goalsSeen++
				logs += n
			}
			rows.Close()
			if goalsSeen != benchTeams*benchMembers*benchGoals || logs != goalsSeen*benchLogs {
				b.Fatalf("%d goals, %d logs", goalsSeen, logs)
			}
		}
	})

	b.Run("digests", func(b *testing.B) {
		var heap, sys float64
		msgs := 0
		for b.Loop() {
			runtime.GC()
			h, s := peakHeap(func() {
				reqs := make([]reminders.SnapshotRequest, len(teams))
				for i, t := range teams {
					asOf := goals.NewDate(2026, 11, 23).StartIn(t.Location()).Add(-time.Nanosecond)
					reqs[i] = reminders.SnapshotRequest{Team: t, Period: reminders.PeriodAt(reminders.KindWeekly, asOf, t.Location())}
				}
				snaps, err := reminders.LoadSnapshots(ctx, db, reqs)
				if err != nil {
					b.Fatal(err)
				}
				msgs = 0
				for i, s := range snaps {
					if len(s.Goals) != benchMembers*benchGoals {
						b.Fatalf("team %s: %d goals", s.Team.ID, len(s.Goals))
					}
					out, err := reminders.DigestMessages(s, reqs[i].Period, subsOf[s.Team.ID])
					if err != nil {
						b.Fatal(err)
					}
					msgs += len(out)
				}
			})
			heap, sys = max(heap, h), max(sys, s)
		}
		if msgs != 2*benchTeams {
			b.Fatalf("%d messages", msgs)
		}
		b.ReportMetric(heap, "peak-heap-MB")
		b.ReportMetric(sys, "peak-sys-MB")
	})
}

// BenchmarkChartPNG is the drawing of one digest chart (30 bars, 3
// trend lines), done by the outbox worker at delivery.
func BenchmarkChartPNG(b *testing.B) {
	if testing.Short() {
		b.Skip("needs the bench fixture")
	}
	db, err := storage.Open(benchFixture(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	t, err := db.Team(ctx, benchTeam(1).ID)
	if err != nil {
		b.Fatal(err)
	}
	p := reminders.PeriodAt(reminders.KindWeekly, utc("2026-11-23T04:59:59Z"), t.Location())
	snaps, err := reminders.LoadSnapshots(ctx, db, []reminders.SnapshotRequest{{Team: t, Period: p}})
	if err != nil {
		b.Fatal(err)
	}
	dg := reminders.Build(snaps[0], p, "en")
	for b.Loop() {
		if _, err := reminders.RenderPNG(dg.Chart); err != nil {
			b.Fatal(err)
		}
	}
}
