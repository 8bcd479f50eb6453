-- 013_object_summaries: cheap object sizes and file counts, and the indexes the lists need at scale.
--
-- intellectual_objects_view computed file_count, size, payload_file_count and payload_size with four
-- correlated subqueries over generic_files for every row, so sorting or filtering objects by them read every
-- file of every candidate object (2 s at 1M files, 24 s at 10M; production has 40M+). Now:
--
-- * intellectual_objects gets the four numbers as columns (NOT NULL DEFAULT 0: adding them writes no data). The
--   two sizes are numeric, as the view's sum() made them: an object's files may add up past bigint's 2^63 - 1,
--   and a total must never make a file's insert fail.
--   They count the object's active files (state 'A'); payload means the file identifier starts with
--   '<object identifier>/data/' (the view's rule since 000).
-- * Statement-level triggers on generic_files keep them current: each INSERT, UPDATE or DELETE statement adds
--   its new rows and subtracts its old rows, grouped per object, in one UPDATE of the objects it touched (a
--   batch of 10,000 files is one UPDATE of one object row). TRUNCATE zeroes them. Triggers on
--   intellectual_objects count inserted objects (files may arrive first) and recount an object whose identifier
--   changes (which moves the payload boundary).
-- * They are backfilled by 020, in batches of objects, after this file has committed the triggers: each batch
--   locks its objects' rows (a writer touching one of them waits for that batch only, well under a second) and
--   sets the four numbers from the files committed by then; a writer that commits later adds its change through
--   the triggers. This file records the pending backfill in schema_backfills ('object_summaries'), 020 carries it
--   out and can resume after an interruption. Until it has, the numbers of objects not yet backfilled are short.
-- * intellectual_objects_view reads the columns instead of the subqueries. Its columns keep their names, order
--   and types (size and payload_size stay numeric, as sum() made them), so 000's CREATE OR REPLACE still fits;
--   should 000 be re-run and put the subqueries back, re-running this file reads the columns again.
--   ObjectSummaryTest proves the columns equal the subqueries after inserts, updates and deletes.
-- * The indexes the list pages need at scale on these columns and others are built by 020, CONCURRENTLY.
--
-- Idempotency: ADD COLUMN / CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE FUNCTION / TRIGGER. The backfill is
-- recorded as pending only by the run that first installs the triggers. The view is replaced only while it does
-- not read the summary columns.
INSERT INTO schema_migrations (version, started_at) VALUES ('013_object_summaries', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

-- Lock order: generic_files before intellectual_objects, as writers take them (an ingest inserts a file, then
-- reads its object). Taking intellectual_objects first (ADD COLUMN) and then waiting for generic_files (CREATE
-- TRIGGER) deadlocked with such a writer. Both locks are held until this file commits, which takes milliseconds.
LOCK TABLE generic_files IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE intellectual_objects
    ADD COLUMN IF NOT EXISTS file_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS size numeric NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS payload_file_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS payload_size numeric NOT NULL DEFAULT 0;

-- Long data steps that a migration leaves to 020, which runs them in batches outside any one transaction so that
-- writers never wait for them: one row per step, done_through for a step that works through ids in order.
CREATE TABLE IF NOT EXISTS schema_backfills (
    name         varchar PRIMARY KEY,
    requested_by varchar   NOT NULL,
    requested_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    done_through bigint,
    finished_at  timestamp
);

-- Recounts the given objects from their files (an inserted object, a changed identifier).
CREATE OR REPLACE FUNCTION recount_object_summaries(object_ids integer[])
RETURNS void
LANGUAGE sql
AS $$
    UPDATE intellectual_objects io
    SET file_count = s.file_count,
        size = s.size,
        payload_file_count = s.payload_file_count,
        payload_size = s.payload_size
    FROM (SELECT o.id,
                 count(gf.id) AS file_count,
                 coalesce(sum(gf.size), 0) AS size,
                 count(gf.id) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/'))
                     AS payload_file_count,
                 coalesce(sum(gf.size) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/')), 0)
                     AS payload_size
          FROM intellectual_objects o
          LEFT JOIN generic_files gf ON gf.intellectual_object_id = o.id AND gf.state = 'A'
          WHERE o.id = ANY (object_ids)
          GROUP BY o.id) s
    WHERE io.id = s.id
      AND (io.file_count, io.size, io.payload_file_count, io.payload_size)
          IS DISTINCT FROM (s.file_count, s.size, s.payload_file_count, s.payload_size)
$$;

-- The generic_files statement triggers: +new rows, -old rows, per object. The transition tables are named
-- new_files / old_files; which of them exist depends on the operation, hence the dynamic SQL.
CREATE OR REPLACE FUNCTION generic_files_update_object_summaries()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    changes text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE intellectual_objects
        SET file_count = 0, size = 0, payload_file_count = 0, payload_size = 0
        WHERE file_count <> 0 OR size <> 0 OR payload_file_count <> 0 OR payload_size <> 0;
        RETURN NULL;
    END IF;
    changes := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_files'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_files'
        ELSE 'SELECT -1 AS sign, * FROM old_files UNION ALL SELECT 1 AS sign, * FROM new_files'
    END;
    EXECUTE format($sql$
        UPDATE intellectual_objects io
        SET file_count = io.file_count + d.file_count,
            size = io.size + d.size,
            payload_file_count = io.payload_file_count + d.payload_file_count,
            payload_size = io.payload_size + d.payload_size
        FROM (SELECT o.id,
                     sum(c.sign) AS file_count,
                     sum(c.sign * coalesce(c.size, 0)) AS size,
                     coalesce(sum(c.sign) FILTER (WHERE starts_with(c.identifier, o.identifier || '/data/')), 0)
                         AS payload_file_count,
                     coalesce(sum(c.sign * coalesce(c.size, 0))
                              FILTER (WHERE starts_with(c.identifier, o.identifier || '/data/')), 0)
                         AS payload_size
              FROM (%s) c
              JOIN intellectual_objects o ON o.id = c.intellectual_object_id
              WHERE c.state = 'A'
              GROUP BY o.id) d
        WHERE io.id = d.id
          AND (d.file_count <> 0 OR d.size <> 0 OR d.payload_file_count <> 0 OR d.payload_size <> 0)
    $sql$, changes);
    RETURN NULL;
END
$$;

-- New objects: recount them all at once (files may have arrived before their object).
CREATE OR REPLACE FUNCTION intellectual_objects_count_new()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM recount_object_summaries(ARRAY(SELECT id FROM new_objects));
    RETURN NULL;
END
$$;

-- A changed identifier moves the payload boundary ('<identifier>/data/').
CREATE OR REPLACE FUNCTION intellectual_objects_recount_summary()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM recount_object_summaries(ARRAY[NEW.id]);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    fresh boolean := NOT EXISTS (SELECT 1 FROM pg_trigger
                                 WHERE tgrelid = 'generic_files'::regclass
                                   AND tgname = 'generic_files_object_summaries_insert');
BEGIN
    CREATE OR REPLACE TRIGGER generic_files_object_summaries_insert
        AFTER INSERT ON generic_files REFERENCING NEW TABLE AS new_files
        FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
    CREATE OR REPLACE TRIGGER generic_files_object_summaries_update
        AFTER UPDATE ON generic_files REFERENCING OLD TABLE AS old_files NEW TABLE AS new_files
        FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
    CREATE OR REPLACE TRIGGER generic_files_object_summaries_delete
        AFTER DELETE ON generic_files REFERENCING OLD TABLE AS old_files
        FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
    CREATE OR REPLACE TRIGGER generic_files_object_summaries_truncate
        AFTER TRUNCATE ON generic_files
        FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
    CREATE OR REPLACE TRIGGER intellectual_objects_summary_on_insert
        AFTER INSERT ON intellectual_objects REFERENCING NEW TABLE AS new_objects
        FOR EACH STATEMENT EXECUTE FUNCTION intellectual_objects_count_new();
    CREATE OR REPLACE TRIGGER intellectual_objects_summary_on_identifier
        AFTER UPDATE OF identifier ON intellectual_objects
        FOR EACH ROW WHEN (OLD.identifier IS DISTINCT FROM NEW.identifier)
        EXECUTE FUNCTION intellectual_objects_recount_summary();
    IF fresh THEN
        -- The backfill is 020's (see the header).
        INSERT INTO schema_backfills (name, requested_by) VALUES ('object_summaries', '013_object_summaries')
        ON CONFLICT (name) DO UPDATE SET done_through = NULL, finished_at = NULL;
    END IF;
END
$$;

DO $$
BEGIN
    -- Does the view already read intellectual_objects.file_count?
    IF NOT EXISTS (SELECT 1
                   FROM pg_depend d
                   JOIN pg_rewrite r ON r.oid = d.objid
                   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                   WHERE r.ev_class = 'intellectual_objects_view'::regclass
                     AND d.refobjid = 'intellectual_objects'::regclass
                     AND a.attname = 'file_count') THEN
        CREATE OR REPLACE VIEW intellectual_objects_view AS
        SELECT io.id,
               io.title,
               io.description,
               io.identifier,
               io.alt_identifier,
               io.access,
               io.bag_name,
               io.institution_id,
               io.state,
               io.etag,
               io.bag_group_identifier,
               io.storage_option,
               io.bagit_profile_identifier,
               io.source_organization,
               io.internal_sender_identifier,
               io.internal_sender_description,
               io.created_at,
               io.updated_at,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               i.type AS institution_type,
               i.member_institution_id AS institution_parent_id,
               io.file_count,
               io.size::numeric AS size,
               io.payload_file_count,
               io.payload_size::numeric AS payload_size
        FROM intellectual_objects io
        LEFT JOIN institutions i ON i.id = io.institution_id;
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '013_object_summaries';
