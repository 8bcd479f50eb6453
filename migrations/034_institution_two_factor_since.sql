-- 034_institution_two_factor_since: since when an institution requires two-factor sign-in.
--
-- institutions.otp_enabled (the original's) says that an institution's users must sign in with a second factor;
-- the new otp_required_since says since when, so a user who has not turned two-factor sign-in on yet gets a grace
-- period counted from that moment (users.grace_period, the original's per-user date, wins when set). Turning
-- otp_enabled on sets it, turning it off clears it. An institution that already requires it when this file runs
-- counts from now: its users get the whole grace period to enrol.
--
-- Idempotency: ADD COLUMN IF NOT EXISTS; the data step fills only NULLs.
INSERT INTO schema_migrations (version, started_at) VALUES ('034_institution_two_factor_since', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE institutions ADD COLUMN IF NOT EXISTS otp_required_since timestamp;

UPDATE institutions SET otp_required_since = now() AT TIME ZONE 'UTC'
 WHERE otp_enabled AND otp_required_since IS NULL;

UPDATE schema_migrations SET finished_at = now() WHERE version = '034_institution_two_factor_since';
