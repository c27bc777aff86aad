-- 0001: the goal tracker's core tables.
--
-- Conventions:
--   * STRICT tables: SQLite refuses a value of the wrong type instead of
--     silently storing it, so a bug shows up as an error, not as bad data.
--   * Local dates are TEXT 'YYYY-MM-DD': they sort and compare as dates.
--   * Instants are INTEGER unix nanoseconds (UTC): they sort exactly, which
--     RFC 3339 text with trimmed fractions does not.
--   * Every row that belongs to a team carries team_id, and every read
--     filters on it.

CREATE TABLE teams (
    id        TEXT    PRIMARY KEY CHECK (id <> ''),
    name      TEXT    NOT NULL DEFAULT '',
    tz        TEXT    NOT NULL DEFAULT '',
    lang      TEXT    NOT NULL DEFAULT '',
    daily_at  TEXT    NOT NULL DEFAULT '',
    weekly_at TEXT    NOT NULL DEFAULT '',
    workdays  INTEGER NOT NULL DEFAULT 0 CHECK (workdays BETWEEN 0 AND 127)
) STRICT;

CREATE TABLE members (
    team_id   TEXT    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id   TEXT    NOT NULL CHECK (user_id <> ''),
    name      TEXT    NOT NULL DEFAULT '',
    role      TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'manager')),
    tz        TEXT    NOT NULL DEFAULT '',
    lang      TEXT    NOT NULL DEFAULT '',
    remind_at TEXT    NOT NULL DEFAULT '',
    workdays  INTEGER NOT NULL DEFAULT 0 CHECK (workdays BETWEEN 0 AND 127),
    away_from TEXT,
    away_to   TEXT,
    PRIMARY KEY (team_id, user_id),
    CHECK ((away_from IS NULL) = (away_to IS NULL))
) STRICT, WITHOUT ROWID;

-- AUTOINCREMENT: a goal number users have seen ("#7") is never reused
-- for another goal.
CREATE TABLE goals (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    TEXT    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    owner      TEXT    NOT NULL CHECK (owner <> ''),
    scope      TEXT    NOT NULL CHECK (scope IN ('individual', 'team')),
    title      TEXT    NOT NULL CHECK (title <> ''),
    metric     TEXT    NOT NULL DEFAULT '',
    unit       TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL CHECK (kind IN ('total', 'level')),
    direction  TEXT    NOT NULL CHECK (direction IN ('increase', 'decrease')),
    baseline   REAL    NOT NULL,
    target     REAL    NOT NULL,
    stretch    REAL,
    start      TEXT    NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    deadline   TEXT    NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND deadline >= start),
    cadence    TEXT    NOT NULL DEFAULT '' CHECK (cadence IN ('', 'daily', 'weekly', 'monthly', 'quarterly')),
    steps      TEXT    CHECK (steps IS NULL OR json_valid(steps)),
    priority   INTEGER NOT NULL DEFAULT 0,
    parent_id  INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    tags       TEXT    CHECK (tags IS NULL OR json_valid(tags)),
    state      TEXT    NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'done', 'archived')),
    created_at INTEGER NOT NULL,
    -- Target of the logs' composite foreign key: a log can only point at a
    -- goal of its own team.
    UNIQUE (id, team_id)
) STRICT;

CREATE INDEX goals_team_state ON goals (team_id, state, owner);
CREATE INDEX goals_parent ON goals (parent_id);

CREATE TABLE logs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused after an undo
    goal_id  INTEGER NOT NULL,
    team_id  TEXT    NOT NULL,
    user_id  TEXT    NOT NULL CHECK (user_id <> ''),
    amount   REAL    NOT NULL,
    note     TEXT    NOT NULL DEFAULT '',
    at       INTEGER NOT NULL,
    day      TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    idem_key TEXT    CHECK (idem_key IS NULL OR idem_key <> ''),
    FOREIGN KEY (goal_id, team_id) REFERENCES goals (id, team_id) ON DELETE CASCADE
) STRICT;

-- A platform's retry carries the same key: one log per key and team.
CREATE UNIQUE INDEX logs_idem ON logs (team_id, idem_key) WHERE idem_key IS NOT NULL;
-- Stats, DailyTotals, Contributions: one goal, a day range, "newest" by
-- (day, at, id) read backwards from the index. Covering (amount, team_id,
-- user_id) so aggregates never touch the table: halves their time.
CREATE INDEX logs_goal_day ON logs (goal_id, day, at, id, amount, team_id, user_id);
-- UndoLastLog: a user's newest log in a team.
CREATE INDEX logs_team_user ON logs (team_id, user_id, id);

-- Conversation state; expires NULL means it never expires.
CREATE TABLE pending (
    team_id TEXT    NOT NULL,
    user_id TEXT    NOT NULL,
    kind    TEXT    NOT NULL CHECK (kind <> ''),
    data    BLOB    NOT NULL,
    expires INTEGER,
    PRIMARY KEY (team_id, user_id, kind)
) STRICT, WITHOUT ROWID;

CREATE INDEX pending_expires ON pending (expires) WHERE expires IS NOT NULL;

-- Platform event keys already acted on (redelivered events, button presses).
CREATE TABLE events (
    key TEXT    PRIMARY KEY CHECK (key <> ''),
    at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX events_at ON events (at);
