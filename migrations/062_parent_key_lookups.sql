-- 062_parent_key_lookups: the ids of an object's or an institution's files, for lists that reach those parents
-- only through generic_files (checksums, issue 20).
--
-- checksums_view finds a checksum's object and institution through its file. Asked for an object's checksums,
-- PostgreSQL joined the whole checksums table to the object's files by hash (2 s at scale M for the largest
-- object's 20,000). The list engine, filtering such a page first, adds `generic_file_id = ANY(<these ids>)`: an
-- array computed once, then one probe of the checksums' file index per file.
--
-- Idempotency: CREATE OR REPLACE.
INSERT INTO schema_migrations (version, started_at) VALUES ('062_parent_key_lookups', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE OR REPLACE FUNCTION generic_file_ids_of_object(object_id integer) RETURNS integer[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(array_agg(id), '{}') FROM generic_files WHERE intellectual_object_id = object_id
$$;

CREATE OR REPLACE FUNCTION generic_file_ids_of_institution(inst_id integer) RETURNS integer[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(array_agg(id), '{}') FROM generic_files WHERE institution_id = inst_id
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '062_parent_key_lookups';
