package storage

import "io/fs"

// WithMigrationsFS lets tests run Open against their own migration set.
func WithMigrationsFS(fsys fs.FS) Option { return withMigrations(fsys) }
