-- 071_institution_audit: who changed what about an institution, and when.
--
-- One row per changed field of an institution: created (every field set, old_value NULL), edited by an APTrust
-- admin, its preferences edited (otp_enabled, spot_restore_frequency) by an institutional or APTrust admin,
-- deactivated or reactivated (field state). Written in the transaction of the change. actor_id is who did it (NULL
-- for the system); old_value and new_value are the field's values in words, never a secret. The institution's page
-- lists them to APTrust admins and to the institution's own institutional admins.
--
-- Idempotency: CREATE TABLE / INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('071_institution_audit', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS institution_audit_events (
    id             bigserial PRIMARY KEY,
    institution_id integer     NOT NULL,
    actor_id       integer,
    action         varchar(64) NOT NULL,
    field          varchar(64),
    old_value      text,
    new_value      text,
    ip             varchar(64),
    created_at     timestamp   NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE INDEX IF NOT EXISTS institution_audit_events_institution
    ON institution_audit_events (institution_id, created_at DESC, id DESC);

UPDATE schema_migrations SET finished_at = now() WHERE version = '071_institution_audit';
