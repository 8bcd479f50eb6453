-- 033_password_resets: when a password-reset (or welcome) link expires.
--
-- users.reset_password_token (the original's column) now holds the SHA-256 of the emailed token, never the token;
-- reset_password_sent_at says when it was issued and the new reset_password_expires_at when it stops working. A
-- completed reset clears all three in the same statement that checks them, so a token works once.
-- force_password_update (the original's column) marks a user who must choose a new password before anything else
-- (an admin started a reset, or the account is new).
--
-- Idempotency: ADD COLUMN IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('033_password_resets', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE users ADD COLUMN IF NOT EXISTS reset_password_expires_at timestamp;

UPDATE schema_migrations SET finished_at = now() WHERE version = '033_password_resets';
