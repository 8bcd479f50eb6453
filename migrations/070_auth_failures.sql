-- 070_auth_failures: failed sign-ins and API-key checks, counted where every instance sees them.
--
-- One row per throttled key: a one-way hash of what is counted (an account, or a client address, for one purpose:
-- web sign-in or the API), how many failures in a row, and when the last one was. Every instance reads and writes
-- the same rows, so guessing cannot be spread over instances, and a restart forgets nothing. Rows older than the
-- throttle's window mean nothing and are deleted from time to time by the service.
--
-- Idempotency: CREATE TABLE / INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('070_auth_failures', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS auth_failures (
    key text PRIMARY KEY,
    failures integer NOT NULL CHECK (failures > 0),
    last_failure_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS index_auth_failures_on_last_failure_at ON auth_failures (last_failure_at);

UPDATE schema_migrations SET finished_at = now() WHERE version = '070_auth_failures';
