-- 0005: each log looks up the goals its author may log to: their own
-- (goals_team_state) or the team's. A partial index on the few team goals
-- lets SQLite answer "scope = 'team' OR owner = ?" from two index searches
-- instead of reading every goal of the team.
CREATE INDEX goals_team_scope ON goals (team_id, state) WHERE scope = 'team';

-- Most goals have no parent. A full index on parent_id holds one NULL key
-- per goal, and once ANALYZE has seen that, the planner judges
-- "parent_id = ?" unselective and scans the table for every split-parent
-- check. Indexing only the children keeps the statistics true.
DROP INDEX goals_parent;
CREATE INDEX goals_parent ON goals (parent_id) WHERE parent_id IS NOT NULL;
