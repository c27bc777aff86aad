-- 0003: reminders and digests (package reminders): channel subscriptions,
-- the exactly-once claims of scheduled sends, the outbox the delivery worker
-- drains, and the scheduler's watermark.

-- A channel or group that gets a team's daily summary or weekly digest
-- (`/goal digest weekly here`).
CREATE TABLE subscriptions (
    team_id    TEXT    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    platform   TEXT    NOT NULL CHECK (platform <> ''),
    channel    TEXT    NOT NULL CHECK (channel <> ''),
    kind       TEXT    NOT NULL CHECK (kind IN ('daily', 'weekly')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, platform, channel, kind)
) STRICT, WITHOUT ROWID;

-- One row per scheduled send that happened: (team, kind, period) for the
-- digests, with subject = user id for per-member reminders. The primary key
-- is the exactly-once guarantee: the claim and the outbox rows it produces
-- are written in one transaction, so a period is either claimed with its
-- messages queued or not at all.
CREATE TABLE claims (
    team_id    TEXT    NOT NULL CHECK (team_id <> ''),
    kind       TEXT    NOT NULL CHECK (kind <> ''),
    period     TEXT    NOT NULL CHECK (period <> ''),
    subject    TEXT    NOT NULL DEFAULT '',
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, kind, period, subject)
) STRICT, WITHOUT ROWID;

CREATE INDEX claims_at ON claims (claimed_at);

-- Every message the bot sends on its own. payload is the rendered message
-- (JSON owned by package reminders). Delivery: pending → sent, or failed
-- after too many attempts (listed by `goalbot doctor`).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id         TEXT    NOT NULL,
    platform        TEXT    NOT NULL CHECK (platform <> ''),
    chat            TEXT    NOT NULL CHECK (chat <> ''),
    kind            TEXT    NOT NULL DEFAULT '',
    period          TEXT    NOT NULL DEFAULT '',
    payload         BLOB    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
) STRICT;

-- The head of each chat's queue (messages to one chat go out in order).
CREATE INDEX outbox_queue ON outbox (platform, chat, id) WHERE status = 'pending';
CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
CREATE INDEX outbox_done ON outbox (done_at) WHERE status <> 'pending';

-- How far the scheduler has looked: start-up catches up from here.
CREATE TABLE scheduler_marks (
    name TEXT    PRIMARY KEY CHECK (name <> ''),
    at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
