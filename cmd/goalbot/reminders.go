package main

import (
	"context"
	"fmt"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
	"github.com/goalbot/goalbot/bot/telegram"
	"github.com/goalbot/goalbot/reminders"
	"github.com/goalbot/goalbot/storage"
)

// storage implements the reminders' Store with the same row types (aliases
// of identical unnamed structs): this line fails to compile when the two
// declarations drift apart.
var _ reminders.Store = (*storage.DB)(nil)

// startReminders wires the scheduler of reminders and digests and the
// outbox worker, delivering through the configured platforms' senders (the
// console prints when none is configured).
func (m *Main) startReminders(ctx context.Context, eng *bot.Engine) (*runner, error) {
	senders, err := m.reminderSenders(eng)
	if err != nil {
		return nil, err
	}
	r := reminders.New(m.db, senders, reminders.Clock(m.clock), m.log.With("part", "reminders"))
	m.log.Info("scheduler ready", "platforms", len(senders))
	return &runner{name: "reminders", run: r.Run}, nil
}

// reminderSenders builds a send-only adapter per configured platform (no
// network until a message goes out). Their rate limiters are their own;
// sharing the running adapters' senders would need startSlack and
// startTelegram to hand them over.
func (m *Main) reminderSenders(eng *bot.Engine) (map[string]bot.Sender, error) {
	out := map[string]bot.Sender{}
	if m.cfg.SlackEnabled() {
		ad, err := slackbot.New(eng, slackbot.Config{
			BotToken:      m.cfg.SlackBotToken,
			AppToken:      m.cfg.SlackAppToken,
			SigningSecret: m.cfg.SlackSigningSecret,
			APIURL:        m.cfg.SlackAPIURL,
		}, slackbot.WithLogger(m.log.With("platform", slackbot.Platform, "part", "reminders")))
		if err != nil {
			return nil, fmt.Errorf("slack sender: %w", err)
		}
		out["slack"] = ad.Sender()
	}
	if m.cfg.TelegramEnabled() {
		opts := []telegram.Option{telegram.WithLogger(m.log.With("platform", "telegram", "part", "reminders"))}
		if m.cfg.TelegramAPIURL != "" {
			opts = append(opts, telegram.WithAPIURL(m.cfg.TelegramAPIURL))
		}
		a, err := telegram.New(m.cfg.TelegramToken, eng, opts...)
		if err != nil {
			return nil, fmt.Errorf("telegram sender: %w", err)
		}
		out["telegram"] = a
	}
	if len(out) == 0 {
		out["console"] = &reminders.ConsoleSender{Out: m.Stdout}
	}
	return out, nil
}
