-- 009_update_storage_pricing: new storage prices, and deposit history rebuilt with them.
--
-- cost_gb_per_month becomes 0.41016 for 'Standard', 0.05859 for every option whose
-- service is 'Glacier' and 0.01953 for every option whose service is 'Glacier-Deep'.
-- The history stores the price of its day, so it is rebuilt from generic_files: wipe,
-- fill every month, add the zero rows.
--
-- Where we differ from the original:
--   * The history is wiped and rebuilt only when this file actually changed a price.
--     A re-run, or a database without storage options (a new one), keeps its history.
--     The original wiped and rebuilt unconditionally, which takes a long time in
--     production.
--   * The zero rows are added after the rebuild. The original called
--     populate_empty_deposit_stats() on the freshly emptied table, where it had
--     nothing to work from.
--   * current_deposit_stats is refreshed right away, so the dashboard shows the new
--     prices without waiting for the hourly refresh.
--   * Before wiping, it waits for the historical-stats advisory lock (1380271945, 3),
--     so a stats job running at the same moment cannot leave the history half-built.
--   * storage_options.updated_at is set on the rows whose price changes.
--
-- Idempotency: each UPDATE only touches rows whose price differs. The rebuild depends
-- on the number of rows changed.

INSERT INTO schema_migrations (version, started_at) VALUES ('009_update_storage_pricing', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
DECLARE
    utc_now constant timestamp := now() AT TIME ZONE 'UTC';
    changed integer := 0;
    n integer;
BEGIN
    UPDATE storage_options SET cost_gb_per_month = 0.41016, updated_at = utc_now
    WHERE name = 'Standard' AND cost_gb_per_month <> 0.41016;
    GET DIAGNOSTICS n = ROW_COUNT;
    changed := changed + n;

    UPDATE storage_options SET cost_gb_per_month = 0.05859, updated_at = utc_now
    WHERE service = 'Glacier' AND cost_gb_per_month <> 0.05859;
    GET DIAGNOSTICS n = ROW_COUNT;
    changed := changed + n;

    UPDATE storage_options SET cost_gb_per_month = 0.01953, updated_at = utc_now
    WHERE service = 'Glacier-Deep' AND cost_gb_per_month <> 0.01953;
    GET DIAGNOSTICS n = ROW_COUNT;
    changed := changed + n;

    IF changed = 0 THEN
        RAISE NOTICE '009: prices already current, deposit history kept';
        RETURN;
    END IF;

    RAISE NOTICE '009: % price(s) changed, rebuilding the deposit history', changed;
    PERFORM pg_advisory_xact_lock(1380271945, 3);
    DELETE FROM historical_deposit_stats;
    PERFORM populate_all_historical_deposit_stats();
    PERFORM populate_empty_deposit_stats();
    REFRESH MATERIALIZED VIEW CONCURRENTLY current_deposit_stats;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '009_update_storage_pricing';
