-- registry:no-transaction
-- 077_checksum_institutions_fill: fills 076's checksums.institution_id, indexes it with each sort the checksums
-- list offers, and then lets checksums_view read it.
--
-- Runs statement by statement, after 076 has committed the triggers:
-- 1. backfill_checksum_institutions() (076) works through the checksums in batches of 50,000 ids, committing after
--    each; an interrupted run goes on from its last batch, and a finished one is not run again.
-- 2. VACUUM (ANALYZE): the batches updated every old row, so the table holds as many dead versions as live ones;
--    vacuum makes their space reusable before the indexes are built, and the statistics tell the planner how the
--    institutions are spread.
-- 3. The batches gave every older index of checksums a second entry per row, so each was twice its size (at M
--    the five took 472 MB instead of 236 MB); REINDEX CONCURRENTLY builds each anew beside the old one and swaps
--    them, writers going on meanwhile (5 s per index at M).
-- 4. One (institution_id, sort column, id) index per sort of Lists.CHECKSUMS (id, datetime, algorithm, created_at),
--    built CONCURRENTLY, so writers go on meanwhile. An index left INVALID by an interrupted build is dropped and
--    built again.
-- 5. checksums_view.institution_id becomes the column. Only now: until the backfill finished, old rows had none,
--    and a service of the previous version reading the view must see every institution all along.
--
-- On a new or small database every step takes milliseconds. Idempotency: the backfill runs once; VACUUM, REINDEX
-- and CREATE OR REPLACE VIEW are safe to repeat (a by-hand re-run rebuilds the five indexes again); CREATE INDEX
-- ... IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('077_checksum_institutions_fill', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CALL backfill_checksum_institutions();

VACUUM (ANALYZE) checksums;

-- Left INVALID by an interrupted build: one of the new indexes, or the copy a REINDEX CONCURRENTLY makes beside an
-- index (named <index>_ccnew, ..._ccnew1, ...). Dropped, then built again below.
DO $$
DECLARE
    idx text;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE NOT x.indisvalid AND c.relnamespace = current_schema()::regnamespace
                 AND x.indrelid = 'checksums'::regclass
                 AND (c.relname IN ('index_checksums_on_institution_id_id',
                                    'index_checksums_on_institution_datetime_id',
                                    'index_checksums_on_institution_algorithm_id',
                                    'index_checksums_on_institution_created_at_id')
                      OR c.relname ~ '_ccnew[0-9]*$') LOOP
        EXECUTE format('DROP INDEX %I', idx);
    END LOOP;
END
$$;

REINDEX INDEX CONCURRENTLY checksums_pkey;
REINDEX INDEX CONCURRENTLY index_checksums_on_generic_file_id;
REINDEX INDEX CONCURRENTLY index_checksums_on_algorithm_id;
REINDEX INDEX CONCURRENTLY index_checksums_on_created_at_id;
REINDEX INDEX CONCURRENTLY index_checksums_on_datetime_id;

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_institution_id_id
    ON checksums (institution_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_institution_datetime_id
    ON checksums (institution_id, datetime, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_institution_algorithm_id
    ON checksums (institution_id, algorithm, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_checksums_on_institution_created_at_id
    ON checksums (institution_id, created_at, id);

-- As 000 defined it, but institution_id read from the checksum itself (the same value, kept by 076's triggers).
CREATE OR REPLACE VIEW checksums_view AS
SELECT c.id,
       c.algorithm,
       c.datetime,
       c.digest,
       gf.state,
       gf.identifier AS generic_file_identifier,
       c.generic_file_id,
       gf.intellectual_object_id,
       c.institution_id,
       c.created_at,
       c.updated_at
FROM checksums c
LEFT JOIN generic_files gf ON gf.id = c.generic_file_id;

UPDATE schema_migrations SET finished_at = now() WHERE version = '077_checksum_institutions_fill';
