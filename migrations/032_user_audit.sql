-- 032_user_audit: who changed what about an account, and when.
--
-- One row per change to a user (created, edited, deactivated, reactivated, password changed or reset, API key
-- issued, two-factor changes, sessions ended), written in the transaction of the change. actor_id is who did it
-- (the user themself, an admin, or NULL for the system); detail says what, in words, never a secret. The user's
-- page lists them.
--
-- Idempotency: CREATE TABLE / INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('032_user_audit', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS user_audit_events (
    id         bigserial PRIMARY KEY,
    user_id    integer     NOT NULL,
    actor_id   integer,
    action     varchar(64) NOT NULL,
    detail     text,
    ip         varchar(64),
    created_at timestamp   NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE INDEX IF NOT EXISTS user_audit_events_user ON user_audit_events (user_id, created_at DESC, id DESC);

UPDATE schema_migrations SET finished_at = now() WHERE version = '032_user_audit';
