-- 025_deletion_request_work_state: deletion requests show the stage and status of their work.
--
-- Before 011 a deletion request pointed at one work item, and deletion_requests_view carried
-- that item's stage and status. 011 turned the link around (work_items.deletion_request_id) and
-- the view lost both columns, but the member API document still lists stage and status as
-- filters and sorts of /member-api/v3/deletions, and its clients send them. This puts them back
-- at the end of the view: the stage and status of the request's latest work item (highest id),
-- NULL while it has none. The partial index on work_items.deletion_request_id (011) finds them.
--
-- The view is rebuilt with the original's columns in the original's order, then ours
-- (encrypted_confirmation_token, stage, status), so CREATE OR REPLACE does not depend on how an
-- earlier file ordered them. Nothing depends on the view, so dropping it is safe.
--
-- Idempotency: the view is rebuilt only while it lacks the status column.

INSERT INTO schema_migrations (version, started_at) VALUES ('025_deletion_request_work_state', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF NOT relation_has_column('deletion_requests_view', 'status') THEN
        DROP VIEW IF EXISTS deletion_requests_view;
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
                 WHERE drio.deletion_request_id = dr.id) AS object_count,
               dr.encrypted_confirmation_token,
               work.stage,
               work.status
        FROM deletion_requests dr
        LEFT JOIN institutions i ON i.id = dr.institution_id
        LEFT JOIN users req ON req.id = dr.requested_by_id
        LEFT JOIN users conf ON conf.id = dr.confirmed_by_id
        LEFT JOIN users can ON can.id = dr.cancelled_by_id
        LEFT JOIN LATERAL (SELECT wi.stage, wi.status
                             FROM work_items wi
                            WHERE wi.deletion_request_id = dr.id
                            ORDER BY wi.id DESC
                            LIMIT 1) work ON true;
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '025_deletion_request_work_state';
