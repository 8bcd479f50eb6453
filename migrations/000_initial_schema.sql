-- registry:runs-on-adoption
-- 000_initial_schema: the Registry schema as it was at the November 2022 launch.
--
-- Tables, indexes, foreign keys, the plain views and the four count materialized views
-- as they stood before migration 001. Later files change them in order, exactly like
-- the original's migrations did to a launched database.
--
-- The catalog is the original's, name for name and column for column: after 000-012 a
-- new database has the same tables, views and materialized views, with the same columns
-- in the same order and of the same types, and the same index and constraint names, as a
-- database built by the original's own schema and migrations 007-012. This matters
-- because CREATE OR REPLACE VIEW cannot reorder columns: a later file that replaces a
-- view must find it in the same shape whichever way the database was built.
-- (OriginalCatalogTest checks it against the facts in original-catalog.csv.)
-- Our additions to the original's views (for example users_view.awaiting_second_factor)
-- come after the original's columns, in 019.
--
-- Adoption: the first line tells the runner to run this file even on a database that
-- the original built (whose schema_migrations has no row for 000). It then only adds
-- what is missing: every table, index and column is IF NOT EXISTS, and every view,
-- materialized view and function is created only when absent. That is how an adopted
-- database gets the two helper routines below, which the later files use.
--
-- Compared with the original launch schema:
--   * schema_migrations gets started_at/finished_at here, not in 001. Every file
--     (this one included) records its own start and finish, so the columns have to
--     exist first. 001 keeps its ADD COLUMN IF NOT EXISTS, which is then a no-op.
--   * historical_deposit_stats is created here in its first shape (as 001 introduced
--     it: no member_institution_id/primary_sort/secondary_sort, end_date timestamp),
--     so every table exists after 000. 001's CREATE TABLE IF NOT EXISTS is a no-op.
--   * deletion_requests_view: cancelled_by_name/cancelled_by_email come from the user
--     in cancelled_by_id. (The original joined that alias on confirmed_by_id, so it
--     showed the confirmer as the canceller.)
--   * intellectual_objects_view: size and payload_size are 0, not NULL, for an object
--     with no active files. The payload test is an exact prefix match
--     (starts_with(file, object || '/data/')), the same meaning as the original's
--     LIKE object || '/data/%' but not confused by '_', '%' or '\' in identifiers.
--   * The legacy Pharos tables (bulk_delete_jobs*, emails*, confirmation_tokens,
--     old_passwords, snapshots, usage_samples) and the storage_option_stats view are
--     created for parity; nothing uses them. The dead functions
--     populate_current_deposit_stats() and populate_deposit_stats(date) are not
--     created by any file (an adopted database keeps its own).
--   * Two helper routines the later files use for idempotent DDL (additions):
--       relation_has_column(relation, column): is the column there? This also works
--         for materialized views, which information_schema does not list.
--       create_function_unless_newer(signature, migration, create_sql): a procedure
--         that runs a CREATE OR REPLACE FUNCTION unless the function was already
--         installed by this migration or a later one. It remembers the migration in
--         the function's comment ('installed by migration NNN_name'). This way
--         re-running an older file never overwrites a function that a newer file
--         redefined, and a fresh run still goes through every version in order.
--
-- Names: the original's index and constraint names (Rails' index_<table>_on_<columns>,
-- its own index_<table>_<column> and ix_* names, PostgreSQL's <table>_<column>_fkey and
-- Rails' fk_rails_<hash> for foreign keys).
--
-- Idempotency: tables, indexes and columns use IF NOT EXISTS. A view or materialized
-- view that a later file redefines is created here only when absent, so re-running
-- this file after 012 keeps the later definitions.

CREATE TABLE IF NOT EXISTS schema_migrations (version varchar PRIMARY KEY);
ALTER TABLE schema_migrations
    ADD COLUMN IF NOT EXISTS started_at timestamp,
    ADD COLUMN IF NOT EXISTS finished_at timestamp;

INSERT INTO schema_migrations (version, started_at) VALUES ('000_initial_schema', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

-- ---------------------------------------------------------------------------------
-- Helpers for idempotent migrations
-- ---------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION relation_has_column(rel_name text, col_name text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT EXISTS (
        SELECT 1
        FROM pg_attribute
        WHERE attrelid = to_regclass(rel_name)
          AND attname = col_name
          AND attnum > 0
          AND NOT attisdropped)
$$;

CREATE OR REPLACE PROCEDURE create_function_unless_newer(fn_signature text, migration text, create_sql text)
LANGUAGE plpgsql
AS $$
DECLARE
    installed_by text;
BEGIN
    installed_by := substring(obj_description(to_regprocedure(fn_signature), 'pg_proc')
                              FROM '^installed by migration (\S+)');
    IF installed_by >= migration THEN
        RAISE NOTICE '% is already at %, not redefined by %', fn_signature, installed_by, migration;
        RETURN;
    END IF;
    EXECUTE create_sql;
    IF to_regprocedure(fn_signature) IS NULL THEN
        RAISE EXCEPTION 'create_sql of migration % did not create %', migration, fn_signature;
    END IF;
    EXECUTE format('COMMENT ON FUNCTION %s IS %L', to_regprocedure(fn_signature),
                   'installed by migration ' || migration);
END
$$;

-- ---------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS ar_internal_metadata (
    key        varchar   NOT NULL PRIMARY KEY,
    value      varchar,
    created_at timestamp NOT NULL,
    updated_at timestamp NOT NULL
);

CREATE TABLE IF NOT EXISTS institutions (
    id                    serial PRIMARY KEY,
    name                  varchar,
    identifier            varchar,
    created_at            timestamp NOT NULL,
    updated_at            timestamp NOT NULL,
    state                 varchar,
    type                  varchar,
    member_institution_id integer,
    deactivated_at        timestamp,
    otp_enabled           boolean,
    receiving_bucket      varchar   NOT NULL,
    restore_bucket        varchar   NOT NULL,
    enable_spot_restore   boolean   NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX IF NOT EXISTS index_institutions_identifier ON institutions (identifier);
CREATE UNIQUE INDEX IF NOT EXISTS index_institutions_receiving_bucket ON institutions (receiving_bucket);
CREATE UNIQUE INDEX IF NOT EXISTS index_institutions_restore_bucket ON institutions (restore_bucket);
CREATE INDEX IF NOT EXISTS index_institutions_on_name ON institutions (name);

CREATE TABLE IF NOT EXISTS users (
    id                        serial PRIMARY KEY,
    name                      varchar,
    email                     varchar,
    phone_number              varchar,
    created_at                timestamp   NOT NULL,
    updated_at                timestamp   NOT NULL,
    encrypted_password        varchar     NOT NULL DEFAULT '',
    reset_password_token      varchar,
    reset_password_sent_at    timestamp,
    remember_created_at       timestamp,
    sign_in_count             integer     NOT NULL DEFAULT 0,
    current_sign_in_at        timestamp,
    last_sign_in_at           timestamp,
    current_sign_in_ip        varchar,
    last_sign_in_ip           varchar,
    institution_id            integer
        CONSTRAINT fk_rails_7fcf39ca13 REFERENCES institutions (id),
    encrypted_api_secret_key  text,
    password_changed_at       timestamp,
    encrypted_otp_secret      varchar,
    encrypted_otp_secret_iv   varchar,
    encrypted_otp_secret_salt varchar,
    encrypted_otp_sent_at     timestamp,
    consumed_timestep         integer,
    otp_required_for_login    boolean,
    deactivated_at            timestamp,
    enabled_two_factor        boolean     DEFAULT false,
    confirmed_two_factor      boolean     DEFAULT false,
    otp_backup_codes          varchar[],
    authy_id                  varchar,
    last_sign_in_with_authy   timestamp,
    authy_status              varchar,
    email_verified            boolean     DEFAULT false,
    initial_password_updated  boolean     DEFAULT false,
    force_password_update     boolean     DEFAULT false,
    account_confirmed         boolean     DEFAULT true,
    grace_period              timestamp,
    awaiting_second_factor    boolean     NOT NULL DEFAULT false,
    role                      varchar(50) NOT NULL DEFAULT 'none'
);
CREATE UNIQUE INDEX IF NOT EXISTS index_users_on_email ON users (email);
CREATE UNIQUE INDEX IF NOT EXISTS index_users_on_reset_password_token ON users (reset_password_token);
CREATE INDEX IF NOT EXISTS index_users_on_authy_id ON users (authy_id);
CREATE INDEX IF NOT EXISTS index_users_on_institution_id ON users (institution_id);
CREATE INDEX IF NOT EXISTS index_users_on_password_changed_at ON users (password_changed_at);

-- No FK to institutions, as in the original.
CREATE TABLE IF NOT EXISTS intellectual_objects (
    id                          serial PRIMARY KEY,
    title                       varchar,
    description                 text,
    identifier                  varchar,
    alt_identifier              varchar,
    access                      varchar,
    bag_name                    varchar,
    institution_id              integer,
    created_at                  timestamp NOT NULL,
    updated_at                  timestamp NOT NULL,
    state                       varchar,
    etag                        varchar,
    bag_group_identifier        varchar,
    storage_option              varchar   NOT NULL DEFAULT 'Standard',
    bagit_profile_identifier    varchar,
    source_organization         varchar,
    internal_sender_identifier  varchar,
    internal_sender_description text
);
CREATE UNIQUE INDEX IF NOT EXISTS index_intellectual_objects_on_identifier ON intellectual_objects (identifier);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_bag_name ON intellectual_objects (bag_name);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_created_at ON intellectual_objects (created_at);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_institution_id ON intellectual_objects (institution_id);
CREATE INDEX IF NOT EXISTS index_intellectual_objects_on_updated_at ON intellectual_objects (updated_at);

-- mod_time comes with 012.
CREATE TABLE IF NOT EXISTS generic_files (
    id                     serial PRIMARY KEY,
    file_format            varchar,
    size                   bigint,
    identifier             varchar,
    intellectual_object_id integer,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL,
    state                  varchar,
    last_fixity_check      timestamp NOT NULL DEFAULT '2000-01-01 00:00:00',
    institution_id         integer   NOT NULL,
    storage_option         varchar   NOT NULL DEFAULT 'Standard',
    uuid                   varchar   NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_generic_files_on_identifier ON generic_files (identifier);
CREATE UNIQUE INDEX IF NOT EXISTS index_generic_files_on_uuid ON generic_files (uuid);
CREATE INDEX IF NOT EXISTS index_generic_files_on_created_at ON generic_files (created_at);
CREATE INDEX IF NOT EXISTS index_generic_files_on_institution_id ON generic_files (institution_id);
CREATE INDEX IF NOT EXISTS index_generic_files_on_institution_id_and_state
    ON generic_files (institution_id, state);
CREATE INDEX IF NOT EXISTS index_generic_files_on_institution_id_and_updated_at
    ON generic_files (institution_id, updated_at);
CREATE INDEX IF NOT EXISTS index_generic_files_on_intellectual_object_id ON generic_files (intellectual_object_id);
CREATE INDEX IF NOT EXISTS index_generic_files_on_updated_at ON generic_files (updated_at);
CREATE INDEX IF NOT EXISTS ix_gf_last_fixity_check ON generic_files (last_fixity_check);

-- Insert-only.
CREATE TABLE IF NOT EXISTS checksums (
    id              serial PRIMARY KEY,
    algorithm       varchar,
    datetime        timestamp,
    digest          varchar,
    generic_file_id integer
        CONSTRAINT fk_rails_89bb0866e7 REFERENCES generic_files (id),
    created_at      timestamp NOT NULL,
    updated_at      timestamp NOT NULL
);
CREATE INDEX IF NOT EXISTS index_checksums_on_generic_file_id ON checksums (generic_file_id);

CREATE TABLE IF NOT EXISTS storage_records (
    id              bigserial PRIMARY KEY,
    generic_file_id integer
        CONSTRAINT fk_rails_a126ea6adc REFERENCES generic_files (id),
    url             varchar
);
CREATE INDEX IF NOT EXISTS index_storage_records_on_generic_file_id ON storage_records (generic_file_id);

-- Insert-only, and the biggest table: no FKs, as in the original.
CREATE TABLE IF NOT EXISTS premis_events (
    id                     serial PRIMARY KEY,
    identifier             varchar,
    event_type             varchar,
    date_time              timestamp,
    outcome_detail         varchar,
    detail                 varchar,
    outcome_information    varchar,
    object                 varchar,
    agent                  varchar,
    intellectual_object_id integer,
    generic_file_id        integer,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL,
    outcome                varchar,
    institution_id         integer,
    old_uuid               varchar
);
CREATE UNIQUE INDEX IF NOT EXISTS index_premis_events_on_identifier ON premis_events (identifier);
CREATE INDEX IF NOT EXISTS index_premis_events_date_time_desc ON premis_events (date_time DESC);
CREATE INDEX IF NOT EXISTS index_premis_events_on_event_type ON premis_events (event_type);
CREATE INDEX IF NOT EXISTS index_premis_events_on_event_type_and_outcome ON premis_events (event_type, outcome);
CREATE INDEX IF NOT EXISTS index_premis_events_on_generic_file_id ON premis_events (generic_file_id);
CREATE INDEX IF NOT EXISTS index_premis_events_on_institution_id ON premis_events (institution_id);
CREATE INDEX IF NOT EXISTS index_premis_events_on_intellectual_object_id ON premis_events (intellectual_object_id);
CREATE INDEX IF NOT EXISTS index_premis_events_on_outcome ON premis_events (outcome);

-- deletion_request_id comes with 011.
CREATE TABLE IF NOT EXISTS work_items (
    id                     serial PRIMARY KEY,
    created_at             timestamp    NOT NULL,
    updated_at             timestamp    NOT NULL,
    intellectual_object_id integer,
    generic_file_id        integer,
    name                   varchar,
    etag                   varchar,
    bucket                 varchar,
    "user"                 varchar,
    note                   text,
    action                 varchar,
    stage                  varchar,
    status                 varchar,
    outcome                text,
    bag_date               timestamp,
    date_processed         timestamp,
    retry                  boolean      NOT NULL DEFAULT false,
    node                   varchar(255),
    pid                    integer      DEFAULT 0,
    needs_admin_review     boolean      NOT NULL DEFAULT false,
    institution_id         integer,
    queued_at              timestamp,
    size                   bigint,
    stage_started_at       timestamp,
    aptrust_approver       varchar,
    inst_approver          varchar
);
CREATE INDEX IF NOT EXISTS index_work_items_etag_instid_and_name
    ON work_items (etag, institution_id, name);
CREATE INDEX IF NOT EXISTS index_work_items_on_action ON work_items (action);
CREATE INDEX IF NOT EXISTS index_work_items_on_date_processed ON work_items (date_processed);
CREATE INDEX IF NOT EXISTS index_work_items_on_etag_and_name ON work_items (etag, name);
CREATE INDEX IF NOT EXISTS index_work_items_on_generic_file_id ON work_items (generic_file_id);
CREATE INDEX IF NOT EXISTS index_work_items_on_inst_id_and_date_processed
    ON work_items (institution_id, date_processed);
CREATE INDEX IF NOT EXISTS index_work_items_on_institution_id ON work_items (institution_id);
CREATE INDEX IF NOT EXISTS index_work_items_on_intellectual_object_id ON work_items (intellectual_object_id);
CREATE INDEX IF NOT EXISTS index_work_items_on_stage ON work_items (stage);
CREATE INDEX IF NOT EXISTS index_work_items_on_status ON work_items (status);

CREATE TABLE IF NOT EXISTS storage_options (
    id                bigserial PRIMARY KEY,
    provider          varchar       NOT NULL,
    service           varchar       NOT NULL,
    region            varchar       NOT NULL,
    name              varchar       NOT NULL,
    cost_gb_per_month numeric(12,8) NOT NULL,
    comment           varchar       NOT NULL,
    updated_at        timestamp     NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS index_storage_options_name ON storage_options (name);

-- work_item_id is the launch design (one request, one work item); 011 replaces it
-- with work_items.deletion_request_id.
CREATE TABLE IF NOT EXISTS deletion_requests (
    id                           bigserial PRIMARY KEY,
    institution_id               integer   NOT NULL
        CONSTRAINT deletion_requests_institution_id_fkey REFERENCES institutions (id),
    requested_by_id              integer   NOT NULL
        CONSTRAINT deletion_requests_requested_by_id_fkey REFERENCES users (id),
    requested_at                 timestamp NOT NULL,
    encrypted_confirmation_token varchar   NOT NULL,
    confirmed_by_id              integer
        CONSTRAINT deletion_requests_confirmed_by_id_fkey REFERENCES users (id),
    confirmed_at                 timestamp,
    cancelled_by_id              integer
        CONSTRAINT deletion_requests_cancelled_by_id_fkey REFERENCES users (id),
    cancelled_at                 timestamp,
    work_item_id                 integer
        CONSTRAINT fk_deletion_requests_work_item_id REFERENCES work_items (id)
);
CREATE INDEX IF NOT EXISTS index_deletion_requests_institution_id ON deletion_requests (institution_id);

CREATE TABLE IF NOT EXISTS deletion_requests_generic_files (
    deletion_request_id integer  NOT NULL
        CONSTRAINT deletion_requests_generic_files_deletion_request_id_fkey REFERENCES deletion_requests (id),
    generic_file_id     integer NOT NULL
        CONSTRAINT deletion_requests_generic_files_generic_file_id_fkey REFERENCES generic_files (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS index_drgf_unique
    ON deletion_requests_generic_files (deletion_request_id, generic_file_id);

CREATE TABLE IF NOT EXISTS deletion_requests_intellectual_objects (
    deletion_request_id    integer  NOT NULL
        CONSTRAINT deletion_requests_intellectual_objects_deletion_request_id_fkey REFERENCES deletion_requests (id),
    intellectual_object_id integer NOT NULL
        CONSTRAINT deletion_requests_intellectual_obje_intellectual_object_id_fkey REFERENCES intellectual_objects (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS index_drio_unique
    ON deletion_requests_intellectual_objects (deletion_request_id, intellectual_object_id);

CREATE TABLE IF NOT EXISTS alerts (
    id                  bigserial PRIMARY KEY,
    institution_id      integer
        CONSTRAINT alerts_institution_id_fkey REFERENCES institutions (id),
    type                varchar   NOT NULL,
    subject             varchar   NOT NULL,
    content             text      NOT NULL,
    deletion_request_id integer
        CONSTRAINT alerts_deletion_request_id_fkey REFERENCES deletion_requests (id),
    created_at          timestamp NOT NULL
);
CREATE INDEX IF NOT EXISTS index_alerts_institution_id ON alerts (institution_id);
CREATE INDEX IF NOT EXISTS index_alerts_type ON alerts (type);

CREATE TABLE IF NOT EXISTS alerts_users (
    alert_id integer NOT NULL
        CONSTRAINT alerts_users_alert_id_fkey REFERENCES alerts (id),
    user_id  integer NOT NULL
        CONSTRAINT alerts_users_user_id_fkey REFERENCES users (id),
    sent_at  timestamp,
    read_at  timestamp
);
CREATE UNIQUE INDEX IF NOT EXISTS index_alerts_users_unique ON alerts_users (alert_id, user_id);
CREATE INDEX IF NOT EXISTS index_alerts_users_alert_id ON alerts_users (alert_id);
CREATE INDEX IF NOT EXISTS index_alerts_users_user_id ON alerts_users (user_id);

CREATE TABLE IF NOT EXISTS alerts_premis_events (
    alert_id        integer NOT NULL
        CONSTRAINT alerts_premis_events_alert_id_fkey REFERENCES alerts (id),
    premis_event_id integer NOT NULL
        CONSTRAINT alerts_premis_events_premis_event_id_fkey REFERENCES premis_events (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS index_alerts_premis_events_unique
    ON alerts_premis_events (alert_id, premis_event_id);
CREATE INDEX IF NOT EXISTS index_alerts_premis_events_alert_id ON alerts_premis_events (alert_id);

CREATE TABLE IF NOT EXISTS alerts_work_items (
    alert_id     integer NOT NULL
        CONSTRAINT alerts_work_items_alert_id_fkey REFERENCES alerts (id),
    work_item_id integer NOT NULL
        CONSTRAINT alerts_work_items_work_item_id_fkey REFERENCES work_items (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS index_alerts_work_items_unique
    ON alerts_work_items (alert_id, work_item_id);
CREATE INDEX IF NOT EXISTS index_alerts_work_items_alert_id ON alerts_work_items (alert_id);

-- First shape, as 001 introduced it. 003 adds member_institution_id, primary_sort and
-- secondary_sort; 005 turns end_date into a date. Its indexes come with 001 and 005.
CREATE TABLE IF NOT EXISTS historical_deposit_stats (
    institution_id    bigint,
    institution_name  varchar(80),
    storage_option    varchar(40),
    object_count      bigint,
    file_count        bigint,
    total_bytes       bigint,
    total_gb          double precision,
    total_tb          double precision,
    cost_gb_per_month double precision,
    monthly_cost      double precision,
    end_date          timestamp
);

-- ---------------------------------------------------------------------------------
-- The original's legacy tables from its Pharos days. Nothing reads or writes them; they are
-- created so that a new database has the same catalog as one built by the original's own
-- schema, and an adopted database keeps them as they are.
-- ---------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS bulk_delete_jobs (
    id                        bigserial PRIMARY KEY,
    requested_by              varchar,
    institutional_approver    varchar,
    aptrust_approver          varchar,
    institutional_approval_at timestamp,
    aptrust_approval_at       timestamp,
    note                      text,
    created_at                timestamp NOT NULL,
    updated_at                timestamp NOT NULL,
    institution_id            integer   NOT NULL
);
CREATE TABLE IF NOT EXISTS bulk_delete_jobs_emails (bulk_delete_job_id bigint, email_id bigint);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_emails_on_bulk_delete_job_id
    ON bulk_delete_jobs_emails (bulk_delete_job_id);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_emails_on_email_id ON bulk_delete_jobs_emails (email_id);
CREATE TABLE IF NOT EXISTS bulk_delete_jobs_generic_files (bulk_delete_job_id bigint, generic_file_id bigint);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_generic_files_on_bulk_delete_job_id
    ON bulk_delete_jobs_generic_files (bulk_delete_job_id);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_generic_files_on_generic_file_id
    ON bulk_delete_jobs_generic_files (generic_file_id);
CREATE TABLE IF NOT EXISTS bulk_delete_jobs_institutions (bulk_delete_job_id bigint, institution_id bigint);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_institutions_on_bulk_delete_job_id
    ON bulk_delete_jobs_institutions (bulk_delete_job_id);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_institutions_on_institution_id
    ON bulk_delete_jobs_institutions (institution_id);
CREATE TABLE IF NOT EXISTS bulk_delete_jobs_intellectual_objects (bulk_delete_job_id bigint, intellectual_object_id bigint);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_intellectual_objects_on_bulk_job_id
    ON bulk_delete_jobs_intellectual_objects (bulk_delete_job_id);
CREATE INDEX IF NOT EXISTS index_bulk_delete_jobs_intellectual_objects_on_object_id
    ON bulk_delete_jobs_intellectual_objects (intellectual_object_id);

CREATE TABLE IF NOT EXISTS confirmation_tokens (
    id                     bigserial PRIMARY KEY,
    token                  varchar,
    intellectual_object_id integer,
    generic_file_id        integer,
    institution_id         integer,
    user_id                integer
);

CREATE TABLE IF NOT EXISTS emails (
    id                     bigserial PRIMARY KEY,
    email_type             varchar,
    event_identifier       varchar,
    item_id                integer,
    email_text             text,
    user_list              text,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL,
    intellectual_object_id integer,
    generic_file_id        integer,
    institution_id         integer
);
CREATE TABLE IF NOT EXISTS emails_generic_files (generic_file_id bigint, email_id bigint);
CREATE INDEX IF NOT EXISTS index_emails_generic_files_on_email_id ON emails_generic_files (email_id);
CREATE INDEX IF NOT EXISTS index_emails_generic_files_on_generic_file_id ON emails_generic_files (generic_file_id);
CREATE TABLE IF NOT EXISTS emails_intellectual_objects (intellectual_object_id bigint, email_id bigint);
CREATE INDEX IF NOT EXISTS index_emails_intellectual_objects_on_email_id ON emails_intellectual_objects (email_id);
CREATE INDEX IF NOT EXISTS index_emails_intellectual_objects_on_intellectual_object_id
    ON emails_intellectual_objects (intellectual_object_id);
CREATE TABLE IF NOT EXISTS emails_premis_events (premis_event_id bigint, email_id bigint);
CREATE INDEX IF NOT EXISTS index_emails_premis_events_on_email_id ON emails_premis_events (email_id);
CREATE INDEX IF NOT EXISTS index_emails_premis_events_on_premis_event_id ON emails_premis_events (premis_event_id);
CREATE TABLE IF NOT EXISTS emails_work_items (work_item_id bigint, email_id bigint);
CREATE INDEX IF NOT EXISTS index_emails_work_items_on_email_id ON emails_work_items (email_id);
CREATE INDEX IF NOT EXISTS index_emails_work_items_on_work_item_id ON emails_work_items (work_item_id);

CREATE TABLE IF NOT EXISTS old_passwords (
    id                       bigserial PRIMARY KEY,
    encrypted_password       varchar NOT NULL,
    password_salt            varchar,
    password_archivable_type varchar NOT NULL,
    password_archivable_id   integer NOT NULL,
    created_at               timestamp
);
CREATE INDEX IF NOT EXISTS index_password_archivable
    ON old_passwords (password_archivable_type, password_archivable_id);

CREATE TABLE IF NOT EXISTS snapshots (
    id             bigserial PRIMARY KEY,
    audit_date     timestamp,
    institution_id integer,
    apt_bytes      bigint,
    cost           numeric,
    created_at     timestamp NOT NULL,
    updated_at     timestamp NOT NULL,
    snapshot_type  varchar,
    cs_bytes       bigint,
    go_bytes       bigint
);

CREATE TABLE IF NOT EXISTS usage_samples (
    id             serial PRIMARY KEY,
    created_at     timestamp NOT NULL,
    updated_at     timestamp NOT NULL,
    institution_id varchar,
    data           text
);

-- ---------------------------------------------------------------------------------
-- Views. Every view lists its columns explicitly, so a column added to a table later
-- does not change a view, and a column a later file drops is only referenced by the
-- view that file recreates.
-- ---------------------------------------------------------------------------------

-- Views no later file (up to 012) changes, in their final form. Created only when absent, like the
-- others, so that re-running this file never replaces a definition a later file installs.

DO $$
BEGIN
    IF to_regclass('checksums_view') IS NULL THEN
        CREATE VIEW checksums_view AS
        SELECT c.id,
               c.algorithm,
               c.datetime,
               c.digest,
               gf.state,
               gf.identifier AS generic_file_identifier,
               c.generic_file_id,
               gf.intellectual_object_id,
               gf.institution_id,
               c.created_at,
               c.updated_at
        FROM checksums c
        LEFT JOIN generic_files gf ON gf.id = c.generic_file_id;
    END IF;
END
$$;

DO $$
BEGIN
    IF to_regclass('intellectual_objects_view') IS NULL THEN
        CREATE VIEW intellectual_objects_view AS
        SELECT io.id,
               io.title,
               io.description,
               io.identifier,
               io.alt_identifier,
               io.access,
               io.bag_name,
               io.institution_id,
               io.state,
               io.etag,
               io.bag_group_identifier,
               io.storage_option,
               io.bagit_profile_identifier,
               io.source_organization,
               io.internal_sender_identifier,
               io.internal_sender_description,
               io.created_at,
               io.updated_at,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               i.type AS institution_type,
               i.member_institution_id AS institution_parent_id,
               (SELECT count(*)
                  FROM generic_files gf
                 WHERE gf.intellectual_object_id = io.id AND gf.state = 'A') AS file_count,
               (SELECT coalesce(sum(gf.size), 0)
                  FROM generic_files gf
                 WHERE gf.intellectual_object_id = io.id AND gf.state = 'A') AS size,
               (SELECT count(*)
                  FROM generic_files gf
                 WHERE gf.intellectual_object_id = io.id AND gf.state = 'A'
                   AND starts_with(gf.identifier, io.identifier || '/data/')) AS payload_file_count,
               (SELECT coalesce(sum(gf.size), 0)
                  FROM generic_files gf
                 WHERE gf.intellectual_object_id = io.id AND gf.state = 'A'
                   AND starts_with(gf.identifier, io.identifier || '/data/')) AS payload_size
        FROM intellectual_objects io
        LEFT JOIN institutions i ON i.id = io.institution_id;
    END IF;
END
$$;

DO $$
BEGIN
    IF to_regclass('premis_events_view') IS NULL THEN
        CREATE VIEW premis_events_view AS
        SELECT pe.id,
               pe.identifier,
               pe.institution_id,
               i.name AS institution_name,
               pe.intellectual_object_id,
               io.identifier AS intellectual_object_identifier,
               pe.generic_file_id,
               gf.identifier AS generic_file_identifier,
               pe.event_type,
               pe.date_time,
               pe.detail,
               pe.outcome,
               pe.outcome_detail,
               pe.outcome_information,
               pe.object,
               pe.agent,
               pe.created_at,
               pe.updated_at,
               pe.old_uuid
        FROM premis_events pe
        LEFT JOIN institutions i ON i.id = pe.institution_id
        LEFT JOIN intellectual_objects io ON io.id = pe.intellectual_object_id
        LEFT JOIN generic_files gf ON gf.id = pe.generic_file_id;
    END IF;
END
$$;

-- Leaves out the secrets: password and reset token hashes, API key hash, OTP secret
-- and backup codes.
DO $$
BEGIN
    IF to_regclass('users_view') IS NULL THEN
        CREATE VIEW users_view AS
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
               i.restore_bucket
        FROM users u
        LEFT JOIN institutions i ON i.id = u.institution_id
        LEFT JOIN institutions parent ON parent.id = i.member_institution_id;
    END IF;
END
$$;

-- Views in their launch form, created only when absent: a later file redefines each
-- (alerts_view 010, deletion_requests_view 011, institutions_view 007,
-- work_items_view 011, generic_files_view 012).

DO $$
BEGIN
    IF to_regclass('alerts_view') IS NULL THEN
        CREATE VIEW alerts_view AS
        SELECT a.id,
               a.institution_id,
               a.type,
               a.subject,
               a.content,
               a.deletion_request_id,
               a.created_at,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               au.user_id,
               u.name AS user_name,
               au.sent_at,
               au.read_at
        FROM alerts a
        LEFT JOIN alerts_users au ON au.alert_id = a.id
        LEFT JOIN users u ON u.id = au.user_id
        LEFT JOIN institutions i ON i.id = a.institution_id;
    END IF;

    IF to_regclass('deletion_requests_view') IS NULL THEN
        CREATE VIEW deletion_requests_view AS
        SELECT dr.id,
               dr.institution_id,
               dr.requested_by_id,
               dr.requested_at,
               dr.encrypted_confirmation_token,
               dr.confirmed_by_id,
               dr.confirmed_at,
               dr.cancelled_by_id,
               dr.cancelled_at,
               dr.work_item_id,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               req.name AS requested_by_name,
               req.email AS requested_by_email,
               conf.name AS confirmed_by_name,
               conf.email AS confirmed_by_email,
               can.name AS cancelled_by_name,
               can.email AS cancelled_by_email,
               (SELECT count(*)
                  FROM deletion_requests_generic_files drgf
                 WHERE drgf.deletion_request_id = dr.id) AS file_count,
               (SELECT count(*)
                  FROM deletion_requests_intellectual_objects drio
                 WHERE drio.deletion_request_id = dr.id) AS object_count,
               wi.stage,
               wi.status,
               wi.date_processed,
               wi.size,
               wi.note
        FROM deletion_requests dr
        LEFT JOIN institutions i ON i.id = dr.institution_id
        LEFT JOIN users req ON req.id = dr.requested_by_id
        LEFT JOIN users conf ON conf.id = dr.confirmed_by_id
        LEFT JOIN users can ON can.id = dr.cancelled_by_id
        LEFT JOIN work_items wi ON wi.id = dr.work_item_id;
    END IF;

    IF to_regclass('institutions_view') IS NULL THEN
        CREATE VIEW institutions_view AS
        SELECT i.id,
               i.name,
               i.identifier,
               i.created_at,
               i.updated_at,
               i.state,
               i.type,
               i.member_institution_id,
               i.deactivated_at,
               i.otp_enabled,
               i.receiving_bucket,
               i.restore_bucket,
               i.enable_spot_restore,
               i.member_institution_id AS parent_id,
               parent.name AS parent_name,
               parent.identifier AS parent_identifier,
               parent.state AS parent_state,
               parent.deactivated_at AS parent_deactivated_at
        FROM institutions i
        LEFT JOIN institutions parent ON parent.id = i.member_institution_id;
    END IF;

    IF to_regclass('work_items_view') IS NULL THEN
        CREATE VIEW work_items_view AS
        SELECT wi.id,
               wi.created_at,
               wi.updated_at,
               wi.intellectual_object_id,
               wi.generic_file_id,
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
               wi.institution_id,
               wi.queued_at,
               wi.size,
               wi.stage_started_at,
               wi.aptrust_approver,
               wi.inst_approver,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               io.identifier AS object_identifier,
               io.alt_identifier,
               io.bag_group_identifier,
               io.storage_option,
               io.bagit_profile_identifier,
               io.source_organization,
               io.internal_sender_identifier,
               gf.identifier AS generic_file_identifier
        FROM work_items wi
        LEFT JOIN institutions i ON i.id = wi.institution_id
        LEFT JOIN intellectual_objects io ON io.id = wi.intellectual_object_id
        LEFT JOIN generic_files gf ON gf.id = wi.generic_file_id;
    END IF;

    IF to_regclass('generic_files_view') IS NULL THEN
        CREATE VIEW generic_files_view AS
        SELECT gf.id,
               gf.file_format,
               gf.size,
               gf.identifier,
               gf.intellectual_object_id,
               gf.created_at,
               gf.updated_at,
               gf.state,
               gf.last_fixity_check,
               gf.institution_id,
               gf.storage_option,
               gf.uuid,
               io.identifier AS object_identifier,
               io.access,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
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
                 ORDER BY c.created_at DESC LIMIT 1) AS sha512
        FROM generic_files gf
        LEFT JOIN intellectual_objects io ON io.id = gf.intellectual_object_id
        LEFT JOIN institutions i ON i.id = gf.institution_id;
    END IF;
END
$$;

-- The original's storage_option_stats: active bytes and files per institution and storage
-- option, with ROLLUP subtotals. Nothing reads it; kept for catalog parity.
DO $$
BEGIN
    IF to_regclass('storage_option_stats') IS NULL THEN
        CREATE VIEW storage_option_stats AS
        WITH totals AS (
            SELECT sum(gf.size) AS total_bytes, count(*) AS file_count, gf.institution_id, gf.storage_option
            FROM generic_files gf
            WHERE gf.state = 'A'
            GROUP BY ROLLUP (gf.institution_id, gf.storage_option))
        SELECT t.total_bytes,
               t.file_count,
               t.institution_id,
               t.storage_option,
               i.name AS institution_name,
               i.identifier AS institution_identifier
        FROM totals t
        LEFT JOIN institutions i ON i.id = t.institution_id;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------
-- Count materialized views (launch shape: no updated_at, no unique index; 001 adds
-- updated_at, 008 the unique indexes). GROUP BY CUBE gives one row per combination
-- plus the NULL "any value" totals, which list pages read instead of count(*).
-- ---------------------------------------------------------------------------------

DO $$
BEGIN
    IF to_regclass('premis_event_counts') IS NULL THEN
        CREATE MATERIALIZED VIEW premis_event_counts AS
        SELECT institution_id, count(*) AS row_count, event_type, outcome
        FROM premis_events
        GROUP BY CUBE (institution_id, event_type, outcome);
    END IF;

    IF to_regclass('intellectual_object_counts') IS NULL THEN
        CREATE MATERIALIZED VIEW intellectual_object_counts AS
        SELECT institution_id, count(*) AS row_count, state
        FROM intellectual_objects
        GROUP BY CUBE (institution_id, state);
    END IF;

    IF to_regclass('generic_file_counts') IS NULL THEN
        CREATE MATERIALIZED VIEW generic_file_counts AS
        SELECT institution_id, count(*) AS row_count, state
        FROM generic_files
        GROUP BY CUBE (institution_id, state);
    END IF;

    IF to_regclass('work_item_counts') IS NULL THEN
        CREATE MATERIALIZED VIEW work_item_counts AS
        SELECT institution_id, count(*) AS row_count, action
        FROM work_items
        GROUP BY CUBE (institution_id, action);
    END IF;
END
$$;

-- Launch version: a plain refresh, no guards. 001, 006 and 008 replace it. Created only when
-- absent (not through create_function_unless_newer): on an adopted database the original's
-- functions carry no "installed by" comment, and this file must never replace them.
DO $$
BEGIN
    IF to_regprocedure('update_counts()') IS NULL THEN
        CREATE FUNCTION update_counts() RETURNS integer
        LANGUAGE plpgsql
        AS $fn$
        BEGIN
            REFRESH MATERIALIZED VIEW premis_event_counts;
            REFRESH MATERIALIZED VIEW intellectual_object_counts;
            REFRESH MATERIALIZED VIEW generic_file_counts;
            REFRESH MATERIALIZED VIEW work_item_counts;
            RETURN 1;
        END
        $fn$;
        COMMENT ON FUNCTION update_counts() IS 'installed by migration 000_initial_schema';
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '000_initial_schema';
