-- 035_two_factor_sign_in: the second factor of a sign-in, and backup codes.
--
-- A sign-in of a user with two-factor sign-in on (users.enabled_two_factor and confirmed_two_factor, the
-- original's columns) starts as a session awaiting its second factor: web_sessions.awaiting_second_factor is true
-- until a code is verified, and such a session opens nothing but the second-factor pages. Per session, so one
-- browser's half-finished sign-in never lets another in (the original kept one flag per user).
-- sms_code_hash / sms_code_expires_at: a code texted for this sign-in (bcrypt, 15 minutes, one use).
-- pending_otp_secret: an authenticator secret being enrolled in this session, encrypted like
-- users.encrypted_otp_secret, until the user confirms it with a code.
-- user_backup_codes: ten single-use codes per user, only their SHA-256 stored; used_at marks a spent one.
-- users.consumed_timestep (the original's Devise column) keeps the last accepted authenticator time step, so a
-- code works once.
--
-- Idempotency: ADD COLUMN / CREATE TABLE / CREATE INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('035_two_factor_sign_in', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS awaiting_second_factor boolean NOT NULL DEFAULT false;
ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS sms_code_hash varchar(100);
ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS sms_code_expires_at timestamp;
ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS pending_otp_secret text;

CREATE TABLE IF NOT EXISTS user_backup_codes (
    id         bigserial PRIMARY KEY,
    user_id    integer   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea     NOT NULL,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    used_at    timestamp
);

CREATE INDEX IF NOT EXISTS user_backup_codes_user ON user_backup_codes (user_id) WHERE used_at IS NULL;

UPDATE schema_migrations SET finished_at = now() WHERE version = '035_two_factor_sign_in';
