package main

import (
	"context"
	"errors"
)

// runBackup writes a consistent copy of the database while the bot runs.
func (m *Main) runBackup(ctx context.Context, args []string) error {
	return errors.New("backup is not built yet")
}

// runDoctor checks configuration, tokens, the database and the outbox.
func (m *Main) runDoctor(ctx context.Context, args []string) error {
	return errors.New("doctor is not built yet")
}
