-- 074_storage_record_cells: a count source for storage_records, so the all-rows total of its list is read from one
-- cell instead of count(*) over the table (20 million rows at scale L: 129 ms per total).
--
-- The list (Lists.STORAGE_RECORDS, admins only) filters by generic_file_id and url only: the first picks out a
-- file's two or three records, which the ids statement counts itself through the file's index, and the second is
-- a single record. Neither is worth a dimension, so the source has none: one cell, the number of rows. It is
-- written the way 073 writes the other sources (cells, deltas, live view, capture trigger, fold, rebuild), plainly.
-- An UPDATE moves no row between cells (there is one), so the capture trigger records INSERT, DELETE and TRUNCATE.
--
-- Folding: 015's stats_fold_counts() / stats_rebuild_counts() and 016's stats_refresh_counts() list the sources
-- of 015 by name and are rewritten by a re-run of those files, so they stay as they are. The counts job calls
-- stats_refresh_all_counts(force) instead (StatsDao): it folds (or, forced, rebuilds) this source under the same
-- two advisory locks, then runs stats_refresh_counts(force) for the others, whose outcome and detail it returns.
--
-- Filling: when the cells table is new, this file requests the backfill count_cells:storage_records
-- (schema_backfills, as 015 did for its sources) and 075, which runs statement by statement after this file has
-- committed the trigger, fills it (run_stats_backfill of 020: one count of the table in a statement of its own;
-- it reads the table and locks nothing a writer needs). Until then the totals do not use the cells (CellTotals
-- reads a source only when no backfill of it is pending).
--
-- Locks: CREATE OR REPLACE TRIGGER takes a SHARE ROW EXCLUSIVE lock on storage_records for a moment; nothing here
-- reads the table. Idempotency: the cells table and its backfill request only when the table is absent; IF NOT
-- EXISTS; CREATE OR REPLACE.
INSERT INTO schema_migrations (version, started_at) VALUES ('074_storage_record_cells', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF to_regclass('stats_storage_records_cells') IS NULL THEN
        -- One row at most: cell is always true.
        CREATE TABLE stats_storage_records_cells (
            cell boolean PRIMARY KEY DEFAULT true CHECK (cell),
            n    bigint  NOT NULL DEFAULT 0
        );
        INSERT INTO schema_backfills (name, requested_by) VALUES ('count_cells:storage_records', '074_storage_record_cells')
        ON CONFLICT (name) DO UPDATE SET done_through = NULL, finished_at = NULL;
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS stats_storage_records_deltas (
    n bigint NOT NULL
);

-- Exact and current: the cell plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_storage_records_live AS
    SELECT n FROM stats_storage_records_cells
    UNION ALL
    SELECT n FROM stats_storage_records_deltas;

-- The trigger function: each inserting or deleting statement appends its number of rows as one delta.
CREATE OR REPLACE FUNCTION stats_storage_records_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_storage_records_deltas (n) SELECT count(*) FROM new_rows HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_storage_records_deltas (n) SELECT -count(*) FROM old_rows HAVING count(*) > 0;
    ELSIF TG_OP = 'TRUNCATE' THEN
        DELETE FROM stats_storage_records_deltas;
        DELETE FROM stats_storage_records_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cell (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_storage_records_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
    added bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_storage_records_deltas RETURNING n)
    SELECT count(*), coalesce(sum(n), 0) INTO moved, added FROM moved_rows;
    IF moved > 0 THEN
        INSERT INTO stats_storage_records_cells AS c (cell, n) VALUES (true, added)
        ON CONFLICT (cell) DO UPDATE SET n = c.n + excluded.n;
        PERFORM stats_mark('storage_records', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cell from storage_records (a forced refresh, the backfill of 075): "table now minus cell" as a delta,
-- read in one statement (one snapshot, so a change committed meanwhile is counted once), then folded.
CREATE OR REPLACE FUNCTION stats_storage_records_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_storage_records_deltas RETURNING 1)
    INSERT INTO stats_storage_records_deltas (n)
    SELECT count(*) FROM storage_records
    UNION ALL
    SELECT -n FROM stats_storage_records_cells;
    RETURN stats_storage_records_fold();
END
$fn$;

-- The counts job: this source, then 016's stats_refresh_counts(force) for the others (its outcome and detail).
-- Both advisory locks are transaction-level and re-entrant, so stats_refresh_counts takes them again at once; when
-- another session holds the counts lock, neither folds and the answer is stats_refresh_counts' 'skipped' (busy).
CREATE OR REPLACE FUNCTION stats_refresh_all_counts(force boolean, OUT outcome text, OUT detail text)
LANGUAGE plpgsql
SET jit = off
SET lock_timeout = '30s'
AS $$
BEGIN
    IF stats_try_lock('counts') THEN
        PERFORM stats_wait_for_fold_lock();
        IF force THEN
            PERFORM stats_storage_records_rebuild();
        ELSE
            PERFORM stats_storage_records_fold();
        END IF;
    END IF;
    SELECT r.outcome, r.detail INTO outcome, detail FROM stats_refresh_counts(force) r;
END
$$;

CREATE OR REPLACE TRIGGER stats_storage_records_insert AFTER INSERT ON storage_records
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();
CREATE OR REPLACE TRIGGER stats_storage_records_delete AFTER DELETE ON storage_records
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();
CREATE OR REPLACE TRIGGER stats_storage_records_truncate AFTER TRUNCATE ON storage_records
    FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();

UPDATE schema_migrations SET finished_at = now() WHERE version = '074_storage_record_cells';
