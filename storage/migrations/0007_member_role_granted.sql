-- 0007: where a manager's role came from. role_granted = 1: given with
-- `/goal role @user manager` (or set before this migration), kept whatever
-- the platform says. 0: from the platform (a Telegram group administrator,
-- a Slack workspace admin), and taken back when the platform says the user
-- is no longer one, so a demoted group admin cannot still export the
-- team's data or edit its goals.
ALTER TABLE members ADD COLUMN role_granted INTEGER NOT NULL DEFAULT 0 CHECK (role_granted IN (0, 1));
UPDATE members SET role_granted = 1 WHERE role = 'manager';
