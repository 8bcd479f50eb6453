-- 051_restoration_spot_tests: which institutions are due for a restoration spot test, and which object to restore.
--
-- An institution with spot_restore_frequency > 0 (days) is due when it never had a spot test
-- (last_spot_restore_work_item_id is null) or when its last one is older than that many days, by the work item's
-- date_processed (its creation when that is empty), as the original decides. Deactivated institutions are never due.
--
-- The object to restore is, as in the original, the institution's smallest active object of at least a given size
-- that was not restored successfully within the last so many days; unlike the original it also leaves out objects
-- with unfinished work (a restoration request would be refused for them) and counts Glacier restorations too.
-- intellectual_objects.size is the sum of the object's active files (kept by 013's summaries).
--
-- Idempotency: CREATE OR REPLACE FUNCTION with unchanged signatures.
INSERT INTO schema_migrations (version, started_at) VALUES ('051_restoration_spot_tests', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE OR REPLACE FUNCTION spot_restore_due_institutions()
    RETURNS TABLE (institution_id integer, spot_restore_frequency integer)
    LANGUAGE sql STABLE AS $$
    SELECT i.id, i.spot_restore_frequency
    FROM institutions i
    LEFT JOIN work_items w ON w.id = i.last_spot_restore_work_item_id
    WHERE i.spot_restore_frequency > 0
      AND i.deactivated_at IS NULL AND coalesce(i.state, 'A') = 'A'
      AND (i.last_spot_restore_work_item_id IS NULL
           OR coalesce(w.date_processed, w.created_at)
              < (now() AT TIME ZONE 'UTC') - make_interval(days => i.spot_restore_frequency))
    ORDER BY i.id
$$;

CREATE OR REPLACE FUNCTION spot_restore_candidate(p_institution_id integer, p_min_size numeric, p_days integer)
    RETURNS TABLE (id integer, identifier varchar, storage_option varchar, size numeric)
    LANGUAGE sql STABLE AS $$
    SELECT o.id, o.identifier, o.storage_option, o.size
    FROM intellectual_objects o
    WHERE o.institution_id = p_institution_id
      AND o.state = 'A'
      AND o.size >= p_min_size
      AND NOT EXISTS (
          SELECT 1 FROM work_items w
          WHERE w.intellectual_object_id = o.id
            AND w.action IN ('Restore Object', 'Glacier Restore')
            AND w.status = 'Success'
            AND w.updated_at > current_date - p_days)
      AND NOT EXISTS (
          SELECT 1 FROM work_items w
          WHERE w.institution_id = o.institution_id
            AND (w.intellectual_object_id = o.id OR w.name = o.bag_name OR w.name = o.bag_name || '.tar')
            AND w.status NOT IN ('Success', 'Failed', 'Cancelled'))
    ORDER BY o.size, o.id
    LIMIT 1
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '051_restoration_spot_tests';
