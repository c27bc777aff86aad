// Command goalbot runs the goal-coaching bot: every platform configured in
// the environment, the scheduler and the HTTP server; with no platform
// configured, a chat in the terminal. See README.md and SPEC §6.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	// Zone data inside the binary: schedules and "by Friday" stay right on
	// hosts (scratch images, minimal servers) without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// The first signal cancels ctx: commands finish in-flight work and
	// return; a second one kills the process the default way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // restore default handling: the second signal kills
	}()
	m := NewMain()
	err := m.Run(ctx, os.Args[1:])
	if err != nil && !errors.Is(err, context.Canceled) {
		var ec exitCode
		if errors.As(err, &ec) {
			os.Exit(int(ec))
		}
		fmt.Fprintln(os.Stderr, "goalbot:", err)
		os.Exit(1)
	}
}

// exitCode ends the process with a status and no message (the command
// already printed what the user needs, e.g. `send` with ok=false).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }
