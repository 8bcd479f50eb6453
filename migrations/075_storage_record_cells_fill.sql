-- registry:no-transaction
-- 075_storage_record_cells_fill: fills the cell of 074 for the rows storage_records held before its trigger.
--
-- Runs statement by statement, after 074 has committed the capture trigger: run_stats_backfill (020) takes the fold
-- lock and calls stats_storage_records_rebuild(), one count of the table in one snapshot, so a record written
-- meanwhile is counted once (by the count or by its delta). It reads the table and locks nothing a writer needs:
-- 20 million rows at scale L take a few seconds, during which writers go on. Then the backfill is marked finished
-- and the list totals start reading the cell.
--
-- Idempotency: a finished backfill is not run again (run_stats_backfill returns NULL).
INSERT INTO schema_migrations (version, started_at) VALUES ('075_storage_record_cells_fill', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

SELECT run_stats_backfill('count_cells:storage_records');

UPDATE schema_migrations SET finished_at = now() WHERE version = '075_storage_record_cells_fill';
