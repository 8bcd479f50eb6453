-- 014_stats_jobs: the shared record of the statistics jobs, and the locks that guard them.
--
-- * stats_job_runs: one row per job ('counts', 'current', 'historical', 'empty'), written by
--   every service instance after each run: when it started and finished, the outcome
--   (ran / skipped / failed), what it did or why it skipped, the error of a failed run,
--   which instance ran it, and when the job last succeeded. A table rather than memory,
--   so the health checks and the admin pages of every instance see the same truth.
--   A run succeeds when it did the work or found nothing due; a run that found another
--   session busy leaves last_success_at alone (that session records its own run).
-- * stats_refresh_state: what the stats functions themselves remember (in the same
--   transaction as their work): when each data set was last refreshed and when its
--   inputs last changed. The functions decide from it whether a run is due.
-- * stats_try_lock(job): the transaction-scoped advisory lock of each job, taken with
--   pg_try_advisory_xact_lock so a second caller returns at once instead of queueing.
--   Keys (1380271945, n): 1 counts, 2 current deposit stats, 3 deposit history (also
--   the zero-row fill), as the earlier files already use them, and 4 for folding the
--   captured changes into the count cells (015). The original's flag rows in
--   ar_internal_metadata ('update counts is running', ...) were written inside the
--   same transaction as the work, so no other session ever saw them; they are no longer
--   written, and existing rows are left alone for display.
-- * stats_wait_for_fold_lock(): the fold lock is held only for the short fold, so a job
--   waits for it (up to lock_timeout, which the callers set) rather than skipping.
--   Nothing that holds the fold lock ever waits for a job lock, so this cannot deadlock.
--
-- Idempotency: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE FUNCTION.

INSERT INTO schema_migrations (version, started_at) VALUES ('014_stats_jobs', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS stats_job_runs (
    job              varchar(40) PRIMARY KEY,
    last_started_at  timestamp,
    last_finished_at timestamp,
    last_outcome     varchar(10) CHECK (last_outcome IN ('ran', 'skipped', 'failed')),
    last_detail      text,
    last_error       text,
    last_duration_ms bigint,
    last_instance    varchar(200),
    last_success_at  timestamp,
    last_ran_at      timestamp,
    runs             bigint NOT NULL DEFAULT 0,
    failures         bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS stats_refresh_state (
    name         varchar(40) PRIMARY KEY,
    refreshed_at timestamp,
    changed_at   timestamp
);

CREATE OR REPLACE FUNCTION stats_lock_key(job text) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE job WHEN 'counts' THEN 1 WHEN 'current' THEN 2 WHEN 'historical' THEN 3 WHEN 'empty' THEN 3
                    WHEN 'fold' THEN 4 END
$$;

CREATE OR REPLACE FUNCTION stats_try_lock(job text) RETURNS boolean
LANGUAGE sql VOLATILE
AS $$
    SELECT pg_try_advisory_xact_lock(1380271945, stats_lock_key(job))
$$;

CREATE OR REPLACE FUNCTION stats_wait_for_fold_lock() RETURNS void
LANGUAGE sql VOLATILE
AS $$
    SELECT pg_advisory_xact_lock(1380271945, stats_lock_key('fold'))
$$;

-- Remembers, in the caller's transaction, that a data set was refreshed or that its inputs changed.
CREATE OR REPLACE FUNCTION stats_mark(state_name text, refreshed boolean) RETURNS void
LANGUAGE sql VOLATILE
AS $$
    INSERT INTO stats_refresh_state AS s (name, refreshed_at, changed_at)
    VALUES (state_name,
            CASE WHEN refreshed THEN clock_timestamp() AT TIME ZONE 'UTC' END,
            CASE WHEN NOT refreshed THEN clock_timestamp() AT TIME ZONE 'UTC' END)
    ON CONFLICT (name) DO UPDATE
        SET refreshed_at = CASE WHEN refreshed THEN excluded.refreshed_at ELSE s.refreshed_at END,
            changed_at = CASE WHEN refreshed THEN s.changed_at ELSE excluded.changed_at END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '014_stats_jobs';
