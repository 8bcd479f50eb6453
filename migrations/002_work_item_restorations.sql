-- 002_work_item_restorations: splits the legacy work item action 'Restore'.
--
-- Pharos had a single 'Restore' action. The Registry tells the two kinds apart:
-- 'Restore Object' (no generic_file_id) and 'Restore File' (with one). At the time
-- production held 13,715 object and 22 file restorations under 'Restore'.
-- updated_at is left alone: the rows describe work done long ago.
--
-- Idempotency: once renamed, no row has action 'Restore' any more, so a second run
-- updates nothing.

INSERT INTO schema_migrations (version, started_at) VALUES ('002_work_item_restorations', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

UPDATE work_items SET action = 'Restore Object'
WHERE action = 'Restore' AND generic_file_id IS NULL;

UPDATE work_items SET action = 'Restore File'
WHERE action = 'Restore' AND generic_file_id IS NOT NULL;

UPDATE schema_migrations SET finished_at = now() WHERE version = '002_work_item_restorations';
