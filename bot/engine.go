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

// Commands lists the registered commands in help order.
func (e *Engine) Commands() []*Command { return append([]*Command(nil), e.list...) }

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
	if w := writtenLang(req.Text); req.Action == nil && w != "" {
		// What they write in is remembered for replies to text that has no language.
		seen := resolveChinese(w, actor.Member, req, actor.Team)
		if actor, err = e.svc.RememberLang(ctx, actor, seen); err != nil {
			return e.fail(lang, e.internal(err, req))
		}
	}
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
		if w, slash := strings.CutPrefix(word, "/"); slash {
			if _, known := e.Lookup(w); known {
				word = w // "/list" in the terminal is /goal list
			}
		}
		cmd, ok := e.Lookup(word)
		switch {
		case word == "":
			cmd, _ = e.Lookup("help")
		case !ok && (req.Slash || !req.Direct || strings.HasPrefix(word, "/")):
			// A command's place: a typo is pointed out, never read as a log.
			if s := e.didYouMean(word, rest); s != "" {
				return e.fail(lang, refuse("unknown_command", "cmd", clip(word, 30), "suggestion", s, msgKey, "did_you_mean"))
			}
			return e.fail(lang, (&goals.Error{Code: goals.EInvalid, Reason: "unknown_command"}).With("cmd", clip(word, 30)))
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

// didYouMean is the command the user probably meant by word ("progres" →
// "/goal progress #1", "/gaol" → "/goal list"), with the rest of what they
// typed; "" when no command is near enough.
func (e *Engine) didYouMean(word, rest string) string {
	join := func(parts ...string) string { return strings.TrimSpace(strings.Join(parts, " ")) }
	if w, slash := strings.CutPrefix(word, "/"); slash {
		// "/gaol list": the slash command itself is misspelled.
		if c := closest(w, []string{"goal", "log"}); c != "" {
			return join("/"+c, rest)
		}
		word = w
	}
	if c := closest(word, e.commandNames()); c != "" {
		return join("/goal", c, rest)
	}
	return ""
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

// msgKey, among a refusal's values, names the catalog sentence to show
// instead of its reason's, when the code (the contract) stays the same:
// a negative edit is still negative_amount, a typo still unknown_command.
const msgKey = "_msg"

// fail renders a refusal: the reason's sentence, with the values it names.
func (e *Engine) fail(lang string, err error) Reply {
	var de *goals.Error
	if !errors.As(err, &de) {
		de = &goals.Error{Code: goals.EInternal, Reason: "internal"}
	}
	key := de.Reason
	if k, ok := de.Args[msgKey].(string); ok && i18n.Has(k) {
		key = k // a sharper sentence for the same refusal code
	}
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
			if k == "cmd" && de.Reason == "need_goal_id" {
				v = e.cmdWord(fmt.Sprint(v), lang) // `/goal 修改 #3` in Chinese
			}
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

// cmdWord is the command name as lang's users type it: the English name,
// or its Chinese alias in lang's script (修改, 进度 / 進度).
func (e *Engine) cmdWord(name, lang string) string {
	c, ok := e.Lookup(name)
	if !ok || !goals.IsChinese(lang) {
		return name
	}
	neutral := ""
	for _, a := range c.Aliases {
		if !goals.HasHan(a) {
			continue
		}
		switch goals.ChineseScript(a) {
		case lang:
			return a
		case "":
			if neutral == "" {
				neutral = a
			}
		}
	}
	if neutral != "" {
		return neutral
	}
	return name
}

// goalList is one goal a line, whole titles (a long one cut at a word).
func goalList(gs []goals.Goal) string {
	var b strings.Builder
	for i, g := range gs {
		if i == 5 {
			b.WriteString("\n• …")
			break
		}
		fmt.Fprintf(&b, "\n• #%d %s", g.ID, clipTitle(g.Title, 60))
	}
	return b.String()
}

// clipTitle shortens a title to about n characters at a word boundary (a
// space, or beside a Han character; never inside a number or a Latin word),
// ending it with "…"; a title without any boundary is cut at n.
func clipTitle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > 0 && !boundary(r, cut) {
		cut--
	}
	if cut == 0 {
		cut = n
	}
	return strings.TrimRight(string(r[:cut]), " ,，、:：-–(（") + "…"
}

// boundary reports whether a cut between r[i-1] and r[i] splits no word or number.
func boundary(r []rune, i int) bool {
	a, b := r[i-1], r[i]
	latin := func(x rune) bool {
		return x < 0x2E80 && (unicode.IsLetter(x) || unicode.IsDigit(x) || strings.ContainsRune(".,%$¥€£", x))
	}
	switch {
	case unicode.IsSpace(a) || unicode.IsSpace(b):
		return true
	case latin(a) && latin(b):
		return false // "4.5%", "$115,000", "demos"
	case unicode.IsDigit(a) && strings.ContainsRune("万萬千亿億", b):
		return false // "90萬"
	}
	return true
}

// pickLang is the reply language: the member's set language; else the
// language this text is written in (its script tells zh-TW from zh-CN, and
// Han text either script could write keeps the Chinese the member has been
// using); else the language the member has been writing in; then the
// platform's locale, the team's language, English. A command word, an id or
// a number says nothing of the user's language, so they never switch it.
func pickLang(req Request, m goals.Member, t goals.Team) string {
	if m.Lang != "" {
		return m.Lang
	}
	if req.Action == nil {
		if w := writtenLang(req.Text); w != "" {
			return resolveChinese(w, m, req, t)
		}
	}
	for _, l := range []string{m.SeenLang, goals.NormalizeLang(req.LangHint), t.Lang} {
		if l != "" {
			return l
		}
	}
	return i18n.EN
}

// langZh is writtenLang's "Chinese, either script".
const langZh = "zh"

// resolveChinese turns langZh into a script: the one the member has been
// using, else the platform's, else the team's, else Simplified.
func resolveChinese(w string, m goals.Member, req Request, t goals.Team) string {
	if w != langZh {
		return w
	}
	for _, l := range []string{m.SeenLang, goals.NormalizeLang(req.LangHint), t.Lang} {
		if goals.IsChinese(l) {
			return l
		}
	}
	return i18n.ZhCN
}

// writtenLang is the language text shows it is written in: zh-TW or zh-CN
// by script, langZh for Han text both scripts write alike, en for English
// words beyond the command's own vocabulary; "" when it shows none ("log #1
// 1", "split #4 by month", "list team").
func writtenLang(text string) string {
	if goals.HasHan(text) {
		if l := goals.ChineseScript(text); l != "" {
			return l
		}
		return langZh
	}
	words := 0
	for _, orig := range strings.Fields(text) {
		w := strings.ToLower(orig)
		if strings.ContainsAny(w, "=@#/`") || commandVocabulary[strings.Trim(w, ".,;:!?()\"'")] ||
			strings.ToUpper(orig) == orig { // EU, APAC, VIP, SKU: codes, not prose
			continue
		}
		letters := 0
		for _, r := range w {
			if r < 0x80 && unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 && letters*2 >= len(w) {
			words++
		}
	}
	if words >= 2 {
		return i18n.EN
	}
	return ""
}

// commandVocabulary is syntax, not prose: command names, their arguments,
// and the unit words any language's user types after a number.
var commandVocabulary = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`help new smart list ls goals log undo edit set done archive progress status
		team settings config role accept yes start cancel keep digest split export dashboard breakeven
		by here off daily weekly monthly quarterly all me manager member members quarter month week year
		region channel product customer target baseline deadline title stretch cadence priority steps none
		demo demos call calls deal deals email emails lead leads k w`) {
		commandVocabulary[w] = true
	}
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

// goalTextLang is the language of text the bot writes into goals (a split's
// children, a break-even goal): the whole team reads it in lists and
// digests, so it is the team's language, not this member's.
func goalTextLang(c *Call) string {
	if c.Actor.Team.Lang != "" {
		return c.Actor.Team.Lang
	}
	return c.Lang
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
