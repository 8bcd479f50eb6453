-- 003_alter_deposit_stats: parent institution and sort keys for the deposit reports.
--
-- historical_deposit_stats and current_deposit_stats get:
--   member_institution_id: the parent of a sub-account, so that a member's report can
--     include its sub-accounts;
--   primary_sort: the institution name, or 'zzz' for the 'All Institutions' roll-up;
--   secondary_sort: the storage option, or 'zzz' for the 'Total' row.
-- The 'zzz' values make roll-ups sort after the rows they sum up. Existing history rows
-- are backfilled. populate_historical_deposit_stats(timestamp) reaches its final form
-- here, and current_deposit_stats is rebuilt with the new columns.
--
-- Where we differ from the original:
--   * Existing history rows are backfilled in place (only rows not yet backfilled),
--     and repopulating only adds missing months; nothing is wiped here.
--   * populate_historical_deposit_stats(timestamp) takes the historical-stats advisory
--     lock (1380271945, 3), which is re-entrant for populate_all, and returns 0 when
--     another session is writing the history.
--   * The aggregation differences noted in 001 (CUBE by institution id, no NULL
--     figures, real 'Total' monthly cost) carry over.
--
-- Idempotency: ADD COLUMN IF NOT EXISTS. The backfill only touches rows whose
-- secondary_sort is still NULL. The matview is rebuilt only while it lacks
-- primary_sort. The function is installed through create_function_unless_newer.

INSERT INTO schema_migrations (version, started_at) VALUES ('003_alter_deposit_stats', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE historical_deposit_stats
    ADD COLUMN IF NOT EXISTS member_institution_id integer,
    ADD COLUMN IF NOT EXISTS primary_sort varchar,
    ADD COLUMN IF NOT EXISTS secondary_sort varchar;

UPDATE historical_deposit_stats h
SET member_institution_id = (SELECT i.member_institution_id FROM institutions i WHERE i.id = h.institution_id),
    primary_sort = CASE WHEN h.institution_id IS NULL THEN 'zzz' ELSE h.institution_name END,
    secondary_sort = CASE WHEN h.storage_option = 'Total' THEN 'zzz' ELSE h.storage_option END
WHERE h.secondary_sort IS NULL;

CALL create_function_unless_newer('populate_historical_deposit_stats(timestamp)', '003_alter_deposit_stats', $create$
CREATE OR REPLACE FUNCTION populate_historical_deposit_stats(stop_date timestamp) RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    -- Same key as populate_all_historical_deposit_stats, which calls this (re-entrant).
    IF NOT pg_try_advisory_xact_lock(1380271945, 3) THEN
        RAISE NOTICE 'populate_historical_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM historical_deposit_stats WHERE end_date = stop_date) THEN
        RETURN 0;
    END IF;

    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    WITH totals AS (
        SELECT gf.institution_id,
               gf.storage_option,
               GROUPING(gf.institution_id) = 1 AS all_institutions,
               GROUPING(gf.storage_option) = 1 AS all_options,
               count(*) AS file_count,
               count(DISTINCT gf.intellectual_object_id) AS object_count,
               coalesce(sum(gf.size), 0) AS total_bytes
        FROM generic_files gf
        WHERE gf.state = 'A' AND gf.created_at < stop_date
        GROUP BY CUBE (gf.institution_id, gf.storage_option)
    ), priced AS (
        SELECT t.*,
               t.total_bytes / 1073741824 AS total_gb,
               so.cost_gb_per_month AS price
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
           stop_date,
           i.member_institution_id,
           CASE WHEN p.all_institutions THEN 'zzz' ELSE i.name END,
           CASE WHEN p.all_options THEN 'zzz' ELSE p.storage_option END
    FROM priced p
    LEFT JOIN institutions i ON i.id = p.institution_id;

    RETURN 1;
END
$fn$
$create$);

-- Final shape of current_deposit_stats, with the original's numeric columns (sums of sizes and prices in
-- exact arithmetic). Its unique index comes with 004; recreating
-- the view here happens before that on a fresh run, and never again afterwards.
DO $$
BEGIN
    IF NOT relation_has_column('current_deposit_stats', 'primary_sort') THEN
        DROP MATERIALIZED VIEW IF EXISTS current_deposit_stats;
        CREATE MATERIALIZED VIEW current_deposit_stats AS
        WITH totals AS (
            SELECT gf.institution_id,
                   gf.storage_option,
                   GROUPING(gf.institution_id) = 1 AS all_institutions,
                   GROUPING(gf.storage_option) = 1 AS all_options,
                   count(*) AS file_count,
                   count(DISTINCT gf.intellectual_object_id) AS object_count,
                   coalesce(sum(gf.size), 0) AS total_bytes
            FROM generic_files gf
            WHERE gf.state = 'A'
            GROUP BY CUBE (gf.institution_id, gf.storage_option)
        ), priced AS (
            SELECT t.*,
                   t.total_bytes / 1073741824 AS total_gb,
                   so.cost_gb_per_month AS price
            FROM totals t
            LEFT JOIN storage_options so ON so.name = t.storage_option
        )
        SELECT p.institution_id,
               i.member_institution_id,
               CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END AS institution_name,
               CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END AS storage_option,
               p.file_count,
               p.object_count,
               p.total_bytes,
               p.total_gb,
               p.total_bytes / 1099511627776 AS total_tb,
               coalesce(p.price, 0)::numeric(12,8) AS cost_gb_per_month,
               coalesce(CASE WHEN p.all_options
                             THEN sum(p.total_gb * p.price) OVER (PARTITION BY p.institution_id)
                             ELSE p.total_gb * p.price END, 0) AS monthly_cost,
               now() AS end_date,
               CASE WHEN p.all_institutions THEN 'zzz' ELSE i.name END AS primary_sort,
               CASE WHEN p.all_options THEN 'zzz' ELSE p.storage_option END AS secondary_sort
        FROM priced p
        LEFT JOIN institutions i ON i.id = p.institution_id;
    END IF;
END
$$;

DO $$
BEGIN
    PERFORM populate_all_historical_deposit_stats();
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '003_alter_deposit_stats';
