-- 015_count_cells: row counts kept current by triggers, for list totals and the count views.
--
-- The original counted rows with hourly GROUP BY CUBE materialized views (up to an hour
-- stale) and fell back to count(*) (5-15 s on a million rows). Here every big table has a
-- "count source": a small table of cells, one per combination of a few dimension values
-- (institution, state, storage option, event type, month, ...), holding the number of rows
-- (and, for files, their bytes). Statement-level triggers with transition tables capture
-- every INSERT, UPDATE, DELETE and TRUNCATE as aggregated deltas appended to a deltas
-- table (append-only, so concurrent writers never wait for each other or deadlock on a hot
-- counter row), and a fold moves the deltas into the cells. Readers sum cells and pending
-- deltas together (stats_<source>_live), so a total is exact and current as of the
-- reader's own snapshot; folding only keeps the deltas short.
--
-- Objects:
-- * stats_count_sources / stats_count_dimensions / stats_count_filters: the definitions.
--   Dimensions say how a base row maps to a cell; filters say which list filter a cell
--   column answers and how ('value': any comparison on the cell expression; 'is_null':
--   the cell column is the boolean "list column IS NULL"; 'month': the cell column is the
--   first day of the month of a timestamp, which answers ranges over whole months). Cell
--   expressions name the cell's columns as c.<column>; cell_joins may join lookups to the
--   cells (objects: institutions i, for institution_parent_id), as the list's view does. The
--   list engine's totals strategy (registry-db stats/CellTotals) reads these tables, so a
--   list whose relation is named in stats_count_sources.relations gets cell totals
--   without further code.
-- * stats_install_count_source(source): creates stats_<source>_cells (unique over its
--   dimensions, NULLS NOT DISTINCT, so NULL values are one cell), stats_<source>_deltas,
--   the view stats_<source>_live, the functions stats_<source>_capture() (trigger),
--   stats_<source>_fold() and stats_<source>_rebuild(), and the four triggers on the base
--   table. The functions are generated once, here, as static SQL (no dynamic SQL when a
--   trigger fires). A newly created cells table is recorded in schema_backfills and filled
--   by 020, after the triggers have committed.
-- * stats_fold_counts() folds every source; stats_rebuild_counts() rebuilds every source
--   from its base table (a forced full refresh). Both are called with the fold lock held
--   (014). A rebuild deletes the deltas and reads the base table in one statement (one
--   snapshot), writing "base minus cells" as new deltas, then folds: a change committed
--   meanwhile stays in the deltas and is counted once. Readers see the old cells until
--   the rebuild commits. A fold that moved anything records the change in
--   stats_refresh_state under the source's name, which is how the jobs tell whether a
--   refresh is due (stats_changed_since).
--
-- Sources: files (generic_files), objects (intellectual_objects), events (premis_events),
-- work_items (work_items), checksums (checksums; institution through its file).
--
-- Cost: one extra INSERT of a few rows per writing statement. Filling the cells reads each
-- table once; 020 does it in statements of their own, which writers never wait for.
-- To change a source's dimensions later, drop its cells and deltas tables in a new
-- migration, update its definition rows and install it again.
--
-- Idempotency: tables IF NOT EXISTS, definitions upserted, functions and views CREATE OR
-- REPLACE, triggers CREATE OR REPLACE; the filling is requested only when the cells table is new.

INSERT INTO schema_migrations (version, started_at) VALUES ('015_count_cells', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS stats_count_sources (
    source      varchar(40) PRIMARY KEY,
    base_table  varchar(63) NOT NULL,
    relations   text[]      NOT NULL,
    sum_columns text[]      NOT NULL DEFAULT '{}',
    sum_exprs   text[]      NOT NULL DEFAULT '{}',
    cell_joins  text        NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS stats_count_dimensions (
    source      varchar(40) NOT NULL REFERENCES stats_count_sources (source) ON DELETE CASCADE,
    position    integer     NOT NULL,
    cell_column varchar(63) NOT NULL,
    cell_type   varchar(40) NOT NULL,
    row_expr    text        NOT NULL,
    PRIMARY KEY (source, position)
);

CREATE TABLE IF NOT EXISTS stats_count_filters (
    source      varchar(40) NOT NULL REFERENCES stats_count_sources (source) ON DELETE CASCADE,
    list_column varchar(63) NOT NULL,
    kind        varchar(10) NOT NULL CHECK (kind IN ('value', 'is_null', 'month')),
    cell_expr   text        NOT NULL,
    PRIMARY KEY (source, list_column)
);

CREATE OR REPLACE PROCEDURE stats_install_count_source(src text)
LANGUAGE plpgsql
AS $install$
DECLARE
    def stats_count_sources;
    cells constant text := format('stats_%s_cells', src);
    deltas constant text := format('stats_%s_deltas', src);
    live constant text := format('stats_%s_live', src);
    dim_defs text;
    dims text;
    exprs text;
    positions text;
    sum_defs text := '';
    sums text := '';
    sum_of_exprs text := '';
    minus_sum_of_exprs text := '';
    plus_exprs text := '';
    minus_exprs text := '';
    sum_of_sums text := '';
    sums_nonzero text := '';
    sums_added text := '';
    minus_sums text := '';
    is_new boolean;
BEGIN
    SELECT * INTO STRICT def FROM stats_count_sources WHERE source = src;
    SELECT string_agg(format('%I %s', cell_column, cell_type), ', ' ORDER BY position),
           string_agg(format('%I', cell_column), ', ' ORDER BY position),
           string_agg(format('%s AS %I', row_expr, cell_column), ', ' ORDER BY position),
           string_agg(position::text, ', ' ORDER BY position)
    INTO STRICT dim_defs, dims, exprs, positions
    FROM stats_count_dimensions WHERE source = src;
    FOR i IN 1 .. coalesce(array_length(def.sum_columns, 1), 0) LOOP
        sum_defs := sum_defs || format(', %I numeric NOT NULL DEFAULT 0', def.sum_columns[i]);
        sums := sums || format(', %I', def.sum_columns[i]);
        sum_of_exprs := sum_of_exprs || format(', sum(%s)', def.sum_exprs[i]);
        minus_sum_of_exprs := minus_sum_of_exprs || format(', -sum(%s)', def.sum_exprs[i]);
        plus_exprs := plus_exprs || format(', %s AS %I', def.sum_exprs[i], def.sum_columns[i]);
        minus_exprs := minus_exprs || format(', -(%s)', def.sum_exprs[i]);
        sum_of_sums := sum_of_sums || format(', sum(%1$I) AS %1$I', def.sum_columns[i]);
        sums_nonzero := sums_nonzero || format(' OR sum(%I) <> 0', def.sum_columns[i]);
        minus_sums := minus_sums || format(', -%I', def.sum_columns[i]);
        sums_added := sums_added || format(', %1$I = c.%1$I + excluded.%1$I', def.sum_columns[i]);
    END LOOP;

    is_new := to_regclass(cells) IS NULL;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (%s, n bigint NOT NULL DEFAULT 0%s)', cells, dim_defs, sum_defs);
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (%s) NULLS NOT DISTINCT',
                   cells || '_key', cells, dims);
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (%s, n bigint NOT NULL DEFAULT 0%s)', deltas, dim_defs, sum_defs);
    EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT %s, n%s FROM %I UNION ALL SELECT %s, n%s FROM %I',
                   live, dims, sums, cells, dims, sums, deltas);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %5$s, count(*)%6$s FROM new_rows GROUP BY %7$s;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %5$s, -count(*)%8$s FROM old_rows GROUP BY %7$s;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %3$s, sum(n)%9$s
        FROM (SELECT %5$s, 1 AS n%10$s FROM new_rows
              UNION ALL
              SELECT %5$s, -1%11$s FROM old_rows) changed
        GROUP BY %7$s
        HAVING sum(n) <> 0%12$s;
    ELSE
        DELETE FROM %2$I;
        DELETE FROM %13$I;
    END IF;
    RETURN NULL;
END
$fn$$f$,
        format('stats_%s_capture', src), deltas, dims, sums, exprs, sum_of_exprs, positions,
        minus_sum_of_exprs, sum_of_sums, plus_exprs, minus_exprs, sums_nonzero, cells);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM %2$I RETURNING *),
         grouped AS (SELECT %3$s, sum(n) AS n%4$s, count(*) AS delta_rows FROM moved_rows GROUP BY %5$s),
         upserted AS (
             INSERT INTO %6$I AS c (%3$s, n%7$s)
             SELECT %3$s, n%7$s FROM grouped
             ON CONFLICT (%3$s) DO UPDATE SET n = c.n + excluded.n%8$s
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM %6$I WHERE n = 0;
        PERFORM stats_mark(%9$L, false);
    END IF;
    RETURN moved;
END
$fn$$f$,
        format('stats_%s_fold', src), deltas, dims, sum_of_sums, positions, cells, sums, sums_added, src);

    -- One statement, so the base table and the deltas are read in one snapshot: the new
    -- deltas are "base now minus cells", and folding them leaves exactly the base counts
    -- plus whatever other sessions committed meanwhile (their deltas are not deleted).
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM %2$I RETURNING 1)
    INSERT INTO %2$I (%4$s, n%5$s)
    SELECT %6$s, count(*)%7$s FROM %8$I GROUP BY %9$s
    UNION ALL
    SELECT %4$s, -n%10$s FROM %3$I;
    RETURN %11$I();
END
$fn$$f$,
        format('stats_%s_rebuild', src), deltas, cells, dims, sums, exprs, sum_of_exprs, def.base_table, positions,
        minus_sums, format('stats_%s_fold', src));

    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_insert', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows'
                   || ' NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_update', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_delete', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_truncate', src), def.base_table, format('stats_%s_capture', src));

    -- New cells are filled by 020 (stats_<source>_rebuild() in a statement of its own, after these triggers are
    -- committed, so writers never wait for the count of a big table).
    IF is_new THEN
        INSERT INTO schema_backfills (name, requested_by) VALUES ('count_cells:' || src, '015_count_cells')
        ON CONFLICT (name) DO UPDATE SET done_through = NULL, finished_at = NULL;
    END IF;
END
$install$;

-- The definitions. A relation listed for a source must have exactly one row per base row
-- (the base table itself, or a view that LEFT JOINs lookups by primary key).
INSERT INTO stats_count_sources (source, base_table, relations, sum_columns, sum_exprs, cell_joins) VALUES
    ('files', 'generic_files', '{generic_files,generic_files_view}', '{bytes}', '{"coalesce(size, 0)"}', ''),
    ('objects', 'intellectual_objects', '{intellectual_objects,intellectual_objects_view}', '{}', '{}',
     'LEFT JOIN institutions i ON i.id = c.institution_id'),
    ('events', 'premis_events', '{premis_events,premis_events_view}', '{}', '{}', ''),
    ('work_items', 'work_items', '{work_items,work_items_view}', '{}', '{}', ''),
    ('checksums', 'checksums', '{checksums,checksums_view}', '{}', '{}', '')
ON CONFLICT (source) DO UPDATE
    SET base_table = excluded.base_table, relations = excluded.relations,
        sum_columns = excluded.sum_columns, sum_exprs = excluded.sum_exprs, cell_joins = excluded.cell_joins;

INSERT INTO stats_count_dimensions (source, position, cell_column, cell_type, row_expr) VALUES
    ('files', 1, 'institution_id', 'integer', 'institution_id'),
    ('files', 2, 'state', 'varchar', 'state'),
    ('files', 3, 'storage_option', 'varchar', 'storage_option'),
    ('files', 4, 'month', 'date', 'date_trunc(''month'', created_at)::date'),
    ('objects', 1, 'institution_id', 'integer', 'institution_id'),
    ('objects', 2, 'state', 'varchar', 'state'),
    ('objects', 3, 'storage_option', 'varchar', 'storage_option'),
    ('objects', 4, 'access', 'varchar', 'access'),
    ('objects', 5, 'month', 'date', 'date_trunc(''month'', created_at)::date'),
    ('events', 1, 'institution_id', 'integer', 'institution_id'),
    ('events', 2, 'event_type', 'varchar', 'event_type'),
    ('events', 3, 'outcome', 'varchar', 'outcome'),
    ('events', 4, 'object_level', 'boolean', 'generic_file_id IS NULL'),
    ('events', 5, 'month', 'date', 'date_trunc(''month'', date_time)::date'),
    ('work_items', 1, 'institution_id', 'integer', 'institution_id'),
    ('work_items', 2, 'action', 'varchar', 'action'),
    ('work_items', 3, 'stage', 'varchar', 'stage'),
    ('work_items', 4, 'status', 'varchar', 'status'),
    ('work_items', 5, 'month', 'date', 'date_trunc(''month'', date_processed)::date'),
    ('checksums', 1, 'institution_id', 'integer',
        '(SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id)'),
    ('checksums', 2, 'algorithm', 'varchar', 'algorithm')
ON CONFLICT (source, position) DO UPDATE
    SET cell_column = excluded.cell_column, cell_type = excluded.cell_type, row_expr = excluded.row_expr;

INSERT INTO stats_count_filters (source, list_column, kind, cell_expr) VALUES
    ('files', 'institution_id', 'value', 'c.institution_id'),
    ('files', 'state', 'value', 'c.state'),
    ('files', 'storage_option', 'value', 'c.storage_option'),
    ('files', 'created_at', 'month', 'c.month'),
    ('objects', 'institution_id', 'value', 'c.institution_id'),
    ('objects', 'state', 'value', 'c.state'),
    ('objects', 'storage_option', 'value', 'c.storage_option'),
    ('objects', 'access', 'value', 'c.access'),
    ('objects', 'created_at', 'month', 'c.month'),
    ('objects', 'institution_parent_id', 'value', 'i.member_institution_id'),
    ('events', 'institution_id', 'value', 'c.institution_id'),
    ('events', 'event_type', 'value', 'c.event_type'),
    ('events', 'outcome', 'value', 'c.outcome'),
    ('events', 'generic_file_id', 'is_null', 'c.object_level'),
    ('events', 'date_time', 'month', 'c.month'),
    ('work_items', 'institution_id', 'value', 'c.institution_id'),
    ('work_items', 'action', 'value', 'c.action'),
    ('work_items', 'stage', 'value', 'c.stage'),
    ('work_items', 'status', 'value', 'c.status'),
    ('work_items', 'date_processed', 'month', 'c.month'),
    ('checksums', 'institution_id', 'value', 'c.institution_id'),
    ('checksums', 'algorithm', 'value', 'c.algorithm')
ON CONFLICT (source, list_column) DO UPDATE SET kind = excluded.kind, cell_expr = excluded.cell_expr;

CALL stats_install_count_source('files');
CALL stats_install_count_source('objects');
CALL stats_install_count_source('events');
CALL stats_install_count_source('work_items');
CALL stats_install_count_source('checksums');

CREATE OR REPLACE FUNCTION stats_fold_counts() RETURNS bigint
LANGUAGE sql VOLATILE
AS $$
    SELECT stats_files_fold() + stats_objects_fold() + stats_events_fold() + stats_work_items_fold()
           + stats_checksums_fold()
$$;

CREATE OR REPLACE FUNCTION stats_rebuild_counts() RETURNS bigint
LANGUAGE sql VOLATILE
AS $$
    SELECT stats_files_rebuild() + stats_objects_rebuild() + stats_events_rebuild() + stats_work_items_rebuild()
           + stats_checksums_rebuild()
$$;

-- Did any of these data sets change (stats_mark) after the given time? Never refreshed counts as changed.
CREATE OR REPLACE FUNCTION stats_changed_since(names text[], since timestamp) RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT since IS NULL OR EXISTS (SELECT 1 FROM stats_refresh_state
                                    WHERE name = ANY (names) AND changed_at > since)
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '015_count_cells';
