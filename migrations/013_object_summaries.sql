-- 013_object_summaries: cheap object sizes and file counts, and the indexes the lists need at scale.
--
-- intellectual_objects_view computed file_count, size, payload_file_count and payload_size with four
-- correlated subqueries over generic_files for every row, so sorting or filtering objects by them read every
-- file of every candidate object (2 s at 1M files, 24 s at 10M; production has 40M+). Now:
--
-- * intellectual_objects gets the four numbers as columns (NOT NULL DEFAULT 0: adding them writes no data).
--   They count the object's active files (state 'A'); payload means the file identifier starts with
--   '<object identifier>/data/' (the view's rule since 000).
-- * Statement-level triggers on generic_files keep them current: each INSERT, UPDATE or DELETE statement adds
--   its new rows and subtracts its old rows, grouped per object, in one UPDATE of the objects it touched (a
--   batch of 10,000 files is one UPDATE of one object row). TRUNCATE zeroes them. Triggers on
--   intellectual_objects count inserted objects (files may arrive first) and recount an object whose identifier
--   changes (which moves the payload boundary).
-- * They are backfilled once, when the triggers are installed: in the same transaction, which holds the
--   trigger's lock on generic_files, so no file written meanwhile is missed. On a large database the backfill
--   takes minutes, during which writes to generic_files wait.
-- * intellectual_objects_view reads the columns instead of the subqueries. Its columns keep their names, order
--   and types (size and payload_size stay numeric, as sum() made them), so 000's CREATE OR REPLACE still fits;
--   should 000 be re-run and put the subqueries back, re-running this file reads the columns again.
--   ObjectSummaryTest proves the columns equal the subqueries after inserts, updates and deletes.
-- * Indexes for the list pages' sorts and filters at scale, on the tables (the list engine finds a page's ids
--   in the table when it can). Each ends with the id tiebreak the engine appends, so pages are stable and an
--   index can deliver them in order, OFFSET included, without reading the table:
--     objects: size and file_count, overall and per institution; per-institution updated_at;
--              lower(identifier) for identifier starts_with (case-insensitive, as the original's ILIKE);
--     files:   updated_at and (institution_id, updated_at), so a page is found in the index alone;
--              (intellectual_object_id, updated_at) for an object's files;
--     events:  (date_time, id) and (institution_id, date_time, id), and the latter for failures only;
--     work items: (updated_at, id), (institution_id, updated_at, id), (status, updated_at, id),
--              (status, date_processed);
--              open items by (institution_id, name), for the object page's "pending work" check.
--
-- Idempotency: ADD COLUMN / CREATE INDEX IF NOT EXISTS, CREATE OR REPLACE FUNCTION / TRIGGER. The backfill
-- runs only in the run that first installs the triggers. The view is replaced only while it does not read the
-- summary columns.
INSERT INTO schema_migrations (version, started_at) VALUES ('013_object_summaries', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE intellectual_objects
    ADD COLUMN IF NOT EXISTS file_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS size bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS payload_file_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS payload_size bigint NOT NULL DEFAULT 0;

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
        -- The backfill: every object at once, one pass over the active files.
        UPDATE intellectual_objects io
        SET file_count = coalesce(s.file_count, 0),
            size = coalesce(s.size, 0),
            payload_file_count = coalesce(s.payload_file_count, 0),
            payload_size = coalesce(s.payload_size, 0)
        FROM intellectual_objects o
        LEFT JOIN (SELECT gf.intellectual_object_id AS id,
                          count(*) AS file_count,
                          coalesce(sum(gf.size), 0) AS size,
                          count(*) FILTER (WHERE starts_with(gf.identifier, x.identifier || '/data/'))
                              AS payload_file_count,
                          coalesce(sum(gf.size) FILTER (WHERE starts_with(gf.identifier, x.identifier || '/data/')),
                                   0) AS payload_size
                   FROM generic_files gf
                   JOIN intellectual_objects x ON x.id = gf.intellectual_object_id
                   WHERE gf.state = 'A'
                   GROUP BY gf.intellectual_object_id) s ON s.id = o.id
        WHERE io.id = o.id
          AND (io.file_count, io.size, io.payload_file_count, io.payload_size)
              IS DISTINCT FROM (coalesce(s.file_count, 0), coalesce(s.size, 0), coalesce(s.payload_file_count, 0),
                                coalesce(s.payload_size, 0));
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

-- Objects. The list engine sorts and filters in the table whenever the request only names its columns, so
-- these index the table's columns (size as bigint, not the view's numeric).
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_size_id
    ON intellectual_objects (size, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_file_count_id
    ON intellectual_objects (file_count, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_institution_size_id
    ON intellectual_objects (institution_id, size, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_institution_file_count_id
    ON intellectual_objects (institution_id, file_count, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_institution_updated_at_id
    ON intellectual_objects (institution_id, updated_at, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_updated_at_id
    ON intellectual_objects (updated_at, id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_lower_identifier
    ON intellectual_objects (lower(identifier) text_pattern_ops);

-- Files.
CREATE INDEX IF NOT EXISTS index_generic_files_on_updated_at_id
    ON generic_files (updated_at, id);
CREATE INDEX IF NOT EXISTS index_generic_files_on_institution_updated_at_id
    ON generic_files (institution_id, updated_at, id);
CREATE INDEX IF NOT EXISTS index_generic_files_on_object_updated_at_id
    ON generic_files (intellectual_object_id, updated_at, id);

-- Events.
CREATE INDEX IF NOT EXISTS index_premis_events_on_date_time_id
    ON premis_events (date_time, id);
CREATE INDEX IF NOT EXISTS index_premis_events_on_institution_date_time_id
    ON premis_events (institution_id, date_time, id);
-- Failures are rare (a fixity check in a few hundred), so a list of them would otherwise read thousands of
-- successes per page; this index holds only the failures.
CREATE INDEX IF NOT EXISTS index_premis_events_failed_by_institution_date_time_id
    ON premis_events (institution_id, date_time, id)
    WHERE outcome = 'Failed';

-- Work items.
CREATE INDEX IF NOT EXISTS index_work_items_on_updated_at_id
    ON work_items (updated_at, id);
CREATE INDEX IF NOT EXISTS index_work_items_on_institution_updated_at_id
    ON work_items (institution_id, updated_at, id);
CREATE INDEX IF NOT EXISTS index_work_items_on_status_updated_at_id
    ON work_items (status, updated_at, id);
-- The web's quick reports: items failed, cancelled or suspended in the last 30 days.
CREATE INDEX IF NOT EXISTS index_work_items_on_status_date_processed
    ON work_items (status, date_processed);
CREATE INDEX IF NOT EXISTS index_work_items_open_by_institution_name
    ON work_items (institution_id, name)
    WHERE status NOT IN ('Success', 'Failed', 'Cancelled');

UPDATE schema_migrations SET finished_at = now() WHERE version = '013_object_summaries';
