package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/goalbot/goalbot/bot/i18n"
	"github.com/goalbot/goalbot/goals"
)

// Engine turns requests into replies. It is safe for concurrent use: all
// state lives in the store.
type Engine struct {
	svc   *goals.Service
	coach goals.Coach
	log   *slog.Logger
	cmds  map[string]*Command // by name and alias
	chart ProgressChart       // nil: no picture in /goal progress
	list  []*Command          // in help order
	// Observe, when set, is told of every handled request (metrics).
	Observe func(platform, cmd, outcome string, d time.Duration)
}

// Option configures an Engine.
type Option func(*Engine)

// WithCoach sets the SMART coach (default: the offline analyser).
func WithCoach(c goals.Coach) Option { return func(e *Engine) { e.coach = c } }

// ProgressChart draws a goal's history as a PNG for /goal progress (nil, nil:
// nothing to draw). It is injected so the engine stays free of drawing code.
type ProgressChart func(g goals.Goal, days []goals.DayTotal, today goals.Date) ([]byte, error)

// WithProgressChart attaches a history picture to /goal progress replies.
func WithProgressChart(f ProgressChart) Option { return func(e *Engine) { e.chart = f } }

// WithLogger sets the logger (default: slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// NewEngine builds the engine with every built-in command registered.
func NewEngine(svc *goals.Service, opts ...Option) *Engine {
	e := &Engine{svc: svc, coach: goals.OfflineCoach{}, log: slog.Default(), cmds: map[string]*Command{}}
	for _, o := range opts {
		o(e)
	}
	e.registerBuiltins()
	e.registerTeamCommands()
	return e
}

// Service is the domain service the engine uses (adapters and schedulers
// share it so they see the same clock and store).
func (e *Engine) Service() *goals.Service { return e.svc }

// Call is one command being handled.
type Call struct {
	Req   Request
	Actor goals.Actor
	Lang  string
	Cmd   string // canonical command name
	Args  string // text after the command word
	now   time.Time
}

// Today is the current date in the caller's own zone (their tz setting, else the team's).
func (c *Call) Today() goals.Date {
	return goals.DateIn(c.now, goals.Zone(c.Actor.Team, c.Actor.Member))
}

// Now is the instant the call is handled at.
func (c *Call) Now() time.Time { return c.now }

// HandlerFunc answers one command. Returning an error turns it into a
// refusal in the user's language; nothing should be written before it.
type HandlerFunc func(ctx context.Context, c *Call) (Reply, error)

// Command is a subcommand of /goal.
type Command struct {
	Name    string
	Aliases []string // Chinese and other names
	Help    string   // catalog key of the detailed help
	Handler HandlerFunc
}

// Register adds a command. Later packages (digests, splits) add theirs
// through cmd wiring; a name already taken is replaced.
func (e *Engine) Register(c *Command) {
	if _, ok := e.cmds[c.Name]; !ok {
		e.list = append(e.list, c)
	}
	e.cmds[c.Name] = c
	for _, a := range c.Aliases {
		e.cmds[strings.ToLower(a)] = c
	}
}

// Lookup finds a command by name or alias.
func (e *Engine) Lookup(name string) (*Command, bool) {
	c, ok := e.cmds[strings.ToLower(name)]
	return c, ok
}

// Handle answers one request. It never panics and never returns an internal
// error text to the user: failures become a clear message in their language.
func (e *Engine) Handle(ctx context.Context, req Request) (rep Reply) {
	start := time.Now()
	cmdName := "unknown"
	lang := pickLang(req, goals.Member{}, goals.Team{})
	defer func() {
		if p := recover(); p != nil {
			e.log.Error("panic in command", "platform", req.Platform, "team", req.TeamID, "cmd", cmdName, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			rep = e.fail(lang, goals.Errorf(goals.EInternal, "internal", "panic"))
		}
		if e.Observe != nil {
			outcome := "ok"
			if !rep.OK && rep.Error != nil {
				outcome = rep.Error.Code
			}
			e.Observe(req.Platform, cmdName, outcome, time.Since(start))
		}
	}()

	if len(req.Text) > goals.MaxInputLen {
		return e.fail(lang, &goals.Error{Code: goals.EInvalid, Reason: "input_too_long"})
	}
	actor, err := e.svc.Enter(ctx, goals.Team{ID: req.TeamID, Name: req.TeamName},
		goals.Member{UserID: req.UserID, Name: req.UserName, Role: req.RoleHint, TZ: req.TZHint, Lang: ""})
	if err != nil {
		return e.fail(lang, e.internal(err, req))
	}
	lang = pickLang(req, actor.Member, actor.Team)
	c := &Call{Req: req, Actor: actor, Lang: lang, now: e.svc.Now()}

	var h HandlerFunc
	if req.Action != nil {
		cmdName = "action:" + req.Action.ID
		h = e.handleAction
	} else {
		text := strings.TrimSpace(stripControl(req.Text))
		if req.Command == "log" {
			text = "log " + text
		}
		word, rest := splitWord(text)
		cmd, ok := e.Lookup(word)
		switch {
		case word == "":
			cmd, _ = e.Lookup("help")
		case !ok && req.Direct:
			cmdName = "plain"
			c.Args = text
			h = e.plainLanguage
		case !ok:
			return e.fail(lang, (&goals.Error{Code: goals.EInvalid, Reason: "unknown_command"}).With("cmd", clip(word, 30)))
		}
		if h == nil {
			cmdName = cmd.Name
			c.Cmd, c.Args = cmd.Name, rest
			h = cmd.Handler
		}
	}
	rep, err = h(ctx, c)
	if err != nil {
		return e.fail(c.Lang, e.internal(err, req))
	}
	rep.OK = rep.Error == nil
	rep.Lang = c.Lang // a settings change may have switched it
	if rep.Goals == nil {
		rep.Goals = []GoalView{}
	}
	if rep.Buttons == nil {
		rep.Buttons = []Button{}
	}
	return rep
}

// internal logs unexpected errors and replaces them with a generic one;
// domain errors pass through to be shown.
func (e *Engine) internal(err error, req Request) error {
	var de *goals.Error
	if errors.As(err, &de) && de.Code != goals.EInternal {
		return de
	}
	e.log.Error("command failed", "platform", req.Platform, "team", req.TeamID, "user", req.UserID, "err", err)
	return &goals.Error{Code: goals.EInternal, Reason: "internal"}
}

// fail renders a refusal: the reason's sentence, with the values it names.
func (e *Engine) fail(lang string, err error) Reply {
	var de *goals.Error
	if !errors.As(err, &de) {
		de = &goals.Error{Code: goals.EInternal, Reason: "internal"}
	}
	key := de.Reason
	if !i18n.Has(key) {
		key = de.Code
		if !i18n.Has(key) {
			key = "invalid"
		}
	}
	args := []any{}
	for k, v := range de.Args {
		switch x := v.(type) {
		case []goals.Goal:
			args = append(args, k, goalList(x), "list", goalList(x))
			if len(x) > 0 {
				args = append(args, "first", x[0].ID)
			}
		default:
			args = append(args, k, fmt.Sprint(v))
		}
	}
	msg := i18n.T(lang, key, args...)
	code := de.Reason
	if code == "" {
		code = de.Code
	}
	return Reply{OK: false, Lang: lang, Text: msg, Goals: []GoalView{}, Buttons: []Button{},
		Error: &ReplyError{Code: code, Message: msg}}
}

func goalList(gs []goals.Goal) string {
	parts := make([]string, 0, len(gs))
	for i, g := range gs {
		if i == 5 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("#%d %s", g.ID, clip(g.Title, 40)))
	}
	return strings.Join(parts, ", ")
}

// pickLang: Chinese script in the text decides between English and Chinese;
// a stored setting refines it (zh-CN vs zh-TW is hard to tell from a few
// characters) and decides for Latin-only text; then the platform's locale,
// then the team's default.
func pickLang(req Request, m goals.Member, t goals.Team) string {
	detected := goals.DetectLang(req.Text)
	if goals.IsChinese(detected) {
		if goals.IsChinese(m.Lang) {
			return m.Lang
		}
		return detected
	}
	if hasLetters(req.Text) && m.Lang == "" && req.Action == nil && !looksLikeCommandOnly(req.Text) {
		// Latin text typed by someone with no setting: answer in English.
		return i18n.EN
	}
	for _, l := range []string{m.Lang, goals.NormalizeLang(req.LangHint), t.Lang} {
		if l != "" {
			return l
		}
	}
	return i18n.EN
}

// looksLikeCommandOnly: "list", "undo", "#3" carry no sign of the user's language.
func looksLikeCommandOnly(s string) bool {
	return len(strings.Fields(s)) <= 2
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// splitWord cuts the first word (by space) off s.
func splitWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// stripControl removes control and bidi characters but keeps newlines as spaces.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f':
			return -1
		}
		return r
	}, s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// figures computes the views of goals for a reply.
func (e *Engine) figures(ctx context.Context, c *Call, gs []goals.Goal) ([]GoalView, error) {
	views := make([]GoalView, 0, len(gs))
	for _, g := range gs {
		v, err := e.view(ctx, c.Actor.Team, g, c.Actor.Member.Workdays)
		if err != nil {
			return nil, err
		}
		views = append(views, v)
	}
	return views, nil
}

func (e *Engine) view(ctx context.Context, t goals.Team, g goals.Goal, wd goals.Weekdays) (GoalView, error) {
	f, err := e.svc.Figures(ctx, t, g, wd)
	if err != nil {
		return GoalView{}, err
	}
	return ViewOf(f), nil
}

// sortGoals orders goals for lists: priority (sequence goals) first, then id.
func sortGoals(gs []goals.Goal) {
	sort.SliceStable(gs, func(i, j int) bool {
		pi, pj := gs[i].Priority, gs[j].Priority
		if (pi == 0) != (pj == 0) {
			return pi != 0
		}
		if pi != pj {
			return pi < pj
		}
		return gs[i].ID < gs[j].ID
	})
}
