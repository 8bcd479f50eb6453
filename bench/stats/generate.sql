-- Set-based synthetic data for the stats benchmark, until `db seed` is available.
-- psql -v scale=1 -f generate.sql   (scale 1 = M: 100k objects, 1M files, 2M checksums, 3M events, 100k work items;
-- 0.01 = S; 10 = L). 20 institutions, 4 storage options, dates spread from 2014-01 to now.
\set objects '(100000 * :scale)::int'
\set files '(1000000 * :scale)::int'

INSERT INTO storage_options (provider, service, region, name, cost_gb_per_month, comment, updated_at) VALUES
    ('AWS', 'S3', 'us-east-1', 'Standard', 0.41016, 'bench', now()),
    ('AWS', 'Glacier-Deep', 'us-west-2', 'Glacier-Deep-OR', 0.01953, 'bench', now()),
    ('AWS', 'Glacier', 'us-west-2', 'Glacier-OR', 0.05859, 'bench', now()),
    ('Wasabi', 'Wasabi', 'us-west-1', 'Wasabi-OR', 0.0059, 'bench', now())
ON CONFLICT (name) DO NOTHING;

INSERT INTO institutions (id, name, identifier, created_at, updated_at, state, type, member_institution_id,
                          receiving_bucket, restore_bucket)
SELECT i, 'Institution ' || i, 'inst' || i || '.edu', '2014-01-01', '2014-01-01', 'A',
       CASE WHEN i % 5 = 0 THEN 'SubscriptionInstitution' ELSE 'MemberInstitution' END,
       CASE WHEN i % 5 = 0 THEN i - 1 END,
       'aptrust.receiving.inst' || i || '.edu', 'aptrust.restore.inst' || i || '.edu'
FROM generate_series(1, 20) i;

INSERT INTO intellectual_objects (id, identifier, bag_name, title, institution_id, created_at, updated_at, state,
                                  storage_option, access)
SELECT g, 'inst' || (g % 20 + 1) || '.edu/bag_' || g, 'bag_' || g, 'Bag ' || g, g % 20 + 1, t, t,
       CASE WHEN g % 50 = 0 THEN 'D' ELSE 'A' END,
       (ARRAY['Standard', 'Standard', 'Standard', 'Glacier-Deep-OR', 'Wasabi-OR', 'Glacier-OR'])[g % 6 + 1],
       (ARRAY['consortia', 'institution', 'restricted'])[g % 3 + 1]
FROM generate_series(1, :objects) g,
     LATERAL (SELECT timestamp '2014-01-01' + (g::float8 / :objects) * (now() - timestamp '2014-01-01') AS t) x;

INSERT INTO generic_files (id, identifier, file_format, size, intellectual_object_id, institution_id, created_at,
                           updated_at, state, storage_option, uuid, last_fixity_check)
SELECT g, o.identifier || CASE WHEN g % 10 < 3 THEN '/tag_' ELSE '/data/f_' END || g,
       (ARRAY['text/plain', 'application/pdf', 'image/jpeg', 'image/tiff', 'audio/wav'])[g % 5 + 1],
       (exp(random() * 18))::bigint, o.id, o.institution_id, o.created_at + (g % 10) * interval '1 minute',
       o.created_at, CASE WHEN o.state = 'D' OR g % 97 = 0 THEN 'D' ELSE 'A' END, o.storage_option,
       md5(g::text), o.created_at
FROM generate_series(1, :files) g
JOIN intellectual_objects o ON o.id = (g % :objects) + 1;

INSERT INTO checksums (algorithm, datetime, digest, generic_file_id, created_at, updated_at)
SELECT a, f.created_at, md5(f.id::text || a), f.id, f.created_at, f.created_at
FROM generic_files f CROSS JOIN (VALUES ('md5'), ('sha256')) v(a);

INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id, intellectual_object_id,
                           generic_file_id, created_at, updated_at)
SELECT md5('e' || g), et, f.created_at + (g % 40) * interval '1 day',
       CASE WHEN et = 'fixity check' AND g % 50 = 0 THEN 'Failed' ELSE 'Success' END,
       f.institution_id, f.intellectual_object_id, CASE WHEN g % 5 = 0 THEN NULL ELSE f.id END,
       f.created_at, f.created_at
FROM generate_series(1, (3 * :files)) g
JOIN generic_files f ON f.id = (g % :files) + 1,
     LATERAL (SELECT (ARRAY['ingestion', 'identifier assignment', 'fixity check', 'fixity check', 'replication',
                            'message digest calculation', 'access assignment', 'accession', 'validation',
                            'virus check', 'deletion'])[g % 11 + 1] AS et) e;

INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket, "user", action, stage,
                        status, date_processed, institution_id, retry, size, queued_at)
SELECT o.created_at, o.created_at, o.id, o.bag_name || '.tar', md5(o.id::text),
       'aptrust.receiving.inst' || o.institution_id || '.edu', 'system@aptrust.org',
       (ARRAY['Ingest', 'Ingest', 'Ingest', 'Restore Object', 'Delete', 'Restore File', 'Glacier Restore'])[g % 7 + 1],
       (ARRAY['Receive', 'Validate', 'Store', 'Record', 'Cleanup', 'Cleanup', 'Requested', 'Resolve'])[g % 8 + 1],
       (ARRAY['Success', 'Success', 'Success', 'Pending', 'Started', 'Failed', 'Cancelled', 'Suspended'])[g % 8 + 1],
       o.created_at + interval '1 hour', o.institution_id, true, 1000, o.created_at
FROM generate_series(1, :objects) g
JOIN intellectual_objects o ON o.id = g;

SELECT setval(pg_get_serial_sequence('intellectual_objects', 'id'), (SELECT max(id) FROM intellectual_objects));
SELECT setval(pg_get_serial_sequence('generic_files', 'id'), (SELECT max(id) FROM generic_files));
ANALYZE;
