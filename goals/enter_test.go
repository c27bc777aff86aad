package goals_test

import (
	"context"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// The platform's word on a user's role: "admin" promotes, "not an admin"
// takes back only a role the platform gave, silence changes nothing, and a
// role given with /goal role stays.
func TestEnterRoleFromPlatform(t *testing.T) {
	e := newSpEnv(t)
	ctx := context.Background()
	role := func(user string, hint goals.Role) goals.Member {
		t.Helper()
		return e.actor(t, user, hint).Member
	}

	// A group admin is a manager; demoted by the platform, they are not.
	if m := role("ann", goals.RoleManager); !m.IsManager() || m.RoleGranted {
		t.Fatalf("admin on first contact: %+v", m)
	}
	if m := role("ann", ""); !m.IsManager() {
		t.Fatalf("no word from the platform changed the role: %+v", m)
	}
	if m := role("ann", goals.RoleMember); m.IsManager() {
		t.Fatalf("no longer an admin, still a manager: %+v", m)
	}
	if m := role("ann", goals.RoleManager); !m.IsManager() {
		t.Fatalf("admin again: %+v", m)
	}

	// A manager named by a manager keeps the role without being an admin,
	// and loses it only the same way.
	boss := e.actor(t, "ann", goals.RoleManager)
	role("bob", goals.RoleMember)
	if _, err := e.svc.SetRole(ctx, boss, "bob", goals.RoleManager); err != nil {
		t.Fatal(err)
	}
	if m := role("bob", goals.RoleMember); !m.IsManager() || !m.RoleGranted {
		t.Fatalf("granted manager after the platform said member: %+v", m)
	}
	if _, err := e.svc.SetRole(ctx, boss, "bob", goals.RoleMember); err != nil {
		t.Fatal(err)
	}
	if m := role("bob", ""); m.IsManager() || m.RoleGranted {
		t.Fatalf("after /goal role member: %+v", m)
	}
	// Made an admin on the platform later: the role is the platform's again.
	role("bob", goals.RoleManager)
	if m := role("bob", goals.RoleMember); m.IsManager() {
		t.Fatalf("platform role taken back: %+v", m)
	}
}
