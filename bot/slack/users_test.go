package slackbot

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// users.info's answer is the role hint: admins and owners are managers,
// everyone else a member, and nothing is said when the call failed (an
// outage must not demote anyone).
func TestProfileRole(t *testing.T) {
	for _, c := range []struct {
		p    profile
		want goals.Role
	}{
		{profile{ok: true, manager: true}, goals.RoleManager},
		{profile{ok: true}, goals.RoleMember},
		{profile{}, ""},
	} {
		if got := c.p.role(); got != c.want {
			t.Errorf("%+v: role %q, want %q", c.p, got, c.want)
		}
	}
}
