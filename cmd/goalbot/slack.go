package main

import (
	"context"
	"net/http"

	"github.com/goalbot/goalbot/bot"
	slackbot "github.com/goalbot/goalbot/bot/slack"
)

// startSlack wires the Slack adapter: Socket Mode when SLACK_APP_TOKEN is
// set (the runner holds the connection), otherwise the HTTP endpoints on
// mux, verified with SLACK_SIGNING_SECRET (the runner then only waits for
// in-flight work at shutdown).
func (m *Main) startSlack(ctx context.Context, eng *bot.Engine, mux *http.ServeMux) (*runner, error) {
	ad, err := slackbot.New(eng, slackbot.Config{
		BotToken:      m.cfg.SlackBotToken,
		AppToken:      m.cfg.SlackAppToken,
		SigningSecret: m.cfg.SlackSigningSecret,
		APIURL:        m.cfg.SlackAPIURL,
	}, slackbot.WithLogger(m.log.With("platform", slackbot.Platform)))
	if err != nil {
		return nil, err
	}
	mode := "socket"
	if !ad.SocketMode() {
		ad.Mount(mux)
		mode = "http"
	}
	m.senders["slack"] = ad.Sender()
	m.watchAdapter("slack", ad)
	m.log.Info("slack adapter ready", "mode", mode)
	return &runner{name: "slack", run: ad.Run}, nil
}
