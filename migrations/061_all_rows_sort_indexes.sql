-- registry:no-transaction
-- 061_all_rows_sort_indexes: every sort the lists offer, over all their rows (an admin's list), reads a page from an
-- index (issue 20).
--
-- The engine ends every ORDER BY with the id, so a page stays the same from one request to the next. An index on
-- the sort column alone (events by outcome or type, work items by stage) serves that only with an incremental sort
-- of each group of equal values, and an event outcome's group is millions of rows: 17 s for the events by outcome
-- at scale M. Checksums had no index but their file's, so every sort of the checksums list read and sorted all of
-- them (1.6-7.7 s at M). These indexes end in the id. An institution's or an object's checksums are found through
-- generic_files (the view's join): few, the engine filters them first; many, these indexes are walked and each
-- row's file looked up.
--
-- Built CONCURRENTLY; one left INVALID by an interrupted build is dropped first and built again. Idempotency: IF NOT
-- EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('061_all_rows_sort_indexes', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

SELECT drop_invalid_indexes(ARRAY['index_checksums_on_datetime_id',
                                   'index_checksums_on_algorithm_id',
                                   'index_checksums_on_created_at_id',
                                   'index_generic_files_on_size_id',
                                   'index_generic_files_on_storage_option_id',
                                   'index_premis_events_on_event_type_id',
                                   'index_premis_events_on_outcome_id',
                                   'index_intellectual_objects_on_storage_option_id',
                                   'index_work_items_on_action_id',
                                   'index_work_items_on_name_id',
                                   'index_work_items_on_size_id',
                                   'index_work_items_on_stage_id',
                                   'index_work_items_on_status_id']);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_datetime_id ON checksums (datetime, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_algorithm_id ON checksums (algorithm, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_created_at_id ON checksums (created_at, id);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_size_id ON generic_files (size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_storage_option_id ON generic_files (storage_option, id);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_event_type_id ON premis_events (event_type, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_premis_events_on_outcome_id ON premis_events (outcome, id);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_intellectual_objects_on_storage_option_id
    ON intellectual_objects (storage_option, id);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_action_id ON work_items (action, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_name_id ON work_items (name, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_size_id ON work_items (size, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_stage_id ON work_items (stage, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_status_id ON work_items (status, id);

UPDATE schema_migrations SET finished_at = now() WHERE version = '061_all_rows_sort_indexes';
