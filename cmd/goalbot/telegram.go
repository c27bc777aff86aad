package main

import (
	"context"
	"net/http"

	"github.com/goalbot/goalbot/bot"
	"github.com/goalbot/goalbot/bot/telegram"
)

// startTelegram wires the Telegram adapter: long polling by default, or
// setWebhook and /telegram/webhook on mux when TELEGRAM_WEBHOOK_URL is set.
// No network call happens here; the runner identifies the bot and starts
// receiving.
func (m *Main) startTelegram(ctx context.Context, eng *bot.Engine, mux *http.ServeMux) (*runner, error) {
	opts := []telegram.Option{telegram.WithLogger(m.log.With("platform", "telegram"))}
	if m.cfg.TelegramAPIURL != "" {
		opts = append(opts, telegram.WithAPIURL(m.cfg.TelegramAPIURL))
	}
	if m.cfg.TelegramWebhookURL != "" {
		opts = append(opts, telegram.WithWebhook(m.cfg.TelegramWebhookURL, m.cfg.TelegramWebhookSecret))
	}
	a, err := telegram.New(m.cfg.TelegramToken, eng, opts...)
	if err != nil {
		return nil, err
	}
	if a.Webhook() {
		// Any method: the handler refuses a wrong secret with 401 first.
		mux.Handle(telegram.WebhookPath, a.WebhookHandler())
	}
	m.senders["telegram"] = a
	m.watchAdapter("telegram", a)
	return &runner{name: "telegram", run: a.Run}, nil
}
