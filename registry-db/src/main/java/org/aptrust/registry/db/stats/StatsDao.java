package org.aptrust.registry.db.stats;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statistics functions of migrations 014-017 and the shared record of job runs. Each refresh takes its own
 * advisory lock inside the function, so any number of callers may run these at once.
 */
@RegisterConstructorMapper(FunctionOutcome.class)
@RegisterConstructorMapper(JobRun.class)
public interface StatsDao {

    @SqlQuery("SELECT outcome, detail FROM stats_refresh_all_counts(:force)")
    FunctionOutcome refreshCounts(@Bind("force") boolean force);

    /** @param minAgeSeconds a refresh younger than this is not repeated (so instances do the work once) */
    @SqlQuery("SELECT outcome, detail FROM stats_refresh_current_deposits(:force, make_interval(secs => :minAge))")
    FunctionOutcome refreshCurrentDeposits(@Bind("force") boolean force, @Bind("minAge") double minAgeSeconds);

    @SqlQuery("SELECT outcome, detail FROM stats_refresh_historical_deposits(:force)")
    FunctionOutcome refreshHistoricalDeposits(@Bind("force") boolean force);

    @SqlQuery("SELECT outcome, detail FROM stats_refresh_empty_deposits(:force)")
    FunctionOutcome refreshEmptyDeposits(@Bind("force") boolean force);

    /** Bounds how long the job's statements may run, for the rest of the current transaction. */
    @SqlQuery("SELECT set_config('statement_timeout', :ms || 'ms', true)")
    String limitStatementTime(@Bind("ms") long milliseconds);

    @SqlUpdate("INSERT INTO stats_job_runs AS r (job, last_started_at, last_finished_at, last_outcome, last_detail,"
            + " last_error, last_duration_ms, last_instance, last_success_at, last_ran_at, runs, failures)"
            + " VALUES (:job, :startedAt, :finishedAt, :outcome, :detail, :error, :durationMs, :instance,"
            + "   CASE WHEN :success THEN :finishedAt END, CASE WHEN :outcome = 'ran' THEN :finishedAt END, 1,"
            + "   CASE WHEN :outcome = 'failed' THEN 1 ELSE 0 END)"
            + " ON CONFLICT (job) DO UPDATE SET last_started_at = excluded.last_started_at,"
            + "   last_finished_at = excluded.last_finished_at, last_outcome = excluded.last_outcome,"
            + "   last_detail = excluded.last_detail, last_error = excluded.last_error,"
            + "   last_duration_ms = excluded.last_duration_ms, last_instance = excluded.last_instance,"
            + "   last_success_at = coalesce(excluded.last_success_at, r.last_success_at),"
            + "   last_ran_at = coalesce(excluded.last_ran_at, r.last_ran_at),"
            + "   runs = r.runs + 1, failures = r.failures + excluded.failures")
    void recordRun(@Bind("job") String job, @Bind("startedAt") LocalDateTime startedAt,
                   @Bind("finishedAt") LocalDateTime finishedAt, @Bind("outcome") String outcome,
                   @Bind("detail") String detail, @Bind("error") String error, @Bind("durationMs") long durationMs,
                   @Bind("instance") String instance, @Bind("success") boolean success);

    @SqlQuery("SELECT * FROM stats_job_runs ORDER BY job")
    List<JobRun> jobRuns();

    @SqlQuery("SELECT * FROM stats_job_runs WHERE job = :job")
    Optional<JobRun> jobRun(@Bind("job") String job);
}
