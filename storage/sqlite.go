// Package storage implements goals.Store on one SQLite file
// (modernc.org/sqlite, no cgo).
//
// Two pools share the file: a writer with exactly one connection whose
// transactions begin IMMEDIATE, so read-modify-write transactions never fail
// with SQLITE_BUSY_SNAPSHOT and writers queue in Go instead of in SQLite's
// busy handler; and a reader pool of query-only connections, which WAL lets
// run alongside the writer. Exported methods open the transaction and call
// unexported helpers that take a *sql.Tx, so helpers compose inside one
// transaction (later files of this package — outbox, digests — do the same
// through db.write and db.read).
package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goalbot/goalbot/goals"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

var _ goals.Store = (*DB)(nil)

// DB is the SQLite store. It is safe for concurrent use.
type DB struct {
	path  string
	w     *sql.DB // one connection, BEGIN IMMEDIATE
	r     *sql.DB // query_only connections
	clock goals.Clock

	readers    int
	migrations fs.FS

	// Statements of the hot paths, prepared once per connection: parsing
	// and planning cost more than executing these small statements.
	ws, rs stmtCache

	// Read statements built from filters (Goals, Logs) are prepared on
	// first use and kept: there are few shapes, and planning each call
	// cost more than running it.
	dynMu sync.Mutex
	dyn   stmtCache

	// wq queues writers in arrival order and groups them into shared
	// commits (writer.go). database/sql would hand the freed connection to
	// a random waiter, which stretched the tail latency under load.
	wq writeQueue
}

// readStmt returns a prepared statement for q on the reader pool,
// preparing it the first time. Only for read-only queries. Preparing
// happens outside the lock, so a first use waiting for a busy reader does
// not hold up every other cached lookup; two first uses may both prepare,
// and one statement is kept.
func (db *DB) readStmt(ctx context.Context, q string) (*sql.Stmt, error) {
	db.dynMu.Lock()
	s, ok := db.dyn[q]
	db.dynMu.Unlock()
	if ok {
		return s, nil
	}
	s, err := db.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	db.dynMu.Lock()
	defer db.dynMu.Unlock()
	if kept, ok := db.dyn[q]; ok {
		s.Close()
		return kept, nil
	}
	if db.dyn == nil {
		db.dyn = stmtCache{}
	}
	db.dyn[q] = s
	return s, nil
}

// Option configures Open.
type Option func(*DB)

// WithClock sets the time source for created_at and applied_at stamps and
// for instants the caller left zero (Log.At, ClaimEvent's at).
func WithClock(c goals.Clock) Option {
	return func(db *DB) {
		if c != nil {
			db.clock = c
		}
	}
}

// withMigrations replaces the embedded migrations; tests use it through
// export_test.go.
func withMigrations(fsys fs.FS) Option {
	return func(db *DB) { db.migrations = fsys }
}

// Open opens (creating if needed) the database file at path and applies the
// migrations it has not seen yet.
func Open(path string, opts ...Option) (*DB, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		// :memory: is per connection, so the reader pool would see an empty
		// database; a file: URI would bypass our escaping and pragmas.
		return nil, fmt.Errorf("open database: need a file path, got %q", path)
	}
	db := &DB{
		path:    path,
		clock:   goals.ClockFunc(time.Now),
		readers: min(max(runtime.GOMAXPROCS(0), 2), 8),
	}
	if sub, err := fs.Sub(migrationFS, "migrations"); err == nil {
		db.migrations = sub
	} else {
		return nil, fmt.Errorf("open database: %w", err)
	}
	for _, o := range opts {
		o(db)
	}

	wdsn, err := DSN(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	rdsn, err := readerDSN(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}

	if db.w, err = sql.Open("sqlite", wdsn); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// One writer connection: SQLite allows one writer at a time anyway, and
	// waiting on database/sql's pool is fairer and cheaper than busy retries.
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)

	ctx := context.Background()
	// The first connection creates the file and switches it to WAL before
	// any reader exists, so readers never race the journal-mode change.
	if err := db.w.PingContext(ctx); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	if db.ws, err = prepare(ctx, db.w, writerStmts); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	if db.r, err = sql.Open("sqlite", rdsn); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.r.SetMaxOpenConns(db.readers)
	db.r.SetMaxIdleConns(db.readers)
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if db.rs, err = prepare(ctx, db.r, readerStmts); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	db.dynMu.Lock()
	errs = append(errs, db.rs.close(), db.ws.close(), db.dyn.close())
	db.dyn = nil
	db.dynMu.Unlock()
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		// optimize is cheap and keeps the planner's statistics current;
		// SQLite recommends running it before closing a connection.
		_, _ = db.w.Exec("PRAGMA optimize")
		errs = append(errs, db.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Path is the database file as given to Open.
func (db *DB) Path() string { return db.path }

const commonPragmas = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

// DSN is the writer's data source name for a database file: WAL, NORMAL
// sync (commits survive a process crash), foreign keys, a busy timeout and
// IMMEDIATE transactions. Benchmarks and tools that open the file with
// database/sql directly use it to get the same behaviour.
func DSN(path string) (string, error) {
	u, err := fileURI(path)
	if err != nil {
		return "", err
	}
	return u + "?" + commonPragmas + "&_pragma=journal_mode(WAL)&_txlock=immediate", nil
}

// readerDSN leaves out journal_mode (persistent in the file, set by the
// writer) and _txlock (a reader must never take the write lock), and makes
// the connection query-only so a stray write through it fails loudly.
func readerDSN(path string) (string, error) {
	u, err := fileURI(path)
	if err != nil {
		return "", err
	}
	return u + "?" + commonPragmas + "&_query_only=1", nil
}

// fileURI turns a path into a SQLite "file:" URI. The driver cuts the DSN at
// the first '?', and SQLite treats '#' and '%' specially in URIs, so the path
// is percent-encoded; SQLite decodes it back.
func fileURI(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("database path %q: %w", p, err)
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") { // Windows: C:/x → /C:/x
		abs = "/" + abs
	}
	return "file:" + (&url.URL{Path: abs}).EscapedPath(), nil
}

// migration is one embedded NNNN_name.sql file.
type migration struct {
	version int
	name    string
}

func (db *DB) listMigrations() ([]migration, error) {
	names, err := fs.Glob(db.migrations, "*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, n := range names {
		num, _, ok := strings.Cut(n, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_description.sql", n)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", prev, n, v)
		}
		seen[v] = n
		ms = append(ms, migration{v, n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies, in order, each migration not yet recorded in
// schema_migrations, each in its own transaction so a failing one leaves
// the database at the previous version.
//
// Foreign keys are off while migrations run, as SQLite's table-rebuild
// procedure requires: with them on, dropping a parent table during a rebuild
// would fire ON DELETE CASCADE and empty its children. Each migration
// instead ends with PRAGMA foreign_key_check and fails on any violation.
func (db *DB) migrate(ctx context.Context) (err error) {
	ms, err := db.listMigrations()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	conn, err := db.w.Conn(ctx) // the writer's only connection
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer func() {
		if _, ferr := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); ferr != nil && err == nil {
			// Open fails and closes the pool: no connection without
			// foreign keys survives.
			err = fmt.Errorf("migrate: restore foreign keys: %w", ferr)
		}
	}()

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if len(ms) > 0 {
		var cur int
		if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		// An older binary on a newer file would write rows the new schema
		// does not expect.
		if last := ms[len(ms)-1].version; cur > last {
			return fmt.Errorf("migrate: database schema version %d is newer than this program's %d", cur, last)
		}
	}
	for _, m := range ms {
		if err := db.applyMigration(ctx, conn, m); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, m migration) error {
	body, err := fs.ReadFile(db.migrations, m.name)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil) // IMMEDIATE, from the DSN
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	// Checked inside the IMMEDIATE transaction: two processes opening the
	// same file at once cannot both apply it.
	var done bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, m.version).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	var violations int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&violations); err != nil {
		return err
	}
	if violations > 0 {
		return fmt.Errorf("leaves %d foreign key violations", violations)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, toNanos(db.clock.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion is the highest migration applied to the file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// Check verifies that both pools answer and that the file passes
// PRAGMA quick_check (for `goalbot doctor` and /healthz).
func (db *DB) Check(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return fmt.Errorf("check database: writer: %w", err)
	}
	if err := db.r.PingContext(ctx); err != nil {
		return fmt.Errorf("check database: reader: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("check database: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check database: quick_check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// stmtCache holds statements prepared on one pool. database/sql prepares
// each on every connection it runs on and keeps it there.
type stmtCache map[string]*sql.Stmt

// writerStmts and readerStmts are prepared at Open. The writer's must be:
// preparing later needs the pool's only connection, which the calling
// transaction holds.
var (
	writerStmts = []string{qLogByKey, qGoalTZ, qInsertLog, qRollupAdd, qStats, qUndoLog, qClaimEvent, qSavepoint, qRollbackTo, qRelease}
	readerStmts = []string{qStats, qFindGoal}
)

func prepare(ctx context.Context, pool *sql.DB, queries []string) (stmtCache, error) {
	c := stmtCache{}
	for _, q := range queries {
		s, err := pool.PrepareContext(ctx, q)
		if err != nil {
			c.close()
			return nil, fmt.Errorf("prepare %q: %w", q, err)
		}
		c[q] = s
	}
	return c, nil
}

// in returns the prepared statement for q bound to tx. q must be one of the
// pool's prepared queries; anything else is a bug in this package.
func (c stmtCache) in(ctx context.Context, tx *sql.Tx, q string) *sql.Stmt {
	s, ok := c[q]
	if !ok {
		panic("storage: statement not prepared at Open: " + q)
	}
	return tx.StmtContext(ctx, s)
}

func (c stmtCache) get(q string) *sql.Stmt {
	s, ok := c[q]
	if !ok {
		panic("storage: statement not prepared at Open: " + q)
	}
	return s
}

func (c stmtCache) close() error {
	var errs []error
	for _, s := range c {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// read runs fn in a read transaction on a reader, so its queries see one
// snapshot.
func (db *DB) read(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to lose
	return fn(tx)
}

// collect scans every row with scan and closes rows; errors are wrapped
// with op. No rows is an empty slice, not nil.
func collect[T any](rows *sql.Rows, op string, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, v)
	}
	return out, wrap(op, rows.Err())
}

// wrap adds op to unexpected errors; domain errors pass through unchanged
// so callers can switch on their Code and Reason.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *goals.Error
	if errors.As(err, &de) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// toNanos and fromNanos store instants as UTC unix nanoseconds. Instants
// outside int64's years 1678..2262 clamp, so a "never" expiry of year 9999
// stays in the future instead of wrapping into the past.
func toNanos(t time.Time) int64 {
	switch {
	case t.Before(minNanoTime):
		return math.MinInt64
	case t.After(maxNanoTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var minNanoTime, maxNanoTime = time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64)

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

// dateText is the stored form of a date, NULL-free: "" for the zero date.
func dateText(d goals.Date) string { return d.String() }

func parseDate(s string) (goals.Date, error) {
	var d goals.Date
	if err := d.UnmarshalText([]byte(s)); err != nil {
		return goals.Date{}, err
	}
	return d, nil
}

// dayBounds turns an optional inclusive [from, to] into bounds that compare
// correctly with 'YYYY-MM-DD' text, so one indexable range works for both
// bounded and unbounded windows.
func dayBounds(from, to goals.Date) (string, string) {
	lo, hi := "", "9999-99-99"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	return lo, hi
}
