-- 076_checksum_institutions: each checksum keeps its file's institution, so that a list of one institution's
-- checksums walks an index of its own instead of going through the institution's files.
--
-- Why: checksums_view took institution_id from the checksum's file, and the list engine filtered an institution's
-- checksums through the array of its file ids (062's generic_file_ids_of_institution). At scale M the median
-- institution's page then read all its 90,000 checksums through 45,000 file ids and sorted them (150-230 ms), and
-- the largest institution walked a sort index while probing every row's file (180-280 ms). With the column and
-- 077's (institution_id, sort column, id) indexes, page 1 of any sort reads about one page of index entries.
--
-- The column is derived, never written by hand or by the service:
-- * checksums_file_institution: BEFORE INSERT, and BEFORE UPDATE of generic_file_id or institution_id, a row
--   trigger sets it to the file's institution_id (one primary-key probe of generic_files per row written). So a
--   statement that names the column gets the file's value anyway, and a checksum moved to another file follows it.
-- * generic_files_checksums_institution: AFTER UPDATE of a file's institution_id, only when it really changed (the
--   WHEN clause is checked without calling the function, so other updates of files cost nothing), carries the new
--   value to that file's checksums.
-- A checksum without a file (generic_file_id NULL) has no institution, as the view's LEFT JOIN gave before.
--
-- Filling: when the column is new (an existing database holds checksums), this file requests the backfill
-- checksum_institutions (schema_backfills) and defines backfill_checksum_institutions(); 077, which runs statement
-- by statement after this file has committed both triggers, calls it. It works through the checksums in batches of
-- ids and commits after each, recording done_through, so writers never wait for more than one batch and an
-- interrupted run goes on from its last batch. Rows written after this file committed are already right (the
-- trigger), and the batch update skips every row whose value is right.
--
-- Locks: ADD COLUMN without a default changes only the catalog (no table rewrite), and CREATE OR REPLACE TRIGGER
-- takes a SHARE ROW EXCLUSIVE lock on checksums and generic_files, each for a moment. Idempotency: the column and the
-- backfill request only when the column is absent; CREATE OR REPLACE for the functions, the procedure and the
-- triggers.
INSERT INTO schema_migrations (version, started_at) VALUES ('076_checksum_institutions', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = 'checksums'
                     AND column_name = 'institution_id') THEN
        ALTER TABLE checksums ADD COLUMN institution_id integer;
        INSERT INTO schema_backfills (name, requested_by) VALUES ('checksum_institutions', '076_checksum_institutions')
        ON CONFLICT (name) DO UPDATE SET done_through = NULL, finished_at = NULL;
    END IF;
END
$$;

COMMENT ON COLUMN checksums.institution_id IS
    'The institution of the checksum''s file, kept by triggers (migration 076); never set it by hand.';

CREATE OR REPLACE FUNCTION checksums_take_file_institution() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.institution_id := (SELECT f.institution_id FROM generic_files f WHERE f.id = NEW.generic_file_id);
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER checksums_file_institution
    BEFORE INSERT OR UPDATE OF generic_file_id, institution_id ON checksums
    FOR EACH ROW EXECUTE FUNCTION checksums_take_file_institution();

CREATE OR REPLACE FUNCTION generic_files_carry_institution_to_checksums() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE checksums SET institution_id = NEW.institution_id
    WHERE generic_file_id = NEW.id AND institution_id IS DISTINCT FROM NEW.institution_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER generic_files_checksums_institution
    AFTER UPDATE OF institution_id ON generic_files
    FOR EACH ROW WHEN (OLD.institution_id IS DISTINCT FROM NEW.institution_id)
    EXECUTE FUNCTION generic_files_carry_institution_to_checksums();

-- Fills the column for the checksums written before the trigger, batch_size ids per transaction. The UPDATE names
-- the column, so the row trigger above sets the value; the join only picks the rows that are wrong.
CREATE OR REPLACE PROCEDURE backfill_checksum_institutions(batch_size integer DEFAULT 50000)
LANGUAGE plpgsql
AS $$
DECLARE
    lo bigint;
    last_id bigint;
BEGIN
    SELECT coalesce(done_through, 0) INTO lo FROM schema_backfills
    WHERE name = 'checksum_institutions' AND finished_at IS NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(max(id), 0) INTO last_id FROM checksums;
    WHILE lo < last_id LOOP
        UPDATE checksums c SET institution_id = f.institution_id
        FROM generic_files f
        WHERE c.id > lo AND c.id <= lo + batch_size
          AND f.id = c.generic_file_id
          AND c.institution_id IS DISTINCT FROM f.institution_id;
        lo := lo + batch_size;
        UPDATE schema_backfills SET done_through = lo WHERE name = 'checksum_institutions';
        COMMIT;
    END LOOP;
    UPDATE schema_backfills SET finished_at = now() AT TIME ZONE 'UTC' WHERE name = 'checksum_institutions';
    COMMIT;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '076_checksum_institutions';
