-- 005_deposit_timeline_stats: deposit history keyed by date, with zero points for charts.
--
-- * historical_deposit_stats.end_date becomes a date: snapshots are first-of-month
--   dates, and the reports match them exactly. The old rows are cleared and rebuilt
--   along with the conversion, which also drops any row whose end_date was not a
--   first-of-month. This is slow on a big database, as in the original.
-- * UQ ix_historical_inst_opt_date (institution_id, storage_option, end_date): one row
--   per institution, option and month.
-- * populate_empty_deposit_stats(): adds explicit zero rows for every combination of
--   institution x month x option already in the history, so the timeline charts have
--   a point for every month.
-- * populate_historical_deposit_stats(stop_date date): a date overload that fills the
--   month and then adds the zero rows.
--
-- Where we differ from the original:
--   * populate_empty_deposit_stats() is one set-based INSERT ... SELECT over the cross
--     product of the distinct institutions, end dates and options, WHERE NOT EXISTS.
--     (The original ran a nested loop with one existence check per combination.) It
--     returns the number of rows it added. It takes the historical-stats advisory lock
--     (1380271945, 3) and returns 0 when another session is writing the history, so
--     instances that all call it at start-up do not insert duplicates.
--   * The date overload calls populate_empty_deposit_stats() with PERFORM. The
--     original used SELECT, which fails at run time in plpgsql. It delegates to the
--     timestamp version instead of repeating the query.
--   * The type change and the wipe that goes with it happen only while end_date is
--     still a timestamp, so a second run keeps the history.
--   * Addition: ix_historical_all_inst_opt_date, a partial unique index on
--     (storage_option, end_date) WHERE institution_id IS NULL. The main unique index
--     cannot catch duplicate 'All Institutions' rows, because NULLs never collide.
--
-- Idempotency: guarded type change, IF NOT EXISTS indexes, functions installed through
-- create_function_unless_newer. The fill calls only add what is missing.

INSERT INTO schema_migrations (version, started_at) VALUES ('005_deposit_timeline_stats', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema()
                 AND table_name = 'historical_deposit_stats'
                 AND column_name = 'end_date'
                 AND data_type = 'timestamp without time zone') THEN
        DELETE FROM historical_deposit_stats;
        ALTER TABLE historical_deposit_stats ALTER COLUMN end_date TYPE date USING end_date::date;
    END IF;
END
$$;

CREATE UNIQUE INDEX IF NOT EXISTS ix_historical_inst_opt_date
    ON historical_deposit_stats (institution_id, storage_option, end_date);
CREATE UNIQUE INDEX IF NOT EXISTS ix_historical_all_inst_opt_date
    ON historical_deposit_stats (storage_option, end_date) WHERE institution_id IS NULL;

CALL create_function_unless_newer('populate_empty_deposit_stats()', '005_deposit_timeline_stats', $create$
CREATE OR REPLACE FUNCTION populate_empty_deposit_stats() RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    added integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(1380271945, 3) THEN
        RAISE NOTICE 'populate_empty_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;

    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    SELECT inst.institution_id,
           CASE WHEN inst.institution_id IS NULL THEN 'All Institutions'
                ELSE coalesce(i.name, inst.institution_name) END,
           opt.storage_option,
           0, 0, 0, 0, 0, 0, 0,
           snap.end_date,
           CASE WHEN inst.institution_id IS NULL THEN 0 ELSE i.member_institution_id END,
           CASE WHEN inst.institution_id IS NULL THEN 'zzz'
                ELSE coalesce(i.name, inst.institution_name) END,
           CASE WHEN opt.storage_option = 'Total' THEN 'zzz' ELSE opt.storage_option END
    FROM (SELECT institution_id, max(institution_name) AS institution_name
            FROM historical_deposit_stats GROUP BY institution_id) inst
    CROSS JOIN (SELECT DISTINCT end_date FROM historical_deposit_stats) snap
    CROSS JOIN (SELECT DISTINCT storage_option FROM historical_deposit_stats) opt
    LEFT JOIN institutions i ON i.id = inst.institution_id
    -- coalesce(..., -1) rather than IS NOT DISTINCT FROM, so that this is a hash anti-join.
    WHERE NOT EXISTS (
        SELECT 1
        FROM historical_deposit_stats h
        WHERE coalesce(h.institution_id, -1) = coalesce(inst.institution_id, -1)
          AND h.storage_option = opt.storage_option
          AND h.end_date = snap.end_date);
    GET DIAGNOSTICS added = ROW_COUNT;

    UPDATE historical_deposit_stats SET secondary_sort = 'zzz'
    WHERE storage_option = 'Total' AND secondary_sort IS DISTINCT FROM 'zzz';

    RETURN added;
END
$fn$
$create$);

CALL create_function_unless_newer('populate_historical_deposit_stats(date)', '005_deposit_timeline_stats', $create$
CREATE OR REPLACE FUNCTION populate_historical_deposit_stats(stop_date date) RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    result integer;
BEGIN
    result := populate_historical_deposit_stats(stop_date::timestamp);
    PERFORM populate_empty_deposit_stats();
    RETURN result;
END
$fn$
$create$);

DO $$
BEGIN
    PERFORM populate_all_historical_deposit_stats();
    PERFORM populate_empty_deposit_stats();
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '005_deposit_timeline_stats';
