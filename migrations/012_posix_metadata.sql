-- 012_posix_metadata: the file's modification time from the depositor's file system.
--
-- generic_files.mod_time timestamp NULL. It is nullable so that adding it to a table
-- of 40+ million rows writes no data: rows ingested before 012 simply have no
-- mod_time. uid, gid, mode and owner names are deliberately not stored.
-- generic_files_view is rebuilt with mod_time (after uuid).
--
-- Idempotency: ADD COLUMN IF NOT EXISTS. The view is rebuilt only while it lacks
-- mod_time.

INSERT INTO schema_migrations (version, started_at) VALUES ('012_posix_metadata', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE generic_files ADD COLUMN IF NOT EXISTS mod_time timestamp NULL;

DO $$
BEGIN
    IF NOT relation_has_column('generic_files_view', 'mod_time') THEN
        DROP VIEW IF EXISTS generic_files_view;
        CREATE VIEW generic_files_view AS
        SELECT gf.id,
               gf.file_format,
               gf.size,
               gf.identifier,
               gf.intellectual_object_id,
               io.identifier AS object_identifier,
               io.access,
               gf.state,
               gf.last_fixity_check,
               gf.institution_id,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               gf.storage_option,
               gf.uuid,
               gf.mod_time,
               (SELECT c.digest FROM checksums c
                 WHERE c.generic_file_id = gf.id AND c.algorithm = 'md5'
                 ORDER BY c.created_at DESC LIMIT 1) AS md5,
               (SELECT c.digest FROM checksums c
                 WHERE c.generic_file_id = gf.id AND c.algorithm = 'sha1'
                 ORDER BY c.created_at DESC LIMIT 1) AS sha1,
               (SELECT c.digest FROM checksums c
                 WHERE c.generic_file_id = gf.id AND c.algorithm = 'sha256'
                 ORDER BY c.created_at DESC LIMIT 1) AS sha256,
               (SELECT c.digest FROM checksums c
                 WHERE c.generic_file_id = gf.id AND c.algorithm = 'sha512'
                 ORDER BY c.created_at DESC LIMIT 1) AS sha512,
               gf.created_at,
               gf.updated_at
        FROM generic_files gf
        LEFT JOIN intellectual_objects io ON io.id = gf.intellectual_object_id
        LEFT JOIN institutions i ON i.id = gf.institution_id;
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '012_posix_metadata';
