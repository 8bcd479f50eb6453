-- 004_concurrent_deposit_stats: refresh current_deposit_stats without blocking readers.
--
-- A plain REFRESH MATERIALIZED VIEW locks out readers until it finishes, and the
-- dashboard timed out while current_deposit_stats refreshed. REFRESH ... CONCURRENTLY
-- lets readers go on, but it needs a unique index. (institution_id, storage_option)
-- is unique: the roll-up rows have a NULL institution_id, and NULLs never collide in
-- a unique index.
--
-- Idempotency: CREATE UNIQUE INDEX IF NOT EXISTS. The function is installed through
-- create_function_unless_newer, so re-running this file leaves 006's version alone.

INSERT INTO schema_migrations (version, started_at) VALUES ('004_concurrent_deposit_stats', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE UNIQUE INDEX IF NOT EXISTS ix_current_deposits_inst_id_storage_option
    ON current_deposit_stats (institution_id, storage_option);

CALL create_function_unless_newer('update_current_deposit_stats()', '004_concurrent_deposit_stats', $create$
CREATE OR REPLACE FUNCTION update_current_deposit_stats() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'current_deposit_stats is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF EXISTS (SELECT 1 FROM current_deposit_stats WHERE institution_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM current_deposit_stats WHERE end_date < now() - interval '60 minutes') THEN
        RAISE NOTICE 'update_current_deposit_stats: the stats are less than an hour old';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM ar_internal_metadata WHERE key = flag_key AND value = 'true') THEN
        RAISE NOTICE 'update_current_deposit_stats: another session is refreshing the stats';
        RETURN 0;
    END IF;

    INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)
    VALUES (flag_key, 'true', utc_now, utc_now)
    ON CONFLICT (key) DO UPDATE SET value = 'true', updated_at = excluded.updated_at;

    REFRESH MATERIALIZED VIEW CONCURRENTLY current_deposit_stats;

    UPDATE ar_internal_metadata SET value = 'false', updated_at = utc_now WHERE key = flag_key;
    RETURN 1;
END
$fn$
$create$);

UPDATE schema_migrations SET finished_at = now() WHERE version = '004_concurrent_deposit_stats';
