package reminders

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// MarkName is the scheduler's watermark in Store.SchedulerMark.
const MarkName = "reminders"

// markEvery bounds how stale the watermark gets while nothing is due.
const markEvery = 10 * time.Minute

// keepClaims is how long claims and finished outbox rows are kept: far
// longer than MaxCatchUp, so a pruned claim can never be needed again.
const keepClaims = 35 * 24 * time.Hour

// Scheduler finds what fell due and queues it exactly once.
//
// Why one job a minute rather than a gocron job per team and member: the
// schedule lives in the database and changes with every `/goal settings`,
// teams and members come and go, and 10,000 members would be 10,000 cron
// jobs to keep in step. gocron has no catch-up and no memory either, so
// exactly-once and start-up catch-up need our own record anyway. So a
// single gocron job fires at every minute boundary (in UTC: a minute is a
// minute in every zone) and Tick asks what was scheduled in the time since
// the previous tick, in each team's and member's zone (DueIn: correct
// across daylight-saving changes because each local day's instant is
// computed from its wall-clock time). The previous tick's instant is kept
// in the database, so the first tick after downtime is the catch-up: it
// covers the whole gap and sends, once, what is still within its period.
type Scheduler struct {
	store  Store
	worker interface{ Kick() }
	clock  clockwork.Clock
	log    *slog.Logger

	// Platforms are the platforms with a sender; teams of others are
	// skipped (nil: every team).
	Platforms map[string]bool
	// OnTick, when set, is told after each tick (tests step a fake clock with it).
	OnTick func(now time.Time, queued int, err error)

	mu        sync.Mutex
	lastPrune time.Time
	mark      time.Time // the watermark as last read or written; zero: read it

	jobMu sync.Mutex
	job   gocron.Job
}

// TickJob is the gocron job that drives the ticks once Run has started it
// (nil before). Tests stepping a fake clock wait on its LastRun.
func (s *Scheduler) TickJob() gocron.Job {
	s.jobMu.Lock()
	defer s.jobMu.Unlock()
	return s.job
}

// NewScheduler builds a scheduler that queues into st and kicks w (may be nil).
func NewScheduler(st Store, w interface{ Kick() }, clock clockwork.Clock, log *slog.Logger) *Scheduler {
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	if log == nil {
		log = slog.Default()
	}
	return &Scheduler{store: st, worker: w, clock: clock, log: log}
}

// Run ticks once at once (the catch-up), then at every minute boundary
// until ctx ends; a tick running then is finished first.
func (s *Scheduler) Run(ctx context.Context) error {
	cron, err := gocron.NewScheduler(
		gocron.WithClock(s.clock),
		gocron.WithLocation(time.UTC),
		gocron.WithStopTimeout(30*time.Second),
	)
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	job, err := cron.NewJob(
		gocron.CronJob("* * * * *", false),
		gocron.NewTask(func() { s.tick(ctx) }),
		gocron.WithName("reminders-tick"),
	)
	if err != nil {
		return fmt.Errorf("scheduler job: %w", err)
	}
	s.jobMu.Lock()
	s.job = job
	s.jobMu.Unlock()
	s.tick(ctx)
	cron.Start()
	<-ctx.Done()
	if err := cron.Shutdown(); err != nil {
		s.log.Warn("scheduler shutdown", "err", err)
	}
	return nil
}

func (s *Scheduler) tick(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	n, err := s.Tick(ctx)
	if err != nil && ctx.Err() == nil {
		s.log.Error("scheduler tick", "err", err)
	}
	if s.OnTick != nil {
		s.OnTick(s.clock.Now(), n, err)
	}
}

// Tick queues what fell due since the previous tick (at most MaxCatchUp
// ago; on the very first tick, the last minute) and returns how many
// messages it queued. The watermark moves only when every due send was
// claimed, so a failed one is tried again on the next tick.
func (s *Scheduler) Tick(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	from, ok := s.mark, !s.mark.IsZero()
	if !ok {
		var err error
		if from, ok, err = s.store.SchedulerMark(ctx, MarkName); err != nil {
			return 0, err
		}
		if !ok {
			from = now.Add(-time.Minute)
		}
		s.mark = from
	}
	if floor := now.Add(-MaxCatchUp); from.Before(floor) {
		from = floor
	}
	if !now.After(from) {
		return 0, nil
	}
	queued, due, err := s.queueDue(ctx, from, now)
	// The mark is written when something was due, and otherwise every
	// markEvery: a quiet tick needs no write, since the next one looks from
	// the same mark and finds the same nothing plus its own minute.
	if err == nil && (due > 0 || !ok || now.Sub(from) >= markEvery) {
		if err = s.store.SetSchedulerMark(ctx, MarkName, now); err == nil {
			s.mark = now
		}
	}
	if queued > 0 && s.worker != nil {
		s.worker.Kick()
	}
	if now.Sub(s.lastPrune) > 24*time.Hour && err == nil {
		s.lastPrune = now
		if _, perr := s.store.PruneReminders(ctx, now.Add(-keepClaims)); perr != nil {
			s.log.Warn("prune reminders", "err", perr)
		}
	}
	return queued, err
}

// queueDue claims and queues what is due in (from, to] and returns how many
// messages it queued and how many sends were due and unclaimed.
func (s *Scheduler) queueDue(ctx context.Context, from, to time.Time) (int, int, error) {
	teams, err := s.store.Teams(ctx)
	if err != nil {
		return 0, 0, err
	}
	members, err := s.store.DigestMembers(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	byTeam := map[string][]goals.Member{}
	for _, m := range members {
		byTeam[m.TeamID] = append(byTeam[m.TeamID], m)
	}
	teamOf := map[string]goals.Team{}
	var due []Due
	for _, t := range teams {
		if s.Platforms != nil && !s.Platforms[PlatformOf(t.ID)] {
			continue
		}
		teamOf[t.ID] = t
		for _, d := range DueIn(t, byTeam[t.ID], from, to) {
			claimed, err := s.store.Claimed(ctx, d.Claim(to))
			if err != nil {
				return 0, 0, err
			}
			if !claimed {
				due = append(due, d)
			}
		}
	}
	found := len(due)
	if found == 0 {
		return 0, 0, nil
	}
	subs, err := s.store.Subscriptions(ctx, "")
	if err != nil {
		return 0, found, err
	}
	subsOf := map[string][]Subscription{}
	for _, sub := range subs {
		subsOf[sub.TeamID+"\x00"+sub.Kind] = append(subsOf[sub.TeamID+"\x00"+sub.Kind], sub)
	}

	var errs []error
	queued := 0
	enqueue := func(d Due, msgs []OutboxMessage) {
		claimed, err := s.store.ClaimAndEnqueue(ctx, d.Claim(to), msgs)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s %s %s: %w", d.TeamID, d.Kind, d.Period, err))
		case claimed:
			queued += len(msgs)
			s.log.Info("scheduled send queued", "team", d.TeamID, "kind", d.Kind, "period", d.Period, "user", d.UserID,
				"scheduled", d.At, "messages", len(msgs))
		}
	}

	// Check-ins.
	var checkins []Due
	var digests []SnapshotRequest
	var digestDue []Due
	for _, d := range due {
		t := teamOf[d.TeamID]
		switch d.Kind {
		case KindCheckin:
			checkins = append(checkins, d)
		case KindDaily:
			if len(subsOf[d.TeamID+"\x00"+KindDaily]) == 0 {
				continue // nobody to tell: no claim either
			}
			digests = append(digests, SnapshotRequest{Team: t, Period: PeriodAt(KindDaily, d.AsOf, t.Location())})
			digestDue = append(digestDue, d)
		case KindWeekly:
			digests = append(digests, SnapshotRequest{Team: t, Period: PeriodAt(KindWeekly, d.AsOf, t.Location())})
			digestDue = append(digestDue, d)
		}
	}
	if len(checkins) > 0 {
		if err := s.queueCheckins(ctx, checkins, teamOf, byTeam, enqueue); err != nil {
			errs = append(errs, err)
		}
	}
	if len(digests) > 0 {
		snaps, err := LoadSnapshots(ctx, s.store, digests)
		if err != nil {
			return queued, found, errors.Join(append(errs, err)...)
		}
		for i, d := range digestDue {
			msgs, err := DigestMessages(snaps[i], digests[i].Period, subsOf[d.TeamID+"\x00"+d.Kind])
			if err != nil {
				errs = append(errs, err)
				continue
			}
			enqueue(d, msgs)
		}
	}
	return queued, found, errors.Join(errs...)
}

func (s *Scheduler) queueCheckins(ctx context.Context, due []Due, teamOf map[string]goals.Team,
	members map[string][]goals.Member, enqueue func(Due, []OutboxMessage)) error {
	var ids []string
	seen := map[string]bool{}
	for _, d := range due {
		if !seen[d.TeamID] {
			seen[d.TeamID] = true
			ids = append(ids, d.TeamID)
		}
	}
	gs, err := s.store.DigestGoals(ctx, ids)
	if err != nil {
		return err
	}
	parents := map[int64]bool{}
	for _, g := range gs {
		if g.ParentID != nil {
			parents[*g.ParentID] = true
		}
	}
	own := map[string][]goals.Goal{} // team \x00 user
	for _, g := range gs {
		if g.Scope == goals.ScopeIndividual && !parents[g.ID] {
			own[g.TeamID+"\x00"+g.Owner] = append(own[g.TeamID+"\x00"+g.Owner], g)
		}
	}
	last := map[string]map[string]time.Time{}
	for _, d := range due {
		t := teamOf[d.TeamID]
		var m goals.Member
		for _, x := range members[d.TeamID] {
			if x.UserID == d.UserID {
				m = x
			}
		}
		var active []goals.Goal
		for _, g := range own[d.TeamID+"\x00"+d.UserID] {
			if Remindable(g, d.Day, m.Workdays) {
				active = append(active, g)
			}
		}
		if len(active) == 0 {
			continue
		}
		if last[d.TeamID] == nil {
			l, err := s.store.LastLogAt(ctx, d.TeamID)
			if err != nil {
				return err
			}
			last[d.TeamID] = l
		}
		mloc := t.Location()
		if m.TZ != "" {
			mloc = goals.LoadLocation(m.TZ)
		}
		if at, ok := last[d.TeamID][d.UserID]; ok && !at.Before(d.Day.StartIn(mloc)) {
			continue // logged today
		}
		lang := m.ReadLang() // set, else the language they write in
		if lang == "" {
			lang = t.Lang
		}
		msg, err := CheckinMessage(t, m, active, lang)
		if err != nil {
			return err
		}
		msg.Period = d.Period
		enqueue(d, []OutboxMessage{msg})
	}
	return nil
}

// PlatformOf is the platform of a team id: "slack:T1" → slack, "tg:-100" →
// telegram, anything else the console.
func PlatformOf(teamID string) string {
	switch {
	case strings.HasPrefix(teamID, "slack:"):
		return "slack"
	case strings.HasPrefix(teamID, "tg:"):
		return "telegram"
	}
	return "console"
}

// Remindable reports whether the daily check-in on day names g: a goal
// that takes logs (split parents are left out before) and is running on
// day (started, not past its deadline: an upcoming goal is not nagged
// about). A level goal (a rate, a reading) is asked for a new reading at
// most weekly, on the member's first working day of the week.
func Remindable(g goals.Goal, day goals.Date, w goals.Weekdays) bool {
	if g.Start.After(day) || !g.Deadline.IsZero() && g.Deadline.Before(day) {
		return false
	}
	if g.Kind != goals.KindLevel {
		return true
	}
	monday, _ := goals.PeriodOf(goals.CadenceWeekly, day)
	for x := monday; x.Before(day); x = x.AddDays(1) {
		if w.Has(x.Weekday()) {
			return false // an earlier working day this week asked already
		}
	}
	return w.Has(day.Weekday())
}

// CheckinMessage is the reminder to member m, listing their active goals.
func CheckinMessage(t goals.Team, m goals.Member, active []goals.Goal, lang string) (OutboxMessage, error) {
	lang = goals.NormalizeLang(lang)
	var b strings.Builder
	b.WriteString(tr(lang, "checkin_title"))
	for _, g := range active {
		fmt.Fprintf(&b, "\n• #%d %s", g.ID, clipRunes(g.Title, 80))
		if g.Kind == goals.KindLevel {
			b.WriteString(i18n.T(lang, "checkin_new_reading"))
		}
	}
	if len(active) > 0 {
		// With the goal's number: "/goal log 3" is a question for anyone with two goals.
		b.WriteString("\n" + tr(lang, "checkin_hint", "id", active[0].ID))
	}
	platform := PlatformOf(t.ID)
	env := Envelope{Platform: platform, TeamID: t.ID, UserID: m.UserID, Reply: EnvReply{Lang: lang, Text: b.String()}}
	payload, err := env.Encode()
	if err != nil {
		return OutboxMessage{}, err
	}
	return OutboxMessage{TeamID: t.ID, Platform: platform, Chat: m.UserID, Kind: KindCheckin, Payload: payload}, nil
}

// DigestMessages are the messages of a digest: a direct message to every
// manager (in their language, when set) for the weekly digest, and one to
// each subscribed channel (in the team's language).
func DigestMessages(s Snapshot, p Period, subs []Subscription) ([]OutboxMessage, error) {
	d := Build(s, p, s.Team.Lang)
	platform := PlatformOf(s.Team.ID)
	type text struct{ lang, summary, details string }
	texts := map[string]text{d.Lang: {d.Lang, d.Summary, d.Details}}
	render := func(lang string) text {
		lang = goals.NormalizeLang(lang)
		if t, ok := texts[lang]; ok {
			return t
		}
		d.Render(lang)
		t := text{d.Lang, d.Summary, d.Details}
		texts[lang] = t
		return t
	}
	var out []OutboxMessage
	add := func(platform, channel, user string, t text) error {
		env := Envelope{Platform: platform, TeamID: s.Team.ID, Channel: channel, UserID: user,
			Reply: EnvReply{Lang: t.lang, Text: t.summary, Public: channel != ""}, Chart: d.Chart}
		if t.details != "" {
			env.Thread = []EnvReply{{Lang: t.lang, Text: t.details, Public: channel != ""}}
		}
		payload, err := env.Encode()
		if err != nil {
			return err
		}
		chat := channel
		if chat == "" {
			chat = user
		}
		out = append(out, OutboxMessage{TeamID: s.Team.ID, Platform: platform, Chat: chat, Kind: p.Kind, Period: p.Key, Payload: payload})
		return nil
	}
	if p.Kind == KindWeekly {
		for _, m := range s.Members {
			if !m.IsManager() {
				continue
			}
			lang := m.ReadLang()
			if lang == "" {
				lang = s.Team.Lang
			}
			if err := add(platform, "", m.UserID, render(lang)); err != nil {
				return nil, err
			}
		}
	}
	for _, sub := range subs {
		if sub.Kind != p.Kind {
			continue
		}
		if err := add(sub.Platform, sub.Channel, "", render(s.Team.Lang)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
