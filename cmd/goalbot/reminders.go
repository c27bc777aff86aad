package main

import (
	"context"

	"github.com/goalbot/goalbot/bot"
)

// startReminders wires the scheduler of reminders and digests.
func (m *Main) startReminders(ctx context.Context, eng *bot.Engine) (*runner, error) {
	return nil, nil
}
