-- 001_deposit_stats: deposit statistics, and hourly guards on the count refresh.
--
-- * schema_migrations.started_at/finished_at (already added by 000, so a no-op here).
-- * historical_deposit_stats: one snapshot per institution x storage option x first of
--   month. The table itself already comes from 000 (same first shape), so the
--   CREATE TABLE here is a no-op. This file adds its indexes.
-- * populate_historical_deposit_stats(stop_date timestamp) fills one month, and
--   populate_all_historical_deposit_stats() fills every missing month since 2014.
-- * current_deposit_stats: a materialized view with the same figures for now.
-- * The four count views are recreated with an updated_at column, so that
--   update_counts() can refresh at most once an hour. update_current_deposit_stats()
--   gets the same guard. Both set a "running" flag in ar_internal_metadata.
-- * Finally it runs the three functions once.
--
-- Where we differ from the original:
--   * The CUBE groups by institution_id, not by institution name. Names are joined on
--     afterwards, by id. Two institutions that share a name are no longer merged into
--     one row, and only the few aggregated rows are joined, not every file.
--   * NULL figures become 0. Each 'Total' row carries the real monthly_cost of its
--     institution: the sum over its storage options, each at that option's price.
--     In the original, 'Total' matched no storage option, so its cost was NULL (0 in
--     the history) and the Go code summed the rows itself. cost_gb_per_month is 0 on
--     'Total' rows.
--   * populate_all_historical_deposit_stats() takes a transaction-scoped advisory lock
--     (key 1380271945, 3) and returns at once when another session holds it. Several
--     instances calling it on the 1st of the month therefore do the work once. (The
--     original only set a flag, read and written without a lock.) Month boundaries
--     are UTC, because the timestamps it compares against are UTC.
--   * populate_current_deposit_stats() and populate_deposit_stats(date) are not
--     created: they are dead in the original (never called, and the second one
--     refers to a table that does not exist).
--
-- Idempotency: functions are installed through create_function_unless_newer (see
-- 000), so this file never overwrites the newer versions from 003/004/006/008.
-- current_deposit_stats is created only if absent (003 changes its shape). The count
-- views are recreated only while they lack updated_at. The three calls skip work that
-- is already done: fresh counts, months already present.

INSERT INTO schema_migrations (version, started_at) VALUES ('001_deposit_stats', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE schema_migrations
    ADD COLUMN IF NOT EXISTS started_at timestamp,
    ADD COLUMN IF NOT EXISTS finished_at timestamp;

CREATE TABLE IF NOT EXISTS historical_deposit_stats (
    institution_id    bigint,
    institution_name  varchar(80),
    storage_option    varchar(40),
    object_count      bigint,
    file_count        bigint,
    total_bytes       bigint,
    total_gb          double precision,
    total_tb          double precision,
    cost_gb_per_month double precision,
    monthly_cost      double precision,
    end_date          timestamp
);
CREATE INDEX IF NOT EXISTS ix_historical_deposit_stats_end_date
    ON historical_deposit_stats (end_date);
CREATE INDEX IF NOT EXISTS ix_historical_deposit_stats_inst_id
    ON historical_deposit_stats (institution_id);
CREATE INDEX IF NOT EXISTS ix_historical_deposit_stats_storage_option
    ON historical_deposit_stats (storage_option);

-- One month's snapshot: active files created before stop_date, per institution and
-- storage option, with the roll-ups 'All Institutions' (institution_id NULL) and
-- 'Total' (across options). Returns 0 when that month is already there.
CALL create_function_unless_newer('populate_historical_deposit_stats(timestamp)', '001_deposit_stats', $create$
CREATE OR REPLACE FUNCTION populate_historical_deposit_stats(stop_date timestamp) RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM historical_deposit_stats WHERE end_date = stop_date) THEN
        RETURN 0;
    END IF;

    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date)
    WITH totals AS (
        SELECT gf.institution_id,
               gf.storage_option,
               GROUPING(gf.institution_id) = 1 AS all_institutions,
               GROUPING(gf.storage_option) = 1 AS all_options,
               count(*) AS file_count,
               count(DISTINCT gf.intellectual_object_id) AS object_count,
               coalesce(sum(gf.size), 0)::bigint AS total_bytes
        FROM generic_files gf
        WHERE gf.state = 'A' AND gf.created_at < stop_date
        GROUP BY CUBE (gf.institution_id, gf.storage_option)
    ), priced AS (
        SELECT t.*,
               t.total_bytes / 1073741824.0::double precision AS total_gb,
               so.cost_gb_per_month::double precision AS price
        FROM totals t
        LEFT JOIN storage_options so ON so.name = t.storage_option
    )
    SELECT p.institution_id,
           CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END,
           CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END,
           p.object_count,
           p.file_count,
           p.total_bytes,
           p.total_gb,
           p.total_bytes / 1099511627776.0::double precision,
           coalesce(p.price, 0),
           coalesce(CASE WHEN p.all_options
                         THEN sum(p.total_gb * p.price) OVER (PARTITION BY p.institution_id)
                         ELSE p.total_gb * p.price END, 0),
           stop_date
    FROM priced p
    LEFT JOIN institutions i ON i.id = p.institution_id;

    RETURN 1;
END
$fn$
$create$);

-- Every missing first-of-month snapshot from January 2014 up to the current month.
-- Its final form; no later file changes it.
CALL create_function_unless_newer('populate_all_historical_deposit_stats()', '001_deposit_stats', $create$
CREATE OR REPLACE FUNCTION populate_all_historical_deposit_stats() RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'historical deposit stats is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
    first_of_month timestamp;
BEGIN
    -- Registry instances all call this on the 1st of the month: the first does the work,
    -- the others return at once. Key (1380271945, 3) guards every historical stats writer.
    IF NOT pg_try_advisory_xact_lock(1380271945, 3) THEN
        RAISE NOTICE 'populate_all_historical_deposit_stats: another session is already running it';
        RETURN;
    END IF;

    INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)
    VALUES (flag_key, 'true', utc_now, utc_now)
    ON CONFLICT (key) DO UPDATE SET value = 'true', updated_at = excluded.updated_at;

    FOR first_of_month IN
        SELECT first_day
        FROM generate_series(timestamp '2014-01-01', utc_now, interval '1 month') AS first_day
        WHERE first_day < utc_now
    LOOP
        PERFORM populate_historical_deposit_stats(first_of_month);
    END LOOP;

    UPDATE ar_internal_metadata SET value = 'false', updated_at = utc_now WHERE key = flag_key;
END
$fn$
$create$);

-- The deposit figures as of now: the same aggregation as a history snapshot, without
-- the created_at limit. 003 adds member_institution_id and the sort keys.
DO $$
BEGIN
    IF to_regclass('current_deposit_stats') IS NULL THEN
        CREATE MATERIALIZED VIEW current_deposit_stats AS
        WITH totals AS (
            SELECT gf.institution_id,
                   gf.storage_option,
                   GROUPING(gf.institution_id) = 1 AS all_institutions,
                   GROUPING(gf.storage_option) = 1 AS all_options,
                   count(*) AS file_count,
                   count(DISTINCT gf.intellectual_object_id) AS object_count,
                   coalesce(sum(gf.size), 0)::bigint AS total_bytes
            FROM generic_files gf
            WHERE gf.state = 'A'
            GROUP BY CUBE (gf.institution_id, gf.storage_option)
        ), priced AS (
            SELECT t.*,
                   t.total_bytes / 1073741824.0::double precision AS total_gb,
                   so.cost_gb_per_month::double precision AS price
            FROM totals t
            LEFT JOIN storage_options so ON so.name = t.storage_option
        )
        SELECT p.institution_id,
               CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END AS institution_name,
               CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END AS storage_option,
               p.file_count,
               p.object_count,
               p.total_bytes,
               p.total_gb,
               p.total_bytes / 1099511627776.0::double precision AS total_tb,
               coalesce(p.price, 0) AS cost_gb_per_month,
               coalesce(CASE WHEN p.all_options
                             THEN sum(p.total_gb * p.price) OVER (PARTITION BY p.institution_id)
                             ELSE p.total_gb * p.price END, 0) AS monthly_cost,
               now() AS end_date
        FROM priced p
        LEFT JOIN institutions i ON i.id = p.institution_id;
    END IF;
END
$$;

-- The count views get updated_at (the time of their last refresh). Only views still in
-- the launch shape are recreated.
DO $$
BEGIN
    IF NOT relation_has_column('premis_event_counts', 'updated_at') THEN
        DROP MATERIALIZED VIEW IF EXISTS premis_event_counts;
        CREATE MATERIALIZED VIEW premis_event_counts AS
        SELECT institution_id, count(*) AS row_count, event_type, outcome, CURRENT_TIMESTAMP AS updated_at
        FROM premis_events
        GROUP BY CUBE (institution_id, event_type, outcome);
    END IF;

    IF NOT relation_has_column('intellectual_object_counts', 'updated_at') THEN
        DROP MATERIALIZED VIEW IF EXISTS intellectual_object_counts;
        CREATE MATERIALIZED VIEW intellectual_object_counts AS
        SELECT institution_id, count(*) AS row_count, state, CURRENT_TIMESTAMP AS updated_at
        FROM intellectual_objects
        GROUP BY CUBE (institution_id, state);
    END IF;

    IF NOT relation_has_column('generic_file_counts', 'updated_at') THEN
        DROP MATERIALIZED VIEW IF EXISTS generic_file_counts;
        CREATE MATERIALIZED VIEW generic_file_counts AS
        SELECT institution_id, count(*) AS row_count, state, CURRENT_TIMESTAMP AS updated_at
        FROM generic_files
        GROUP BY CUBE (institution_id, state);
    END IF;

    IF NOT relation_has_column('work_item_counts', 'updated_at') THEN
        DROP MATERIALIZED VIEW IF EXISTS work_item_counts;
        CREATE MATERIALIZED VIEW work_item_counts AS
        SELECT institution_id, count(*) AS row_count, action, CURRENT_TIMESTAMP AS updated_at
        FROM work_items
        GROUP BY CUBE (institution_id, action);
    END IF;
END
$$;

-- Refreshes the count views at most once an hour. It always refreshes while the views
-- have no institution rows (a new database).
CALL create_function_unless_newer('update_counts()', '001_deposit_stats', $create$
CREATE OR REPLACE FUNCTION update_counts() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    flag_key constant varchar := 'update counts is running';
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF EXISTS (SELECT 1 FROM work_item_counts WHERE institution_id IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM work_item_counts WHERE updated_at < now() - interval '60 minutes') THEN
        RAISE NOTICE 'update_counts: the counts are less than an hour old';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM ar_internal_metadata WHERE key = flag_key AND value = 'true') THEN
        RAISE NOTICE 'update_counts: another session is refreshing the counts';
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

-- Refreshes current_deposit_stats at most once an hour (always while it has no
-- institution rows).
CALL create_function_unless_newer('update_current_deposit_stats()', '001_deposit_stats', $create$
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

    REFRESH MATERIALIZED VIEW current_deposit_stats;

    UPDATE ar_internal_metadata SET value = 'false', updated_at = utc_now WHERE key = flag_key;
    RETURN 1;
END
$fn$
$create$);

DO $$
BEGIN
    PERFORM update_counts();
    PERFORM update_current_deposit_stats();
    PERFORM populate_all_historical_deposit_stats();
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '001_deposit_stats';
