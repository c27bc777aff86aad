-- 0006: teams that moved to a new id (a Telegram group that became a
-- supergroup). A message from the old chat handled after the move finds the
-- team at its new id instead of starting an empty team under the old one,
-- which a later move would then merge back over the real one.
CREATE TABLE team_moves (
    from_id TEXT    PRIMARY KEY CHECK (from_id <> ''),
    to_id   TEXT    NOT NULL CHECK (to_id <> '' AND to_id <> from_id),
    at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
