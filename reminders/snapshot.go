package reminders

import (
	"context"
	"fmt"

	"github.com/goalbot/goalbot/goals"
)

// SnapshotRequest asks for one team's snapshot for a period.
type SnapshotRequest struct {
	Team   goals.Team
	Period Period
}

// LoadSnapshots reads the snapshots of many teams with a fixed number of
// queries: goals, members, one aggregate pass over the logs of every
// measured window (Store.DigestAggregates) and the contributions to team
// goals. The answer follows reqs.
func LoadSnapshots(ctx context.Context, st Store, reqs []SnapshotRequest) ([]Snapshot, error) {
	out := make([]Snapshot, len(reqs))
	if len(reqs) == 0 {
		return out, nil
	}
	ids := make([]string, len(reqs))
	at := make(map[string]int, len(reqs))
	for i, r := range reqs {
		ids[i] = r.Team.ID
		at[r.Team.ID] = i
		out[i] = Snapshot{Team: r.Team, Members: []goals.Member{}, Goals: []GoalData{}}
	}
	gs, err := st.DigestGoals(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("snapshot goals: %w", err)
	}
	ms, err := st.DigestMembers(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("snapshot members: %w", err)
	}
	member := map[string]goals.Member{} // team \x00 user
	for _, m := range ms {
		if i, ok := at[m.TeamID]; ok {
			out[i].Members = append(out[i].Members, m)
			member[m.TeamID+"\x00"+m.UserID] = m
		}
	}
	wins := make([]AggWindow, 0, len(gs))
	var contrib []ContribWindow
	type ref struct{ team, goal int }
	refs := make([]ref, 0, len(gs))
	for _, g := range gs {
		i, ok := at[g.TeamID]
		if !ok {
			continue
		}
		p := reqs[i].Period
		// An individual goal's days are its owner's (their logs are booked
		// to their own local day): measured up to the owner's today.
		var owner *goals.Member
		if m, ok := member[g.TeamID+"\x00"+g.Owner]; ok {
			owner = &m
		}
		day := goals.DateIn(p.AsOf, goals.GoalZone(reqs[i].Team, g, owner))
		lo, hi := goals.MeasureWindow(measured(g, p), day)
		if hi.IsZero() || hi.After(day) {
			hi = day
		}
		if lo.After(hi) {
			lo = hi.AddDays(1) // not started: an empty window
		}
		wins = append(wins, AggWindow{GoalID: g.ID, Level: g.Kind == goals.KindLevel, Lo: lo, Hi: hi, Buckets: p.Buckets})
		// Children count too: their logs are contributions to the parent
		// they roll up into (lili's ¥6,000 to her part of the team goal).
		if g.Scope == goals.ScopeTeam || g.ParentID != nil {
			contrib = append(contrib, ContribWindow{GoalID: g.ID, Lo: p.Start, Hi: p.Day})
		}
		refs = append(refs, ref{i, len(out[i].Goals)})
		out[i].Goals = append(out[i].Goals, GoalData{Goal: g})
	}
	aggs, err := st.DigestAggregates(ctx, wins)
	if err != nil {
		return nil, fmt.Errorf("snapshot aggregates: %w", err)
	}
	for k, a := range aggs {
		gd := &out[refs[k].team].Goals[refs[k].goal]
		gd.Stats = goals.Stats{Sum: a.Sum, Count: a.Count, Latest: a.Latest, LatestAt: a.LatestAt}
		gd.Buckets, gd.Has = a.Buckets, a.HasBucket
	}
	if len(contrib) > 0 {
		cs, err := st.DigestContributions(ctx, contrib)
		if err != nil {
			return nil, fmt.Errorf("snapshot contributions: %w", err)
		}
		where := make(map[int64]ref, len(contrib))
		for k, w := range wins {
			where[w.GoalID] = refs[k]
		}
		for _, c := range cs {
			r, ok := where[c.GoalID]
			if !ok {
				continue
			}
			gd := &out[r.team].Goals[r.goal]
			gd.Contributions = append(gd.Contributions, goals.Contribution{User: c.User, Amount: c.Amount})
		}
	}
	return out, nil
}
