package org.aptrust.registry.db.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one statistics job through its SQL function, each in a transaction of its own with a statement timeout, and
 * records the outcome in stats_job_runs for every instance to see. Never throws for a failed job: a failure is an
 * outcome (logged, recorded when the database lets us), so a scheduler calling this keeps going.
 */
public final class StatsRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(StatsRefresher.class);

    /** One run: what happened, why, and how long it took. */
    public record Result(StatsJob job, StatsOutcome outcome, String detail, String error, LocalDateTime startedAt,
                         Duration duration, boolean success) {

        /** One line for logs and task answers. */
        public String describe() {
            return job.key() + ": " + outcome.label() + " in " + duration.toMillis() + " ms"
                    + (detail == null ? "" : " (" + detail + ")") + (error == null ? "" : " ERROR: " + error);
        }
    }

    private final Jdbi jdbi;
    private final Duration statementTimeout;
    private final String instance;
    private final Clock clock;

    /**
     * @param statementTimeout how long one job's statements may run before the database cancels them
     * @param instance         who runs the jobs, as recorded in stats_job_runs (host and process)
     */
    public StatsRefresher(Jdbi jdbi, Duration statementTimeout, String instance, Clock clock) {
        this.jdbi = jdbi;
        this.statementTimeout = statementTimeout;
        this.instance = instance;
        this.clock = clock;
    }

    public String instance() {
        return instance;
    }

    /**
     * Runs the job now and records the run.
     *
     * @param minAge for the current deposit stats: a refresh younger than this is not repeated
     */
    public Result run(StatsJob job, boolean force, Duration minAge) {
        LocalDateTime started = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        long t0 = System.nanoTime();
        Result result;
        try {
            FunctionOutcome fo = jdbi.inTransaction(h -> {
                StatsDao dao = h.attach(StatsDao.class);
                dao.limitStatementTime(Math.max(1, statementTimeout.toMillis()));
                return switch (job) {
                    case COUNTS -> dao.refreshCounts(force);
                    case CURRENT -> dao.refreshCurrentDeposits(force, minAge.toMillis() / 1000.0);
                    case HISTORICAL -> dao.refreshHistoricalDeposits(force);
                    case EMPTY -> dao.refreshEmptyDeposits(force);
                };
            });
            result = new Result(job, fo.ran() ? StatsOutcome.RAN : StatsOutcome.SKIPPED, fo.detail(), null, started,
                    Duration.ofNanos(System.nanoTime() - t0), fo.ran() || fo.notDue());
        } catch (RuntimeException e) {
            result = new Result(job, StatsOutcome.FAILED, null, rootMessage(e), started,
                    Duration.ofNanos(System.nanoTime() - t0), false);
        }
        record(result);
        return result;
    }

    /** Public so a caller that failed before reaching the database (a skipped run) can record it the same way. */
    public void record(Result r) {
        try {
            jdbi.useHandle(h -> h.attach(StatsDao.class).recordRun(r.job().key(), r.startedAt(),
                    r.startedAt().plus(r.duration()), r.outcome().label(), r.detail(), r.error(),
                    r.duration().toMillis(), instance, r.success()));
        } catch (RuntimeException e) {
            LOG.warn("could not record the {} run in stats_job_runs: {}", r.job().key(), rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip().replaceFirst("^ERROR: ", "");
    }
}
