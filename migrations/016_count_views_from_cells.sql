-- 016_count_views_from_cells: the four count views read the count cells; update_counts()
-- is cheap, current and safe to call from any number of instances.
--
-- * premis_event_counts, intellectual_object_counts, generic_file_counts and
--   work_item_counts keep their names, columns (institution_id, row_count, dimensions,
--   updated_at), CUBE rows and unique indexes, but are computed from the cells of 015
--   (a few thousand rows) instead of scanning the base tables, so refreshing them costs
--   milliseconds whatever the size of the tables. Combinations whose count has dropped
--   to 0 are left out, as a CUBE over the base table would; the grand total row is always
--   there (0 on an empty table), as in the original.
-- * stats_refresh_counts(force) -> (outcome, detail): the counts job.
--     1. pg_try_advisory_xact_lock (key 1): another session busy -> 'skipped' at once.
--     2. the fold lock (key 4), waited for briefly (lock_timeout 30 s).
--     3. force: rebuild every source from its base table; otherwise fold the pending
--        deltas. No cells changed since the last refresh (by this fold or another job's)
--        and not forced -> 'skipped' (not due).
--     4. REFRESH MATERIALIZED VIEW CONCURRENTLY on each view whose cells changed: readers
--        never wait.
--   List totals do not depend on this job: they read cells and pending deltas directly.
-- * update_counts(): the original's name and contract (1 = refreshed, 0 = skipped), now
--   stats_refresh_counts(false). It no longer waits an hour between refreshes (a refresh
--   is cheap and only happens when something changed), and no longer writes the
--   'update counts is running' flag, which no other session could see.
--
-- Idempotency: each view is rebuilt only while its definition does not read the cells;
-- the unique indexes keep the names 008 gave them, so re-running 008 changes nothing.
-- Functions CREATE OR REPLACE; update_counts() through create_function_unless_newer.

INSERT INTO schema_migrations (version, started_at) VALUES ('016_count_views_from_cells', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_matviews WHERE schemaname = current_schema()
                   AND matviewname = 'premis_event_counts' AND definition LIKE '%stats_events_live%') THEN
        DROP MATERIALIZED VIEW IF EXISTS premis_event_counts;
        CREATE MATERIALIZED VIEW premis_event_counts AS
        SELECT institution_id, coalesce(sum(n), 0)::bigint AS row_count, event_type, outcome,
               CURRENT_TIMESTAMP AS updated_at
        FROM stats_events_live
        GROUP BY CUBE (institution_id, event_type, outcome)
        HAVING coalesce(sum(n), 0) > 0 OR GROUPING(institution_id, event_type, outcome) = 7;
        CREATE UNIQUE INDEX ix_premis_event_counts ON premis_event_counts (institution_id, event_type, outcome);
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_matviews WHERE schemaname = current_schema()
                   AND matviewname = 'intellectual_object_counts' AND definition LIKE '%stats_objects_live%') THEN
        DROP MATERIALIZED VIEW IF EXISTS intellectual_object_counts;
        CREATE MATERIALIZED VIEW intellectual_object_counts AS
        SELECT institution_id, coalesce(sum(n), 0)::bigint AS row_count, state, CURRENT_TIMESTAMP AS updated_at
        FROM stats_objects_live
        GROUP BY CUBE (institution_id, state)
        HAVING coalesce(sum(n), 0) > 0 OR GROUPING(institution_id, state) = 3;
        CREATE UNIQUE INDEX ix_intellectual_object_counts ON intellectual_object_counts (institution_id, state);
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_matviews WHERE schemaname = current_schema()
                   AND matviewname = 'generic_file_counts' AND definition LIKE '%stats_files_live%') THEN
        DROP MATERIALIZED VIEW IF EXISTS generic_file_counts;
        CREATE MATERIALIZED VIEW generic_file_counts AS
        SELECT institution_id, coalesce(sum(n), 0)::bigint AS row_count, state, CURRENT_TIMESTAMP AS updated_at
        FROM stats_files_live
        GROUP BY CUBE (institution_id, state)
        HAVING coalesce(sum(n), 0) > 0 OR GROUPING(institution_id, state) = 3;
        CREATE UNIQUE INDEX ix_generic_file_counts ON generic_file_counts (institution_id, state);
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_matviews WHERE schemaname = current_schema()
                   AND matviewname = 'work_item_counts' AND definition LIKE '%stats_work_items_live%') THEN
        DROP MATERIALIZED VIEW IF EXISTS work_item_counts;
        CREATE MATERIALIZED VIEW work_item_counts AS
        SELECT institution_id, coalesce(sum(n), 0)::bigint AS row_count, action, CURRENT_TIMESTAMP AS updated_at
        FROM stats_work_items_live
        GROUP BY CUBE (institution_id, action)
        HAVING coalesce(sum(n), 0) > 0 OR GROUPING(institution_id, action) = 3;
        CREATE UNIQUE INDEX ix_work_item_counts ON work_item_counts (institution_id, action);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION stats_refresh_counts(force boolean, OUT outcome text, OUT detail text)
LANGUAGE plpgsql
-- Refreshing the views from the cells is quick; JIT compiling their CUBE plans is not.
SET jit = off
SET lock_timeout = '30s'
AS $$
DECLARE
    moved bigint;
    refreshed text[] := '{}';
    last_refresh constant timestamp := (SELECT refreshed_at FROM stats_refresh_state WHERE name = 'counts');
BEGIN
    IF NOT stats_try_lock('counts') THEN
        outcome := 'skipped';
        detail := 'busy: another session is refreshing the counts';
        RAISE NOTICE 'stats_refresh_counts: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF force THEN
        moved := stats_rebuild_counts();
    ELSE
        moved := stats_fold_counts();
        IF NOT stats_changed_since('{files,objects,events,work_items,checksums}', last_refresh) THEN
            outcome := 'skipped';
            detail := 'not due: no changes since the last refresh';
            RAISE NOTICE 'stats_refresh_counts: %', detail;
            RETURN;
        END IF;
    END IF;
    -- Only the views whose cells changed since the last refresh.
    IF force OR stats_changed_since('{events}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY premis_event_counts;
        refreshed := array_append(refreshed, 'premis_event_counts');
    END IF;
    IF force OR stats_changed_since('{objects}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY intellectual_object_counts;
        refreshed := array_append(refreshed, 'intellectual_object_counts');
    END IF;
    IF force OR stats_changed_since('{files}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY generic_file_counts;
        refreshed := array_append(refreshed, 'generic_file_counts');
    END IF;
    IF force OR stats_changed_since('{work_items}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY work_item_counts;
        refreshed := array_append(refreshed, 'work_item_counts');
    END IF;
    PERFORM stats_mark('counts', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the count cells from the tables' ELSE 'folded ' || moved || ' change rows' END
              || '; refreshed ' || coalesce(nullif(array_to_string(refreshed, ', '), ''), 'no view (checksums only)');
END
$$;

CALL create_function_unless_newer('update_counts()', '016_count_views_from_cells', $create$
CREATE OR REPLACE FUNCTION update_counts() RETURNS integer
LANGUAGE sql
AS $fn$
    SELECT CASE WHEN outcome = 'ran' THEN 1 ELSE 0 END FROM stats_refresh_counts(false)
$fn$
$create$);

UPDATE schema_migrations SET finished_at = now() WHERE version = '016_count_views_from_cells';
