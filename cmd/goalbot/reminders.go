package main

import (
	"context"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// storage implements the reminders' Store with the same row types (aliases
// of identical unnamed structs): this line fails to compile when the two
// declarations drift apart.
var _ reminders.Store = (*storage.DB)(nil)

// startReminders wires the scheduler of reminders and digests and the
// outbox worker. It delivers through the running adapters' senders
// (m.senders, filled by startSlack and startTelegram), so each platform has
// one rate limiter; with no platform, the console prints.
func (m *Main) startReminders(ctx context.Context, eng *bot.Engine) (*runner, error) {
	senders := map[string]bot.Sender{}
	for k, s := range m.senders {
		senders[k] = s
	}
	if len(senders) == 0 {
		senders["console"] = &reminders.ConsoleSender{Out: m.Stdout}
	}
	r := reminders.New(m.db, senders, reminders.Clock(m.clock), m.log.With("part", "reminders"))
	m.instrumentReminders(r)
	m.log.Info("scheduler ready", "platforms", len(senders))
	return &runner{name: "reminders", run: r.Run}, nil
}
