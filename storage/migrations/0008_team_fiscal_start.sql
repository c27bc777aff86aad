-- 0008: the month a team's fiscal year starts (`/goal settings fiscal=4`),
-- 1 (January) unless set. "本财年" / "this fiscal year" is read with it.
ALTER TABLE teams ADD COLUMN fiscal_start INTEGER NOT NULL DEFAULT 1 CHECK (fiscal_start BETWEEN 1 AND 12);
