-- registry:no-transaction
-- 063_object_page_plans: the object page's files panel answers from an index, for a member as for an admin
-- (issue 20).
--
-- The list engine reads a large object's files first and sorts them when no index serves the sort: 100 ms for the
-- 9,921 files of the largest object at scale M, and four times that for an object of 40,000. The object page lists
-- its files by identifier on every visit; this index answers its pages from 20 entries.
--
-- A member's page is also scoped to their institution (institution_id = ? AND intellectual_object_id = ?).
-- PostgreSQL took the two as independent, expected a few hundred of the object's files, and read and sorted all
-- 9,921 rather than walk the index. An object's files and events all belong to the object's institution:
-- functional-dependency statistics tell the planner so (ANALYZE fills them; it samples, so it takes seconds).
--
-- Built CONCURRENTLY; one left INVALID by an interrupted build is dropped first (drop_invalid_indexes, 060).
-- Idempotency: IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('063_object_page_plans', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

SELECT drop_invalid_indexes(ARRAY['index_generic_files_on_object_identifier_id']);

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_generic_files_on_object_identifier_id
    ON generic_files (intellectual_object_id, identifier, id);

CREATE STATISTICS IF NOT EXISTS generic_files_object_institution (dependencies)
    ON intellectual_object_id, institution_id FROM generic_files;
CREATE STATISTICS IF NOT EXISTS premis_events_object_institution (dependencies)
    ON intellectual_object_id, institution_id FROM premis_events;
ANALYZE generic_files;
ANALYZE premis_events;

UPDATE schema_migrations SET finished_at = now() WHERE version = '063_object_page_plans';
