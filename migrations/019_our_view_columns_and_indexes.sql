-- registry:no-transaction
-- 019_our_view_columns_and_indexes: what this project adds to the original's catalog up to 012, on every
-- database, however it was built.
--
-- Files 000-012 build the original's catalog exactly (see 000's header). On a database that the original built,
-- the runner adopts 001-012 without running them, so whatever our versions of those files add beyond the
-- original has to come from a later file: this one. On a database that our own files built it changes nothing.
--
-- * Views: our columns come after the original's (CREATE OR REPLACE VIEW may add columns at the end, never
--   reorder them), and our bodies replace the original's where we fixed them:
--     users_view               + encrypted_otp_sent_at, awaiting_second_factor (two-factor sign-in state)
--     institutions_view        + member_institution_id (the same value as parent_id, under the table's name)
--     deletion_requests_view   + encrypted_confirmation_token (the hash the approval link is checked against);
--                              cancelled_by_name/_email name the user who cancelled (the original's join
--                              named the confirmer)
-- * Indexes, built CONCURRENTLY so that writers never wait for them (this file runs statement by statement):
--     index_work_items_on_deletion_request_id  the work items of a deletion request (batch deletions)
--     ix_historical_all_inst_opt_date          one "all institutions" row per storage option and month
--       (unique; created only when the existing rows allow it, else a NOTICE says which rows repeat)
--   An index left INVALID by an interrupted earlier run is dropped and built again.
--
-- * ar_internal_metadata gets its primary key on id when it has none (the original's schema.sql leaves it out;
--   its 007 adds it when run by hand).
--
-- Idempotency: each view is replaced only while it lacks our columns (025 later adds more to
-- deletion_requests_view), CREATE INDEX CONCURRENTLY IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('019_our_view_columns_and_indexes', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

-- Only while the view lacks our columns: a later file may have added more of its own.
DO $$
BEGIN
    IF NOT relation_has_column('users_view', 'awaiting_second_factor') THEN
        CREATE OR REPLACE VIEW users_view AS
        SELECT u.id,
               u.name,
               u.email,
               u.phone_number,
               u.created_at,
               u.updated_at,
               u.reset_password_sent_at,
               u.remember_created_at,
               u.sign_in_count,
               u.current_sign_in_at,
               u.last_sign_in_at,
               u.current_sign_in_ip,
               u.last_sign_in_ip,
               u.institution_id,
               u.password_changed_at,
               u.consumed_timestep,
               u.otp_required_for_login,
               u.deactivated_at,
               u.enabled_two_factor,
               u.confirmed_two_factor,
               u.authy_id,
               u.last_sign_in_with_authy,
               u.authy_status,
               u.email_verified,
               u.initial_password_updated,
               u.force_password_update,
               u.account_confirmed,
               u.grace_period,
               u.role,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               i.state AS institution_state,
               i.type AS institution_type,
               i.member_institution_id,
               parent.name AS member_institution_name,
               parent.identifier AS member_institution_identifier,
               parent.state AS member_institution_state,
               i.otp_enabled,
               i.receiving_bucket,
               i.restore_bucket,
               u.encrypted_otp_sent_at,
               u.awaiting_second_factor
        FROM users u
        LEFT JOIN institutions i ON i.id = u.institution_id
        LEFT JOIN institutions parent ON parent.id = i.member_institution_id;
    END IF;
END
$$;

-- Only while the view lacks our columns: a later file may have added more of its own.
DO $$
BEGIN
    IF NOT relation_has_column('institutions_view', 'member_institution_id') THEN
        CREATE OR REPLACE VIEW institutions_view AS
        SELECT i.id,
               i.name,
               i.identifier,
               i.state,
               i.type,
               i.deactivated_at,
               i.otp_enabled,
               i.receiving_bucket,
               i.restore_bucket,
               i.spot_restore_frequency,
               i.last_spot_restore_work_item_id,
               i.created_at,
               i.updated_at,
               i.member_institution_id AS parent_id,
               parent.name AS parent_name,
               parent.identifier AS parent_identifier,
               parent.state AS parent_state,
               parent.deactivated_at AS parent_deactivated_at,
               i.member_institution_id
        FROM institutions i
        LEFT JOIN institutions parent ON parent.id = i.member_institution_id;
    END IF;
END
$$;

-- Only while the view lacks our columns: a later file may have added more of its own.
DO $$
BEGIN
    IF NOT relation_has_column('deletion_requests_view', 'encrypted_confirmation_token') THEN
        CREATE OR REPLACE VIEW deletion_requests_view AS
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
               dr.encrypted_confirmation_token
        FROM deletion_requests dr
        LEFT JOIN institutions i ON i.id = dr.institution_id
        LEFT JOIN users req ON req.id = dr.requested_by_id
        LEFT JOIN users conf ON conf.id = dr.confirmed_by_id
        LEFT JOIN users can ON can.id = dr.cancelled_by_id;
    END IF;
END
$$;

-- An index that an interrupted CREATE INDEX CONCURRENTLY left behind is invalid: drop it, so the statement
-- below builds it again instead of skipping it.
DO $$
DECLARE
    idx text;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE NOT x.indisvalid AND c.relnamespace = current_schema()::regnamespace
                 AND c.relname IN ('index_work_items_on_deletion_request_id', 'ix_historical_all_inst_opt_date')
    LOOP
        EXECUTE format('DROP INDEX %I', idx);
    END LOOP;
END
$$;

CREATE INDEX CONCURRENTLY IF NOT EXISTS index_work_items_on_deletion_request_id
    ON work_items (deletion_request_id) WHERE deletion_request_id IS NOT NULL;

DO $$
DECLARE
    repeated text;
BEGIN
    SELECT string_agg(format('%s %s (%s rows)', storage_option, end_date, n), ', ') INTO repeated
    FROM (SELECT storage_option, end_date, count(*) AS n FROM historical_deposit_stats
          WHERE institution_id IS NULL GROUP BY 1, 2 HAVING count(*) > 1) d;
    IF repeated IS NOT NULL THEN
        RAISE NOTICE 'ix_historical_all_inst_opt_date not created: historical_deposit_stats repeats these all-institution rows: %', repeated;
    ELSIF to_regclass('ix_historical_all_inst_opt_date') IS NULL THEN
        -- historical_deposit_stats holds a few thousand rows: a plain build takes milliseconds.
        CREATE UNIQUE INDEX ix_historical_all_inst_opt_date
            ON historical_deposit_stats (storage_option, end_date) WHERE institution_id IS NULL;
    END IF;
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'ar_internal_metadata'::regclass AND contype = 'p')
       AND relation_has_column('ar_internal_metadata', 'id') THEN
        ALTER TABLE ar_internal_metadata ADD PRIMARY KEY (id);
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '019_our_view_columns_and_indexes';
