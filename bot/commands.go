package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

func (e *Engine) registerBuiltins() {
	for _, c := range []*Command{
		{Name: "help", Aliases: []string{"帮助", "幫助", "?", "h"}, Handler: e.cmdHelp},
		{Name: "new", Aliases: []string{"新建", "create", "add", "创建", "建立"}, Help: "help_new", Handler: e.cmdNew},
		{Name: "smart", Aliases: []string{"分析"}, Help: "help_smart", Handler: e.cmdSmart},
		{Name: "list", Aliases: []string{"列表", "ls", "goals"}, Help: "help_list", Handler: e.cmdList},
		{Name: "log", Aliases: []string{"记录", "記錄", "记", "記"}, Help: "help_log", Handler: e.cmdLog},
		{Name: "undo", Aliases: []string{"撤销", "撤銷", "撤回"}, Help: "help_undo", Handler: e.cmdUndo},
		{Name: "edit", Aliases: []string{"修改", "set"}, Help: "help_edit", Handler: e.cmdEdit},
		{Name: "done", Aliases: []string{"完成"}, Help: "help_done", Handler: e.cmdDone},
		{Name: "archive", Aliases: []string{"归档", "歸檔", "封存"}, Help: "help_done", Handler: e.cmdArchive},
		{Name: "progress", Aliases: []string{"进度", "進度", "status"}, Help: "help_progress", Handler: e.cmdProgress},
		{Name: "team", Aliases: []string{"团队", "團隊"}, Help: "help_team", Handler: e.cmdTeam},
		{Name: "settings", Aliases: []string{"设置", "設定", "设定", "config"}, Help: "help_settings", Handler: e.cmdSettings},
		{Name: "role", Aliases: []string{"角色"}, Help: "help_team", Handler: e.cmdRole},
		{Name: "accept", Aliases: []string{"接受", "yes"}, Help: "help_new", Handler: e.cmdAccept},
		{Name: "start", Aliases: []string{"开始", "開始"}, Handler: e.cmdStart},
		{Name: "cancel", Aliases: []string{"取消"}, Handler: e.cmdCancel},
		{Name: "keep", Aliases: []string{"保持原样", "保持原樣"}, Help: "help_new", Handler: e.cmdKeep},
	} {
		e.Register(c)
	}
}

// refuse is a domain error for a reason, with message values.
func refuse(reason string, kv ...any) error {
	err := &goals.Error{Code: goals.EInvalid, Reason: reason}
	for i := 0; i+1 < len(kv); i += 2 {
		err = err.With(fmt.Sprint(kv[i]), kv[i+1])
	}
	return err
}

func (e *Engine) cmdHelp(_ context.Context, c *Call) (Reply, error) {
	if word, _ := splitWord(c.Args); word != "" {
		if cmd, ok := e.Lookup(word); ok && cmd.Help != "" {
			return Reply{Text: i18n.T(c.Lang, cmd.Help)}, nil
		}
	}
	return Reply{Text: i18n.T(c.Lang, "help")}, nil
}

// parseGoalID reads a leading "#12" from s.
func parseGoalID(s string) (id int64, rest string, ok bool) {
	word, rest := splitWord(s)
	if !strings.HasPrefix(word, "#") && !strings.HasPrefix(word, "＃") {
		return 0, s, false
	}
	w := strings.TrimPrefix(strings.TrimPrefix(word, "#"), "＃")
	if w == "" || len(w) > 12 {
		return 0, s, false
	}
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || n <= 0 {
		return 0, s, false
	}
	return n, rest, true
}

func (e *Engine) cmdList(ctx context.Context, c *Call) (Reply, error) {
	f := goals.GoalFilter{TeamID: c.Actor.Team.ID, States: []goals.State{goals.StateActive, goals.StateDone, goals.StateArchived}}
	arg := strings.TrimSpace(c.Args)
	header := i18n.T(c.Lang, "list_header")
	public := false
	switch {
	case isTeamWord(arg):
		sc := goals.ScopeTeam
		f.Scope = &sc
		header = i18n.T(c.Lang, "list_header_team")
		public = true
	case arg != "":
		m, err := e.resolveUser(ctx, c, arg)
		if err != nil {
			return Reply{}, err
		}
		f.Owner = &m.UserID
		header = i18n.T(c.Lang, "list_header_user", "user", displayName(m))
	}
	gs, err := e.svc.Store.Goals(ctx, f)
	if err != nil {
		return Reply{}, fmt.Errorf("list goals: %w", err)
	}
	if f.Scope == nil && f.Owner == nil {
		// Mine: my individual goals and the team's goals.
		var mine []goals.Goal
		for _, g := range gs {
			if g.Owner == c.Actor.Member.UserID || g.Scope == goals.ScopeTeam {
				mine = append(mine, g)
			}
		}
		gs = mine
	}
	sortGoals(gs)
	if len(gs) == 0 {
		return Reply{Text: i18n.T(c.Lang, "list_empty"), Public: public}, nil
	}
	views, err := e.figures(ctx, c, gs)
	if err != nil {
		return Reply{}, err
	}
	lines := listSections(views, header, c.Lang)
	return Reply{Text: strings.Join(lines, "\n"), Goals: views, Public: public}, nil
}

func isTeamWord(s string) bool {
	switch strings.ToLower(s) {
	case "team", "团队", "團隊", "全部", "all":
		return true
	}
	return false
}

// resolveUser finds a member of the caller's team from "@alice", "@U123"
// or a plain id or name (adapters turn platform mentions into "@id").
func (e *Engine) resolveUser(ctx context.Context, c *Call, s string) (goals.Member, error) {
	ref := strings.TrimPrefix(strings.TrimSpace(s), "@")
	if ref == "" {
		return goals.Member{}, refuse("need_user")
	}
	if m, err := e.svc.Store.Member(ctx, c.Actor.Team.ID, ref); err == nil {
		return m, nil
	}
	ms, err := e.svc.Store.Members(ctx, c.Actor.Team.ID)
	if err != nil {
		return goals.Member{}, fmt.Errorf("members: %w", err)
	}
	for _, m := range ms {
		if strings.EqualFold(m.Name, ref) {
			return m, nil
		}
	}
	return goals.Member{}, (&goals.Error{Code: goals.ENotFound, Reason: "member_not_found"}).With("user", clip(s, 40))
}

func displayName(m goals.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.UserID
}

// --- log ------------------------------------------------------------------

// logIntent is a parsed log command.
type logIntent struct {
	ref  goals.GoalRef
	amt  goals.Amount
	note string
}

// parseLog reads "[#id|name] <amount> [note]". The goal may be named before
// the amount ("revenue 1.2k"), or by a metric word after it ("3 demos").
func (e *Engine) parseLog(ctx context.Context, c *Call, text string) (logIntent, error) {
	var li logIntent
	rest := strings.TrimSpace(text)
	if id, r, ok := parseGoalID(rest); ok {
		li.ref.ID, rest = id, r
	}
	amt, start, end, err := goals.ReadLogAmount(rest)
	if goals.ErrorReason(err) == "missing_amount" {
		return li, whyNoAmount(rest)
	} else if err != nil {
		return li, err // negative, a range, a limit, or a question: 1.2 or 12?
	}
	if start > 0 {
		prev := strings.TrimRight(rest[:start], " ")
		if strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "−") || strings.HasSuffix(prev, "－") {
			return li, refuse("negative_amount")
		}
	}
	if err := goals.CheckAmount(amt.Value); err != nil {
		return li, err
	}
	li.amt = amt
	before := strings.TrimSpace(rest[:start])
	after := strings.TrimSpace(rest[end:])
	if li.ref.ID != 0 {
		li.note = strings.TrimSpace(before + " " + after)
		return li, nil
	}
	// A metric the lexicon knows, anywhere around the amount, names the goal.
	if m, ms, me, ok := goals.LookupMetric(after); ok && ms <= 6 {
		li.ref.Words = m.Key
		li.note = strings.TrimSpace(after[me:])
		return li, nil
	}
	if m, _, _, ok := goals.LookupMetric(before); ok {
		li.ref.Words = m.Key
		li.note = after
		return li, nil
	}
	if before != "" && !c.Req.Direct {
		li.ref.Words = before
		li.note = after
		return li, nil
	}
	if c.Req.Direct {
		// Plain language: the SMART analyser reads what the sentence is
		// about ("今天卖了1.2万" is takings, "20 pushups" the user's own
		// noun). The words must then name a goal, or the user is asked.
		if words := plainMetric(c, rest); words != "" {
			li.ref.Words = words
			li.note = strings.TrimSpace(before + " " + after)
			return li, nil
		}
	}
	// An own noun right after the amount ("20 pushups") names the goal only
	// when one of the user's goals is called that; otherwise it is a note.
	word, tail := splitWord(after)
	if word != "" {
		cands, err := e.svc.LoggableGoals(ctx, c.Actor)
		if err != nil {
			return li, err
		}
		if len(goals.MatchGoals(cands, word)) > 0 {
			li.ref.Words = word
			li.note = tail
			return li, nil
		}
	}
	li.note = after
	if c.Req.Direct && before != "" {
		li.note = strings.TrimSpace(before + " " + after)
	}
	return li, nil
}

// plainMetric is the metric a plain-language log is about when no KPI word
// stands by the amount: money after a selling verb is revenue, a noun the
// number counts is the user's own metric. "" when the sentence names none.
// A money metric needs a money amount: "卖了5件" is pieces, not yuan.
func plainMetric(c *Call, text string) string {
	an := goals.Analyze(text, goals.AnalyzeOptions{Now: c.now, Loc: c.Actor.Team.Location(), Lang: c.Lang, Dates: c.Actor.Team.DateOptions()})
	if an.Metric == "" {
		return ""
	}
	if m, ok := goals.MetricByKey(an.Metric); ok && m.Unit == "currency" && !goals.IsCurrency(an.Unit) {
		return ""
	}
	return an.Metric
}

// whyNoAmount explains why no amount was found: the first word with a digit
// says whether it was negative, too large or unreadable.
func whyNoAmount(s string) error {
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsDigit) < 0 {
			continue
		}
		if _, err := goals.ParseAmount(w); err != nil {
			return err
		}
		return refuse("bad_amount")
	}
	return refuse("missing_amount")
}

func (e *Engine) cmdLog(ctx context.Context, c *Call) (Reply, error) {
	li, err := e.parseLog(ctx, c, c.Args)
	if err != nil {
		return e.fail(c.Lang, withAmount(err, c.Args)), nil
	}
	return e.doLog(ctx, c, li)
}

// withAmount adds the typed amount to "which goal" questions; an error that
// already quotes what the user wrote (a range, a limit) keeps its quote.
func withAmount(err error, text string) error {
	if de, ok := err.(*goals.Error); ok {
		if _, has := de.Args["amount"]; has {
			return de
		}
		if a, _, _, ok := goals.FindAmount(text); ok {
			return de.With("amount", a.Raw)
		}
		return de.With("amount", "1")
	}
	return err
}

func (e *Engine) doLog(ctx context.Context, c *Call, li logIntent) (Reply, error) {
	g, err := e.svc.ResolveForLog(ctx, c.Actor, li.ref, li.amt.Unit)
	if err != nil {
		return e.fail(c.Lang, withAmount(err, li.amt.Raw)), nil
	}
	return e.logTo(ctx, c, g, li)
}

// logTo writes the log to a goal already resolved and answers with its figures.
func (e *Engine) logTo(ctx context.Context, c *Call, g goals.Goal, li logIntent) (Reply, error) {
	if li.amt.Value == 0 && g.Kind != goals.KindLevel {
		// Logging 0 adds nothing; most likely a slip (or a wish to undo).
		return e.fail(c.Lang, refuse("zero_amount", "id", g.ID)), nil
	}
	li.note = cleanNote(li.note, g)
	_, inserted, f, err := e.svc.AddLog(ctx, c.Actor, g, li.amt, li.note, c.Req.Key)
	if err != nil {
		return Reply{}, err
	}
	v := ViewOf(f)
	var lines []string
	switch {
	case !inserted:
		lines = append(lines, i18n.T(c.Lang, "logged_dup"))
	case g.Kind == goals.KindLevel:
		lines = append(lines, i18n.T(c.Lang, "logged_reading",
			"amount", Amount(li.amt.Value, g.Unit, c.Lang), "percent", Pct(v.Percent),
			"baseline", Amount(g.Baseline, g.Unit, c.Lang), "target", Amount(g.Target, g.Unit, c.Lang),
			"status", StatusText(v.Status, c.Lang)))
	default:
		lines = append(lines, i18n.T(c.Lang, "logged",
			"amount", AmountWithMetric(li.amt.Value, g, c.Lang),
			"current", Amount(v.Current, g.Unit, c.Lang), "target", Amount(v.Target, g.Unit, c.Lang), "percent", Pct(v.Percent),
			"status", StatusText(v.Status, c.Lang)))
	}
	if l := paceLine(v, c.Lang); l != "" {
		lines = append(lines, l)
	}
	lines = append(lines, whyLines(v, c.Lang)...)
	return Reply{
		Text:    strings.Join(lines, "\n"),
		Goals:   []GoalView{v},
		Buttons: AfterLogButtons(v, c.Lang),
	}, nil
}

// quickLogButton logs 1 to goal id with one press.
func quickLogButton(id int64, lang string) Button {
	return Button{Action: ActQuickLog, Label: i18n.T(lang, "btn_log_one"), Value: fmt.Sprintf("%d:1", id)}
}

// paceLine is "Need 2.8/day for the remaining 6 working days." when the goal is not yet met.
func paceLine(v GoalView, lang string) string {
	if v.Status == goals.StatusAchieved || v.Status == goals.StatusMissed || v.RequiredRate <= 0 {
		return ""
	}
	per := i18n.T(lang, "per_"+v.RequiredPer)
	rate := Amount(v.RequiredRate, v.Unit, lang)
	if v.RequiredPer == "day" {
		days := v.RemainingDays
		if days <= 0 {
			days = 1
		}
		return i18n.T(lang, "need_rate", "rate", rate, "per", per, "days", i18n.N(lang, "n_working_days", float64(days)))
	}
	return i18n.T(lang, "need_rate_long", "rate", rate, "per", per, "deadline", v.PeriodEnd.String())
}

func (e *Engine) cmdUndo(ctx context.Context, c *Call) (Reply, error) {
	l, g, err := e.svc.Undo(ctx, c.Actor)
	if err != nil {
		return e.fail(c.Lang, err), nil
	}
	v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
	if err != nil {
		return Reply{}, err
	}
	at := l.At.In(goals.Zone(c.Actor.Team, c.Actor.Member)).Format("2006-01-02 15:04") // the user's own clock
	return Reply{
		Text: i18n.T(c.Lang, "undone", "amount", AmountWithMetric(l.Amount, g, c.Lang), "id", g.ID,
			"title", clipTitle(g.Title, 60), "at", at, "current", Amount(v.Current, g.Unit, c.Lang),
			"target", Amount(v.Target, g.Unit, c.Lang), "percent", Pct(v.Percent)),
		Goals: []GoalView{v},
	}, nil
}

// cmdStart onboards: what the bot does, three examples, the time zone.
func (e *Engine) cmdStart(_ context.Context, c *Call) (Reply, error) {
	tz := c.Actor.Member.TZ
	if tz == "" {
		tz = c.Actor.Team.TZ
	}
	return Reply{Text: i18n.T(c.Lang, "start", "user", displayName(c.Actor.Member), "tz", tz)}, nil
}

// cmdCancel drops a dialogue or proposal in progress.
func (e *Engine) cmdCancel(ctx context.Context, c *Call) (Reply, error) {
	if err := e.dropProposal(ctx, c); err != nil {
		return Reply{}, fmt.Errorf("cancel: %w", err)
	}
	return Reply{Text: i18n.T(c.Lang, "dialogue_cancelled")}, nil
}
