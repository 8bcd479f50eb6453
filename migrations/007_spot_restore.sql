-- 007_spot_restore: restoration spot tests every N days, and an id for ar_internal_metadata.
--
-- * institutions: the on/off enable_spot_restore becomes spot_restore_frequency (days
--   between spot restores; 0 = off). Institutions that had it on get 90.
--   last_spot_restore_work_item_id (FK fk_institutions_last_spot_restore to
--   work_items) remembers the last spot-test restoration. institutions_view is
--   recreated with the new columns.
-- * ar_internal_metadata gets a serial id primary key instead of the primary key on
--   key. key stays unique through ix_ar_internal_metadata_uniq_key, which the flag
--   upserts (ON CONFLICT (key)) rely on. The spot-test job's two keys are seeded.
-- * create_constraint_if_not_exists(t_name, c_name, constraint_sql): a helper for
--   idempotent constraints. constraint_sql may be a whole ALTER TABLE ... ADD
--   CONSTRAINT statement (the usual form of this helper) or just the constraint
--   definition, e.g. 'FOREIGN KEY (x) REFERENCES y (id)'.
--
-- Where we differ from the original: each step checks its own precondition, instead of
-- one guard on enable_spot_restore around the whole institutions part. The unique key
-- index is created before the old primary key is dropped, so that ON CONFLICT (key)
-- works at every point.
--
-- Idempotency: ADD COLUMN IF NOT EXISTS. The data conversion and the column drop only
-- run while enable_spot_restore exists. The view is rebuilt only while it lacks
-- spot_restore_frequency. The primary key moves only while it is not on id. The seeds
-- use ON CONFLICT DO NOTHING.

INSERT INTO schema_migrations (version, started_at) VALUES ('007_spot_restore', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CALL create_function_unless_newer('create_constraint_if_not_exists(text, text, text)', '007_spot_restore', $create$
CREATE OR REPLACE FUNCTION create_constraint_if_not_exists(t_name text, c_name text, constraint_sql text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(t_name) AND conname = c_name) THEN
        RETURN;
    END IF;
    IF constraint_sql ~* '^\s*ALTER\s+TABLE\s' THEN
        EXECUTE constraint_sql;
    ELSE
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', to_regclass(t_name), c_name, constraint_sql);
    END IF;
END
$fn$
$create$);

ALTER TABLE institutions
    ADD COLUMN IF NOT EXISTS spot_restore_frequency integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_spot_restore_work_item_id bigint;

DO $$
BEGIN
    PERFORM create_constraint_if_not_exists(
        'institutions', 'fk_institutions_last_spot_restore',
        'ALTER TABLE institutions ADD CONSTRAINT fk_institutions_last_spot_restore'
            || ' FOREIGN KEY (last_spot_restore_work_item_id) REFERENCES work_items (id)');

    IF relation_has_column('institutions', 'enable_spot_restore') THEN
        -- The launch institutions_view selects enable_spot_restore; it is rebuilt below.
        DROP VIEW IF EXISTS institutions_view;
        UPDATE institutions SET spot_restore_frequency = 90 WHERE enable_spot_restore;
        ALTER TABLE institutions DROP COLUMN enable_spot_restore;
    END IF;

    IF NOT relation_has_column('institutions_view', 'spot_restore_frequency') THEN
        DROP VIEW IF EXISTS institutions_view;
        CREATE VIEW institutions_view AS
        SELECT i.id,
               i.name,
               i.identifier,
               i.state,
               i.type,
               i.deactivated_at,
               i.otp_enabled,
               i.receiving_bucket,
               i.restore_bucket,
               i.spot_restore_frequency,
               i.last_spot_restore_work_item_id,
               i.created_at,
               i.updated_at,
               i.member_institution_id AS parent_id,
               parent.name AS parent_name,
               parent.identifier AS parent_identifier,
               parent.state AS parent_state,
               parent.deactivated_at AS parent_deactivated_at
        FROM institutions i
        LEFT JOIN institutions parent ON parent.id = i.member_institution_id;
    END IF;
END
$$;

-- ar_internal_metadata: id primary key, key unique.
DO $$
BEGIN
    IF NOT relation_has_column('ar_internal_metadata', 'id') THEN
        ALTER TABLE ar_internal_metadata ADD COLUMN id serial;
    END IF;
END
$$;

CREATE UNIQUE INDEX IF NOT EXISTS ix_ar_internal_metadata_uniq_key ON ar_internal_metadata (key);

DO $$
DECLARE
    pk_name name;
BEGIN
    IF NOT EXISTS (SELECT 1
                   FROM pg_index x
                   JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
                   WHERE x.indrelid = 'ar_internal_metadata'::regclass
                     AND x.indisprimary
                     AND a.attname = 'id') THEN
        SELECT conname INTO pk_name
        FROM pg_constraint
        WHERE conrelid = 'ar_internal_metadata'::regclass AND contype = 'p';
        IF pk_name IS NOT NULL THEN
            EXECUTE format('ALTER TABLE ar_internal_metadata DROP CONSTRAINT %I', pk_name);
        END IF;
        ALTER TABLE ar_internal_metadata ADD PRIMARY KEY (id);
    END IF;
END
$$;

ALTER TABLE ar_internal_metadata ALTER COLUMN key SET NOT NULL;

INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)
VALUES ('spot restore is running', 'false', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
       ('spot restore last run', '2000-01-01T00:00:00Z', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
ON CONFLICT (key) DO NOTHING;

UPDATE schema_migrations SET finished_at = now() WHERE version = '007_spot_restore';
