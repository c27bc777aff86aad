-- 0009: languages the bot infers rather than is told.
--   members.seen_lang: the language the member has been writing in, so a
--   reply to "/goal log #1 1" (no word of any language) stays in it.
--   teams.lang_set = 1: the team's language was set (team_lang=); until
--   then teams.lang follows its managers' (or most members') language, so
--   scheduled digests match what the team reads.
ALTER TABLE members ADD COLUMN seen_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE teams ADD COLUMN lang_set INTEGER NOT NULL DEFAULT 0 CHECK (lang_set IN (0, 1));
-- A team that already reads another language than the default keeps it:
-- it was set (team_lang=) or chosen for the host (GOALBOT_LANG).
UPDATE teams SET lang_set = 1 WHERE lang NOT IN ('', 'en');
