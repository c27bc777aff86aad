-- 0004: a team's holidays (`/goal settings holidays=...`): JSON text, an
-- array of {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} ranges, NULL when the
-- team has none. Holidays skip check-in reminders and the daily summary and
-- are not working days in progress figures and streaks.
ALTER TABLE teams ADD COLUMN holidays TEXT CHECK (holidays IS NULL OR json_valid(holidays));
