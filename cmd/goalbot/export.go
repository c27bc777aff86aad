package main

import (
	"context"
	"errors"
)

// runExport prints the goals and logs as CSV or JSON (SPEC §6).
func (m *Main) runExport(ctx context.Context, args []string) error {
	return errors.New("export is not built yet")
}
