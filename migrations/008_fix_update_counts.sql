-- 008_fix_update_counts: update_counts() without deadlocks and without blocking readers.
--
-- * Drops lock_update_counts()/unlock_update_counts(), an earlier attempt at the same
--   problem that nothing calls any more.
-- * Unique indexes on the four count views, so that they can be refreshed
--   CONCURRENTLY (readers are not locked out). The CUBE "total" rows hold NULLs, and
--   NULLs never collide in a unique index, so the indexes hold.
-- * update_counts(), final form:
--     1. returns 0 when the 'update counts is running' flag says 'true';
--     2. returns 0 when the flag row exists but SELECT ... FOR UPDATE SKIP LOCKED cannot
--        take it: another session is inside update_counts() and has not committed its
--        flag update yet;
--     3. refreshes only when the counts are over an hour old (or have no institution
--        rows yet), all four with REFRESH MATERIALIZED VIEW CONCURRENTLY.
--
-- Where we differ from the original: between steps 2 and 3, update_counts() also takes
-- a transaction-scoped advisory lock (key 1380271945, 1) and returns 0 without it. The
-- row lock alone lets two sessions through while the flag row does not exist yet. The
-- row-lock check stays, because it also keeps out an original Go instance running
-- against the same database.
--
-- Idempotency: DROP FUNCTION IF EXISTS, CREATE UNIQUE INDEX IF NOT EXISTS, and the
-- function is installed through create_function_unless_newer.

INSERT INTO schema_migrations (version, started_at) VALUES ('008_fix_update_counts', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DROP FUNCTION IF EXISTS lock_update_counts();
DROP FUNCTION IF EXISTS unlock_update_counts();

CREATE UNIQUE INDEX IF NOT EXISTS ix_premis_event_counts
    ON premis_event_counts (institution_id, event_type, outcome);
CREATE UNIQUE INDEX IF NOT EXISTS ix_intellectual_object_counts
    ON intellectual_object_counts (institution_id, state);
CREATE UNIQUE INDEX IF NOT EXISTS ix_generic_file_counts
    ON generic_file_counts (institution_id, state);
CREATE UNIQUE INDEX IF NOT EXISTS ix_work_item_counts
    ON work_item_counts (institution_id, action);

CALL create_function_unless_newer('update_counts()', '008_fix_update_counts', $create$
CREATE OR REPLACE FUNCTION update_counts() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'update counts is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
    flag_value varchar;
    flag_exists boolean;
BEGIN
    SELECT value INTO flag_value FROM ar_internal_metadata WHERE key = flag_key;
    flag_exists := FOUND;
    IF flag_value = 'true' THEN
        RAISE NOTICE 'update_counts: another session is refreshing the counts';
        RETURN 0;
    END IF;
    IF flag_exists THEN
        PERFORM 1 FROM ar_internal_metadata WHERE key = flag_key FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            RAISE NOTICE 'update_counts: another session is refreshing the counts (flag row locked)';
            RETURN 0;
        END IF;
    END IF;
    -- Key (1380271945, 1): one refresh of the counts at a time, the others skip.
    IF NOT pg_try_advisory_xact_lock(1380271945, 1) THEN
        RAISE NOTICE 'update_counts: another session is refreshing the counts';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM work_item_counts WHERE institution_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM work_item_counts WHERE updated_at < now() - interval '60 minutes') THEN
        RAISE NOTICE 'update_counts: the counts are less than an hour old';
        RETURN 0;
    END IF;

    INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)
    VALUES (flag_key, 'true', utc_now, utc_now)
    ON CONFLICT (key) DO UPDATE SET value = 'true', updated_at = excluded.updated_at;

    REFRESH MATERIALIZED VIEW CONCURRENTLY premis_event_counts;
    REFRESH MATERIALIZED VIEW CONCURRENTLY intellectual_object_counts;
    REFRESH MATERIALIZED VIEW CONCURRENTLY generic_file_counts;
    REFRESH MATERIALIZED VIEW CONCURRENTLY work_item_counts;

    UPDATE ar_internal_metadata SET value = 'false', updated_at = utc_now WHERE key = flag_key;
    RETURN 1;
END
$fn$
$create$);

UPDATE schema_migrations SET finished_at = now() WHERE version = '008_fix_update_counts';
