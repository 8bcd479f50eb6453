-- 031_web_sessions: a server-side row for every browser sign-in.
--
-- The signed session cookie names its session by a random nonce; this table keeps the SHA-256 of that nonce (never
-- the nonce itself, so a copy of the table signs nobody in) with the user, when it began and was last seen, the
-- client's address and user agent, and when and why it was revoked. A cookie is honoured only while its row exists
-- and is not revoked, so signing out ends exactly that sign-in and no later sign-in brings it back; "sign out
-- everywhere", a deactivation and a password change revoke the others. In PostgreSQL, so every instance agrees.
--
-- Idempotency: CREATE TABLE / INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('031_web_sessions', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS web_sessions (
    id             bigserial PRIMARY KEY,
    token_hash     bytea        NOT NULL UNIQUE,
    user_id        integer      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    last_seen_at   timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    ip             varchar(64),
    user_agent     varchar(512),
    revoked_at     timestamp,
    -- sign_out, sign_out_everywhere, password_changed, deactivated, revoked_by_user
    revoked_reason varchar(64)
);

-- a user's sessions (the account page, revoking all or the others)
CREATE INDEX IF NOT EXISTS web_sessions_user ON web_sessions (user_id, created_at DESC);

UPDATE schema_migrations SET finished_at = now() WHERE version = '031_web_sessions';
