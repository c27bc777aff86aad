package storage

import "io/fs"

// WithMigrationsFS lets tests run Open against their own migration set.
func WithMigrationsFS(fsys fs.FS) Option { return withMigrations(fsys) }

// HotQueries are the statements whose plans TestQueryPlans pins.
var HotQueries = map[string]string{
	"log by key": qLogByKey,
	"goal tz":    qGoalTZ,
	"undo":       qUndoLog,
	"stats":      qStats,
	"find goal":  qFindGoal,
	"daily":      qDailyTotals,
	"contrib":    qContributions,
}

// ForeignKeysOn reports PRAGMA foreign_keys on the writer connection.
func ForeignKeysOn(db *DB) (bool, error) {
	var on bool
	err := db.w.QueryRow(`PRAGMA foreign_keys`).Scan(&on)
	return on, err
}
