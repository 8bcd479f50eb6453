-- 017_deposit_stats_from_cells: deposit statistics from per-month figures, not file scans.
--
-- The original rebuilt current_deposit_stats by aggregating every active file (minutes on
-- production) and each history month by aggregating every file created before it (about
-- 86 s for the whole history at 1M files). Here:
-- * Files and bytes come from the file count cells of 015: active files per institution,
--   storage option and month of creation, kept current by triggers.
-- * Objects: an object counts under an institution and storage option from the month of its
--   first active file there. stats_deposit_objects holds, per object, institution and
--   option, the creation time of the first active file;
--   stats_deposit_object_cells counts objects by that first month. A trigger on
--   generic_files queues the active files each statement added or removed, per object
--   (stats_deposit_queue), and stats_deposit_fold() applies them: added files can only move
--   the first creation time earlier; an object that lost a file at or before its first one
--   is the one case that reads generic_files (that object's files, by index). The 'Total' and 'All Institutions' object counts are sums of
--   these, which equals the original's count(DISTINCT object) because every file of an
--   object has the object's institution and storage option (the API keeps them so).
-- * stats_deposit_snapshot(end_times): the deposit rows (historical_deposit_stats' columns)
--   as of any set of times, by summing months before each time; a time inside a month adds
--   that month's part from generic_files and stats_deposit_objects. Set-based: one query
--   for any number of months.
-- * current_deposit_stats keeps its name, columns, their types (numeric, as the original's sums made them)
--   and unique index; it is the snapshot as
--   of 'infinity' (every active file) with end_date = now(), refreshed CONCURRENTLY.
-- * Jobs, each with its advisory lock taken by pg_try_advisory_xact_lock (busy -> 'skipped'
--   at once), returning (outcome, detail):
--     stats_refresh_current_deposits(force, min_age): folds, then refreshes when the files,
--       objects, institutions or prices changed since the last refresh and that refresh is
--       at least min_age old. force rebuilds the file cells and the object figures first.
--     stats_refresh_historical_deposits(force): adds every missing first-of-month row from
--       2014-01 to this month in one INSERT, then the zero rows. A month already there is
--       never recomputed; force deletes the history and rebuilds all of it.
--     stats_refresh_empty_deposits(force): the zero rows for the charts (set-based).
-- * The original functions keep their names, arguments and return types and delegate:
--   update_current_deposit_stats(), populate_historical_deposit_stats(timestamp),
--   populate_all_historical_deposit_stats(), populate_empty_deposit_stats(). The date
--   overload from 005 calls them unchanged.
--
-- Idempotency: tables and indexes IF NOT EXISTS; the filling of the object figures is requested (020) only while
-- they are empty; the view is rebuilt only while it does not read the snapshot;
-- functions CREATE OR REPLACE (the original names through create_function_unless_newer);
-- triggers CREATE OR REPLACE.

INSERT INTO schema_migrations (version, started_at) VALUES ('017_deposit_stats_from_cells', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS stats_deposit_objects (
    intellectual_object_id integer   NOT NULL,
    institution_id         integer,
    storage_option         varchar,
    first_created_at       timestamp NOT NULL
) WITH (fillfactor = 70);  -- room for HOT updates: the fold rewrites rows in place, no index on what it changes
CREATE UNIQUE INDEX IF NOT EXISTS stats_deposit_objects_key
    ON stats_deposit_objects (intellectual_object_id, institution_id, storage_option) NULLS NOT DISTINCT;
CREATE TABLE IF NOT EXISTS stats_deposit_object_cells (
    institution_id integer,
    storage_option varchar,
    month          date,
    n              bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS stats_deposit_object_cells_key
    ON stats_deposit_object_cells (institution_id, storage_option, month) NULLS NOT DISTINCT;
-- Active files added (n > 0) to or removed (n < 0) from an object, with the earliest creation time among them.
CREATE TABLE IF NOT EXISTS stats_deposit_queue (
    intellectual_object_id integer   NOT NULL,
    institution_id         integer,
    storage_option         varchar,
    n                      bigint    NOT NULL,
    first_created_at       timestamp NOT NULL
);

CREATE OR REPLACE FUNCTION stats_deposit_capture() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_deposit_queue
        SELECT intellectual_object_id, institution_id, storage_option, count(*), min(created_at)
        FROM new_rows WHERE state = 'A' AND intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_deposit_queue
        SELECT intellectual_object_id, institution_id, storage_option, -count(*), min(created_at)
        FROM old_rows WHERE state = 'A' AND intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only changes that move an active file in or out of an object's figures.
        INSERT INTO stats_deposit_queue
        SELECT x.intellectual_object_id, x.institution_id, x.storage_option, sum(x.n), min(x.created_at)
        FROM old_rows o
        JOIN new_rows nw ON nw.id = o.id
        CROSS JOIN LATERAL (
            SELECT o.intellectual_object_id, o.institution_id, o.storage_option, -1 AS n, o.created_at
            WHERE o.state = 'A'
            UNION ALL
            SELECT nw.intellectual_object_id, nw.institution_id, nw.storage_option, 1, nw.created_at
            WHERE nw.state = 'A') x
        WHERE (o.state, o.created_at, o.storage_option, o.institution_id, o.intellectual_object_id)
              IS DISTINCT FROM (nw.state, nw.created_at, nw.storage_option, nw.institution_id, nw.intellectual_object_id)
          AND x.intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3, x.n > 0;
    ELSE
        DELETE FROM stats_deposit_queue;
        DELETE FROM stats_deposit_objects;
        DELETE FROM stats_deposit_object_cells;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER stats_deposit_insert AFTER INSERT ON generic_files
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE OR REPLACE TRIGGER stats_deposit_update AFTER UPDATE ON generic_files
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE OR REPLACE TRIGGER stats_deposit_delete AFTER DELETE ON generic_files
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE OR REPLACE TRIGGER stats_deposit_truncate AFTER TRUNCATE ON generic_files
    FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();

-- Applies the queued changes to the objects' first-file times and their month cells, in one statement (one
-- snapshot of the queue and of generic_files). Files added can only move an object's first time earlier; only an
-- object that lost a file at or before its first time is looked up in generic_files (its files, by index) for its
-- new first active file, or to find it has none left. Rows whose time does not change are not written.
-- Called with the fold lock held.
CREATE OR REPLACE FUNCTION stats_deposit_fold() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    objects bigint;
BEGIN
    WITH taken AS (
        DELETE FROM stats_deposit_queue RETURNING *
    ), changes AS (
        SELECT intellectual_object_id, institution_id, storage_option,
               min(first_created_at) FILTER (WHERE n > 0) AS added_first,
               min(first_created_at) FILTER (WHERE n < 0) AS removed_first
        FROM taken GROUP BY 1, 2, 3
    ), decided AS (
        SELECT c.intellectual_object_id, c.institution_id, c.storage_option,
               d.first_created_at AS old_first,
               CASE WHEN c.removed_first IS NOT NULL
                         AND (d.first_created_at IS NULL OR c.removed_first <= d.first_created_at)
                    THEN (SELECT min(g.created_at) FROM generic_files g
                          WHERE g.intellectual_object_id = c.intellectual_object_id
                            AND g.institution_id IS NOT DISTINCT FROM c.institution_id
                            AND g.storage_option IS NOT DISTINCT FROM c.storage_option AND g.state = 'A')
                    ELSE least(d.first_created_at, c.added_first) END AS new_first
        FROM changes c
        LEFT JOIN stats_deposit_objects d
          ON d.intellectual_object_id = c.intellectual_object_id
         AND d.institution_id IS NOT DISTINCT FROM c.institution_id
         AND d.storage_option IS NOT DISTINCT FROM c.storage_option
    ), moved AS (
        SELECT * FROM decided WHERE new_first IS DISTINCT FROM old_first
    ), kept AS (
        INSERT INTO stats_deposit_objects AS d (intellectual_object_id, institution_id, storage_option,
                                                 first_created_at)
        SELECT intellectual_object_id, institution_id, storage_option, new_first
        FROM moved WHERE new_first IS NOT NULL
        ON CONFLICT (intellectual_object_id, institution_id, storage_option)
            DO UPDATE SET first_created_at = excluded.first_created_at
        RETURNING 1
    ), dropped AS (
        DELETE FROM stats_deposit_objects d USING moved x
        WHERE x.new_first IS NULL
          AND d.intellectual_object_id = x.intellectual_object_id
          AND d.institution_id IS NOT DISTINCT FROM x.institution_id
          AND d.storage_option IS NOT DISTINCT FROM x.storage_option
        RETURNING 1
    ), month_moves AS (
        SELECT institution_id, storage_option, date_trunc('month', old_first)::date AS month, -1 AS n
        FROM moved WHERE old_first IS NOT NULL
        UNION ALL
        SELECT institution_id, storage_option, date_trunc('month', new_first)::date, 1
        FROM moved WHERE new_first IS NOT NULL
    ), celled AS (
        INSERT INTO stats_deposit_object_cells AS c (institution_id, storage_option, month, n)
        SELECT institution_id, storage_option, month, sum(n) FROM month_moves GROUP BY 1, 2, 3
        HAVING sum(n) <> 0
        ON CONFLICT (institution_id, storage_option, month) DO UPDATE SET n = c.n + excluded.n
        RETURNING 1
    )
    SELECT count(*) INTO objects FROM moved;
    IF objects > 0 THEN
        DELETE FROM stats_deposit_object_cells WHERE n = 0;
        PERFORM stats_mark('deposit_objects', false);
    END IF;
    RETURN objects;
END
$$;

-- Recomputes every object's figures from the files (a forced full refresh): one statement empties the queue and
-- the figures and queues every object's active files as of that snapshot; the fold then builds the figures and
-- cells again. A change committed meanwhile stays queued and is applied once.
CREATE OR REPLACE FUNCTION stats_deposit_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $$
BEGIN
    WITH gone_queue AS (DELETE FROM stats_deposit_queue RETURNING 1),
         gone_objects AS (DELETE FROM stats_deposit_objects RETURNING 1)
    INSERT INTO stats_deposit_queue
    SELECT intellectual_object_id, institution_id, storage_option, count(*), min(created_at)
    FROM generic_files
    WHERE state = 'A' AND intellectual_object_id IS NOT NULL
    GROUP BY 1, 2, 3;
    DELETE FROM stats_deposit_object_cells;
    RETURN stats_deposit_fold();
END
$$;

-- A database that had files before this migration: 020 fills the object figures (stats_deposit_rebuild(), in a
-- statement of its own after these triggers have committed, so writers never wait for it).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM stats_deposit_objects) THEN
        INSERT INTO schema_backfills (name, requested_by) VALUES ('deposit_objects', '017_deposit_stats_from_cells')
        ON CONFLICT (name) DO NOTHING;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION stats_deposit_snapshot(end_times timestamp[])
RETURNS TABLE (institution_id bigint, institution_name varchar, storage_option varchar, object_count bigint,
               file_count bigint, total_bytes bigint, total_gb double precision, total_tb double precision,
               cost_gb_per_month double precision, monthly_cost double precision, end_date date,
               member_institution_id integer, primary_sort varchar, secondary_sort varchar)
LANGUAGE sql STABLE
-- current_deposit_stats reads this function, and PostgreSQL 17 refreshes materialized views with a
-- search_path of pg_catalog only: the function brings its own. Its plan is cheap, but its estimates are
-- not, and JIT compilation would cost more than the query.
SET search_path FROM CURRENT
SET jit = off
AS $$
    WITH times AS (
        SELECT DISTINCT t AS end_at, date_trunc('month', t) AS month_start FROM unnest(end_times) t
    ), monthly AS (
        SELECT c.institution_id, c.storage_option, c.month,
               sum(c.files) AS files, sum(c.bytes) AS bytes, sum(c.objects) AS objects
        FROM (SELECT f.institution_id, f.storage_option, f.month, f.n AS files, f.bytes, 0::bigint AS objects
                FROM stats_files_live f WHERE f.state = 'A'
              UNION ALL
              SELECT o.institution_id, o.storage_option, o.month, 0, 0, o.n
                FROM stats_deposit_object_cells o) c
        GROUP BY 1, 2, 3
    ), per_key AS (
        SELECT x.end_at, x.institution_id, x.storage_option,
               sum(x.files) AS files, sum(x.bytes) AS bytes, sum(x.objects) AS objects
        FROM (SELECT t.end_at, m.institution_id, m.storage_option, m.files, m.bytes, m.objects
                FROM times t JOIN monthly m ON m.month < t.month_start
              UNION ALL  -- the part of a month before a time that is not a first of the month (by index)
              SELECT t.end_at, gf.institution_id, gf.storage_option, 1, coalesce(gf.size, 0), 0
                FROM times t CROSS JOIN LATERAL (
                    SELECT * FROM generic_files g
                    WHERE t.end_at > t.month_start AND g.created_at >= t.month_start AND g.created_at < t.end_at
                      AND g.state = 'A') gf
              UNION ALL
              SELECT t.end_at, o.institution_id, o.storage_option, 0, 0, 1
                FROM times t CROSS JOIN LATERAL (
                    SELECT * FROM stats_deposit_objects d
                    WHERE t.end_at > t.month_start AND d.first_created_at >= t.month_start
                      AND d.first_created_at < t.end_at) o) x
        GROUP BY 1, 2, 3
        HAVING sum(x.files) > 0
    ), totals AS (
        SELECT p.end_at, p.institution_id, p.storage_option,
               GROUPING(p.institution_id) = 1 AS all_institutions,
               GROUPING(p.storage_option) = 1 AS all_options,
               sum(p.files)::bigint AS file_count,
               sum(p.objects)::bigint AS object_count,
               sum(p.bytes)::bigint AS total_bytes
        FROM per_key p
        GROUP BY p.end_at, CUBE (p.institution_id, p.storage_option)
        UNION ALL  -- a time before any deposit still has its zero grand total, as in the original
        SELECT t.end_at, NULL, NULL, true, true, 0, 0, 0
        FROM times t WHERE NOT EXISTS (SELECT 1 FROM per_key p WHERE p.end_at = t.end_at)
    ), priced AS (
        SELECT t.*,
               t.total_bytes / 1073741824.0::double precision AS gb,
               so.cost_gb_per_month::double precision AS price
        FROM totals t
        LEFT JOIN storage_options so ON so.name = t.storage_option
    )
    SELECT p.institution_id::bigint,
           (CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END)::varchar,
           (CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END)::varchar,
           p.object_count,
           p.file_count,
           p.total_bytes,
           p.gb,
           p.total_bytes / 1099511627776.0::double precision,
           coalesce(p.price, 0),
           coalesce(CASE WHEN p.all_options
                         THEN sum(p.gb * p.price) OVER (PARTITION BY p.end_at, p.institution_id)
                         ELSE p.gb * p.price END, 0),
           p.end_at::date,
           i.member_institution_id,
           (CASE WHEN p.all_institutions THEN 'zzz' ELSE i.name END)::varchar,
           (CASE WHEN p.all_options THEN 'zzz' ELSE p.storage_option END)::varchar
    FROM priced p
    LEFT JOIN institutions i ON i.id = p.institution_id
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_matviews WHERE schemaname = current_schema()
                   AND matviewname = 'current_deposit_stats' AND definition LIKE '%stats_deposit_snapshot%') THEN
        DROP MATERIALIZED VIEW IF EXISTS current_deposit_stats;
        CREATE MATERIALIZED VIEW current_deposit_stats AS
        SELECT s.institution_id::integer AS institution_id,
               s.member_institution_id,
               s.institution_name,
               s.storage_option,
               s.file_count,
               s.object_count,
               s.total_bytes::numeric AS total_bytes,
               s.total_gb::numeric AS total_gb,
               s.total_tb::numeric AS total_tb,
               s.cost_gb_per_month::numeric(12,8) AS cost_gb_per_month,
               s.monthly_cost::numeric AS monthly_cost,
               now() AS end_date,
               s.primary_sort,
               s.secondary_sort
        FROM stats_deposit_snapshot(ARRAY['infinity'::timestamp]) s;
        CREATE UNIQUE INDEX ix_current_deposits_inst_id_storage_option
            ON current_deposit_stats (institution_id, storage_option);
    END IF;
END
$$;

-- Zero rows for every institution x month x option combination the history lacks, so the
-- timeline charts have a point everywhere. One INSERT ... SELECT with a hash anti-join.
-- Called by holders of the history lock.
CREATE OR REPLACE FUNCTION stats_fill_empty_deposits() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    added bigint;
BEGIN
    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    WITH inst AS (
        SELECT h.institution_id, max(h.institution_name) AS institution_name
        FROM historical_deposit_stats h GROUP BY h.institution_id
    ), wanted AS (
        SELECT inst.institution_id, inst.institution_name, opt.storage_option, snap.end_date
        FROM inst
        CROSS JOIN (SELECT DISTINCT end_date FROM historical_deposit_stats) snap
        CROSS JOIN (SELECT DISTINCT storage_option FROM historical_deposit_stats) opt
    ), missing AS (
        SELECT w.* FROM wanted w
        LEFT JOIN historical_deposit_stats h
          ON coalesce(h.institution_id, -1) = coalesce(w.institution_id, -1)
         AND h.storage_option = w.storage_option AND h.end_date = w.end_date
        WHERE h.end_date IS NULL
    )
    SELECT m.institution_id,
           CASE WHEN m.institution_id IS NULL THEN 'All Institutions' ELSE coalesce(i.name, m.institution_name) END,
           m.storage_option,
           0, 0, 0, 0, 0, 0, 0,
           m.end_date,
           CASE WHEN m.institution_id IS NULL THEN 0 ELSE i.member_institution_id END,
           CASE WHEN m.institution_id IS NULL THEN 'zzz' ELSE coalesce(i.name, m.institution_name) END,
           CASE WHEN m.storage_option = 'Total' THEN 'zzz' ELSE m.storage_option END
    FROM missing m
    LEFT JOIN institutions i ON i.id = m.institution_id;
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE historical_deposit_stats SET secondary_sort = 'zzz'
    WHERE storage_option = 'Total' AND secondary_sort IS DISTINCT FROM 'zzz';
    RETURN added;
END
$$;

-- Writes the history rows of the given times (first-of-month timestamps) and returns how many.
CREATE OR REPLACE FUNCTION stats_insert_deposit_months(end_times timestamp[]) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    added bigint;
BEGIN
    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    SELECT * FROM stats_deposit_snapshot(end_times);
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;

CREATE OR REPLACE FUNCTION stats_refresh_current_deposits(force boolean, min_age interval,
                                                          OUT outcome text, OUT detail text)
LANGUAGE plpgsql
SET jit = off
SET lock_timeout = '30s'
AS $$
DECLARE
    last_refresh timestamp;
BEGIN
    IF NOT stats_try_lock('current') THEN
        outcome := 'skipped';
        detail := 'busy: another session is refreshing current_deposit_stats';
        RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF force THEN
        PERFORM stats_files_rebuild();
        PERFORM stats_deposit_rebuild();
    ELSE
        PERFORM stats_files_fold();
        PERFORM stats_deposit_fold();
        SELECT refreshed_at INTO last_refresh FROM stats_refresh_state WHERE name = 'current';
        IF NOT stats_changed_since('{files,deposit_objects}', last_refresh)
           AND NOT EXISTS (SELECT 1 FROM storage_options WHERE updated_at > last_refresh)
           AND NOT EXISTS (SELECT 1 FROM institutions WHERE updated_at > last_refresh) THEN
            outcome := 'skipped';
            detail := 'not due: nothing changed since the last refresh at ' || last_refresh;
            RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
            RETURN;
        END IF;
        IF last_refresh > (clock_timestamp() AT TIME ZONE 'UTC') - min_age THEN
            outcome := 'skipped';
            detail := 'not due: refreshed at ' || last_refresh || ', less than ' || min_age || ' ago';
            RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
            RETURN;
        END IF;
    END IF;
    REFRESH MATERIALIZED VIEW CONCURRENTLY current_deposit_stats;
    PERFORM stats_mark('current', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the file cells and object figures; ' ELSE '' END
              || 'refreshed current_deposit_stats';
END
$$;

CREATE OR REPLACE FUNCTION stats_refresh_historical_deposits(force boolean, OUT outcome text, OUT detail text)
LANGUAGE plpgsql
SET jit = off
SET lock_timeout = '30s'
AS $$
DECLARE
    utc_now constant timestamp := clock_timestamp() AT TIME ZONE 'UTC';
    missing timestamp[];
    added bigint;
    zeros bigint;
BEGIN
    IF NOT stats_try_lock('historical') THEN
        outcome := 'skipped';
        detail := 'busy: another session is writing the deposit history';
        RAISE NOTICE 'stats_refresh_historical_deposits: %', detail;
        RETURN;
    END IF;
    IF force THEN
        DELETE FROM historical_deposit_stats;
    END IF;
    SELECT array_agg(m ORDER BY m) INTO missing
    FROM generate_series(timestamp '2014-01-01', utc_now, interval '1 month') AS m
    WHERE m < utc_now
      AND NOT EXISTS (SELECT 1 FROM historical_deposit_stats h WHERE h.end_date = m::date);
    IF missing IS NULL THEN
        outcome := 'skipped';
        detail := 'not due: every month from 2014-01 to ' || to_char(utc_now, 'YYYY-MM') || ' is present';
        RAISE NOTICE 'stats_refresh_historical_deposits: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    PERFORM stats_files_fold();
    PERFORM stats_deposit_fold();
    added := stats_insert_deposit_months(missing);
    zeros := stats_fill_empty_deposits();
    PERFORM stats_mark('historical', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the history: ' ELSE '' END
              || array_length(missing, 1) || ' month(s) ' || to_char(missing[1], 'YYYY-MM')
              || CASE WHEN array_length(missing, 1) > 1
                      THEN '..' || to_char(missing[array_length(missing, 1)], 'YYYY-MM') ELSE '' END
              || ', ' || added || ' rows, ' || zeros || ' zero rows';
END
$$;

CREATE OR REPLACE FUNCTION stats_refresh_empty_deposits(force boolean, OUT outcome text, OUT detail text)
LANGUAGE plpgsql
AS $$
DECLARE
    added bigint;
BEGIN
    -- force changes nothing here: the fill always looks at the whole history.
    IF NOT stats_try_lock('empty') THEN
        outcome := 'skipped';
        detail := 'busy: another session is writing the deposit history';
        RAISE NOTICE 'stats_refresh_empty_deposits: %', detail;
        RETURN;
    END IF;
    added := stats_fill_empty_deposits();
    IF added = 0 THEN
        outcome := 'skipped';
        detail := 'not due: no zero rows missing';
        RETURN;
    END IF;
    PERFORM stats_mark('empty', true);
    outcome := 'ran';
    detail := 'added ' || added || ' zero rows';
END
$$;

CALL create_function_unless_newer('update_current_deposit_stats()', '017_deposit_stats_from_cells', $create$
CREATE OR REPLACE FUNCTION update_current_deposit_stats() RETURNS integer
LANGUAGE sql
AS $fn$
    SELECT CASE WHEN outcome = 'ran' THEN 1 ELSE 0 END FROM stats_refresh_current_deposits(false, interval '0')
$fn$
$create$);

CALL create_function_unless_newer('populate_all_historical_deposit_stats()', '017_deposit_stats_from_cells', $create$
CREATE OR REPLACE FUNCTION populate_all_historical_deposit_stats() RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM stats_refresh_historical_deposits(false);
END
$fn$
$create$);

CALL create_function_unless_newer('populate_historical_deposit_stats(timestamp)', '017_deposit_stats_from_cells', $create$
CREATE OR REPLACE FUNCTION populate_historical_deposit_stats(stop_date timestamp) RETURNS integer
LANGUAGE plpgsql
SET lock_timeout = '30s'
AS $fn$
BEGIN
    IF NOT stats_try_lock('historical') THEN
        RAISE NOTICE 'populate_historical_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM historical_deposit_stats WHERE end_date = stop_date::date) THEN
        RETURN 0;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    PERFORM stats_files_fold();
    PERFORM stats_deposit_fold();
    PERFORM stats_insert_deposit_months(ARRAY[stop_date]);
    RETURN 1;
END
$fn$
$create$);

CALL create_function_unless_newer('populate_empty_deposit_stats()', '017_deposit_stats_from_cells', $create$
CREATE OR REPLACE FUNCTION populate_empty_deposit_stats() RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NOT stats_try_lock('empty') THEN
        RAISE NOTICE 'populate_empty_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;
    RETURN stats_fill_empty_deposits();
END
$fn$
$create$);

UPDATE schema_migrations SET finished_at = now() WHERE version = '017_deposit_stats_from_cells';
