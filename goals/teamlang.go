package goals

import (
	"context"
	"fmt"
)

// ReadLang is the language m reads: the one they set, else the one they
// have been writing in; "" when neither is known.
func (m Member) ReadLang() string {
	if m.Lang != "" {
		return m.Lang
	}
	return m.SeenLang
}

// TeamLangOf is the language a team whose language was never set should
// use: the one most of its managers read, else the one most of its members
// read; "" when no one's is known. Ties go to the language met first in ms
// (the store lists members by user id), so the answer is stable.
func TeamLangOf(ms []Member) string {
	pick := func(managers bool) string {
		count := map[string]int{}
		var order []string
		for _, m := range ms {
			l := m.ReadLang()
			if l == "" || (managers && !m.IsManager()) {
				continue
			}
			if count[l] == 0 {
				order = append(order, l)
			}
			count[l]++
		}
		best := ""
		for _, l := range order {
			if count[l] > count[best] {
				best = l
			}
		}
		return best
	}
	if l := pick(true); l != "" {
		return l
	}
	return pick(false)
}

// RememberLang stores the language m has been writing in and, while the
// team's language is not set, lets the team follow its people (see
// TeamLangOf), so a scheduled digest is in the language its readers use.
// It writes only when something changes.
func (s *Service) RememberLang(ctx context.Context, a Actor, lang string) (Actor, error) {
	if lang == "" || lang == a.Member.SeenLang {
		return a, nil
	}
	m, err := s.Store.UpdateMember(ctx, a.Team.ID, a.Member.UserID, func(m *Member) error { m.SeenLang = lang; return nil })
	if err != nil {
		return a, fmt.Errorf("remember language: %w", err)
	}
	a.Member = m
	return s.AdoptTeamLang(ctx, a)
}

// AdoptTeamLang sets the team's language from its people unless a manager
// set it (Team.LangSet).
func (s *Service) AdoptTeamLang(ctx context.Context, a Actor) (Actor, error) {
	if a.Team.LangSet {
		return a, nil
	}
	ms, err := s.Store.Members(ctx, a.Team.ID)
	if err != nil {
		return a, fmt.Errorf("team language: %w", err)
	}
	l := TeamLangOf(ms)
	if l == "" || l == a.Team.Lang {
		return a, nil
	}
	t, err := s.Store.UpdateTeam(ctx, a.Team.ID, func(t *Team) error {
		if !t.LangSet {
			t.Lang = l
		}
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("team language: %w", err)
	}
	a.Team = t
	return a, nil
}
