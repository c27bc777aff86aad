package goals

import (
	"errors"
	"fmt"
)

// Error codes: the broad class of a failure, which transports map to their
// own answers (HTTP status, exit code). Reason says precisely what went wrong
// and is the key of the user-facing message in the catalog.
const (
	EInvalid     = "invalid"     // the input is wrong; the user can fix it
	ENotFound    = "not_found"   // no such goal, log or member in this team
	EForbidden   = "forbidden"   // the user may not do this
	EConflict    = "conflict"    // already done (duplicate event, closed goal)
	EInternal    = "internal"    // our fault; logged, shown generically
	EUnavailable = "unavailable" // a dependency (LLM, platform) is down
)

// Error is a domain error: Code is the class, Reason the precise key
// (bad_amount, goal_not_found ...), Message a developer-facing detail.
// Users see the catalog text for Reason, never Message.
type Error struct {
	Code    string
	Reason  string
	Message string
	Args    map[string]any // values for the user message ("id": 7)
}

func (e *Error) Error() string {
	if e.Message == "" {
		return e.Reason
	}
	return e.Reason + ": " + e.Message
}

// Errorf builds an *Error.
func Errorf(code, reason, format string, args ...any) *Error {
	return &Error{Code: code, Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// With returns a copy of e carrying a value for the user message.
func (e *Error) With(key string, v any) *Error {
	c := *e
	c.Args = make(map[string]any, len(e.Args)+1)
	for k, x := range e.Args {
		c.Args[k] = x
	}
	c.Args[key] = v
	return &c
}

// ErrorCode unwraps err to its code; EInternal for anything that is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorReason unwraps err to its reason; "internal" for foreign errors.
func ErrorReason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	if err == nil {
		return ""
	}
	return "internal"
}

// Common errors, compared by Reason.
var (
	ErrGoalNotFound   = &Error{Code: ENotFound, Reason: "goal_not_found"}
	ErrLogNotFound    = &Error{Code: ENotFound, Reason: "nothing_to_undo"}
	ErrTeamNotFound   = &Error{Code: ENotFound, Reason: "team_not_found"}
	ErrMemberNotFound = &Error{Code: ENotFound, Reason: "member_not_found"}
)
