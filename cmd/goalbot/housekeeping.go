package main

import (
	"context"
	"time"
)

// Event keys are kept long enough to recognise any platform redelivery
// (Slack retries within minutes, Telegram keeps updates for 24 hours), then
// forgotten so the table does not grow for ever.
const (
	eventRetention   = 7 * 24 * time.Hour
	housekeepingTick = time.Hour
)

// housekeeping prunes old event keys and expired conversation state, at
// start and then hourly, until ctx ends.
func (m *Main) housekeeping() *runner {
	return &runner{name: "housekeeping", run: func(ctx context.Context) error {
		t := time.NewTicker(housekeepingTick)
		defer t.Stop()
		for {
			m.prune(ctx)
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
		}
	}}
}

func (m *Main) prune(ctx context.Context) {
	now := m.clock.Now()
	if n, err := m.db.PruneEvents(ctx, now.Add(-eventRetention)); err != nil {
		m.log.Warn("prune events", "err", err)
	} else if n > 0 {
		m.log.Info("pruned event keys", "n", n)
	}
	if n, err := m.db.PrunePending(ctx, now); err != nil {
		m.log.Warn("prune pending", "err", err)
	} else if n > 0 {
		m.log.Info("pruned expired conversation state", "n", n)
	}
}
