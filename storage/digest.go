package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// Batch reads for digests: the goals, members and log aggregates of many
// teams in a handful of queries, whatever the number of goals. A weekly
// digest for every team costs one pass over the logs of the measured
// windows instead of several queries per goal. The types are aliases shared
// with package reminders (see outbox.go).

// MaxDigestBuckets is the most trend buckets one AggWindow may have.
const MaxDigestBuckets = 8

// AggWindow asks for one goal's aggregates: over [Lo, Hi] (the window its
// progress is measured on, clipped to the digest's day), and per trend
// bucket: bucket k spans [Buckets[k], Buckets[k+1]) and the last one
// [Buckets[n-1], Hi].
type AggWindow = struct {
	GoalID  int64
	Level   bool // level goal: readings, not sums (see GoalAgg)
	Lo, Hi  goals.Date
	Buckets []goals.Date // ascending, at most MaxDigestBuckets
}

// GoalAgg is the answer for one AggWindow: goals.Stats over [Lo, Hi] as
// goals.ComputeProgress reads it: Count always, Sum for total goals, Latest
// and LatestAt for level goals. Buckets are the sums per
// bucket for total goals; for level goals the newest reading on or before
// the last day of each of the last two buckets, the ones growth compares
// (HasBucket false when there is none, and for the older buckets).
type GoalAgg = struct {
	GoalID    int64
	Count     int
	Sum       float64
	Latest    float64
	LatestAt  time.Time
	Buckets   []float64
	HasBucket []bool
}

// ContribWindow asks for the per-user sums of a goal over [Lo, Hi].
type ContribWindow = struct {
	GoalID int64
	Lo, Hi goals.Date
}

// GoalContribution is one user's sum of one goal's logs.
type GoalContribution = struct {
	GoalID int64
	User   string
	Amount float64
}

// DigestGoals lists the active goals of the teams (nil: every team), by
// team and id.
func (db *DB) DigestGoals(ctx context.Context, teamIDs []string) ([]goals.Goal, error) {
	q := `SELECT ` + goalColumns + ` FROM goals WHERE state = 'active'`
	var args []any
	if teamIDs != nil {
		q += ` AND team_id IN (SELECT value FROM json_each(?))`
		args = append(args, jsonStrings(teamIDs))
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY team_id, id`, args...)
	if err != nil {
		return nil, wrap("digest goals", err)
	}
	return collect(rows, "digest goals", scanGoal)
}

// DigestMembers lists the members of the teams (nil: every team), by team
// and user id.
func (db *DB) DigestMembers(ctx context.Context, teamIDs []string) ([]goals.Member, error) {
	q := `SELECT ` + memberColumns + ` FROM members`
	var args []any
	if teamIDs != nil {
		q += ` WHERE team_id IN (SELECT value FROM json_each(?))`
		args = append(args, jsonStrings(teamIDs))
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY team_id, user_id`, args...)
	if err != nil {
		return nil, wrap("digest members", err)
	}
	return collect(rows, "digest members", scanMember)
}

const farDay = "9999-12-31"

// qDigestAgg reads each goal's daily roll-up (log_days, migration 0002:
// one row per goal and day, its primary key covers the query) once over
// [min(lo, first bucket), hi], and sums the window and every bucket with
// FILTER clauses. It is a correlated subquery per window returning one JSON
// array, rather than a join with GROUP BY, so SQLite never sorts the
// joined rows; the windows are MATERIALIZED so their JSON is read once,
// not once per row and column. Unused bucket edges are farDay: their FILTER matches nothing.
func qDigestAgg(n int) string {
	var b strings.Builder
	b.WriteString(`WITH w AS MATERIALIZED (SELECT value->>0 AS g, value->>1 AS lo, value->>2 AS hi, value->>3 AS scan`)
	for k := 0; k <= n; k++ {
		b.WriteString(", value->>" + strconv.Itoa(4+k) + " AS e" + strconv.Itoa(k))
	}
	b.WriteString(` FROM json_each(?))
SELECT w.g, (SELECT json_array(TOTAL(d.n) FILTER (WHERE d.day >= w.lo), TOTAL(d.total) FILTER (WHERE d.day >= w.lo)`)
	for k := 0; k < n; k++ {
		lo, hi := "w.e"+strconv.Itoa(k), "w.e"+strconv.Itoa(k+1)
		b.WriteString(",\n  TOTAL(d.total) FILTER (WHERE d.day >= " + lo + " AND d.day < " + hi + ")")
	}
	b.WriteString(`)
	FROM log_days d WHERE d.goal_id = w.g AND d.day >= w.scan AND d.day <= w.hi)
FROM w`)
	return b.String()
}

// digestAggQueries caches qDigestAgg by bucket count: a query sums only
// the buckets its windows have.
var digestAggQueries = func() []string {
	qs := make([]string, MaxDigestBuckets+1)
	for n := range qs {
		qs[n] = qDigestAgg(n)
	}
	return qs
}()

// qDigestLatest finds, per (goal, slot), the newest log in [lo, hi] by
// (day, at, id): a backwards seek in logs_goal_day.
const qDigestLatest = `WITH p AS MATERIALIZED (SELECT value->>0 AS g, value->>1 AS k, value->>2 AS lo, value->>3 AS hi FROM json_each(?))
SELECT p.g, p.k, l.amount, l.at,
	CASE WHEN p.k < 0 THEN (SELECT TOTAL(d.n) FROM log_days d WHERE d.goal_id = p.g AND d.day >= p.lo AND d.day <= p.hi) END
FROM p JOIN logs l ON l.id = (
	SELECT x.id FROM logs x WHERE x.goal_id = p.g AND x.day >= p.lo AND x.day <= p.hi
	ORDER BY x.day DESC, x.at DESC, x.id DESC LIMIT 1)`

const qDigestContrib = `WITH w AS MATERIALIZED (SELECT value->>0 AS g, value->>1 AS lo, value->>2 AS hi FROM json_each(?))
SELECT w.g, l.user_id, TOTAL(l.amount) AS s FROM w JOIN logs l ON l.goal_id = w.g AND l.day >= w.lo AND l.day <= w.hi
GROUP BY w.g, l.user_id ORDER BY w.g, s DESC, l.user_id`

// DigestAggregates answers every window, in the order given, with two
// queries in one read transaction (one snapshot): sums for the total
// goals, then the newest readings (and count) of the level goals.
func (db *DB) DigestAggregates(ctx context.Context, wins []AggWindow) ([]GoalAgg, error) {
	out := make([]GoalAgg, len(wins))
	index := make(map[int64]int, len(wins))
	var sums, latest []any
	nb := 0
	for _, w := range wins {
		nb = max(nb, min(len(w.Buckets), MaxDigestBuckets))
	}
	for i, w := range wins {
		n := min(len(w.Buckets), MaxDigestBuckets)
		out[i] = GoalAgg{GoalID: w.GoalID, Buckets: make([]float64, n), HasBucket: make([]bool, n)}
		index[w.GoalID] = i
		lo, hi := dayBounds(w.Lo, w.Hi)
		if w.Level {
			latest = append(latest, []any{w.GoalID, -1, lo, hi})
			for k := max(0, n-2); k < n; k++ {
				end := hi
				if k+1 < n {
					end = w.Buckets[k+1].AddDays(-1).String()
				}
				latest = append(latest, []any{w.GoalID, k, "", end})
			}
			continue
		}
		scan := lo
		if n > 0 && w.Buckets[0].String() < scan {
			scan = w.Buckets[0].String()
		}
		row := []any{w.GoalID, lo, hi, scan}
		for k := 0; k <= nb; k++ {
			e := farDay
			if k < n {
				e = w.Buckets[k].String()
			} else if k == n {
				e = hi + "~" // just after hi: the last bucket ends at hi inclusive
			}
			row = append(row, e)
		}
		sums = append(sums, row)
	}
	err := db.read(ctx, func(tx *sql.Tx) error {
		if len(sums) > 0 {
			buf, err := json.Marshal(sums)
			if err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, digestAggQueries[nb], string(buf))
			if err != nil {
				return err
			}
			defer rows.Close()
			var id int64
			var arr []byte
			vals := make([]float64, 0, 2+nb)
			for rows.Next() {
				if err := rows.Scan(&id, &arr); err != nil {
					return err
				}
				i, ok := index[id]
				if !ok {
					continue
				}
				if vals, err = parseFloats(arr, vals[:0]); err != nil || len(vals) != 2+nb {
					return fmt.Errorf("digest aggregate of goal %d: %q: %v", id, arr, err)
				}
				a := &out[i]
				a.Count, a.Sum = int(vals[0]), vals[1]
				copy(a.Buckets, vals[2:2+len(a.Buckets)])
				for k := range a.HasBucket {
					a.HasBucket[k] = true
				}
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows.Close()
		}
		if len(latest) > 0 {
			buf, err := json.Marshal(latest)
			if err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, qDigestLatest, string(buf))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var k int
				var amount float64
				var at int64
				var count sql.NullFloat64
				if err := rows.Scan(&id, &k, &amount, &at, &count); err != nil {
					return err
				}
				i, ok := index[id]
				if !ok {
					continue
				}
				a := &out[i]
				switch {
				case k < 0:
					a.Latest, a.LatestAt, a.Count = amount, fromNanos(at), int(count.Float64)
				case k < len(a.Buckets):
					a.Buckets[k], a.HasBucket[k] = amount, true
				}
			}
			return rows.Err()
		}
		return nil
	})
	if err != nil {
		return nil, wrap("digest aggregates", err)
	}
	return out, nil
}

// DigestContributions sums each window's goal logs per user, largest first
// within a goal (ties by user id).
func (db *DB) DigestContributions(ctx context.Context, wins []ContribWindow) ([]GoalContribution, error) {
	out := []GoalContribution{}
	if len(wins) == 0 {
		return out, nil
	}
	rowsIn := make([]any, 0, len(wins))
	for _, w := range wins {
		lo, hi := dayBounds(w.Lo, w.Hi)
		rowsIn = append(rowsIn, []any{w.GoalID, lo, hi})
	}
	buf, err := json.Marshal(rowsIn)
	if err != nil {
		return nil, wrap("digest contributions", err)
	}
	rows, err := db.r.QueryContext(ctx, qDigestContrib, string(buf))
	if err != nil {
		return nil, wrap("digest contributions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c GoalContribution
		if err := rows.Scan(&c.GoalID, &c.User, &c.Amount); err != nil {
			return nil, wrap("digest contributions", err)
		}
		out = append(out, c)
	}
	return out, wrap("digest contributions", rows.Err())
}

// parseFloats reads a flat JSON array of numbers ("[1,2.5,0]"), the
// aggregate's answer, without encoding/json's reflection.
func parseFloats(b []byte, out []float64) ([]float64, error) {
	s := strings.TrimSpace(string(b))
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, fmt.Errorf("not an array")
	}
	s = s[1 : len(s)-1]
	for s != "" {
		item, rest, _ := strings.Cut(s, ",")
		item = strings.TrimSpace(item)
		v := 0.0
		if item != "null" {
			f, err := strconv.ParseFloat(item, 64)
			if err != nil {
				return nil, err
			}
			v = f
		}
		out = append(out, v)
		s = rest
	}
	return out, nil
}

func jsonStrings(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss)
	return string(b)
}
