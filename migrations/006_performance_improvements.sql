-- 006_performance_improvements: fixity-queue index, and stats refreshes that give way.
--
-- * ix_generic_files_state_opt_fixity (state, storage_option, last_fixity_check): the
--   fixity-check queue asks for active files of a storage option ordered by their last
--   fixity check, and without this index it scanned generic_files.
-- * update_counts() and update_current_deposit_stats() check their "running" flag
--   before anything else and return 0 at once. Several Registry instances refreshing
--   at the same time deadlocked.
--
-- Where we differ from the original: update_current_deposit_stats() reaches its final
-- form here, and on top of the flag it takes a transaction-scoped advisory lock
-- (key 1380271945, 2). A second caller returns 0 at once, instead of queueing behind
-- the refresh and then refreshing again. (update_counts() gets the same in 008.)
--
-- Idempotency: CREATE INDEX IF NOT EXISTS. The functions are installed through
-- create_function_unless_newer, so 008's update_counts() survives a re-run.

INSERT INTO schema_migrations (version, started_at) VALUES ('006_performance_improvements', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE INDEX IF NOT EXISTS ix_generic_files_state_opt_fixity
    ON generic_files (state, storage_option, last_fixity_check);

CALL create_function_unless_newer('update_counts()', '006_performance_improvements', $create$
CREATE OR REPLACE FUNCTION update_counts() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'update counts is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF EXISTS (SELECT 1 FROM ar_internal_metadata WHERE key = flag_key AND value = 'true') THEN
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

    REFRESH MATERIALIZED VIEW premis_event_counts;
    REFRESH MATERIALIZED VIEW intellectual_object_counts;
    REFRESH MATERIALIZED VIEW generic_file_counts;
    REFRESH MATERIALIZED VIEW work_item_counts;

    UPDATE ar_internal_metadata SET value = 'false', updated_at = utc_now WHERE key = flag_key;
    RETURN 1;
END
$fn$
$create$);

CALL create_function_unless_newer('update_current_deposit_stats()', '006_performance_improvements', $create$
CREATE OR REPLACE FUNCTION update_current_deposit_stats() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'current_deposit_stats is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF EXISTS (SELECT 1 FROM ar_internal_metadata WHERE key = flag_key AND value = 'true') THEN
        RAISE NOTICE 'update_current_deposit_stats: another session is refreshing the stats';
        RETURN 0;
    END IF;
    -- Key (1380271945, 2): one refresh of current_deposit_stats at a time, the others skip.
    IF NOT pg_try_advisory_xact_lock(1380271945, 2) THEN
        RAISE NOTICE 'update_current_deposit_stats: another session is refreshing the stats';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM current_deposit_stats WHERE institution_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM current_deposit_stats WHERE end_date < now() - interval '60 minutes') THEN
        RAISE NOTICE 'update_current_deposit_stats: the stats are less than an hour old';
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

UPDATE schema_migrations SET finished_at = now() WHERE version = '006_performance_improvements';
