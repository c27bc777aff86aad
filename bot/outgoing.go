package bot

import (
	"context"
	"fmt"
	"time"
)

// Outgoing is a message the bot sends on its own initiative (a reminder, a
// digest, a late answer), not as the immediate answer to a request.
type Outgoing struct {
	Platform string // "slack", "telegram", "console"
	TeamID   string
	// Channel is the platform's chat or channel id. Empty: a direct message
	// to UserID.
	Channel string
	UserID  string
	Reply   Reply
	// Thread are follow-ups posted under the first message where the
	// platform has threads (Slack: the digest's per-member detail).
	Thread []Reply
}

// Sender delivers outgoing messages on one platform. Implementations keep to
// the platform's rate limits; an error worth retrying is a *RetryError.
type Sender interface {
	Send(ctx context.Context, m Outgoing) error
}

// RetryError says delivery failed for now (HTTP 429, 5xx, a timeout) and
// may be retried after After (zero: the caller's back-off decides).
type RetryError struct {
	After time.Duration
	Err   error
}

func (e *RetryError) Error() string {
	if e.After > 0 {
		return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
	}
	return fmt.Sprintf("retry: %v", e.Err)
}

func (e *RetryError) Unwrap() error { return e.Err }
