-- A daily roll-up of logs per goal, kept in step with logs by the write
-- path (AddLog adds, UndoLastLog recomputes the day). Stats, daily totals
-- and digests read it, so their cost grows with days, not with logs.
CREATE TABLE log_days (
    goal_id INTEGER NOT NULL,
    team_id TEXT    NOT NULL,
    day     TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    total   REAL    NOT NULL,
    n       INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (goal_id, day),
    FOREIGN KEY (goal_id, team_id) REFERENCES goals (id, team_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

INSERT INTO log_days (goal_id, team_id, day, total, n)
SELECT goal_id, team_id, day, TOTAL(amount), COUNT(*) FROM logs GROUP BY goal_id, team_id, day;

-- With sums read from log_days, the logs index no longer needs to cover
-- amount and user: a narrower index is cheaper on every insert.
DROP INDEX logs_goal_day;
CREATE INDEX logs_goal_day ON logs (goal_id, day, at, id);
