-- 011_batch_deletion_work_items: one deletion request, many work items.
--
-- At launch a deletion request pointed at a single work item
-- (deletion_requests.work_item_id). Batch deletions need one request for many
-- WorkItems, so the link turns around: work_items.deletion_request_id (FK
-- fk_work_items_deletion_request_id). It is backfilled from the old column, and then
-- the old column is dropped. deletion_requests_view loses its work-item columns
-- (work_item_id, stage, status, date_processed, size, note), and work_items_view gains
-- deletion_request_id.
--
-- Where we differ from the original:
--   * deletion_requests_view keeps the fix from 000: cancelled_by_name/email come from
--     the canceller (cancelled_by_id), not the confirmer.
--   * Addition: a partial index on work_items.deletion_request_id (non-NULL rows
--     only). The deletion pages look up a request's work items by this column, and
--     deletes from deletion_requests check the FK through it. It stays small because
--     most work items are not deletions.
--   * work_items_view is rebuilt when it lacks deletion_request_id, independently of
--     the backfill guard.
--
-- Idempotency: ADD COLUMN / CREATE INDEX IF NOT EXISTS and create_constraint_if_not_exists.
-- The backfill and the column drop run only while deletion_requests.work_item_id
-- exists. Each view is rebuilt only while it is in the old shape.

INSERT INTO schema_migrations (version, started_at) VALUES ('011_batch_deletion_work_items', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE work_items ADD COLUMN IF NOT EXISTS deletion_request_id bigint;

CREATE INDEX IF NOT EXISTS index_work_items_on_deletion_request_id
    ON work_items (deletion_request_id) WHERE deletion_request_id IS NOT NULL;

DO $$
BEGIN
    PERFORM create_constraint_if_not_exists(
        'work_items', 'fk_work_items_deletion_request_id',
        'ALTER TABLE work_items ADD CONSTRAINT fk_work_items_deletion_request_id'
            || ' FOREIGN KEY (deletion_request_id) REFERENCES deletion_requests (id)');

    IF relation_has_column('deletion_requests', 'work_item_id') THEN
        UPDATE work_items wi
        SET deletion_request_id = dr.id
        FROM deletion_requests dr
        WHERE dr.work_item_id = wi.id
          AND wi.deletion_request_id IS NULL;

        -- The launch view selects work_item_id; it is rebuilt below.
        DROP VIEW IF EXISTS deletion_requests_view;
        ALTER TABLE deletion_requests DROP COLUMN work_item_id;
    END IF;

    IF to_regclass('deletion_requests_view') IS NULL THEN
        CREATE VIEW deletion_requests_view AS
        SELECT dr.id,
               dr.institution_id,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               dr.requested_by_id,
               req.name AS requested_by_name,
               req.email AS requested_by_email,
               dr.requested_at,
               dr.confirmed_by_id,
               conf.name AS confirmed_by_name,
               conf.email AS confirmed_by_email,
               dr.confirmed_at,
               dr.cancelled_by_id,
               can.name AS cancelled_by_name,
               can.email AS cancelled_by_email,
               dr.cancelled_at,
               (SELECT count(*)
                  FROM deletion_requests_generic_files drgf
                 WHERE drgf.deletion_request_id = dr.id) AS file_count,
               (SELECT count(*)
                  FROM deletion_requests_intellectual_objects drio
                 WHERE drio.deletion_request_id = dr.id) AS object_count
        FROM deletion_requests dr
        LEFT JOIN institutions i ON i.id = dr.institution_id
        LEFT JOIN users req ON req.id = dr.requested_by_id
        LEFT JOIN users conf ON conf.id = dr.confirmed_by_id
        LEFT JOIN users can ON can.id = dr.cancelled_by_id;
    END IF;

    IF NOT relation_has_column('work_items_view', 'deletion_request_id') THEN
        DROP VIEW IF EXISTS work_items_view;
        CREATE VIEW work_items_view AS
        SELECT wi.id,
               wi.institution_id,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               wi.intellectual_object_id,
               io.identifier AS object_identifier,
               io.alt_identifier,
               io.bag_group_identifier,
               io.storage_option,
               io.bagit_profile_identifier,
               io.source_organization,
               io.internal_sender_identifier,
               wi.generic_file_id,
               gf.identifier AS generic_file_identifier,
               wi.name,
               wi.etag,
               wi.bucket,
               wi."user",
               wi.note,
               wi.action,
               wi.stage,
               wi.status,
               wi.outcome,
               wi.bag_date,
               wi.date_processed,
               wi.retry,
               wi.node,
               wi.pid,
               wi.needs_admin_review,
               wi.size,
               wi.queued_at,
               wi.stage_started_at,
               wi.aptrust_approver,
               wi.inst_approver,
               wi.deletion_request_id,
               wi.created_at,
               wi.updated_at
        FROM work_items wi
        LEFT JOIN institutions i ON i.id = wi.institution_id
        LEFT JOIN intellectual_objects io ON io.id = wi.intellectual_object_id
        LEFT JOIN generic_files gf ON gf.id = wi.generic_file_id;
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '011_batch_deletion_work_items';
