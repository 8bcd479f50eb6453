-- registry:no-transaction
-- 020_backfills_and_list_indexes: the long steps of 013-017, run so that writers never wait for them.
--
-- On a database that already holds data (an adopted one: production has 40M+ files and 100M+ events), filling the
-- per-object totals (013), the count cells (015) and the deposit figures (017), and building the list indexes,
-- take minutes. Done inside the migrations that install the triggers, they held the triggers' lock on
-- generic_files and premis_events for all that time, and every writer waited. Those files now only install the
-- triggers (a lock held for milliseconds) and record what is left in schema_backfills; this file, which runs
-- statement by statement, does it:
--
-- * object_summaries: backfill_object_summaries() works through the objects in batches of ids, committing after
--   each. A batch locks its objects' rows (FOR UPDATE SKIP LOCKED: an object a writer holds is tried again after
--   a pause, so neither side ever waits for the other's long transaction and they cannot deadlock), then sets the
--   four totals from the files committed by then. A writer whose trigger is adding to one of those objects waits
--   for that batch only; one that commits after it adds its change through the trigger on top of the right
--   total. done_through records progress, so an interrupted run resumes where it stopped.
-- * count_cells:<source>: stats_<source>_rebuild() in a statement of its own, with the fold lock (014): one
--   snapshot of the base table and of the deltas, so a change committed meanwhile is counted once. It reads the
--   table but locks nothing a writer needs (the triggers only ever insert deltas).
-- * deposit_objects: stats_deposit_rebuild(), the same way.
-- * The count and deposit materialized views read the cells: refreshed CONCURRENTLY afterwards.
-- * The list indexes (formerly 013's), built CONCURRENTLY. An index left INVALID by an interrupted build is dropped
--   first and built again.
--
-- On a new or small database every step takes milliseconds. Idempotency: a finished backfill is not run again;
-- CREATE ... IF NOT EXISTS; REFRESH is safe to repeat.
INSERT INTO schema_migrations (version, started_at) VALUES ('020_backfills_and_list_indexes', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE OR REPLACE PROCEDURE backfill_object_summaries(batch_size integer DEFAULT 2000)
LANGUAGE plpgsql
AS $$
DECLARE
    lo bigint;
    last_id bigint;
    todo integer[];
    got integer[];
    pause double precision;
BEGIN
    SELECT coalesce(done_through, 0) INTO lo FROM schema_backfills
    WHERE name = 'object_summaries' AND finished_at IS NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(max(id), 0) INTO last_id FROM intellectual_objects;
    WHILE lo < last_id LOOP
        todo := ARRAY(SELECT id FROM intellectual_objects WHERE id > lo AND id <= lo + batch_size);
        pause := 0.01;
        LOOP
            -- Objects that a writer holds right now are skipped (never waited for) and tried again after a
            -- commit, so the migration waits for no writer and no writer waits for more than one batch.
            got := ARRAY(SELECT id FROM intellectual_objects WHERE id = ANY (todo)
                         ORDER BY id FOR UPDATE SKIP LOCKED);
            PERFORM recount_object_summaries(got);
            todo := ARRAY(SELECT id FROM intellectual_objects WHERE id = ANY (todo) AND id <> ALL (got));
            EXIT WHEN cardinality(todo) = 0;
            COMMIT;
            PERFORM pg_sleep(pause);
            pause := least(pause * 2, 1.0);
        END LOOP;
        lo := lo + batch_size;
        UPDATE schema_backfills SET done_through = lo WHERE name = 'object_summaries';
        COMMIT;
    END LOOP;
    UPDATE schema_backfills SET finished_at = now() AT TIME ZONE 'UTC' WHERE name = 'object_summaries';
    COMMIT;
END
$$;

-- Runs one pending backfill of the stats sources (count_cells:<source>, deposit_objects) in the caller's
-- transaction, with the fold lock; returns the rows it moved, or NULL when nothing was pending.
CREATE OR REPLACE FUNCTION run_stats_backfill(backfill text) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    moved bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM schema_backfills WHERE name = backfill AND finished_at IS NULL) THEN
        RETURN NULL;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF backfill = 'deposit_objects' THEN
        moved := stats_deposit_rebuild();
    ELSIF backfill LIKE 'count\_cells:%' THEN
        EXECUTE format('SELECT stats_%s_rebuild()', substr(backfill, length('count_cells:') + 1)) INTO moved;
    ELSE
        RAISE EXCEPTION 'unknown backfill %', backfill;
    END IF;
    UPDATE schema_backfills SET finished_at = now() AT TIME ZONE 'UTC' WHERE name = backfill;
    RETURN moved;
END
$$;

CALL backfill_object_summaries();

SELECT run_stats_backfill('count_cells:files');
SELECT run_stats_backfill('count_cells:objects');
SELECT run_stats_backfill('count_cells:events');
SELECT run_stats_backfill('count_cells:work_items');
SELECT run_stats_backfill('count_cells:checksums');
SELECT run_stats_backfill('deposit_objects');

REFRESH MATERIALIZED VIEW CONCURRENTLY premis_event_counts;
REFRESH MATERIALIZED VIEW CONCURRENTLY intellectual_object_counts;
REFRESH MATERIALIZED VIEW CONCURRENTLY generic_file_counts;
REFRESH MATERIALIZED VIEW CONCURRENTLY work_item_counts;
REFRESH MATERIALIZED VIEW CONCURRENTLY current_deposit_stats;

DO $$
DECLARE
    idx text;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE NOT x.indisvalid AND c.relnamespace = current_schema()::regnamespace
                 AND c.relname IN ('index_intellectual_objects_on_size_id',
                                 'index_intellectual_objects_on_file_count_id',
                                 'index_intellectual_objects_on_institution_size_id',
                                 'index_intellectual_objects_on_institution_file_count_id',
                                 'index_intellectual_objects_on_institution_updated_at_id',
                                 'index_intellectual_objects_on_updated_at_id',
                                 'index_intellectual_objects_on_lower_identifier',
                                 'index_generic_files_on_updated_at_id',
                                 'index_generic_files_on_institution_updated_at_id',
                                 'index_generic_files_on_object_updated_at_id',
                                 'index_premis_events_on_date_time_id',
                                 'index_premis_events_on_institution_date_time_id',
                                 'index_premis_events_failed_by_institution_date_time_id',
                                 'index_work_items_on_updated_at_id',
                                 'index_work_items_on_institution_updated_at_id',
                                 'index_work_items_on_status_updated_at_id',
                                 'index_work_items_on_status_date_processed',
                                 'index_work_items_open_by_institution_name') LOOP
        EXECUTE format('DROP INDEX %I', idx);
    END LOOP;
END
$$;

-- Objects. The list engine sorts and filters in the table whenever the request only names its columns, so
-- these index the table's columns (size as bigint, not the view's numeric).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_size_id
    ON intellectual_objects (size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_file_count_id
    ON intellectual_objects (file_count, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_size_id
    ON intellectual_objects (institution_id, size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_file_count_id
    ON intellectual_objects (institution_id, file_count, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_updated_at_id
    ON intellectual_objects (institution_id, updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_updated_at_id
    ON intellectual_objects (updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_lower_identifier
    ON intellectual_objects (lower(identifier) text_pattern_ops);

-- Files.
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_updated_at_id
    ON generic_files (updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_updated_at_id
    ON generic_files (institution_id, updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_object_updated_at_id
    ON generic_files (intellectual_object_id, updated_at, id);

-- Events.
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_date_time_id
    ON premis_events (date_time, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_institution_date_time_id
    ON premis_events (institution_id, date_time, id);
-- Failures are rare (a fixity check in a few hundred), so a list of them would otherwise read thousands of
-- successes per page; this index holds only the failures.
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_failed_by_institution_date_time_id
    ON premis_events (institution_id, date_time, id)
    WHERE outcome = 'Failed';

-- Work items.
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_updated_at_id
    ON work_items (updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_updated_at_id
    ON work_items (institution_id, updated_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_status_updated_at_id
    ON work_items (status, updated_at, id);
-- The web's quick reports: items failed, cancelled or suspended in the last 30 days.
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_status_date_processed
    ON work_items (status, date_processed);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_open_by_institution_name
    ON work_items (institution_id, name)
    WHERE status NOT IN ('Success', 'Failed', 'Cancelled');

UPDATE schema_migrations SET finished_at = now() WHERE version = '020_backfills_and_list_indexes';
