package slackbot

import (
	"context"
	"sync"
	"time"

	"github.com/goalbot/goalbot/goals"
)

// profile is what users.info tells about a member: the hints of a request.
type profile struct {
	name    string
	tz      string
	locale  string
	manager bool
	at      time.Time
	ok      bool // false: the lookup failed; retried after failTTL
}

const (
	profileTTL = 12 * time.Hour  // time zones and admin flags change rarely
	failTTL    = 5 * time.Minute // a failed lookup (missing scope, outage) is not retried at once
	maxUsers   = 50_000
)

// users caches users.info answers per team and user, so only the first
// contact (and one a day or so after) costs a Web API call.
type users struct {
	mu sync.Mutex
	m  map[string]profile
	// inflight lets concurrent first contacts of one user share one call.
	inflight map[string]chan struct{}
}

func newUsers() *users {
	return &users{m: map[string]profile{}, inflight: map[string]chan struct{}{}}
}

// get returns the cached profile, or calls fetch once for everyone asking.
func (u *users) get(ctx context.Context, key string, fetch func(context.Context) profile) profile {
	for {
		u.mu.Lock()
		p, ok := u.m[key]
		fresh := ok && time.Since(p.at) < profileTTL && (p.ok || time.Since(p.at) < failTTL)
		if fresh {
			u.mu.Unlock()
			return p
		}
		if ch, busy := u.inflight[key]; busy {
			u.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-ctx.Done():
				return p
			}
		}
		ch := make(chan struct{})
		u.inflight[key] = ch
		u.mu.Unlock()

		np := fetch(ctx)
		np.at = time.Now()
		u.mu.Lock()
		if len(u.m) >= maxUsers {
			u.m = map[string]profile{} // crude bound; entries are cheap to refetch
		}
		if np.ok || !p.ok {
			u.m[key] = np
		} else {
			// Keep the last good profile; try again after failTTL.
			p.at = time.Now().Add(-profileTTL + failTTL)
			u.m[key] = p
			np = p
		}
		delete(u.inflight, key)
		close(ch)
		u.mu.Unlock()
		return np
	}
}

// profileOf reads users.info for user (bounded by a short timeout: it sits
// on the acknowledgement path of a first contact).
func (a *Adapter) profileOf(ctx context.Context, teamID, userID string) profile {
	if userID == "" {
		return profile{}
	}
	return a.users.get(ctx, teamID+"/"+userID, func(ctx context.Context) profile {
		ctx, cancel := context.WithTimeout(ctx, a.usersTimeout)
		defer cancel()
		u, err := a.api.GetUserInfoContext(ctx, userID)
		if err != nil || u == nil {
			a.logErr("users.info failed; continuing without hints", err, "team", teamID, "user", userID)
			return profile{}
		}
		name := u.Profile.DisplayName
		if name == "" {
			name = u.RealName
		}
		if name == "" {
			name = u.Name
		}
		return profile{name: name, tz: u.TZ, locale: u.Locale, manager: u.IsAdmin || u.IsOwner || u.IsPrimaryOwner, ok: true}
	})
}

// role is the request's RoleHint: workspace admins and owners are
// managers, other users members; "" (not known) when users.info failed, so
// that an outage neither promotes nor demotes anyone.
func (p profile) role() goals.Role {
	switch {
	case p.manager:
		return goals.RoleManager
	case p.ok:
		return goals.RoleMember
	}
	return ""
}
