package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"strconv"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// maxSocketAck is under Socket Mode's 20 KB limit on acknowledgement
// payloads; a larger reply goes out through the response_url.
const maxSocketAck = 19 * 1024

// runSocket holds the Socket Mode connection until ctx ends. Every
// envelope is handled in its own goroutine, so a slow command does not
// hold up the next acknowledgement.
func (a *Adapter) runSocket(ctx context.Context) error {
	client := socketmode.New(a.api,
		socketmode.OptionPingInterval(a.pingInterval),
		socketmode.OptionLog(log.New(discard{}, "", 0)),
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			return <-errc
		case err := <-errc:
			if err == nil || errors.Is(err, context.Canceled) {
				return ctx.Err()
			}
			return errors.New("socket mode: " + a.redact(err.Error()))
		case evt := <-client.Events:
			a.socketEvent(ctx, client, evt)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// socketEvent dispatches one Socket Mode event.
func (a *Adapter) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.connected.Store(false)
		a.log.Debug("slack: socket mode connecting")
	case socketmode.EventTypeConnected:
		a.connected.Store(true)
		a.log.Info("slack: socket mode connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError:
		a.connected.Store(false)
		a.log.Warn("slack: socket mode connection problem; reconnecting")
	case socketmode.EventTypeInvalidAuth:
		a.connected.Store(false)
		a.log.Error("slack: socket mode authentication refused: check SLACK_APP_TOKEN")
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
		if evt.Request == nil {
			return
		}
		req := *evt.Request
		a.work.add()
		go func() {
			defer a.work.done()
			defer func() {
				if p := recover(); p != nil {
					a.log.Error("slack: panic handling socket envelope", "type", string(evt.Type), "panic", p)
				}
			}()
			a.envelope(ctx, client, evt.Type, req)
		}()
	}
}

// envelope handles one Socket Mode request and acknowledges it.
func (a *Adapter) envelope(ctx context.Context, client *socketmode.Client, typ socketmode.EventType, req socketmode.Request) {
	ack := func(payload any) {
		var err error
		if payload == nil {
			err = client.AckCtx(ctx, req.EnvelopeID, nil)
		} else {
			err = client.AckCtx(ctx, req.EnvelopeID, payload)
		}
		if err != nil {
			a.logErr("socket mode ack failed", err, "envelope", req.EnvelopeID)
		}
	}
	switch typ {
	case socketmode.EventTypeSlashCommand:
		var sc slack.SlashCommand
		if err := json.Unmarshal(req.Payload, &sc); err != nil {
			ack(nil)
			return
		}
		if msg := a.command(ctx, sc, maxSocketAck); msg != nil && req.AcceptsResponsePayload {
			ack(msg)
			return
		} else if msg != nil {
			// No payload accepted: acknowledge, then answer through the response_url.
			ack(nil)
			to := reply{teamID: sc.TeamID, channel: sc.ChannelID, user: sc.UserID, responseURL: sc.ResponseURL}
			a.background(func(ctx context.Context) { a.deliverMsg(ctx, to, *msg) })
			return
		}
		ack(nil)
	case socketmode.EventTypeInteractive:
		var ic slack.InteractionCallback
		if err := json.Unmarshal(req.Payload, &ic); err != nil {
			ack(nil)
			return
		}
		if resp := a.interaction(ctx, ic); resp != nil {
			ack(resp)
			return
		}
		ack(nil)
	case socketmode.EventTypeEventsAPI:
		ack(nil)
		var env eventEnvelope
		if err := json.Unmarshal(req.Payload, &env); err != nil {
			return
		}
		a.event(env, strconv.Itoa(req.RetryAttempt))
	}
}

// deliverMsg posts an already rendered message through the response_url.
func (a *Adapter) deliverMsg(ctx context.Context, to reply, msg Msg) {
	if to.responseURL == "" {
		return
	}
	if err := retry(ctx, replyAttempts, func() error { return a.sender.respond(ctx, to.responseURL, to.channel, msg) }); err != nil {
		a.logErr("response_url failed", err, "team", to.teamID)
	}
}
