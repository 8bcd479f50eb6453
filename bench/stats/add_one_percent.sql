-- 1% new rows on top of `db seed --institutions 20`'s data (ids from 1, institutions 1-20): new objects with files,
-- files added to existing objects, events and work items, plus state changes (files deleted, work items moving on),
-- all dated now.
\set objects '(100000 * :scale)::int'
\set files '(1000000 * :scale)::int'

INSERT INTO intellectual_objects (identifier, bag_name, institution_id, created_at, updated_at, state, storage_option,
                                  access)
SELECT 'inst' || (g % 20 + 1) || '.edu/new_bag_' || g || '_' || extract(epoch FROM now())::bigint, 'new_bag_' || g,
       g % 20 + 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'A', 'Standard', 'consortia'
FROM generate_series(1, (:objects / 100)) g;

INSERT INTO generic_files (identifier, size, intellectual_object_id, institution_id, created_at, updated_at, state,
                           storage_option, uuid)
SELECT o.identifier || '/data/n_' || g || '_' || extract(epoch FROM clock_timestamp())::bigint, (exp(random() * 18))::bigint, o.id, o.institution_id,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'A', o.storage_option, gen_random_uuid()::text
FROM generate_series(1, (:files / 100)) g
JOIN intellectual_objects o ON o.id = CASE WHEN g % 2 = 0 THEN (g % :objects) + 1
                                            ELSE (SELECT max(id) FROM intellectual_objects) - (g % (:objects / 100)) END;

INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id, intellectual_object_id,
                           generic_file_id, created_at, updated_at)
SELECT gen_random_uuid()::text, CASE WHEN g % 3 = 0 THEN 'fixity check' ELSE 'ingestion' END,
       now() AT TIME ZONE 'UTC', 'Success', f.institution_id, f.intellectual_object_id, f.id,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM generate_series(1, (3 * :files / 100)) g
JOIN generic_files f ON f.id = (g * 31 % :files) + 1;

INSERT INTO work_items (created_at, updated_at, name, etag, bucket, "user", action, stage, status, date_processed,
                        institution_id, retry, size)
SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 'new_' || g || '.tar', md5(g::text), 'b',
       'system@aptrust.org', 'Ingest', 'Receive', 'Pending', now() AT TIME ZONE 'UTC', g % 20 + 1, true, 10
FROM generate_series(1, (:objects / 100)) g;

UPDATE generic_files SET state = 'D', updated_at = now() AT TIME ZONE 'UTC'
WHERE id IN (SELECT (g * 7919 % :files) + 1 FROM generate_series(1, (:files / 1000)) g);
UPDATE work_items SET status = 'Success', stage = 'Cleanup' WHERE id % 1000 = 7;
