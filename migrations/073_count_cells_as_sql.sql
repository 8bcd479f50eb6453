-- 073_count_cells_as_sql: every count source's objects written out as plain SQL, so a reader (and git grep) finds
-- the CREATE of each cells table, deltas table, live view, trigger function, fold and rebuild function and trigger.
--
-- What count cells are, and why: see the header of 015_count_cells. Until this file the objects below existed only
-- as the output of 015's generator, stats_install_count_source(source), which built them with format() templates
-- from SQL text stored in rows of stats_count_sources / stats_count_dimensions / stats_count_filters, and the
-- list totals (registry-db stats/CellTotals) read those rows at run time. Now:
-- * this file states each object as it is; nothing is generated any more;
-- * which list filter a cell column answers, and how, is declared in Java next to each list
--   (registry-db list/Lists.java, ListSpec.cells(...)); CellTotals reads no SQL text from the database.
--
-- Per source (files, objects, events, work_items, checksums):
-- * stats_<source>_cells: one row per combination of the dimensions (unique, NULLS NOT DISTINCT), with n (rows) and,
--   for files, bytes; its month index (first built by 018) is restated here.
-- * stats_<source>_deltas: appended to by the capture trigger, emptied by the fold.
-- * stats_<source>_live: cells plus deltas; sum(n) over it is exact as of the reader's snapshot.
-- * stats_<source>_capture(): the statement-level trigger function (INSERT, UPDATE, DELETE, TRUNCATE).
-- * stats_<source>_fold(), stats_<source>_rebuild(): called by stats_fold_counts() / stats_rebuild_counts() (015),
--   which list the sources by name (no loop over a definitions table), so 016's stats_refresh_counts and 017's
--   deposit functions keep calling them unchanged.
--
-- The function bodies are exactly, character for character, what 015's generator produced (hence the long lines):
-- a file may be re-run by hand on an up-to-date database without changing it (MigrationFilesIdempotencyTest), and
-- re-running 015 regenerates these functions, so any other text here would make 015 and 073 undo each other.
--
-- What stays, and why: 015 cannot change (applied files are checksummed by the runner) and re-running it creates
-- stats_count_sources, stats_count_dimensions, stats_count_filters and stats_install_count_source() again and
-- inserts its rows. Dropping them here would make a re-run of 015 change the schema, so they stay in the catalog,
-- unused: nothing reads them since this file (CellTotals declares its cells in Java) and no migration calls the
-- generator after 015. Do not add sources through them; write a new source the way 074 writes storage_records.
--
-- Applies over a database that ran 015 (an upgraded or adopted one: every statement below finds its object and
-- leaves it as it is, the data of the cells untouched) and on a new one (015 created them a moment earlier).
-- Locks: CREATE OR REPLACE TRIGGER takes a SHARE ROW EXCLUSIVE lock on each base table for the moment of the
-- statement (no table is read or rewritten); the runner retries a busy lock.
--
-- Idempotency: IF NOT EXISTS, CREATE OR REPLACE.
INSERT INTO schema_migrations (version, started_at) VALUES ('073_count_cells_as_sql', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

-- --------------------------------------------------------------------------------------------------------------
-- files: the rows of generic_files counted per institution, state, storage option and month created (created_at); with the bytes (size).
-- --------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS stats_files_cells (
    institution_id integer,
    state varchar,
    storage_option varchar,
    month date,
    n bigint NOT NULL DEFAULT 0,
    bytes numeric NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_files_deltas (
    institution_id integer,
    state varchar,
    storage_option varchar,
    month date,
    n bigint NOT NULL DEFAULT 0,
    bytes numeric NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS stats_files_cells_key ON stats_files_cells (institution_id, state, storage_option, month) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS stats_files_cells_month ON stats_files_cells (month);

-- Exact and current: the folded cells plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_files_live AS
    SELECT institution_id, state, storage_option, month, n, bytes FROM stats_files_cells
    UNION ALL
    SELECT institution_id, state, storage_option, month, n, bytes FROM stats_files_deltas;

-- The trigger function: each writing statement appends its rows' moves between cells as deltas.
CREATE OR REPLACE FUNCTION stats_files_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, count(*), sum(coalesce(size, 0)) FROM new_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, -count(*), -sum(coalesce(size, 0)) FROM old_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id, state, storage_option, month, sum(n), sum(bytes) AS bytes
        FROM (SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, 1 AS n, coalesce(size, 0) AS bytes FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, -1, -(coalesce(size, 0)) FROM old_rows) changed
        GROUP BY 1, 2, 3, 4
        HAVING sum(n) <> 0 OR sum(bytes) <> 0;
    ELSE
        DELETE FROM stats_files_deltas;
        DELETE FROM stats_files_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cells (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_files_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_files_deltas RETURNING *),
         grouped AS (SELECT institution_id, state, storage_option, month, sum(n) AS n, sum(bytes) AS bytes, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4),
         upserted AS (
             INSERT INTO stats_files_cells AS c (institution_id, state, storage_option, month, n, bytes)
             SELECT institution_id, state, storage_option, month, n, bytes FROM grouped
             ON CONFLICT (institution_id, state, storage_option, month) DO UPDATE SET n = c.n + excluded.n, bytes = c.bytes + excluded.bytes
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_files_cells WHERE n = 0;
        PERFORM stats_mark('files', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cells from generic_files (a forced refresh, the backfill of 020): "base now minus cells" as
-- deltas, read in one statement (one snapshot), then folded.
CREATE OR REPLACE FUNCTION stats_files_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_files_deltas RETURNING 1)
    INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
    SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, count(*), sum(coalesce(size, 0)) FROM generic_files GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT institution_id, state, storage_option, month, -n, -bytes FROM stats_files_cells;
    RETURN stats_files_fold();
END
$fn$;

CREATE OR REPLACE TRIGGER stats_files_insert AFTER INSERT ON generic_files
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE OR REPLACE TRIGGER stats_files_update AFTER UPDATE ON generic_files
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE OR REPLACE TRIGGER stats_files_delete AFTER DELETE ON generic_files
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE OR REPLACE TRIGGER stats_files_truncate AFTER TRUNCATE ON generic_files
    FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();

-- --------------------------------------------------------------------------------------------------------------
-- objects: the rows of intellectual_objects counted per institution, state, storage option, access and month created (created_at).
-- --------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS stats_objects_cells (
    institution_id integer,
    state varchar,
    storage_option varchar,
    access varchar,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_objects_deltas (
    institution_id integer,
    state varchar,
    storage_option varchar,
    access varchar,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS stats_objects_cells_key ON stats_objects_cells (institution_id, state, storage_option, access, month) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS stats_objects_cells_month ON stats_objects_cells (month);

-- Exact and current: the folded cells plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_objects_live AS
    SELECT institution_id, state, storage_option, access, month, n FROM stats_objects_cells
    UNION ALL
    SELECT institution_id, state, storage_option, access, month, n FROM stats_objects_deltas;

-- The trigger function: each writing statement appends its rows' moves between cells as deltas.
CREATE OR REPLACE FUNCTION stats_objects_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id, state, storage_option, access, month, sum(n)
        FROM (SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_objects_deltas;
        DELETE FROM stats_objects_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cells (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_objects_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_objects_deltas RETURNING *),
         grouped AS (SELECT institution_id, state, storage_option, access, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_objects_cells AS c (institution_id, state, storage_option, access, month, n)
             SELECT institution_id, state, storage_option, access, month, n FROM grouped
             ON CONFLICT (institution_id, state, storage_option, access, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_objects_cells WHERE n = 0;
        PERFORM stats_mark('objects', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cells from intellectual_objects (a forced refresh, the backfill of 020): "base now minus cells" as
-- deltas, read in one statement (one snapshot), then folded.
CREATE OR REPLACE FUNCTION stats_objects_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_objects_deltas RETURNING 1)
    INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
    SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, count(*) FROM intellectual_objects GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, state, storage_option, access, month, -n FROM stats_objects_cells;
    RETURN stats_objects_fold();
END
$fn$;

CREATE OR REPLACE TRIGGER stats_objects_insert AFTER INSERT ON intellectual_objects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE OR REPLACE TRIGGER stats_objects_update AFTER UPDATE ON intellectual_objects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE OR REPLACE TRIGGER stats_objects_delete AFTER DELETE ON intellectual_objects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE OR REPLACE TRIGGER stats_objects_truncate AFTER TRUNCATE ON intellectual_objects
    FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();

-- --------------------------------------------------------------------------------------------------------------
-- events: the rows of premis_events counted per institution, event type, outcome, object-level (generic_file_id IS NULL) and month (date_time).
-- --------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS stats_events_cells (
    institution_id integer,
    event_type varchar,
    outcome varchar,
    object_level boolean,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_events_deltas (
    institution_id integer,
    event_type varchar,
    outcome varchar,
    object_level boolean,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS stats_events_cells_key ON stats_events_cells (institution_id, event_type, outcome, object_level, month) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS stats_events_cells_month ON stats_events_cells (month);

-- Exact and current: the folded cells plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_events_live AS
    SELECT institution_id, event_type, outcome, object_level, month, n FROM stats_events_cells
    UNION ALL
    SELECT institution_id, event_type, outcome, object_level, month, n FROM stats_events_deltas;

-- The trigger function: each writing statement appends its rows' moves between cells as deltas.
CREATE OR REPLACE FUNCTION stats_events_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id, event_type, outcome, object_level, month, sum(n)
        FROM (SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_events_deltas;
        DELETE FROM stats_events_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cells (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_events_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_events_deltas RETURNING *),
         grouped AS (SELECT institution_id, event_type, outcome, object_level, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_events_cells AS c (institution_id, event_type, outcome, object_level, month, n)
             SELECT institution_id, event_type, outcome, object_level, month, n FROM grouped
             ON CONFLICT (institution_id, event_type, outcome, object_level, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_events_cells WHERE n = 0;
        PERFORM stats_mark('events', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cells from premis_events (a forced refresh, the backfill of 020): "base now minus cells" as
-- deltas, read in one statement (one snapshot), then folded.
CREATE OR REPLACE FUNCTION stats_events_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_events_deltas RETURNING 1)
    INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
    SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, count(*) FROM premis_events GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, event_type, outcome, object_level, month, -n FROM stats_events_cells;
    RETURN stats_events_fold();
END
$fn$;

CREATE OR REPLACE TRIGGER stats_events_insert AFTER INSERT ON premis_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE OR REPLACE TRIGGER stats_events_update AFTER UPDATE ON premis_events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE OR REPLACE TRIGGER stats_events_delete AFTER DELETE ON premis_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE OR REPLACE TRIGGER stats_events_truncate AFTER TRUNCATE ON premis_events
    FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();

-- --------------------------------------------------------------------------------------------------------------
-- work_items: the rows of work_items counted per institution, action, stage, status and month processed (date_processed).
-- --------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS stats_work_items_cells (
    institution_id integer,
    action varchar,
    stage varchar,
    status varchar,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_work_items_deltas (
    institution_id integer,
    action varchar,
    stage varchar,
    status varchar,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS stats_work_items_cells_key ON stats_work_items_cells (institution_id, action, stage, status, month) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS stats_work_items_cells_month ON stats_work_items_cells (month);

-- Exact and current: the folded cells plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_work_items_live AS
    SELECT institution_id, action, stage, status, month, n FROM stats_work_items_cells
    UNION ALL
    SELECT institution_id, action, stage, status, month, n FROM stats_work_items_deltas;

-- The trigger function: each writing statement appends its rows' moves between cells as deltas.
CREATE OR REPLACE FUNCTION stats_work_items_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id, action, stage, status, month, sum(n)
        FROM (SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_work_items_deltas;
        DELETE FROM stats_work_items_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cells (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_work_items_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_work_items_deltas RETURNING *),
         grouped AS (SELECT institution_id, action, stage, status, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_work_items_cells AS c (institution_id, action, stage, status, month, n)
             SELECT institution_id, action, stage, status, month, n FROM grouped
             ON CONFLICT (institution_id, action, stage, status, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_work_items_cells WHERE n = 0;
        PERFORM stats_mark('work_items', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cells from work_items (a forced refresh, the backfill of 020): "base now minus cells" as
-- deltas, read in one statement (one snapshot), then folded.
CREATE OR REPLACE FUNCTION stats_work_items_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_work_items_deltas RETURNING 1)
    INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
    SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, count(*) FROM work_items GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, action, stage, status, month, -n FROM stats_work_items_cells;
    RETURN stats_work_items_fold();
END
$fn$;

CREATE OR REPLACE TRIGGER stats_work_items_insert AFTER INSERT ON work_items
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE OR REPLACE TRIGGER stats_work_items_update AFTER UPDATE ON work_items
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE OR REPLACE TRIGGER stats_work_items_delete AFTER DELETE ON work_items
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE OR REPLACE TRIGGER stats_work_items_truncate AFTER TRUNCATE ON work_items
    FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();

-- --------------------------------------------------------------------------------------------------------------
-- checksums: the rows of checksums counted per institution (through the checksum's file) and algorithm.
-- --------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS stats_checksums_cells (
    institution_id integer,
    algorithm varchar,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_checksums_deltas (
    institution_id integer,
    algorithm varchar,
    n bigint NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX IF NOT EXISTS stats_checksums_cells_key ON stats_checksums_cells (institution_id, algorithm) NULLS NOT DISTINCT;

-- Exact and current: the folded cells plus the deltas not folded yet (sum n over it).
CREATE OR REPLACE VIEW stats_checksums_live AS
    SELECT institution_id, algorithm, n FROM stats_checksums_cells
    UNION ALL
    SELECT institution_id, algorithm, n FROM stats_checksums_deltas;

-- The trigger function: each writing statement appends its rows' moves between cells as deltas.
CREATE OR REPLACE FUNCTION stats_checksums_capture() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, count(*) FROM new_rows GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, -count(*) FROM old_rows GROUP BY 1, 2;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT institution_id, algorithm, sum(n)
        FROM (SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, 1 AS n FROM new_rows
              UNION ALL
              SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, -1 FROM old_rows) changed
        GROUP BY 1, 2
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_checksums_deltas;
        DELETE FROM stats_checksums_cells;
    END IF;
    RETURN NULL;
END
$fn$;

-- Moves the deltas into the cells (the counts job, with the fold lock); returns the delta rows moved.
CREATE OR REPLACE FUNCTION stats_checksums_fold() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_checksums_deltas RETURNING *),
         grouped AS (SELECT institution_id, algorithm, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2),
         upserted AS (
             INSERT INTO stats_checksums_cells AS c (institution_id, algorithm, n)
             SELECT institution_id, algorithm, n FROM grouped
             ON CONFLICT (institution_id, algorithm) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_checksums_cells WHERE n = 0;
        PERFORM stats_mark('checksums', false);
    END IF;
    RETURN moved;
END
$fn$;

-- Recounts the cells from checksums (a forced refresh, the backfill of 020): "base now minus cells" as
-- deltas, read in one statement (one snapshot), then folded.
CREATE OR REPLACE FUNCTION stats_checksums_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_checksums_deltas RETURNING 1)
    INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
    SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, count(*) FROM checksums GROUP BY 1, 2
    UNION ALL
    SELECT institution_id, algorithm, -n FROM stats_checksums_cells;
    RETURN stats_checksums_fold();
END
$fn$;

CREATE OR REPLACE TRIGGER stats_checksums_insert AFTER INSERT ON checksums
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE OR REPLACE TRIGGER stats_checksums_update AFTER UPDATE ON checksums
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE OR REPLACE TRIGGER stats_checksums_delete AFTER DELETE ON checksums
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE OR REPLACE TRIGGER stats_checksums_truncate AFTER TRUNCATE ON checksums
    FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
UPDATE schema_migrations SET finished_at = now() WHERE version = '073_count_cells_as_sql';
