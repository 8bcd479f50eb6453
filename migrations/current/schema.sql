-- The Registry's schema as the migrations leave it, up to 077_checksum_institutions_fill.
-- Generated from a migrated database on PostgreSQL 17 (`db schema`); CurrentSchemaTest keeps it true.
-- Read it to see what is there now; change it only through a new migration file.

-- ----------------------------------------------------------------------------------------------------
-- Tables
-- ----------------------------------------------------------------------------------------------------

CREATE TABLE alerts (
    id bigint NOT NULL DEFAULT nextval('alerts_id_seq'::regclass),
    institution_id integer,
    type character varying NOT NULL,
    subject character varying NOT NULL,
    content text NOT NULL,
    deletion_request_id integer,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE alerts_premis_events (
    alert_id integer NOT NULL,
    premis_event_id integer NOT NULL
);

CREATE TABLE alerts_users (
    alert_id integer NOT NULL,
    user_id integer NOT NULL,
    sent_at timestamp without time zone,
    read_at timestamp without time zone
);

CREATE TABLE alerts_work_items (
    alert_id integer NOT NULL,
    work_item_id integer NOT NULL
);

CREATE TABLE ar_internal_metadata (
    key character varying NOT NULL,
    value character varying,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    id integer NOT NULL DEFAULT nextval('ar_internal_metadata_id_seq'::regclass)
);

CREATE TABLE auth_failures (
    key text NOT NULL,
    failures integer NOT NULL,
    last_failure_at timestamp with time zone NOT NULL
);

CREATE TABLE bulk_delete_jobs (
    id bigint NOT NULL DEFAULT nextval('bulk_delete_jobs_id_seq'::regclass),
    requested_by character varying,
    institutional_approver character varying,
    aptrust_approver character varying,
    institutional_approval_at timestamp without time zone,
    aptrust_approval_at timestamp without time zone,
    note text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    institution_id integer NOT NULL
);

CREATE TABLE bulk_delete_jobs_emails (
    bulk_delete_job_id bigint,
    email_id bigint
);

CREATE TABLE bulk_delete_jobs_generic_files (
    bulk_delete_job_id bigint,
    generic_file_id bigint
);

CREATE TABLE bulk_delete_jobs_institutions (
    bulk_delete_job_id bigint,
    institution_id bigint
);

CREATE TABLE bulk_delete_jobs_intellectual_objects (
    bulk_delete_job_id bigint,
    intellectual_object_id bigint
);

CREATE TABLE checksums (
    id integer NOT NULL DEFAULT nextval('checksums_id_seq'::regclass),
    algorithm character varying,
    datetime timestamp without time zone,
    digest character varying,
    generic_file_id integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    institution_id integer
);

CREATE TABLE confirmation_tokens (
    id bigint NOT NULL DEFAULT nextval('confirmation_tokens_id_seq'::regclass),
    token character varying,
    intellectual_object_id integer,
    generic_file_id integer,
    institution_id integer,
    user_id integer
);

CREATE TABLE deletion_requests (
    id bigint NOT NULL DEFAULT nextval('deletion_requests_id_seq'::regclass),
    institution_id integer NOT NULL,
    requested_by_id integer NOT NULL,
    requested_at timestamp without time zone NOT NULL,
    encrypted_confirmation_token character varying NOT NULL,
    confirmed_by_id integer,
    confirmed_at timestamp without time zone,
    cancelled_by_id integer,
    cancelled_at timestamp without time zone
);

CREATE TABLE deletion_requests_generic_files (
    deletion_request_id integer NOT NULL,
    generic_file_id integer NOT NULL
);

CREATE TABLE deletion_requests_intellectual_objects (
    deletion_request_id integer NOT NULL,
    intellectual_object_id integer NOT NULL
);

CREATE TABLE emails (
    id bigint NOT NULL DEFAULT nextval('emails_id_seq'::regclass),
    email_type character varying,
    event_identifier character varying,
    item_id integer,
    email_text text,
    user_list text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    intellectual_object_id integer,
    generic_file_id integer,
    institution_id integer
);

CREATE TABLE emails_generic_files (
    generic_file_id bigint,
    email_id bigint
);

CREATE TABLE emails_intellectual_objects (
    intellectual_object_id bigint,
    email_id bigint
);

CREATE TABLE emails_premis_events (
    premis_event_id bigint,
    email_id bigint
);

CREATE TABLE emails_work_items (
    work_item_id bigint,
    email_id bigint
);

CREATE TABLE generic_files (
    id integer NOT NULL DEFAULT nextval('generic_files_id_seq'::regclass),
    file_format character varying,
    size bigint,
    identifier character varying,
    intellectual_object_id integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    state character varying,
    last_fixity_check timestamp without time zone NOT NULL DEFAULT '2000-01-01 00:00:00'::timestamp without time zone,
    institution_id integer NOT NULL,
    storage_option character varying NOT NULL DEFAULT 'Standard'::character varying,
    uuid character varying NOT NULL,
    mod_time timestamp without time zone
);

CREATE TABLE historical_deposit_stats (
    institution_id bigint,
    institution_name character varying(80),
    storage_option character varying(40),
    object_count bigint,
    file_count bigint,
    total_bytes bigint,
    total_gb double precision,
    total_tb double precision,
    cost_gb_per_month double precision,
    monthly_cost double precision,
    end_date date,
    member_institution_id integer,
    primary_sort character varying,
    secondary_sort character varying
);

CREATE TABLE institution_audit_events (
    id bigint NOT NULL DEFAULT nextval('institution_audit_events_id_seq'::regclass),
    institution_id integer NOT NULL,
    actor_id integer,
    action character varying(64) NOT NULL,
    field character varying(64),
    old_value text,
    new_value text,
    ip character varying(64),
    created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text)
);

CREATE TABLE institutions (
    id integer NOT NULL DEFAULT nextval('institutions_id_seq'::regclass),
    name character varying,
    identifier character varying,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    state character varying,
    type character varying,
    member_institution_id integer,
    deactivated_at timestamp without time zone,
    otp_enabled boolean,
    receiving_bucket character varying NOT NULL,
    restore_bucket character varying NOT NULL,
    spot_restore_frequency integer NOT NULL DEFAULT 0,
    last_spot_restore_work_item_id bigint,
    otp_required_since timestamp without time zone
);

CREATE TABLE intellectual_objects (
    id integer NOT NULL DEFAULT nextval('intellectual_objects_id_seq'::regclass),
    title character varying,
    description text,
    identifier character varying,
    alt_identifier character varying,
    access character varying,
    bag_name character varying,
    institution_id integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    state character varying,
    etag character varying,
    bag_group_identifier character varying,
    storage_option character varying NOT NULL DEFAULT 'Standard'::character varying,
    bagit_profile_identifier character varying,
    source_organization character varying,
    internal_sender_identifier character varying,
    internal_sender_description text,
    file_count bigint NOT NULL DEFAULT 0,
    size numeric NOT NULL DEFAULT 0,
    payload_file_count bigint NOT NULL DEFAULT 0,
    payload_size numeric NOT NULL DEFAULT 0
);

CREATE TABLE mail_outbox (
    id bigint NOT NULL DEFAULT nextval('mail_outbox_id_seq'::regclass),
    kind character varying(64) NOT NULL,
    subject character varying(998) NOT NULL,
    body_text text NOT NULL,
    body_html text,
    user_id integer,
    created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    alert_id bigint
);

CREATE TABLE mail_outbox_recipients (
    id bigint NOT NULL DEFAULT nextval('mail_outbox_recipients_id_seq'::regclass),
    message_id bigint NOT NULL,
    address character varying(320) NOT NULL,
    state character varying(16) NOT NULL DEFAULT 'pending'::character varying,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    last_attempt_at timestamp without time zone,
    last_error text,
    sent_at timestamp without time zone,
    user_id integer
);

CREATE TABLE old_passwords (
    id bigint NOT NULL DEFAULT nextval('old_passwords_id_seq'::regclass),
    encrypted_password character varying NOT NULL,
    password_salt character varying,
    password_archivable_type character varying NOT NULL,
    password_archivable_id integer NOT NULL,
    created_at timestamp without time zone
);

CREATE TABLE premis_events (
    id integer NOT NULL DEFAULT nextval('premis_events_id_seq'::regclass),
    identifier character varying,
    event_type character varying,
    date_time timestamp without time zone,
    outcome_detail character varying,
    detail character varying,
    outcome_information character varying,
    object character varying,
    agent character varying,
    intellectual_object_id integer,
    generic_file_id integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    outcome character varying,
    institution_id integer,
    old_uuid character varying
);

CREATE TABLE registry_maintenance (
    singleton boolean NOT NULL DEFAULT true,
    maintenance boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL DEFAULT now(),
    changed_by text NOT NULL
);

CREATE TABLE schema_backfills (
    name character varying NOT NULL,
    requested_by character varying NOT NULL,
    requested_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    done_through bigint,
    finished_at timestamp without time zone
);

CREATE TABLE schema_migrations (
    version character varying NOT NULL,
    started_at timestamp without time zone,
    finished_at timestamp without time zone,
    checksum character varying(64),
    execution_ms bigint,
    applied_by character varying,
    success boolean,
    error text
);

CREATE TABLE snapshots (
    id bigint NOT NULL DEFAULT nextval('snapshots_id_seq'::regclass),
    audit_date timestamp without time zone,
    institution_id integer,
    apt_bytes bigint,
    cost numeric,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    snapshot_type character varying,
    cs_bytes bigint,
    go_bytes bigint
);

CREATE TABLE stats_checksums_cells (
    institution_id integer,
    algorithm character varying,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_checksums_deltas (
    institution_id integer,
    algorithm character varying,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_count_dimensions (
    source character varying(40) NOT NULL,
    "position" integer NOT NULL,
    cell_column character varying(63) NOT NULL,
    cell_type character varying(40) NOT NULL,
    row_expr text NOT NULL
);

CREATE TABLE stats_count_filters (
    source character varying(40) NOT NULL,
    list_column character varying(63) NOT NULL,
    kind character varying(10) NOT NULL,
    cell_expr text NOT NULL
);

CREATE TABLE stats_count_sources (
    source character varying(40) NOT NULL,
    base_table character varying(63) NOT NULL,
    relations text[] NOT NULL,
    sum_columns text[] NOT NULL DEFAULT '{}'::text[],
    sum_exprs text[] NOT NULL DEFAULT '{}'::text[],
    cell_joins text NOT NULL DEFAULT ''::text
);

CREATE TABLE stats_deposit_object_cells (
    institution_id integer,
    storage_option character varying,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_deposit_objects (
    intellectual_object_id integer NOT NULL,
    institution_id integer,
    storage_option character varying,
    first_created_at timestamp without time zone NOT NULL
);

CREATE TABLE stats_deposit_queue (
    intellectual_object_id integer NOT NULL,
    institution_id integer,
    storage_option character varying,
    n bigint NOT NULL,
    first_created_at timestamp without time zone NOT NULL
);

CREATE TABLE stats_events_cells (
    institution_id integer,
    event_type character varying,
    outcome character varying,
    object_level boolean,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_events_deltas (
    institution_id integer,
    event_type character varying,
    outcome character varying,
    object_level boolean,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_files_cells (
    institution_id integer,
    state character varying,
    storage_option character varying,
    month date,
    n bigint NOT NULL DEFAULT 0,
    bytes numeric NOT NULL DEFAULT 0
);

CREATE TABLE stats_files_deltas (
    institution_id integer,
    state character varying,
    storage_option character varying,
    month date,
    n bigint NOT NULL DEFAULT 0,
    bytes numeric NOT NULL DEFAULT 0
);

CREATE TABLE stats_job_runs (
    job character varying(40) NOT NULL,
    last_started_at timestamp without time zone,
    last_finished_at timestamp without time zone,
    last_outcome character varying(10),
    last_detail text,
    last_error text,
    last_duration_ms bigint,
    last_instance character varying(200),
    last_success_at timestamp without time zone,
    last_ran_at timestamp without time zone,
    runs bigint NOT NULL DEFAULT 0,
    failures bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_objects_cells (
    institution_id integer,
    state character varying,
    storage_option character varying,
    access character varying,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_objects_deltas (
    institution_id integer,
    state character varying,
    storage_option character varying,
    access character varying,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_refresh_state (
    name character varying(40) NOT NULL,
    refreshed_at timestamp without time zone,
    changed_at timestamp without time zone
);

CREATE TABLE stats_storage_records_cells (
    cell boolean NOT NULL DEFAULT true,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_storage_records_deltas (
    n bigint NOT NULL
);

CREATE TABLE stats_work_items_cells (
    institution_id integer,
    action character varying,
    stage character varying,
    status character varying,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_work_items_deltas (
    institution_id integer,
    action character varying,
    stage character varying,
    status character varying,
    month date,
    n bigint NOT NULL DEFAULT 0
);

CREATE TABLE storage_options (
    id bigint NOT NULL DEFAULT nextval('storage_options_id_seq'::regclass),
    provider character varying NOT NULL,
    service character varying NOT NULL,
    region character varying NOT NULL,
    name character varying NOT NULL,
    cost_gb_per_month numeric(12,8) NOT NULL,
    comment character varying NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE storage_records (
    id bigint NOT NULL DEFAULT nextval('storage_records_id_seq'::regclass),
    generic_file_id integer,
    url character varying
);

CREATE TABLE usage_samples (
    id integer NOT NULL DEFAULT nextval('usage_samples_id_seq'::regclass),
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    institution_id character varying,
    data text
);

CREATE TABLE user_audit_events (
    id bigint NOT NULL DEFAULT nextval('user_audit_events_id_seq'::regclass),
    user_id integer NOT NULL,
    actor_id integer,
    action character varying(64) NOT NULL,
    detail text,
    ip character varying(64),
    created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text)
);

CREATE TABLE user_backup_codes (
    id bigint NOT NULL DEFAULT nextval('user_backup_codes_id_seq'::regclass),
    user_id integer NOT NULL,
    code_hash bytea NOT NULL,
    created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    used_at timestamp without time zone
);

CREATE TABLE users (
    id integer NOT NULL DEFAULT nextval('users_id_seq'::regclass),
    name character varying,
    email character varying,
    phone_number character varying,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    encrypted_password character varying NOT NULL DEFAULT ''::character varying,
    reset_password_token character varying,
    reset_password_sent_at timestamp without time zone,
    remember_created_at timestamp without time zone,
    sign_in_count integer NOT NULL DEFAULT 0,
    current_sign_in_at timestamp without time zone,
    last_sign_in_at timestamp without time zone,
    current_sign_in_ip character varying,
    last_sign_in_ip character varying,
    institution_id integer,
    encrypted_api_secret_key text,
    password_changed_at timestamp without time zone,
    encrypted_otp_secret character varying,
    encrypted_otp_secret_iv character varying,
    encrypted_otp_secret_salt character varying,
    encrypted_otp_sent_at timestamp without time zone,
    consumed_timestep integer,
    otp_required_for_login boolean,
    deactivated_at timestamp without time zone,
    enabled_two_factor boolean DEFAULT false,
    confirmed_two_factor boolean DEFAULT false,
    otp_backup_codes character varying[],
    authy_id character varying,
    last_sign_in_with_authy timestamp without time zone,
    authy_status character varying,
    email_verified boolean DEFAULT false,
    initial_password_updated boolean DEFAULT false,
    force_password_update boolean DEFAULT false,
    account_confirmed boolean DEFAULT true,
    grace_period timestamp without time zone,
    awaiting_second_factor boolean NOT NULL DEFAULT false,
    role character varying(50) NOT NULL DEFAULT 'none'::character varying,
    reset_password_expires_at timestamp without time zone
);

CREATE TABLE web_sessions (
    id bigint NOT NULL DEFAULT nextval('web_sessions_id_seq'::regclass),
    token_hash bytea NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    last_seen_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'::text),
    ip character varying(64),
    user_agent character varying(512),
    revoked_at timestamp without time zone,
    revoked_reason character varying(64),
    awaiting_second_factor boolean NOT NULL DEFAULT false,
    sms_code_hash character varying(100),
    sms_code_expires_at timestamp without time zone,
    pending_otp_secret text,
    pending_phone_number character varying(20)
);

CREATE TABLE work_items (
    id integer NOT NULL DEFAULT nextval('work_items_id_seq'::regclass),
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    intellectual_object_id integer,
    generic_file_id integer,
    name character varying,
    etag character varying,
    bucket character varying,
    "user" character varying,
    note text,
    action character varying,
    stage character varying,
    status character varying,
    outcome text,
    bag_date timestamp without time zone,
    date_processed timestamp without time zone,
    retry boolean NOT NULL DEFAULT false,
    node character varying(255),
    pid integer DEFAULT 0,
    needs_admin_review boolean NOT NULL DEFAULT false,
    institution_id integer,
    queued_at timestamp without time zone,
    size bigint,
    stage_started_at timestamp without time zone,
    aptrust_approver character varying,
    inst_approver character varying,
    deletion_request_id bigint
);

-- ----------------------------------------------------------------------------------------------------
-- Constraints
-- ----------------------------------------------------------------------------------------------------

ALTER TABLE alerts ADD CONSTRAINT alerts_deletion_request_id_fkey FOREIGN KEY (deletion_request_id) REFERENCES deletion_requests(id);
ALTER TABLE alerts ADD CONSTRAINT alerts_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES institutions(id);
ALTER TABLE alerts ADD CONSTRAINT alerts_pkey PRIMARY KEY (id);
ALTER TABLE alerts_premis_events ADD CONSTRAINT alerts_premis_events_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alerts(id);
ALTER TABLE alerts_premis_events ADD CONSTRAINT alerts_premis_events_premis_event_id_fkey FOREIGN KEY (premis_event_id) REFERENCES premis_events(id);
ALTER TABLE alerts_users ADD CONSTRAINT alerts_users_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alerts(id);
ALTER TABLE alerts_users ADD CONSTRAINT alerts_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE alerts_work_items ADD CONSTRAINT alerts_work_items_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alerts(id);
ALTER TABLE alerts_work_items ADD CONSTRAINT alerts_work_items_work_item_id_fkey FOREIGN KEY (work_item_id) REFERENCES work_items(id);
ALTER TABLE ar_internal_metadata ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (id);
ALTER TABLE auth_failures ADD CONSTRAINT auth_failures_failures_check CHECK ((failures > 0));
ALTER TABLE auth_failures ADD CONSTRAINT auth_failures_pkey PRIMARY KEY (key);
ALTER TABLE bulk_delete_jobs ADD CONSTRAINT bulk_delete_jobs_pkey PRIMARY KEY (id);
ALTER TABLE checksums ADD CONSTRAINT checksums_pkey PRIMARY KEY (id);
ALTER TABLE checksums ADD CONSTRAINT fk_rails_89bb0866e7 FOREIGN KEY (generic_file_id) REFERENCES generic_files(id);
ALTER TABLE confirmation_tokens ADD CONSTRAINT confirmation_tokens_pkey PRIMARY KEY (id);
ALTER TABLE deletion_requests ADD CONSTRAINT deletion_requests_cancelled_by_id_fkey FOREIGN KEY (cancelled_by_id) REFERENCES users(id);
ALTER TABLE deletion_requests ADD CONSTRAINT deletion_requests_confirmed_by_id_fkey FOREIGN KEY (confirmed_by_id) REFERENCES users(id);
ALTER TABLE deletion_requests ADD CONSTRAINT deletion_requests_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES institutions(id);
ALTER TABLE deletion_requests ADD CONSTRAINT deletion_requests_pkey PRIMARY KEY (id);
ALTER TABLE deletion_requests ADD CONSTRAINT deletion_requests_requested_by_id_fkey FOREIGN KEY (requested_by_id) REFERENCES users(id);
ALTER TABLE deletion_requests_generic_files ADD CONSTRAINT deletion_requests_generic_files_deletion_request_id_fkey FOREIGN KEY (deletion_request_id) REFERENCES deletion_requests(id);
ALTER TABLE deletion_requests_generic_files ADD CONSTRAINT deletion_requests_generic_files_generic_file_id_fkey FOREIGN KEY (generic_file_id) REFERENCES generic_files(id);
ALTER TABLE deletion_requests_intellectual_objects ADD CONSTRAINT deletion_requests_intellectual_obje_intellectual_object_id_fkey FOREIGN KEY (intellectual_object_id) REFERENCES intellectual_objects(id);
ALTER TABLE deletion_requests_intellectual_objects ADD CONSTRAINT deletion_requests_intellectual_objects_deletion_request_id_fkey FOREIGN KEY (deletion_request_id) REFERENCES deletion_requests(id);
ALTER TABLE emails ADD CONSTRAINT emails_pkey PRIMARY KEY (id);
ALTER TABLE generic_files ADD CONSTRAINT generic_files_pkey PRIMARY KEY (id);
ALTER TABLE institution_audit_events ADD CONSTRAINT institution_audit_events_pkey PRIMARY KEY (id);
ALTER TABLE institutions ADD CONSTRAINT fk_institutions_last_spot_restore FOREIGN KEY (last_spot_restore_work_item_id) REFERENCES work_items(id);
ALTER TABLE institutions ADD CONSTRAINT institutions_pkey PRIMARY KEY (id);
ALTER TABLE intellectual_objects ADD CONSTRAINT intellectual_objects_pkey PRIMARY KEY (id);
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_pkey PRIMARY KEY (id);
ALTER TABLE mail_outbox_recipients ADD CONSTRAINT mail_outbox_recipients_message_id_fkey FOREIGN KEY (message_id) REFERENCES mail_outbox(id) ON DELETE CASCADE;
ALTER TABLE mail_outbox_recipients ADD CONSTRAINT mail_outbox_recipients_pkey PRIMARY KEY (id);
ALTER TABLE mail_outbox_recipients ADD CONSTRAINT mail_outbox_recipients_state_check CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'sent'::character varying, 'failed'::character varying])::text[])));
ALTER TABLE old_passwords ADD CONSTRAINT old_passwords_pkey PRIMARY KEY (id);
ALTER TABLE premis_events ADD CONSTRAINT premis_events_pkey PRIMARY KEY (id);
ALTER TABLE registry_maintenance ADD CONSTRAINT registry_maintenance_pkey PRIMARY KEY (singleton);
ALTER TABLE registry_maintenance ADD CONSTRAINT registry_maintenance_singleton_check CHECK (singleton);
ALTER TABLE schema_backfills ADD CONSTRAINT schema_backfills_pkey PRIMARY KEY (name);
ALTER TABLE schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
ALTER TABLE snapshots ADD CONSTRAINT snapshots_pkey PRIMARY KEY (id);
ALTER TABLE stats_count_dimensions ADD CONSTRAINT stats_count_dimensions_pkey PRIMARY KEY (source, "position");
ALTER TABLE stats_count_dimensions ADD CONSTRAINT stats_count_dimensions_source_fkey FOREIGN KEY (source) REFERENCES stats_count_sources(source) ON DELETE CASCADE;
ALTER TABLE stats_count_filters ADD CONSTRAINT stats_count_filters_kind_check CHECK (((kind)::text = ANY ((ARRAY['value'::character varying, 'is_null'::character varying, 'month'::character varying])::text[])));
ALTER TABLE stats_count_filters ADD CONSTRAINT stats_count_filters_pkey PRIMARY KEY (source, list_column);
ALTER TABLE stats_count_filters ADD CONSTRAINT stats_count_filters_source_fkey FOREIGN KEY (source) REFERENCES stats_count_sources(source) ON DELETE CASCADE;
ALTER TABLE stats_count_sources ADD CONSTRAINT stats_count_sources_pkey PRIMARY KEY (source);
ALTER TABLE stats_job_runs ADD CONSTRAINT stats_job_runs_last_outcome_check CHECK (((last_outcome)::text = ANY ((ARRAY['ran'::character varying, 'skipped'::character varying, 'failed'::character varying])::text[])));
ALTER TABLE stats_job_runs ADD CONSTRAINT stats_job_runs_pkey PRIMARY KEY (job);
ALTER TABLE stats_refresh_state ADD CONSTRAINT stats_refresh_state_pkey PRIMARY KEY (name);
ALTER TABLE stats_storage_records_cells ADD CONSTRAINT stats_storage_records_cells_cell_check CHECK (cell);
ALTER TABLE stats_storage_records_cells ADD CONSTRAINT stats_storage_records_cells_pkey PRIMARY KEY (cell);
ALTER TABLE storage_options ADD CONSTRAINT storage_options_pkey PRIMARY KEY (id);
ALTER TABLE storage_records ADD CONSTRAINT fk_rails_a126ea6adc FOREIGN KEY (generic_file_id) REFERENCES generic_files(id);
ALTER TABLE storage_records ADD CONSTRAINT storage_records_pkey PRIMARY KEY (id);
ALTER TABLE usage_samples ADD CONSTRAINT usage_samples_pkey PRIMARY KEY (id);
ALTER TABLE user_audit_events ADD CONSTRAINT user_audit_events_pkey PRIMARY KEY (id);
ALTER TABLE user_backup_codes ADD CONSTRAINT user_backup_codes_pkey PRIMARY KEY (id);
ALTER TABLE user_backup_codes ADD CONSTRAINT user_backup_codes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE users ADD CONSTRAINT fk_rails_7fcf39ca13 FOREIGN KEY (institution_id) REFERENCES institutions(id);
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_pkey PRIMARY KEY (id);
ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_token_hash_key UNIQUE (token_hash);
ALTER TABLE web_sessions ADD CONSTRAINT web_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE work_items ADD CONSTRAINT fk_work_items_deletion_request_id FOREIGN KEY (deletion_request_id) REFERENCES deletion_requests(id);
ALTER TABLE work_items ADD CONSTRAINT work_items_pkey PRIMARY KEY (id);

-- ----------------------------------------------------------------------------------------------------
-- Indexes (the constraints' own indexes are left out)
-- ----------------------------------------------------------------------------------------------------

CREATE INDEX index_alerts_institution_id ON public.alerts USING btree (institution_id);
CREATE INDEX index_alerts_type ON public.alerts USING btree (type);
CREATE INDEX index_alerts_premis_events_alert_id ON public.alerts_premis_events USING btree (alert_id);
CREATE UNIQUE INDEX index_alerts_premis_events_unique ON public.alerts_premis_events USING btree (alert_id, premis_event_id);
CREATE INDEX index_alerts_users_alert_id ON public.alerts_users USING btree (alert_id);
CREATE UNIQUE INDEX index_alerts_users_unique ON public.alerts_users USING btree (alert_id, user_id);
CREATE INDEX index_alerts_users_user_id ON public.alerts_users USING btree (user_id);
CREATE INDEX index_alerts_work_items_alert_id ON public.alerts_work_items USING btree (alert_id);
CREATE UNIQUE INDEX index_alerts_work_items_unique ON public.alerts_work_items USING btree (alert_id, work_item_id);
CREATE UNIQUE INDEX ix_ar_internal_metadata_uniq_key ON public.ar_internal_metadata USING btree (key);
CREATE INDEX index_auth_failures_on_last_failure_at ON public.auth_failures USING btree (last_failure_at);
CREATE INDEX index_bulk_delete_jobs_emails_on_bulk_delete_job_id ON public.bulk_delete_jobs_emails USING btree (bulk_delete_job_id);
CREATE INDEX index_bulk_delete_jobs_emails_on_email_id ON public.bulk_delete_jobs_emails USING btree (email_id);
CREATE INDEX index_bulk_delete_jobs_generic_files_on_bulk_delete_job_id ON public.bulk_delete_jobs_generic_files USING btree (bulk_delete_job_id);
CREATE INDEX index_bulk_delete_jobs_generic_files_on_generic_file_id ON public.bulk_delete_jobs_generic_files USING btree (generic_file_id);
CREATE INDEX index_bulk_delete_jobs_institutions_on_bulk_delete_job_id ON public.bulk_delete_jobs_institutions USING btree (bulk_delete_job_id);
CREATE INDEX index_bulk_delete_jobs_institutions_on_institution_id ON public.bulk_delete_jobs_institutions USING btree (institution_id);
CREATE INDEX index_bulk_delete_jobs_intellectual_objects_on_bulk_job_id ON public.bulk_delete_jobs_intellectual_objects USING btree (bulk_delete_job_id);
CREATE INDEX index_bulk_delete_jobs_intellectual_objects_on_object_id ON public.bulk_delete_jobs_intellectual_objects USING btree (intellectual_object_id);
CREATE INDEX index_checksums_on_algorithm_id ON public.checksums USING btree (algorithm, id);
CREATE INDEX index_checksums_on_created_at_id ON public.checksums USING btree (created_at, id);
CREATE INDEX index_checksums_on_datetime_id ON public.checksums USING btree (datetime, id);
CREATE INDEX index_checksums_on_generic_file_id ON public.checksums USING btree (generic_file_id);
CREATE INDEX index_checksums_on_institution_algorithm_id ON public.checksums USING btree (institution_id, algorithm, id);
CREATE INDEX index_checksums_on_institution_created_at_id ON public.checksums USING btree (institution_id, created_at, id);
CREATE INDEX index_checksums_on_institution_datetime_id ON public.checksums USING btree (institution_id, datetime, id);
CREATE INDEX index_checksums_on_institution_id_id ON public.checksums USING btree (institution_id, id);
CREATE UNIQUE INDEX ix_current_deposits_inst_id_storage_option ON public.current_deposit_stats USING btree (institution_id, storage_option);
CREATE INDEX index_deletion_requests_institution_id ON public.deletion_requests USING btree (institution_id);
CREATE INDEX index_deletion_requests_generic_files_on_generic_file_id ON public.deletion_requests_generic_files USING btree (generic_file_id);
CREATE UNIQUE INDEX index_drgf_unique ON public.deletion_requests_generic_files USING btree (deletion_request_id, generic_file_id);
CREATE INDEX index_deletion_requests_intellectual_objects_on_intellectual_ob ON public.deletion_requests_intellectual_objects USING btree (intellectual_object_id);
CREATE UNIQUE INDEX index_drio_unique ON public.deletion_requests_intellectual_objects USING btree (deletion_request_id, intellectual_object_id);
CREATE INDEX index_emails_generic_files_on_email_id ON public.emails_generic_files USING btree (email_id);
CREATE INDEX index_emails_generic_files_on_generic_file_id ON public.emails_generic_files USING btree (generic_file_id);
CREATE INDEX index_emails_intellectual_objects_on_email_id ON public.emails_intellectual_objects USING btree (email_id);
CREATE INDEX index_emails_intellectual_objects_on_intellectual_object_id ON public.emails_intellectual_objects USING btree (intellectual_object_id);
CREATE INDEX index_emails_premis_events_on_email_id ON public.emails_premis_events USING btree (email_id);
CREATE INDEX index_emails_premis_events_on_premis_event_id ON public.emails_premis_events USING btree (premis_event_id);
CREATE INDEX index_emails_work_items_on_email_id ON public.emails_work_items USING btree (email_id);
CREATE INDEX index_emails_work_items_on_work_item_id ON public.emails_work_items USING btree (work_item_id);
CREATE UNIQUE INDEX ix_generic_file_counts ON public.generic_file_counts USING btree (institution_id, state);
CREATE INDEX index_generic_files_on_created_at ON public.generic_files USING btree (created_at);
CREATE UNIQUE INDEX index_generic_files_on_identifier ON public.generic_files USING btree (identifier);
CREATE INDEX index_generic_files_on_institution_id ON public.generic_files USING btree (institution_id);
CREATE INDEX index_generic_files_on_institution_id_and_state ON public.generic_files USING btree (institution_id, state);
CREATE INDEX index_generic_files_on_institution_id_and_updated_at ON public.generic_files USING btree (institution_id, updated_at);
CREATE INDEX index_generic_files_on_institution_id_id ON public.generic_files USING btree (institution_id, id);
CREATE INDEX index_generic_files_on_institution_identifier_id ON public.generic_files USING btree (institution_id, identifier, id);
CREATE INDEX index_generic_files_on_institution_last_fixity_check_id ON public.generic_files USING btree (institution_id, last_fixity_check, id);
CREATE INDEX index_generic_files_on_institution_size_id ON public.generic_files USING btree (institution_id, size, id);
CREATE INDEX index_generic_files_on_institution_storage_option_id ON public.generic_files USING btree (institution_id, storage_option, id);
CREATE INDEX index_generic_files_on_institution_updated_at_id ON public.generic_files USING btree (institution_id, updated_at, id);
CREATE INDEX index_generic_files_on_intellectual_object_id ON public.generic_files USING btree (intellectual_object_id);
CREATE INDEX index_generic_files_on_object_identifier_id ON public.generic_files USING btree (intellectual_object_id, identifier, id);
CREATE INDEX index_generic_files_on_object_updated_at_id ON public.generic_files USING btree (intellectual_object_id, updated_at, id);
CREATE INDEX index_generic_files_on_size_id ON public.generic_files USING btree (size, id);
CREATE INDEX index_generic_files_on_storage_option_id ON public.generic_files USING btree (storage_option, id);
CREATE INDEX index_generic_files_on_updated_at ON public.generic_files USING btree (updated_at);
CREATE INDEX index_generic_files_on_updated_at_id ON public.generic_files USING btree (updated_at, id);
CREATE UNIQUE INDEX index_generic_files_on_uuid ON public.generic_files USING btree (uuid);
CREATE INDEX ix_generic_files_state_opt_fixity ON public.generic_files USING btree (state, storage_option, last_fixity_check);
CREATE INDEX ix_gf_last_fixity_check ON public.generic_files USING btree (last_fixity_check);
CREATE UNIQUE INDEX ix_historical_all_inst_opt_date ON public.historical_deposit_stats USING btree (storage_option, end_date) WHERE (institution_id IS NULL);
CREATE INDEX ix_historical_deposit_stats_end_date ON public.historical_deposit_stats USING btree (end_date);
CREATE INDEX ix_historical_deposit_stats_inst_id ON public.historical_deposit_stats USING btree (institution_id);
CREATE INDEX ix_historical_deposit_stats_storage_option ON public.historical_deposit_stats USING btree (storage_option);
CREATE UNIQUE INDEX ix_historical_inst_opt_date ON public.historical_deposit_stats USING btree (institution_id, storage_option, end_date);
CREATE INDEX institution_audit_events_institution ON public.institution_audit_events USING btree (institution_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX index_institutions_identifier ON public.institutions USING btree (identifier);
CREATE INDEX index_institutions_on_name ON public.institutions USING btree (name);
CREATE UNIQUE INDEX index_institutions_receiving_bucket ON public.institutions USING btree (receiving_bucket);
CREATE UNIQUE INDEX index_institutions_restore_bucket ON public.institutions USING btree (restore_bucket);
CREATE UNIQUE INDEX ix_intellectual_object_counts ON public.intellectual_object_counts USING btree (institution_id, state);
CREATE INDEX index_intellectual_objects_on_bag_name ON public.intellectual_objects USING btree (bag_name);
CREATE INDEX index_intellectual_objects_on_created_at ON public.intellectual_objects USING btree (created_at);
CREATE INDEX index_intellectual_objects_on_file_count_id ON public.intellectual_objects USING btree (file_count, id);
CREATE UNIQUE INDEX index_intellectual_objects_on_identifier ON public.intellectual_objects USING btree (identifier);
CREATE INDEX index_intellectual_objects_on_institution_file_count_id ON public.intellectual_objects USING btree (institution_id, file_count, id);
CREATE INDEX index_intellectual_objects_on_institution_id ON public.intellectual_objects USING btree (institution_id);
CREATE INDEX index_intellectual_objects_on_institution_id_id ON public.intellectual_objects USING btree (institution_id, id);
CREATE INDEX index_intellectual_objects_on_institution_identifier_id ON public.intellectual_objects USING btree (institution_id, identifier, id);
CREATE INDEX index_intellectual_objects_on_institution_size_id ON public.intellectual_objects USING btree (institution_id, size, id);
CREATE INDEX index_intellectual_objects_on_institution_storage_option_id ON public.intellectual_objects USING btree (institution_id, storage_option, id);
CREATE INDEX index_intellectual_objects_on_institution_updated_at_id ON public.intellectual_objects USING btree (institution_id, updated_at, id);
CREATE INDEX index_intellectual_objects_on_lower_identifier ON public.intellectual_objects USING btree (lower((identifier)::text) text_pattern_ops);
CREATE INDEX index_intellectual_objects_on_size_id ON public.intellectual_objects USING btree (size, id);
CREATE INDEX index_intellectual_objects_on_storage_option_id ON public.intellectual_objects USING btree (storage_option, id);
CREATE INDEX index_intellectual_objects_on_updated_at ON public.intellectual_objects USING btree (updated_at);
CREATE INDEX index_intellectual_objects_on_updated_at_id ON public.intellectual_objects USING btree (updated_at, id);
CREATE INDEX mail_outbox_alert ON public.mail_outbox USING btree (alert_id) WHERE (alert_id IS NOT NULL);
CREATE INDEX mail_outbox_created_at ON public.mail_outbox USING btree (created_at DESC, id DESC);
CREATE INDEX mail_outbox_recipients_due ON public.mail_outbox_recipients USING btree (next_attempt_at, id) WHERE ((state)::text = 'pending'::text);
CREATE INDEX mail_outbox_recipients_message ON public.mail_outbox_recipients USING btree (message_id);
CREATE INDEX index_password_archivable ON public.old_passwords USING btree (password_archivable_type, password_archivable_id);
CREATE UNIQUE INDEX ix_premis_event_counts ON public.premis_event_counts USING btree (institution_id, event_type, outcome);
CREATE INDEX index_premis_events_date_time_desc ON public.premis_events USING btree (date_time DESC);
CREATE INDEX index_premis_events_failed_by_institution_date_time_id ON public.premis_events USING btree (institution_id, date_time, id) WHERE ((outcome)::text = 'Failed'::text);
CREATE INDEX index_premis_events_of_objects_on_object_date_time_id ON public.premis_events USING btree (intellectual_object_id, date_time, id) WHERE (generic_file_id IS NULL);
CREATE INDEX index_premis_events_on_date_time_id ON public.premis_events USING btree (date_time, id);
CREATE INDEX index_premis_events_on_event_type ON public.premis_events USING btree (event_type);
CREATE INDEX index_premis_events_on_event_type_and_outcome ON public.premis_events USING btree (event_type, outcome);
CREATE INDEX index_premis_events_on_event_type_id ON public.premis_events USING btree (event_type, id);
CREATE INDEX index_premis_events_on_generic_file_id ON public.premis_events USING btree (generic_file_id);
CREATE UNIQUE INDEX index_premis_events_on_identifier ON public.premis_events USING btree (identifier);
CREATE INDEX index_premis_events_on_institution_date_time_id ON public.premis_events USING btree (institution_id, date_time, id);
CREATE INDEX index_premis_events_on_institution_event_type_id ON public.premis_events USING btree (institution_id, event_type, id);
CREATE INDEX index_premis_events_on_institution_id ON public.premis_events USING btree (institution_id);
CREATE INDEX index_premis_events_on_institution_id_id ON public.premis_events USING btree (institution_id, id);
CREATE INDEX index_premis_events_on_institution_outcome_id ON public.premis_events USING btree (institution_id, outcome, id);
CREATE INDEX index_premis_events_on_intellectual_object_id ON public.premis_events USING btree (intellectual_object_id);
CREATE INDEX index_premis_events_on_object_date_time_id ON public.premis_events USING btree (intellectual_object_id, date_time, id);
CREATE INDEX index_premis_events_on_outcome ON public.premis_events USING btree (outcome);
CREATE INDEX index_premis_events_on_outcome_id ON public.premis_events USING btree (outcome, id);
CREATE UNIQUE INDEX stats_checksums_cells_key ON public.stats_checksums_cells USING btree (institution_id, algorithm) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX stats_deposit_object_cells_key ON public.stats_deposit_object_cells USING btree (institution_id, storage_option, month) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX stats_deposit_objects_key ON public.stats_deposit_objects USING btree (intellectual_object_id, institution_id, storage_option) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX stats_events_cells_key ON public.stats_events_cells USING btree (institution_id, event_type, outcome, object_level, month) NULLS NOT DISTINCT;
CREATE INDEX stats_events_cells_month ON public.stats_events_cells USING btree (month);
CREATE UNIQUE INDEX stats_files_cells_key ON public.stats_files_cells USING btree (institution_id, state, storage_option, month) NULLS NOT DISTINCT;
CREATE INDEX stats_files_cells_month ON public.stats_files_cells USING btree (month);
CREATE UNIQUE INDEX stats_objects_cells_key ON public.stats_objects_cells USING btree (institution_id, state, storage_option, access, month) NULLS NOT DISTINCT;
CREATE INDEX stats_objects_cells_month ON public.stats_objects_cells USING btree (month);
CREATE UNIQUE INDEX stats_work_items_cells_key ON public.stats_work_items_cells USING btree (institution_id, action, stage, status, month) NULLS NOT DISTINCT;
CREATE INDEX stats_work_items_cells_month ON public.stats_work_items_cells USING btree (month);
CREATE UNIQUE INDEX index_storage_options_name ON public.storage_options USING btree (name);
CREATE INDEX index_storage_records_on_generic_file_id ON public.storage_records USING btree (generic_file_id);
CREATE INDEX user_audit_events_user ON public.user_audit_events USING btree (user_id, created_at DESC, id DESC);
CREATE INDEX user_backup_codes_user ON public.user_backup_codes USING btree (user_id) WHERE (used_at IS NULL);
CREATE INDEX index_users_on_authy_id ON public.users USING btree (authy_id);
CREATE UNIQUE INDEX index_users_on_email ON public.users USING btree (email);
CREATE INDEX index_users_on_institution_id ON public.users USING btree (institution_id);
CREATE INDEX index_users_on_password_changed_at ON public.users USING btree (password_changed_at);
CREATE UNIQUE INDEX index_users_on_reset_password_token ON public.users USING btree (reset_password_token);
CREATE INDEX web_sessions_user ON public.web_sessions USING btree (user_id, created_at DESC);
CREATE UNIQUE INDEX ix_work_item_counts ON public.work_item_counts USING btree (institution_id, action);
CREATE INDEX index_work_items_etag_instid_and_name ON public.work_items USING btree (etag, institution_id, name);
CREATE INDEX index_work_items_on_action ON public.work_items USING btree (action);
CREATE INDEX index_work_items_on_action_id ON public.work_items USING btree (action, id);
CREATE INDEX index_work_items_on_date_processed ON public.work_items USING btree (date_processed);
CREATE INDEX index_work_items_on_deletion_request_id ON public.work_items USING btree (deletion_request_id) WHERE (deletion_request_id IS NOT NULL);
CREATE INDEX index_work_items_on_etag_and_name ON public.work_items USING btree (etag, name);
CREATE INDEX index_work_items_on_generic_file_id ON public.work_items USING btree (generic_file_id);
CREATE INDEX index_work_items_on_inst_id_and_date_processed ON public.work_items USING btree (institution_id, date_processed);
CREATE INDEX index_work_items_on_institution_action_id ON public.work_items USING btree (institution_id, action, id);
CREATE INDEX index_work_items_on_institution_date_processed_id ON public.work_items USING btree (institution_id, date_processed, id);
CREATE INDEX index_work_items_on_institution_id ON public.work_items USING btree (institution_id);
CREATE INDEX index_work_items_on_institution_id_id ON public.work_items USING btree (institution_id, id);
CREATE INDEX index_work_items_on_institution_name_id ON public.work_items USING btree (institution_id, name, id);
CREATE INDEX index_work_items_on_institution_size_id ON public.work_items USING btree (institution_id, size, id);
CREATE INDEX index_work_items_on_institution_stage_id ON public.work_items USING btree (institution_id, stage, id);
CREATE INDEX index_work_items_on_institution_status_id ON public.work_items USING btree (institution_id, status, id);
CREATE INDEX index_work_items_on_institution_updated_at_id ON public.work_items USING btree (institution_id, updated_at, id);
CREATE INDEX index_work_items_on_intellectual_object_id ON public.work_items USING btree (intellectual_object_id);
CREATE INDEX index_work_items_on_name_id ON public.work_items USING btree (name, id);
CREATE INDEX index_work_items_on_size_id ON public.work_items USING btree (size, id);
CREATE INDEX index_work_items_on_stage ON public.work_items USING btree (stage);
CREATE INDEX index_work_items_on_stage_id ON public.work_items USING btree (stage, id);
CREATE INDEX index_work_items_on_status ON public.work_items USING btree (status);
CREATE INDEX index_work_items_on_status_date_processed ON public.work_items USING btree (status, date_processed);
CREATE INDEX index_work_items_on_status_id ON public.work_items USING btree (status, id);
CREATE INDEX index_work_items_on_status_updated_at_id ON public.work_items USING btree (status, updated_at, id);
CREATE INDEX index_work_items_on_updated_at_id ON public.work_items USING btree (updated_at, id);
CREATE INDEX index_work_items_open_by_institution_name ON public.work_items USING btree (institution_id, name) WHERE ((status)::text <> ALL ((ARRAY['Success'::character varying, 'Failed'::character varying, 'Cancelled'::character varying])::text[]));

-- ----------------------------------------------------------------------------------------------------
-- Views (columns in order: the original's first, ours after)
-- ----------------------------------------------------------------------------------------------------

CREATE VIEW alerts_view AS
 SELECT a.id,
    a.institution_id,
    i.name AS institution_name,
    i.identifier AS institution_identifier,
    a.type,
    a.subject,
    a.content,
    a.deletion_request_id,
    a.created_at,
    au.user_id,
    u.name AS user_name,
    u.email AS user_email,
    au.sent_at,
    au.read_at
   FROM alerts a
     LEFT JOIN alerts_users au ON au.alert_id = a.id
     LEFT JOIN users u ON u.id = au.user_id
     LEFT JOIN institutions i ON i.id = a.institution_id;

CREATE VIEW checksums_view AS
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
    ( SELECT count(*) AS count
           FROM deletion_requests_generic_files drgf
          WHERE drgf.deletion_request_id = dr.id) AS file_count,
    ( SELECT count(*) AS count
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
     LEFT JOIN LATERAL ( SELECT wi.stage,
            wi.status
           FROM work_items wi
          WHERE wi.deletion_request_id = dr.id
          ORDER BY wi.id DESC
         LIMIT 1) work ON true;

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
    ( SELECT c.digest
           FROM checksums c
          WHERE c.generic_file_id = gf.id AND c.algorithm::text = 'md5'::text
          ORDER BY c.created_at DESC
         LIMIT 1) AS md5,
    ( SELECT c.digest
           FROM checksums c
          WHERE c.generic_file_id = gf.id AND c.algorithm::text = 'sha1'::text
          ORDER BY c.created_at DESC
         LIMIT 1) AS sha1,
    ( SELECT c.digest
           FROM checksums c
          WHERE c.generic_file_id = gf.id AND c.algorithm::text = 'sha256'::text
          ORDER BY c.created_at DESC
         LIMIT 1) AS sha256,
    ( SELECT c.digest
           FROM checksums c
          WHERE c.generic_file_id = gf.id AND c.algorithm::text = 'sha512'::text
          ORDER BY c.created_at DESC
         LIMIT 1) AS sha512,
    gf.created_at,
    gf.updated_at
   FROM generic_files gf
     LEFT JOIN intellectual_objects io ON io.id = gf.intellectual_object_id
     LEFT JOIN institutions i ON i.id = gf.institution_id;

CREATE VIEW institutions_view AS
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
    io.file_count,
    io.size,
    io.payload_file_count,
    io.payload_size
   FROM intellectual_objects io
     LEFT JOIN institutions i ON i.id = io.institution_id;

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

CREATE VIEW stats_checksums_live AS
 SELECT stats_checksums_cells.institution_id,
    stats_checksums_cells.algorithm,
    stats_checksums_cells.n
   FROM stats_checksums_cells
UNION ALL
 SELECT stats_checksums_deltas.institution_id,
    stats_checksums_deltas.algorithm,
    stats_checksums_deltas.n
   FROM stats_checksums_deltas;

CREATE VIEW stats_events_live AS
 SELECT stats_events_cells.institution_id,
    stats_events_cells.event_type,
    stats_events_cells.outcome,
    stats_events_cells.object_level,
    stats_events_cells.month,
    stats_events_cells.n
   FROM stats_events_cells
UNION ALL
 SELECT stats_events_deltas.institution_id,
    stats_events_deltas.event_type,
    stats_events_deltas.outcome,
    stats_events_deltas.object_level,
    stats_events_deltas.month,
    stats_events_deltas.n
   FROM stats_events_deltas;

CREATE VIEW stats_files_live AS
 SELECT stats_files_cells.institution_id,
    stats_files_cells.state,
    stats_files_cells.storage_option,
    stats_files_cells.month,
    stats_files_cells.n,
    stats_files_cells.bytes
   FROM stats_files_cells
UNION ALL
 SELECT stats_files_deltas.institution_id,
    stats_files_deltas.state,
    stats_files_deltas.storage_option,
    stats_files_deltas.month,
    stats_files_deltas.n,
    stats_files_deltas.bytes
   FROM stats_files_deltas;

CREATE VIEW stats_objects_live AS
 SELECT stats_objects_cells.institution_id,
    stats_objects_cells.state,
    stats_objects_cells.storage_option,
    stats_objects_cells.access,
    stats_objects_cells.month,
    stats_objects_cells.n
   FROM stats_objects_cells
UNION ALL
 SELECT stats_objects_deltas.institution_id,
    stats_objects_deltas.state,
    stats_objects_deltas.storage_option,
    stats_objects_deltas.access,
    stats_objects_deltas.month,
    stats_objects_deltas.n
   FROM stats_objects_deltas;

CREATE VIEW stats_storage_records_live AS
 SELECT stats_storage_records_cells.n
   FROM stats_storage_records_cells
UNION ALL
 SELECT stats_storage_records_deltas.n
   FROM stats_storage_records_deltas;

CREATE VIEW stats_work_items_live AS
 SELECT stats_work_items_cells.institution_id,
    stats_work_items_cells.action,
    stats_work_items_cells.stage,
    stats_work_items_cells.status,
    stats_work_items_cells.month,
    stats_work_items_cells.n
   FROM stats_work_items_cells
UNION ALL
 SELECT stats_work_items_deltas.institution_id,
    stats_work_items_deltas.action,
    stats_work_items_deltas.stage,
    stats_work_items_deltas.status,
    stats_work_items_deltas.month,
    stats_work_items_deltas.n
   FROM stats_work_items_deltas;

CREATE VIEW storage_option_stats AS
 WITH totals AS (
         SELECT sum(gf.size) AS total_bytes,
            count(*) AS file_count,
            gf.institution_id,
            gf.storage_option
           FROM generic_files gf
          WHERE gf.state::text = 'A'::text
          GROUP BY ROLLUP(gf.institution_id, gf.storage_option)
        )
 SELECT t.total_bytes,
    t.file_count,
    t.institution_id,
    t.storage_option,
    i.name AS institution_name,
    i.identifier AS institution_identifier
   FROM totals t
     LEFT JOIN institutions i ON i.id = t.institution_id;

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
    i.restore_bucket,
    u.encrypted_otp_sent_at,
    u.awaiting_second_factor
   FROM users u
     LEFT JOIN institutions i ON i.id = u.institution_id
     LEFT JOIN institutions parent ON parent.id = i.member_institution_id;

CREATE VIEW work_items_view AS
 SELECT wi.id,
    wi.institution_id,
    i.name AS institution_name,
    i.identifier AS institution_identifier,
    wi.intellectual_object_id,
    io.identifier AS object_identifier,
    io.alt_identifier,
    io.bag_group_identifier,
    io.storage_option,
    io.bagit_profile_identifier,
    io.source_organization,
    io.internal_sender_identifier,
    wi.generic_file_id,
    gf.identifier AS generic_file_identifier,
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
    wi.size,
    wi.queued_at,
    wi.stage_started_at,
    wi.aptrust_approver,
    wi.inst_approver,
    wi.deletion_request_id,
    wi.created_at,
    wi.updated_at
   FROM work_items wi
     LEFT JOIN institutions i ON i.id = wi.institution_id
     LEFT JOIN intellectual_objects io ON io.id = wi.intellectual_object_id
     LEFT JOIN generic_files gf ON gf.id = wi.generic_file_id;

CREATE MATERIALIZED VIEW current_deposit_stats AS
 SELECT institution_id::integer AS institution_id,
    member_institution_id,
    institution_name,
    storage_option,
    file_count,
    object_count,
    total_bytes::numeric AS total_bytes,
    total_gb::numeric AS total_gb,
    total_tb::numeric AS total_tb,
    cost_gb_per_month::numeric(12,8) AS cost_gb_per_month,
    monthly_cost::numeric AS monthly_cost,
    now() AS end_date,
    primary_sort,
    secondary_sort
   FROM stats_deposit_snapshot(ARRAY['infinity'::timestamp without time zone]) s(institution_id, institution_name, storage_option, object_count, file_count, total_bytes, total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date, member_institution_id, primary_sort, secondary_sort);

CREATE MATERIALIZED VIEW generic_file_counts AS
 SELECT institution_id,
    COALESCE(sum(n), 0::numeric)::bigint AS row_count,
    state,
    CURRENT_TIMESTAMP AS updated_at
   FROM stats_files_live
  GROUP BY CUBE(institution_id, state)
 HAVING COALESCE(sum(n), 0::numeric) > 0::numeric OR GROUPING(institution_id, state) = 3;

CREATE MATERIALIZED VIEW intellectual_object_counts AS
 SELECT institution_id,
    COALESCE(sum(n), 0::numeric)::bigint AS row_count,
    state,
    CURRENT_TIMESTAMP AS updated_at
   FROM stats_objects_live
  GROUP BY CUBE(institution_id, state)
 HAVING COALESCE(sum(n), 0::numeric) > 0::numeric OR GROUPING(institution_id, state) = 3;

CREATE MATERIALIZED VIEW premis_event_counts AS
 SELECT institution_id,
    COALESCE(sum(n), 0::numeric)::bigint AS row_count,
    event_type,
    outcome,
    CURRENT_TIMESTAMP AS updated_at
   FROM stats_events_live
  GROUP BY CUBE(institution_id, event_type, outcome)
 HAVING COALESCE(sum(n), 0::numeric) > 0::numeric OR GROUPING(institution_id, event_type, outcome) = 7;

CREATE MATERIALIZED VIEW work_item_counts AS
 SELECT institution_id,
    COALESCE(sum(n), 0::numeric)::bigint AS row_count,
    action,
    CURRENT_TIMESTAMP AS updated_at
   FROM stats_work_items_live
  GROUP BY CUBE(institution_id, action)
 HAVING COALESCE(sum(n), 0::numeric) > 0::numeric OR GROUPING(institution_id, action) = 3;

-- ----------------------------------------------------------------------------------------------------
-- Functions and procedures
-- ----------------------------------------------------------------------------------------------------

CREATE OR REPLACE PROCEDURE public.backfill_checksum_institutions(IN batch_size integer DEFAULT 50000)
 LANGUAGE plpgsql
AS $procedure$
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
$procedure$;

CREATE OR REPLACE PROCEDURE public.backfill_object_summaries(IN batch_size integer DEFAULT 2000)
 LANGUAGE plpgsql
AS $procedure$
DECLARE
    lo bigint;
    last_id bigint;
    todo integer[];
    got integer[];
    pause double precision;
BEGIN
    SELECT coalesce(done_through, 0) INTO lo FROM schema_backfills
    WHERE name = 'object_summaries' AND finished_at IS NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(max(id), 0) INTO last_id FROM intellectual_objects;
    WHILE lo < last_id LOOP
        todo := ARRAY(SELECT id FROM intellectual_objects WHERE id > lo AND id <= lo + batch_size);
        pause := 0.01;
        LOOP
            -- Objects that a writer holds right now are skipped (never waited for) and tried again after a
            -- commit, so the migration waits for no writer and no writer waits for more than one batch.
            got := ARRAY(SELECT id FROM intellectual_objects WHERE id = ANY (todo)
                         ORDER BY id FOR UPDATE SKIP LOCKED);
            PERFORM recount_object_summaries(got);
            todo := ARRAY(SELECT id FROM intellectual_objects WHERE id = ANY (todo) AND id <> ALL (got));
            EXIT WHEN cardinality(todo) = 0;
            COMMIT;
            PERFORM pg_sleep(pause);
            pause := least(pause * 2, 1.0);
        END LOOP;
        lo := lo + batch_size;
        UPDATE schema_backfills SET done_through = lo WHERE name = 'object_summaries';
        COMMIT;
    END LOOP;
    UPDATE schema_backfills SET finished_at = now() AT TIME ZONE 'UTC' WHERE name = 'object_summaries';
    COMMIT;
END
$procedure$;

CREATE OR REPLACE FUNCTION public.checksums_take_file_institution()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.institution_id := (SELECT f.institution_id FROM generic_files f WHERE f.id = NEW.generic_file_id);
    RETURN NEW;
END
$function$;

CREATE OR REPLACE FUNCTION public.create_constraint_if_not_exists(t_name text, c_name text, constraint_sql text)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(t_name) AND conname = c_name) THEN
        RETURN;
    END IF;
    IF constraint_sql ~* '^\s*ALTER\s+TABLE\s' THEN
        EXECUTE constraint_sql;
    ELSE
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', to_regclass(t_name), c_name, constraint_sql);
    END IF;
END
$function$;

CREATE OR REPLACE PROCEDURE public.create_function_unless_newer(IN fn_signature text, IN migration text, IN create_sql text)
 LANGUAGE plpgsql
AS $procedure$
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
$procedure$;

CREATE OR REPLACE FUNCTION public.drop_invalid_indexes(names text[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
    idx text;
BEGIN
    FOR idx IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE NOT x.indisvalid AND c.relnamespace = current_schema()::regnamespace
                 AND c.relname = ANY (names) LOOP
        EXECUTE format('DROP INDEX %I', idx);
    END LOOP;
END
$function$;

CREATE OR REPLACE FUNCTION public.generic_file_ids_of_institution(inst_id integer)
 RETURNS integer[]
 LANGUAGE sql
 STABLE
AS $function$
    SELECT coalesce(array_agg(id), '{}') FROM generic_files WHERE institution_id = inst_id
$function$;

CREATE OR REPLACE FUNCTION public.generic_file_ids_of_object(object_id integer)
 RETURNS integer[]
 LANGUAGE sql
 STABLE
AS $function$
    SELECT coalesce(array_agg(id), '{}') FROM generic_files WHERE intellectual_object_id = object_id
$function$;

CREATE OR REPLACE FUNCTION public.generic_files_carry_institution_to_checksums()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE checksums SET institution_id = NEW.institution_id
    WHERE generic_file_id = NEW.id AND institution_id IS DISTINCT FROM NEW.institution_id;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.generic_files_update_object_summaries()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    changes text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE intellectual_objects
        SET file_count = 0, size = 0, payload_file_count = 0, payload_size = 0
        WHERE file_count <> 0 OR size <> 0 OR payload_file_count <> 0 OR payload_size <> 0;
        RETURN NULL;
    END IF;
    changes := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_files'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_files'
        ELSE 'SELECT -1 AS sign, * FROM old_files UNION ALL SELECT 1 AS sign, * FROM new_files'
    END;
    EXECUTE format($sql$
        UPDATE intellectual_objects io
        SET file_count = io.file_count + d.file_count,
            size = io.size + d.size,
            payload_file_count = io.payload_file_count + d.payload_file_count,
            payload_size = io.payload_size + d.payload_size
        FROM (SELECT o.id,
                     sum(c.sign) AS file_count,
                     sum(c.sign * coalesce(c.size, 0)) AS size,
                     coalesce(sum(c.sign) FILTER (WHERE starts_with(c.identifier, o.identifier || '/data/')), 0)
                         AS payload_file_count,
                     coalesce(sum(c.sign * coalesce(c.size, 0))
                              FILTER (WHERE starts_with(c.identifier, o.identifier || '/data/')), 0)
                         AS payload_size
              FROM (%s) c
              JOIN intellectual_objects o ON o.id = c.intellectual_object_id
              WHERE c.state = 'A'
              GROUP BY o.id) d
        WHERE io.id = d.id
          AND (d.file_count <> 0 OR d.size <> 0 OR d.payload_file_count <> 0 OR d.payload_size <> 0)
    $sql$, changes);
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.intellectual_objects_count_new()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM recount_object_summaries(ARRAY(SELECT id FROM new_objects));
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.intellectual_objects_recount_summary()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM recount_object_summaries(ARRAY[NEW.id]);
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.populate_all_historical_deposit_stats()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
    PERFORM stats_refresh_historical_deposits(false);
END
$function$;

CREATE OR REPLACE FUNCTION public.populate_empty_deposit_stats()
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF NOT stats_try_lock('empty') THEN
        RAISE NOTICE 'populate_empty_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;
    RETURN stats_fill_empty_deposits();
END
$function$;

CREATE OR REPLACE FUNCTION public.populate_historical_deposit_stats(stop_date date)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE
    result integer;
BEGIN
    result := populate_historical_deposit_stats(stop_date::timestamp);
    PERFORM populate_empty_deposit_stats();
    RETURN result;
END
$function$;

CREATE OR REPLACE FUNCTION public.populate_historical_deposit_stats(stop_date timestamp without time zone)
 RETURNS integer
 LANGUAGE plpgsql
 SET lock_timeout TO '30s'
AS $function$
BEGIN
    IF NOT stats_try_lock('historical') THEN
        RAISE NOTICE 'populate_historical_deposit_stats: another session is writing the history';
        RETURN 0;
    END IF;
    IF EXISTS (SELECT 1 FROM historical_deposit_stats WHERE end_date = stop_date::date) THEN
        RETURN 0;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    PERFORM stats_files_fold();
    PERFORM stats_deposit_fold();
    PERFORM stats_insert_deposit_months(ARRAY[stop_date]);
    RETURN 1;
END
$function$;

CREATE OR REPLACE FUNCTION public.recount_object_summaries(object_ids integer[])
 RETURNS void
 LANGUAGE sql
AS $function$
    UPDATE intellectual_objects io
    SET file_count = s.file_count,
        size = s.size,
        payload_file_count = s.payload_file_count,
        payload_size = s.payload_size
    FROM (SELECT o.id,
                 count(gf.id) AS file_count,
                 coalesce(sum(gf.size), 0) AS size,
                 count(gf.id) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/'))
                     AS payload_file_count,
                 coalesce(sum(gf.size) FILTER (WHERE starts_with(gf.identifier, o.identifier || '/data/')), 0)
                     AS payload_size
          FROM intellectual_objects o
          LEFT JOIN generic_files gf ON gf.intellectual_object_id = o.id AND gf.state = 'A'
          WHERE o.id = ANY (object_ids)
          GROUP BY o.id) s
    WHERE io.id = s.id
      AND (io.file_count, io.size, io.payload_file_count, io.payload_size)
          IS DISTINCT FROM (s.file_count, s.size, s.payload_file_count, s.payload_size)
$function$;

CREATE OR REPLACE FUNCTION public.relation_has_column(rel_name text, col_name text)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    SELECT EXISTS (
        SELECT 1
        FROM pg_attribute
        WHERE attrelid = to_regclass(rel_name)
          AND attname = col_name
          AND attnum > 0
          AND NOT attisdropped)
$function$;

CREATE OR REPLACE FUNCTION public.run_stats_backfill(backfill text)
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM schema_backfills WHERE name = backfill AND finished_at IS NULL) THEN
        RETURN NULL;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF backfill = 'deposit_objects' THEN
        moved := stats_deposit_rebuild();
    ELSIF backfill LIKE 'count\_cells:%' THEN
        EXECUTE format('SELECT stats_%s_rebuild()', substr(backfill, length('count_cells:') + 1)) INTO moved;
    ELSE
        RAISE EXCEPTION 'unknown backfill %', backfill;
    END IF;
    UPDATE schema_backfills SET finished_at = now() AT TIME ZONE 'UTC' WHERE name = backfill;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.spot_restore_candidate(p_institution_id integer, p_min_size numeric, p_days integer)
 RETURNS TABLE(id integer, identifier character varying, storage_option character varying, size numeric)
 LANGUAGE sql
 STABLE
AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION public.spot_restore_due_institutions()
 RETURNS TABLE(institution_id integer, spot_restore_frequency integer)
 LANGUAGE sql
 STABLE
AS $function$
    SELECT i.id, i.spot_restore_frequency
    FROM institutions i
    LEFT JOIN work_items w ON w.id = i.last_spot_restore_work_item_id
    WHERE i.spot_restore_frequency > 0
      AND i.deactivated_at IS NULL AND coalesce(i.state, 'A') = 'A'
      AND (i.last_spot_restore_work_item_id IS NULL
           OR coalesce(w.date_processed, w.created_at)
              < (now() AT TIME ZONE 'UTC') - make_interval(days => i.spot_restore_frequency))
    ORDER BY i.id
$function$;

CREATE OR REPLACE FUNCTION public.stats_changed_since(names text[], since timestamp without time zone)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
    SELECT since IS NULL OR EXISTS (SELECT 1 FROM stats_refresh_state
                                    WHERE name = ANY (names) AND changed_at > since)
$function$;

CREATE OR REPLACE FUNCTION public.stats_checksums_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, count(*) FROM new_rows GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, -count(*) FROM old_rows GROUP BY 1, 2;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
        SELECT institution_id, algorithm, sum(n)
        FROM (SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, 1 AS n FROM new_rows
              UNION ALL
              SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, -1 FROM old_rows) changed
        GROUP BY 1, 2
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_checksums_deltas;
        DELETE FROM stats_checksums_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_checksums_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_checksums_deltas RETURNING *),
         grouped AS (SELECT institution_id, algorithm, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2),
         upserted AS (
             INSERT INTO stats_checksums_cells AS c (institution_id, algorithm, n)
             SELECT institution_id, algorithm, n FROM grouped
             ON CONFLICT (institution_id, algorithm) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_checksums_cells WHERE n = 0;
        PERFORM stats_mark('checksums', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_checksums_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_checksums_deltas RETURNING 1)
    INSERT INTO stats_checksums_deltas (institution_id, algorithm, n)
    SELECT (SELECT gf.institution_id FROM generic_files gf WHERE gf.id = generic_file_id) AS institution_id, algorithm AS algorithm, count(*) FROM checksums GROUP BY 1, 2
    UNION ALL
    SELECT institution_id, algorithm, -n FROM stats_checksums_cells;
    RETURN stats_checksums_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_deposit_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_deposit_queue
        SELECT intellectual_object_id, institution_id, storage_option, count(*), min(created_at)
        FROM new_rows WHERE state = 'A' AND intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_deposit_queue
        SELECT intellectual_object_id, institution_id, storage_option, -count(*), min(created_at)
        FROM old_rows WHERE state = 'A' AND intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only changes that move an active file in or out of an object's figures.
        INSERT INTO stats_deposit_queue
        SELECT x.intellectual_object_id, x.institution_id, x.storage_option, sum(x.n), min(x.created_at)
        FROM old_rows o
        JOIN new_rows nw ON nw.id = o.id
        CROSS JOIN LATERAL (
            SELECT o.intellectual_object_id, o.institution_id, o.storage_option, -1 AS n, o.created_at
            WHERE o.state = 'A'
            UNION ALL
            SELECT nw.intellectual_object_id, nw.institution_id, nw.storage_option, 1, nw.created_at
            WHERE nw.state = 'A') x
        WHERE (o.state, o.created_at, o.storage_option, o.institution_id, o.intellectual_object_id)
              IS DISTINCT FROM (nw.state, nw.created_at, nw.storage_option, nw.institution_id, nw.intellectual_object_id)
          AND x.intellectual_object_id IS NOT NULL
        GROUP BY 1, 2, 3, x.n > 0;
    ELSE
        DELETE FROM stats_deposit_queue;
        DELETE FROM stats_deposit_objects;
        DELETE FROM stats_deposit_object_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_deposit_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    objects bigint;
BEGIN
    WITH taken AS (
        DELETE FROM stats_deposit_queue RETURNING *
    ), changes AS (
        SELECT intellectual_object_id, institution_id, storage_option,
               min(first_created_at) FILTER (WHERE n > 0) AS added_first,
               min(first_created_at) FILTER (WHERE n < 0) AS removed_first
        FROM taken GROUP BY 1, 2, 3
    ), decided AS (
        SELECT c.intellectual_object_id, c.institution_id, c.storage_option,
               d.first_created_at AS old_first,
               CASE WHEN c.removed_first IS NOT NULL
                         AND (d.first_created_at IS NULL OR c.removed_first <= d.first_created_at)
                    THEN (SELECT min(g.created_at) FROM generic_files g
                          WHERE g.intellectual_object_id = c.intellectual_object_id
                            AND g.institution_id IS NOT DISTINCT FROM c.institution_id
                            AND g.storage_option IS NOT DISTINCT FROM c.storage_option AND g.state = 'A')
                    ELSE least(d.first_created_at, c.added_first) END AS new_first
        FROM changes c
        LEFT JOIN stats_deposit_objects d
          ON d.intellectual_object_id = c.intellectual_object_id
         AND d.institution_id IS NOT DISTINCT FROM c.institution_id
         AND d.storage_option IS NOT DISTINCT FROM c.storage_option
    ), moved AS (
        SELECT * FROM decided WHERE new_first IS DISTINCT FROM old_first
    ), kept AS (
        INSERT INTO stats_deposit_objects AS d (intellectual_object_id, institution_id, storage_option,
                                                 first_created_at)
        SELECT intellectual_object_id, institution_id, storage_option, new_first
        FROM moved WHERE new_first IS NOT NULL
        ON CONFLICT (intellectual_object_id, institution_id, storage_option)
            DO UPDATE SET first_created_at = excluded.first_created_at
        RETURNING 1
    ), dropped AS (
        DELETE FROM stats_deposit_objects d USING moved x
        WHERE x.new_first IS NULL
          AND d.intellectual_object_id = x.intellectual_object_id
          AND d.institution_id IS NOT DISTINCT FROM x.institution_id
          AND d.storage_option IS NOT DISTINCT FROM x.storage_option
        RETURNING 1
    ), month_moves AS (
        SELECT institution_id, storage_option, date_trunc('month', old_first)::date AS month, -1 AS n
        FROM moved WHERE old_first IS NOT NULL
        UNION ALL
        SELECT institution_id, storage_option, date_trunc('month', new_first)::date, 1
        FROM moved WHERE new_first IS NOT NULL
    ), celled AS (
        INSERT INTO stats_deposit_object_cells AS c (institution_id, storage_option, month, n)
        SELECT institution_id, storage_option, month, sum(n) FROM month_moves GROUP BY 1, 2, 3
        HAVING sum(n) <> 0
        ON CONFLICT (institution_id, storage_option, month) DO UPDATE SET n = c.n + excluded.n
        RETURNING 1
    )
    SELECT count(*) INTO objects FROM moved;
    IF objects > 0 THEN
        DELETE FROM stats_deposit_object_cells WHERE n = 0;
        PERFORM stats_mark('deposit_objects', false);
    END IF;
    RETURN objects;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_deposit_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_queue AS (DELETE FROM stats_deposit_queue RETURNING 1),
         gone_objects AS (DELETE FROM stats_deposit_objects RETURNING 1)
    INSERT INTO stats_deposit_queue
    SELECT intellectual_object_id, institution_id, storage_option, count(*), min(created_at)
    FROM generic_files
    WHERE state = 'A' AND intellectual_object_id IS NOT NULL
    GROUP BY 1, 2, 3;
    DELETE FROM stats_deposit_object_cells;
    RETURN stats_deposit_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_deposit_snapshot(end_times timestamp without time zone[])
 RETURNS TABLE(institution_id bigint, institution_name character varying, storage_option character varying, object_count bigint, file_count bigint, total_bytes bigint, total_gb double precision, total_tb double precision, cost_gb_per_month double precision, monthly_cost double precision, end_date date, member_institution_id integer, primary_sort character varying, secondary_sort character varying)
 LANGUAGE sql
 STABLE
 SET search_path TO '$user', 'public'
 SET jit TO 'off'
AS $function$
    WITH times AS (
        SELECT DISTINCT t AS end_at, date_trunc('month', t) AS month_start FROM unnest(end_times) t
    ), monthly AS (
        SELECT c.institution_id, c.storage_option, c.month,
               sum(c.files) AS files, sum(c.bytes) AS bytes, sum(c.objects) AS objects
        FROM (SELECT f.institution_id, f.storage_option, f.month, f.n AS files, f.bytes, 0::bigint AS objects
                FROM stats_files_live f WHERE f.state = 'A'
              UNION ALL
              SELECT o.institution_id, o.storage_option, o.month, 0, 0, o.n
                FROM stats_deposit_object_cells o) c
        GROUP BY 1, 2, 3
    ), per_key AS (
        SELECT x.end_at, x.institution_id, x.storage_option,
               sum(x.files) AS files, sum(x.bytes) AS bytes, sum(x.objects) AS objects
        FROM (SELECT t.end_at, m.institution_id, m.storage_option, m.files, m.bytes, m.objects
                FROM times t JOIN monthly m ON m.month < t.month_start
              UNION ALL  -- the part of a month before a time that is not a first of the month (by index)
              SELECT t.end_at, gf.institution_id, gf.storage_option, 1, coalesce(gf.size, 0), 0
                FROM times t CROSS JOIN LATERAL (
                    SELECT * FROM generic_files g
                    WHERE t.end_at > t.month_start AND g.created_at >= t.month_start AND g.created_at < t.end_at
                      AND g.state = 'A') gf
              UNION ALL
              SELECT t.end_at, o.institution_id, o.storage_option, 0, 0, 1
                FROM times t CROSS JOIN LATERAL (
                    SELECT * FROM stats_deposit_objects d
                    WHERE t.end_at > t.month_start AND d.first_created_at >= t.month_start
                      AND d.first_created_at < t.end_at) o) x
        GROUP BY 1, 2, 3
        HAVING sum(x.files) > 0
    ), totals AS (
        SELECT p.end_at, p.institution_id, p.storage_option,
               GROUPING(p.institution_id) = 1 AS all_institutions,
               GROUPING(p.storage_option) = 1 AS all_options,
               sum(p.files)::bigint AS file_count,
               sum(p.objects)::bigint AS object_count,
               sum(p.bytes)::bigint AS total_bytes
        FROM per_key p
        GROUP BY p.end_at, CUBE (p.institution_id, p.storage_option)
        UNION ALL  -- a time before any deposit still has its zero grand total, as in the original
        SELECT t.end_at, NULL, NULL, true, true, 0, 0, 0
        FROM times t WHERE NOT EXISTS (SELECT 1 FROM per_key p WHERE p.end_at = t.end_at)
    ), priced AS (
        SELECT t.*,
               t.total_bytes / 1073741824.0::double precision AS gb,
               so.cost_gb_per_month::double precision AS price
        FROM totals t
        LEFT JOIN storage_options so ON so.name = t.storage_option
    )
    SELECT p.institution_id::bigint,
           (CASE WHEN p.all_institutions THEN 'All Institutions' ELSE i.name END)::varchar,
           (CASE WHEN p.all_options THEN 'Total' ELSE p.storage_option END)::varchar,
           p.object_count,
           p.file_count,
           p.total_bytes,
           p.gb,
           p.total_bytes / 1099511627776.0::double precision,
           coalesce(p.price, 0),
           coalesce(CASE WHEN p.all_options
                         THEN sum(p.gb * p.price) OVER (PARTITION BY p.end_at, p.institution_id)
                         ELSE p.gb * p.price END, 0),
           p.end_at::date,
           i.member_institution_id,
           (CASE WHEN p.all_institutions THEN 'zzz' ELSE i.name END)::varchar,
           (CASE WHEN p.all_options THEN 'zzz' ELSE p.storage_option END)::varchar
    FROM priced p
    LEFT JOIN institutions i ON i.id = p.institution_id
$function$;

CREATE OR REPLACE FUNCTION public.stats_events_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
        SELECT institution_id, event_type, outcome, object_level, month, sum(n)
        FROM (SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_events_deltas;
        DELETE FROM stats_events_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_events_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_events_deltas RETURNING *),
         grouped AS (SELECT institution_id, event_type, outcome, object_level, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_events_cells AS c (institution_id, event_type, outcome, object_level, month, n)
             SELECT institution_id, event_type, outcome, object_level, month, n FROM grouped
             ON CONFLICT (institution_id, event_type, outcome, object_level, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_events_cells WHERE n = 0;
        PERFORM stats_mark('events', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_events_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_events_deltas RETURNING 1)
    INSERT INTO stats_events_deltas (institution_id, event_type, outcome, object_level, month, n)
    SELECT institution_id AS institution_id, event_type AS event_type, outcome AS outcome, generic_file_id IS NULL AS object_level, date_trunc('month', date_time)::date AS month, count(*) FROM premis_events GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, event_type, outcome, object_level, month, -n FROM stats_events_cells;
    RETURN stats_events_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_files_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, count(*), sum(coalesce(size, 0)) FROM new_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, -count(*), -sum(coalesce(size, 0)) FROM old_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
        SELECT institution_id, state, storage_option, month, sum(n), sum(bytes) AS bytes
        FROM (SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, 1 AS n, coalesce(size, 0) AS bytes FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, -1, -(coalesce(size, 0)) FROM old_rows) changed
        GROUP BY 1, 2, 3, 4
        HAVING sum(n) <> 0 OR sum(bytes) <> 0;
    ELSE
        DELETE FROM stats_files_deltas;
        DELETE FROM stats_files_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_files_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_files_deltas RETURNING *),
         grouped AS (SELECT institution_id, state, storage_option, month, sum(n) AS n, sum(bytes) AS bytes, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4),
         upserted AS (
             INSERT INTO stats_files_cells AS c (institution_id, state, storage_option, month, n, bytes)
             SELECT institution_id, state, storage_option, month, n, bytes FROM grouped
             ON CONFLICT (institution_id, state, storage_option, month) DO UPDATE SET n = c.n + excluded.n, bytes = c.bytes + excluded.bytes
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_files_cells WHERE n = 0;
        PERFORM stats_mark('files', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_files_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_files_deltas RETURNING 1)
    INSERT INTO stats_files_deltas (institution_id, state, storage_option, month, n, bytes)
    SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, date_trunc('month', created_at)::date AS month, count(*), sum(coalesce(size, 0)) FROM generic_files GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT institution_id, state, storage_option, month, -n, -bytes FROM stats_files_cells;
    RETURN stats_files_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_fill_empty_deposits()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    added bigint;
BEGIN
    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    WITH inst AS (
        SELECT h.institution_id, max(h.institution_name) AS institution_name
        FROM historical_deposit_stats h GROUP BY h.institution_id
    ), wanted AS (
        SELECT inst.institution_id, inst.institution_name, opt.storage_option, snap.end_date
        FROM inst
        CROSS JOIN (SELECT DISTINCT end_date FROM historical_deposit_stats) snap
        CROSS JOIN (SELECT DISTINCT storage_option FROM historical_deposit_stats) opt
    ), missing AS (
        SELECT w.* FROM wanted w
        LEFT JOIN historical_deposit_stats h
          ON coalesce(h.institution_id, -1) = coalesce(w.institution_id, -1)
         AND h.storage_option = w.storage_option AND h.end_date = w.end_date
        WHERE h.end_date IS NULL
    )
    SELECT m.institution_id,
           CASE WHEN m.institution_id IS NULL THEN 'All Institutions' ELSE coalesce(i.name, m.institution_name) END,
           m.storage_option,
           0, 0, 0, 0, 0, 0, 0,
           m.end_date,
           CASE WHEN m.institution_id IS NULL THEN 0 ELSE i.member_institution_id END,
           CASE WHEN m.institution_id IS NULL THEN 'zzz' ELSE coalesce(i.name, m.institution_name) END,
           CASE WHEN m.storage_option = 'Total' THEN 'zzz' ELSE m.storage_option END
    FROM missing m
    LEFT JOIN institutions i ON i.id = m.institution_id;
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE historical_deposit_stats SET secondary_sort = 'zzz'
    WHERE storage_option = 'Total' AND secondary_sort IS DISTINCT FROM 'zzz';
    RETURN added;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_fold_counts()
 RETURNS bigint
 LANGUAGE sql
AS $function$
    SELECT stats_files_fold() + stats_objects_fold() + stats_events_fold() + stats_work_items_fold()
           + stats_checksums_fold()
$function$;

CREATE OR REPLACE FUNCTION public.stats_insert_deposit_months(end_times timestamp without time zone[])
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    added bigint;
BEGIN
    INSERT INTO historical_deposit_stats (
        institution_id, institution_name, storage_option, object_count, file_count, total_bytes,
        total_gb, total_tb, cost_gb_per_month, monthly_cost, end_date,
        member_institution_id, primary_sort, secondary_sort)
    SELECT * FROM stats_deposit_snapshot(end_times);
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$function$;

CREATE OR REPLACE PROCEDURE public.stats_install_count_source(IN src text)
 LANGUAGE plpgsql
AS $procedure$
DECLARE
    def stats_count_sources;
    cells constant text := format('stats_%s_cells', src);
    deltas constant text := format('stats_%s_deltas', src);
    live constant text := format('stats_%s_live', src);
    dim_defs text;
    dims text;
    exprs text;
    positions text;
    sum_defs text := '';
    sums text := '';
    sum_of_exprs text := '';
    minus_sum_of_exprs text := '';
    plus_exprs text := '';
    minus_exprs text := '';
    sum_of_sums text := '';
    sums_nonzero text := '';
    sums_added text := '';
    minus_sums text := '';
    is_new boolean;
BEGIN
    SELECT * INTO STRICT def FROM stats_count_sources WHERE source = src;
    SELECT string_agg(format('%I %s', cell_column, cell_type), ', ' ORDER BY position),
           string_agg(format('%I', cell_column), ', ' ORDER BY position),
           string_agg(format('%s AS %I', row_expr, cell_column), ', ' ORDER BY position),
           string_agg(position::text, ', ' ORDER BY position)
    INTO STRICT dim_defs, dims, exprs, positions
    FROM stats_count_dimensions WHERE source = src;
    FOR i IN 1 .. coalesce(array_length(def.sum_columns, 1), 0) LOOP
        sum_defs := sum_defs || format(', %I numeric NOT NULL DEFAULT 0', def.sum_columns[i]);
        sums := sums || format(', %I', def.sum_columns[i]);
        sum_of_exprs := sum_of_exprs || format(', sum(%s)', def.sum_exprs[i]);
        minus_sum_of_exprs := minus_sum_of_exprs || format(', -sum(%s)', def.sum_exprs[i]);
        plus_exprs := plus_exprs || format(', %s AS %I', def.sum_exprs[i], def.sum_columns[i]);
        minus_exprs := minus_exprs || format(', -(%s)', def.sum_exprs[i]);
        sum_of_sums := sum_of_sums || format(', sum(%1$I) AS %1$I', def.sum_columns[i]);
        sums_nonzero := sums_nonzero || format(' OR sum(%I) <> 0', def.sum_columns[i]);
        minus_sums := minus_sums || format(', -%I', def.sum_columns[i]);
        sums_added := sums_added || format(', %1$I = c.%1$I + excluded.%1$I', def.sum_columns[i]);
    END LOOP;

    is_new := to_regclass(cells) IS NULL;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (%s, n bigint NOT NULL DEFAULT 0%s)', cells, dim_defs, sum_defs);
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (%s) NULLS NOT DISTINCT',
                   cells || '_key', cells, dims);
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (%s, n bigint NOT NULL DEFAULT 0%s)', deltas, dim_defs, sum_defs);
    EXECUTE format('CREATE OR REPLACE VIEW %I AS SELECT %s, n%s FROM %I UNION ALL SELECT %s, n%s FROM %I',
                   live, dims, sums, cells, dims, sums, deltas);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %5$s, count(*)%6$s FROM new_rows GROUP BY %7$s;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %5$s, -count(*)%8$s FROM old_rows GROUP BY %7$s;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO %2$I (%3$s, n%4$s)
        SELECT %3$s, sum(n)%9$s
        FROM (SELECT %5$s, 1 AS n%10$s FROM new_rows
              UNION ALL
              SELECT %5$s, -1%11$s FROM old_rows) changed
        GROUP BY %7$s
        HAVING sum(n) <> 0%12$s;
    ELSE
        DELETE FROM %2$I;
        DELETE FROM %13$I;
    END IF;
    RETURN NULL;
END
$fn$$f$,
        format('stats_%s_capture', src), deltas, dims, sums, exprs, sum_of_exprs, positions,
        minus_sum_of_exprs, sum_of_sums, plus_exprs, minus_exprs, sums_nonzero, cells);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM %2$I RETURNING *),
         grouped AS (SELECT %3$s, sum(n) AS n%4$s, count(*) AS delta_rows FROM moved_rows GROUP BY %5$s),
         upserted AS (
             INSERT INTO %6$I AS c (%3$s, n%7$s)
             SELECT %3$s, n%7$s FROM grouped
             ON CONFLICT (%3$s) DO UPDATE SET n = c.n + excluded.n%8$s
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM %6$I WHERE n = 0;
        PERFORM stats_mark(%9$L, false);
    END IF;
    RETURN moved;
END
$fn$$f$,
        format('stats_%s_fold', src), deltas, dims, sum_of_sums, positions, cells, sums, sums_added, src);

    -- One statement, so the base table and the deltas are read in one snapshot: the new
    -- deltas are "base now minus cells", and folding them leaves exactly the base counts
    -- plus whatever other sessions committed meanwhile (their deltas are not deleted).
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %1$I() RETURNS bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
    WITH gone_deltas AS (DELETE FROM %2$I RETURNING 1)
    INSERT INTO %2$I (%4$s, n%5$s)
    SELECT %6$s, count(*)%7$s FROM %8$I GROUP BY %9$s
    UNION ALL
    SELECT %4$s, -n%10$s FROM %3$I;
    RETURN %11$I();
END
$fn$$f$,
        format('stats_%s_rebuild', src), deltas, cells, dims, sums, exprs, sum_of_exprs, def.base_table, positions,
        minus_sums, format('stats_%s_fold', src));

    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_insert', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows'
                   || ' NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_update', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_delete', src), def.base_table, format('stats_%s_capture', src));
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   format('stats_%s_truncate', src), def.base_table, format('stats_%s_capture', src));

    -- New cells are filled by 020 (stats_<source>_rebuild() in a statement of its own, after these triggers are
    -- committed, so writers never wait for the count of a big table).
    IF is_new THEN
        INSERT INTO schema_backfills (name, requested_by) VALUES ('count_cells:' || src, '015_count_cells')
        ON CONFLICT (name) DO UPDATE SET done_through = NULL, finished_at = NULL;
    END IF;
END
$procedure$;

CREATE OR REPLACE FUNCTION public.stats_lock_key(job text)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$
    SELECT CASE job WHEN 'counts' THEN 1 WHEN 'current' THEN 2 WHEN 'historical' THEN 3 WHEN 'empty' THEN 3
                    WHEN 'fold' THEN 4 END
$function$;

CREATE OR REPLACE FUNCTION public.stats_mark(state_name text, refreshed boolean)
 RETURNS void
 LANGUAGE sql
AS $function$
    INSERT INTO stats_refresh_state AS s (name, refreshed_at, changed_at)
    VALUES (state_name,
            CASE WHEN refreshed THEN clock_timestamp() AT TIME ZONE 'UTC' END,
            CASE WHEN NOT refreshed THEN clock_timestamp() AT TIME ZONE 'UTC' END)
    ON CONFLICT (name) DO UPDATE
        SET refreshed_at = CASE WHEN refreshed THEN excluded.refreshed_at ELSE s.refreshed_at END,
            changed_at = CASE WHEN refreshed THEN s.changed_at ELSE excluded.changed_at END
$function$;

CREATE OR REPLACE FUNCTION public.stats_objects_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
        SELECT institution_id, state, storage_option, access, month, sum(n)
        FROM (SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_objects_deltas;
        DELETE FROM stats_objects_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_objects_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_objects_deltas RETURNING *),
         grouped AS (SELECT institution_id, state, storage_option, access, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_objects_cells AS c (institution_id, state, storage_option, access, month, n)
             SELECT institution_id, state, storage_option, access, month, n FROM grouped
             ON CONFLICT (institution_id, state, storage_option, access, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_objects_cells WHERE n = 0;
        PERFORM stats_mark('objects', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_objects_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_objects_deltas RETURNING 1)
    INSERT INTO stats_objects_deltas (institution_id, state, storage_option, access, month, n)
    SELECT institution_id AS institution_id, state AS state, storage_option AS storage_option, access AS access, date_trunc('month', created_at)::date AS month, count(*) FROM intellectual_objects GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, state, storage_option, access, month, -n FROM stats_objects_cells;
    RETURN stats_objects_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_rebuild_counts()
 RETURNS bigint
 LANGUAGE sql
AS $function$
    SELECT stats_files_rebuild() + stats_objects_rebuild() + stats_events_rebuild() + stats_work_items_rebuild()
           + stats_checksums_rebuild()
$function$;

CREATE OR REPLACE FUNCTION public.stats_refresh_all_counts(force boolean, OUT outcome text, OUT detail text)
 RETURNS record
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET lock_timeout TO '30s'
AS $function$
BEGIN
    IF stats_try_lock('counts') THEN
        PERFORM stats_wait_for_fold_lock();
        IF force THEN
            PERFORM stats_storage_records_rebuild();
        ELSE
            PERFORM stats_storage_records_fold();
        END IF;
    END IF;
    SELECT r.outcome, r.detail INTO outcome, detail FROM stats_refresh_counts(force) r;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_refresh_counts(force boolean, OUT outcome text, OUT detail text)
 RETURNS record
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET lock_timeout TO '30s'
AS $function$
DECLARE
    moved bigint;
    refreshed text[] := '{}';
    last_refresh constant timestamp := (SELECT refreshed_at FROM stats_refresh_state WHERE name = 'counts');
BEGIN
    IF NOT stats_try_lock('counts') THEN
        outcome := 'skipped';
        detail := 'busy: another session is refreshing the counts';
        RAISE NOTICE 'stats_refresh_counts: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF force THEN
        moved := stats_rebuild_counts();
    ELSE
        moved := stats_fold_counts();
        IF NOT stats_changed_since('{files,objects,events,work_items,checksums}', last_refresh) THEN
            outcome := 'skipped';
            detail := 'not due: no changes since the last refresh';
            RAISE NOTICE 'stats_refresh_counts: %', detail;
            RETURN;
        END IF;
    END IF;
    -- Only the views whose cells changed since the last refresh.
    IF force OR stats_changed_since('{events}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY premis_event_counts;
        refreshed := array_append(refreshed, 'premis_event_counts');
    END IF;
    IF force OR stats_changed_since('{objects}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY intellectual_object_counts;
        refreshed := array_append(refreshed, 'intellectual_object_counts');
    END IF;
    IF force OR stats_changed_since('{files}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY generic_file_counts;
        refreshed := array_append(refreshed, 'generic_file_counts');
    END IF;
    IF force OR stats_changed_since('{work_items}', last_refresh) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY work_item_counts;
        refreshed := array_append(refreshed, 'work_item_counts');
    END IF;
    PERFORM stats_mark('counts', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the count cells from the tables' ELSE 'folded ' || moved || ' change rows' END
              || '; refreshed ' || coalesce(nullif(array_to_string(refreshed, ', '), ''), 'no view (checksums only)');
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_refresh_current_deposits(force boolean, min_age interval, OUT outcome text, OUT detail text)
 RETURNS record
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET lock_timeout TO '30s'
AS $function$
DECLARE
    last_refresh timestamp;
BEGIN
    IF NOT stats_try_lock('current') THEN
        outcome := 'skipped';
        detail := 'busy: another session is refreshing current_deposit_stats';
        RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    IF force THEN
        PERFORM stats_files_rebuild();
        PERFORM stats_deposit_rebuild();
    ELSE
        PERFORM stats_files_fold();
        PERFORM stats_deposit_fold();
        SELECT refreshed_at INTO last_refresh FROM stats_refresh_state WHERE name = 'current';
        IF NOT stats_changed_since('{files,deposit_objects}', last_refresh)
           AND NOT EXISTS (SELECT 1 FROM storage_options WHERE updated_at > last_refresh)
           AND NOT EXISTS (SELECT 1 FROM institutions WHERE updated_at > last_refresh) THEN
            outcome := 'skipped';
            detail := 'not due: nothing changed since the last refresh at ' || last_refresh;
            RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
            RETURN;
        END IF;
        IF last_refresh > (clock_timestamp() AT TIME ZONE 'UTC') - min_age THEN
            outcome := 'skipped';
            detail := 'not due: refreshed at ' || last_refresh || ', less than ' || min_age || ' ago';
            RAISE NOTICE 'stats_refresh_current_deposits: %', detail;
            RETURN;
        END IF;
    END IF;
    REFRESH MATERIALIZED VIEW CONCURRENTLY current_deposit_stats;
    PERFORM stats_mark('current', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the file cells and object figures; ' ELSE '' END
              || 'refreshed current_deposit_stats';
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_refresh_empty_deposits(force boolean, OUT outcome text, OUT detail text)
 RETURNS record
 LANGUAGE plpgsql
AS $function$
DECLARE
    added bigint;
BEGIN
    -- force changes nothing here: the fill always looks at the whole history.
    IF NOT stats_try_lock('empty') THEN
        outcome := 'skipped';
        detail := 'busy: another session is writing the deposit history';
        RAISE NOTICE 'stats_refresh_empty_deposits: %', detail;
        RETURN;
    END IF;
    added := stats_fill_empty_deposits();
    IF added = 0 THEN
        outcome := 'skipped';
        detail := 'not due: no zero rows missing';
        RETURN;
    END IF;
    PERFORM stats_mark('empty', true);
    outcome := 'ran';
    detail := 'added ' || added || ' zero rows';
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_refresh_historical_deposits(force boolean, OUT outcome text, OUT detail text)
 RETURNS record
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET lock_timeout TO '30s'
AS $function$
DECLARE
    utc_now constant timestamp := clock_timestamp() AT TIME ZONE 'UTC';
    missing timestamp[];
    added bigint;
    zeros bigint;
BEGIN
    IF NOT stats_try_lock('historical') THEN
        outcome := 'skipped';
        detail := 'busy: another session is writing the deposit history';
        RAISE NOTICE 'stats_refresh_historical_deposits: %', detail;
        RETURN;
    END IF;
    IF force THEN
        DELETE FROM historical_deposit_stats;
    END IF;
    SELECT array_agg(m ORDER BY m) INTO missing
    FROM generate_series(timestamp '2014-01-01', utc_now, interval '1 month') AS m
    WHERE m < utc_now
      AND NOT EXISTS (SELECT 1 FROM historical_deposit_stats h WHERE h.end_date = m::date);
    IF missing IS NULL THEN
        outcome := 'skipped';
        detail := 'not due: every month from 2014-01 to ' || to_char(utc_now, 'YYYY-MM') || ' is present';
        RAISE NOTICE 'stats_refresh_historical_deposits: %', detail;
        RETURN;
    END IF;
    PERFORM stats_wait_for_fold_lock();
    PERFORM stats_files_fold();
    PERFORM stats_deposit_fold();
    added := stats_insert_deposit_months(missing);
    zeros := stats_fill_empty_deposits();
    PERFORM stats_mark('historical', true);
    outcome := 'ran';
    detail := CASE WHEN force THEN 'rebuilt the history: ' ELSE '' END
              || array_length(missing, 1) || ' month(s) ' || to_char(missing[1], 'YYYY-MM')
              || CASE WHEN array_length(missing, 1) > 1
                      THEN '..' || to_char(missing[array_length(missing, 1)], 'YYYY-MM') ELSE '' END
              || ', ' || added || ' rows, ' || zeros || ' zero rows';
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_storage_records_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_storage_records_deltas (n) SELECT count(*) FROM new_rows HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_storage_records_deltas (n) SELECT -count(*) FROM old_rows HAVING count(*) > 0;
    ELSIF TG_OP = 'TRUNCATE' THEN
        DELETE FROM stats_storage_records_deltas;
        DELETE FROM stats_storage_records_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_storage_records_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
    added bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_storage_records_deltas RETURNING n)
    SELECT count(*), coalesce(sum(n), 0) INTO moved, added FROM moved_rows;
    IF moved > 0 THEN
        INSERT INTO stats_storage_records_cells AS c (cell, n) VALUES (true, added)
        ON CONFLICT (cell) DO UPDATE SET n = c.n + excluded.n;
        PERFORM stats_mark('storage_records', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_storage_records_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_storage_records_deltas RETURNING 1)
    INSERT INTO stats_storage_records_deltas (n)
    SELECT count(*) FROM storage_records
    UNION ALL
    SELECT -n FROM stats_storage_records_cells;
    RETURN stats_storage_records_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_try_lock(job text)
 RETURNS boolean
 LANGUAGE sql
AS $function$
    SELECT pg_try_advisory_xact_lock(1380271945, stats_lock_key(job))
$function$;

CREATE OR REPLACE FUNCTION public.stats_wait_for_fold_lock()
 RETURNS void
 LANGUAGE sql
AS $function$
    SELECT pg_advisory_xact_lock(1380271945, stats_lock_key('fold'))
$function$;

CREATE OR REPLACE FUNCTION public.stats_work_items_capture()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Unchanged rows cancel out; only real moves between cells leave a delta.
        INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
        SELECT institution_id, action, stage, status, month, sum(n)
        FROM (SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, 1 AS n FROM new_rows
              UNION ALL
              SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, -1 FROM old_rows) changed
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
    ELSE
        DELETE FROM stats_work_items_deltas;
        DELETE FROM stats_work_items_cells;
    END IF;
    RETURN NULL;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_work_items_fold()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
    moved bigint;
BEGIN
    WITH moved_rows AS (DELETE FROM stats_work_items_deltas RETURNING *),
         grouped AS (SELECT institution_id, action, stage, status, month, sum(n) AS n, count(*) AS delta_rows FROM moved_rows GROUP BY 1, 2, 3, 4, 5),
         upserted AS (
             INSERT INTO stats_work_items_cells AS c (institution_id, action, stage, status, month, n)
             SELECT institution_id, action, stage, status, month, n FROM grouped
             ON CONFLICT (institution_id, action, stage, status, month) DO UPDATE SET n = c.n + excluded.n
             RETURNING 1)
    SELECT coalesce(sum(delta_rows), 0) INTO moved FROM grouped;
    IF moved > 0 THEN
        DELETE FROM stats_work_items_cells WHERE n = 0;
        PERFORM stats_mark('work_items', false);
    END IF;
    RETURN moved;
END
$function$;

CREATE OR REPLACE FUNCTION public.stats_work_items_rebuild()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
    WITH gone_deltas AS (DELETE FROM stats_work_items_deltas RETURNING 1)
    INSERT INTO stats_work_items_deltas (institution_id, action, stage, status, month, n)
    SELECT institution_id AS institution_id, action AS action, stage AS stage, status AS status, date_trunc('month', date_processed)::date AS month, count(*) FROM work_items GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT institution_id, action, stage, status, month, -n FROM stats_work_items_cells;
    RETURN stats_work_items_fold();
END
$function$;

CREATE OR REPLACE FUNCTION public.update_counts()
 RETURNS integer
 LANGUAGE sql
AS $function$
    SELECT CASE WHEN outcome = 'ran' THEN 1 ELSE 0 END FROM stats_refresh_counts(false)
$function$;

CREATE OR REPLACE FUNCTION public.update_current_deposit_stats()
 RETURNS integer
 LANGUAGE sql
AS $function$
    SELECT CASE WHEN outcome = 'ran' THEN 1 ELSE 0 END FROM stats_refresh_current_deposits(false, interval '0')
$function$;

-- ----------------------------------------------------------------------------------------------------
-- Triggers
-- ----------------------------------------------------------------------------------------------------

CREATE TRIGGER checksums_file_institution BEFORE INSERT OR UPDATE OF generic_file_id, institution_id ON public.checksums FOR EACH ROW EXECUTE FUNCTION checksums_take_file_institution();
CREATE TRIGGER stats_checksums_delete AFTER DELETE ON public.checksums REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE TRIGGER stats_checksums_insert AFTER INSERT ON public.checksums REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE TRIGGER stats_checksums_truncate AFTER TRUNCATE ON public.checksums FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE TRIGGER stats_checksums_update AFTER UPDATE ON public.checksums REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_checksums_capture();
CREATE TRIGGER generic_files_checksums_institution AFTER UPDATE OF institution_id ON public.generic_files FOR EACH ROW WHEN ((old.institution_id IS DISTINCT FROM new.institution_id)) EXECUTE FUNCTION generic_files_carry_institution_to_checksums();
CREATE TRIGGER generic_files_object_summaries_delete AFTER DELETE ON public.generic_files REFERENCING OLD TABLE AS old_files FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
CREATE TRIGGER generic_files_object_summaries_insert AFTER INSERT ON public.generic_files REFERENCING NEW TABLE AS new_files FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
CREATE TRIGGER generic_files_object_summaries_truncate AFTER TRUNCATE ON public.generic_files FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
CREATE TRIGGER generic_files_object_summaries_update AFTER UPDATE ON public.generic_files REFERENCING OLD TABLE AS old_files NEW TABLE AS new_files FOR EACH STATEMENT EXECUTE FUNCTION generic_files_update_object_summaries();
CREATE TRIGGER stats_deposit_delete AFTER DELETE ON public.generic_files REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE TRIGGER stats_deposit_insert AFTER INSERT ON public.generic_files REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE TRIGGER stats_deposit_truncate AFTER TRUNCATE ON public.generic_files FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE TRIGGER stats_deposit_update AFTER UPDATE ON public.generic_files REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_deposit_capture();
CREATE TRIGGER stats_files_delete AFTER DELETE ON public.generic_files REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE TRIGGER stats_files_insert AFTER INSERT ON public.generic_files REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE TRIGGER stats_files_truncate AFTER TRUNCATE ON public.generic_files FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE TRIGGER stats_files_update AFTER UPDATE ON public.generic_files REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_files_capture();
CREATE TRIGGER intellectual_objects_summary_on_identifier AFTER UPDATE OF identifier ON public.intellectual_objects FOR EACH ROW WHEN (((old.identifier)::text IS DISTINCT FROM (new.identifier)::text)) EXECUTE FUNCTION intellectual_objects_recount_summary();
CREATE TRIGGER intellectual_objects_summary_on_insert AFTER INSERT ON public.intellectual_objects REFERENCING NEW TABLE AS new_objects FOR EACH STATEMENT EXECUTE FUNCTION intellectual_objects_count_new();
CREATE TRIGGER stats_objects_delete AFTER DELETE ON public.intellectual_objects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE TRIGGER stats_objects_insert AFTER INSERT ON public.intellectual_objects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE TRIGGER stats_objects_truncate AFTER TRUNCATE ON public.intellectual_objects FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE TRIGGER stats_objects_update AFTER UPDATE ON public.intellectual_objects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_objects_capture();
CREATE TRIGGER stats_events_delete AFTER DELETE ON public.premis_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE TRIGGER stats_events_insert AFTER INSERT ON public.premis_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE TRIGGER stats_events_truncate AFTER TRUNCATE ON public.premis_events FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE TRIGGER stats_events_update AFTER UPDATE ON public.premis_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_capture();
CREATE TRIGGER stats_storage_records_delete AFTER DELETE ON public.storage_records REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();
CREATE TRIGGER stats_storage_records_insert AFTER INSERT ON public.storage_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();
CREATE TRIGGER stats_storage_records_truncate AFTER TRUNCATE ON public.storage_records FOR EACH STATEMENT EXECUTE FUNCTION stats_storage_records_capture();
CREATE TRIGGER stats_work_items_delete AFTER DELETE ON public.work_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE TRIGGER stats_work_items_insert AFTER INSERT ON public.work_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE TRIGGER stats_work_items_truncate AFTER TRUNCATE ON public.work_items FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
CREATE TRIGGER stats_work_items_update AFTER UPDATE ON public.work_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_work_items_capture();
