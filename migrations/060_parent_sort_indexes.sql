-- registry:no-transaction
-- 060_parent_sort_indexes: no list page walks a sort column's index across a whole table in search of one parent's
-- rows (issue 20).
--
-- PostgreSQL plans `WHERE parent = ? ORDER BY col, id LIMIT 20` by walking the index of col and filtering for the
-- parent when it expects the parent's rows to turn up early; when they sit at the far end of that index (an
-- institution's identifiers all share its prefix; a large object's files were all touched on one day), it reads
-- most of the table: 31-55 s for one object's files or events at scale L. Two means prevent it:
--
-- * For the institution, whose rows may be millions, an index on (institution_id, sort, id) for every sort the
--   lists offer (ListSpec parents): the page is the first 20 entries of the institution's part of the index, in
--   either direction, OFFSET included.
-- * For an object or a file, whose rows are thousands, the list engine reads the matching rows through the
--   parent's own index first and sorts them (a materialized CTE, ListEngine.FILTER_FIRST_MAX), except for the
--   default sorts, indexed here and in 020 so that the most frequent pages read 20 entries.
--
-- An object's own events (generic_file_id IS NULL: the object page's events panel) are a few among the object's
-- thousands of file events; a partial index holds only them.
--
-- Each index is built CONCURRENTLY (writers go on); one left INVALID by an interrupted build is dropped first and
-- built again. Idempotency: IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('060_parent_sort_indexes', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

-- Drops those of the named indexes that an interrupted CREATE INDEX CONCURRENTLY left INVALID (they take writes
-- but answer nothing, and IF NOT EXISTS would keep them), so that the file's next run builds them again.
CREATE OR REPLACE FUNCTION drop_invalid_indexes(names text[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    idx text;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE NOT x.indisvalid AND c.relnamespace = current_schema()::regnamespace
                 AND c.relname = ANY (names) LOOP
        EXECUTE format('DROP INDEX %I', idx);
    END LOOP;
END
$$;

SELECT drop_invalid_indexes(ARRAY['index_generic_files_on_institution_id_id',
                                   'index_generic_files_on_institution_identifier_id',
                                   'index_generic_files_on_institution_size_id',
                                   'index_generic_files_on_institution_storage_option_id',
                                   'index_generic_files_on_institution_last_fixity_check_id',
                                   'index_premis_events_on_object_date_time_id',
                                   'index_premis_events_of_objects_on_object_date_time_id',
                                   'index_premis_events_on_institution_id_id',
                                   'index_premis_events_on_institution_event_type_id',
                                   'index_premis_events_on_institution_outcome_id',
                                   'index_intellectual_objects_on_institution_id_id',
                                   'index_intellectual_objects_on_institution_identifier_id',
                                   'index_intellectual_objects_on_institution_storage_option_id',
                                   'index_work_items_on_institution_id_id',
                                   'index_work_items_on_institution_action_id',
                                   'index_work_items_on_institution_name_id',
                                   'index_work_items_on_institution_size_id',
                                   'index_work_items_on_institution_stage_id',
                                   'index_work_items_on_institution_status_id',
                                   'index_work_items_on_institution_date_processed_id']);

-- Files of an institution, by each sort the files list offers (updated_at: 020).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_id_id
    ON generic_files (institution_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_identifier_id
    ON generic_files (institution_id, identifier, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_size_id
    ON generic_files (institution_id, size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_storage_option_id
    ON generic_files (institution_id, storage_option, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_institution_last_fixity_check_id
    ON generic_files (institution_id, last_fixity_check, id);

-- Events: an object's by date (the default sort), an object's own (no file) by date, an institution's by each
-- sort the events list offers (date_time: 020).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_object_date_time_id
    ON premis_events (intellectual_object_id, date_time, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_of_objects_on_object_date_time_id
    ON premis_events (intellectual_object_id, date_time, id)
    WHERE generic_file_id IS NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_institution_id_id
    ON premis_events (institution_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_institution_event_type_id
    ON premis_events (institution_id, event_type, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_institution_outcome_id
    ON premis_events (institution_id, outcome, id);

-- Objects of an institution (size, file_count, updated_at: 020).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_id_id
    ON intellectual_objects (institution_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_identifier_id
    ON intellectual_objects (institution_id, identifier, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_institution_storage_option_id
    ON intellectual_objects (institution_id, storage_option, id);

-- Work items of an institution (updated_at: 020).
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_id_id
    ON work_items (institution_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_action_id
    ON work_items (institution_id, action, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_name_id
    ON work_items (institution_id, name, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_size_id
    ON work_items (institution_id, size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_stage_id
    ON work_items (institution_id, stage, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_status_id
    ON work_items (institution_id, status, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_institution_date_processed_id
    ON work_items (institution_id, date_processed, id);

UPDATE schema_migrations SET finished_at = now() WHERE version = '060_parent_sort_indexes';
