package org.aptrust.registry.web.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.db.stats.StatsOutcome;
import org.aptrust.registry.db.stats.StatsRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the statistics jobs on their schedules in one daemon thread. Every run is logged (job, outcome, duration),
 * timed and counted in the metrics, and recorded in stats_job_runs by the refresher. A failed run is logged and the
 * job simply runs again at its next tick: nothing a job does can kill the thread. Any number of instances may run
 * this against one database: the SQL functions' advisory locks and due-checks make each job's work happen once.
 */
public final class StatsScheduler implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(StatsScheduler.class);

    /** A job as this instance schedules it, for the status task. */
    public record JobStatus(StatsJob job, boolean enabled, Duration interval, Instant nextRun) {
    }

    private final StatsRefresher refresher;
    private final SchedulerConfiguration config;
    private final BooleanSupplier maintenance;
    private final MetricRegistry metrics;
    private final Clock clock;
    private final Map<StatsJob, ScheduledFuture<?>> futures = new EnumMap<>(StatsJob.class);
    private final Map<StatsJob, Instant> nextRuns = new EnumMap<>(StatsJob.class);
    private volatile ScheduledThreadPoolExecutor executor;
    private volatile Thread worker;
    private volatile Instant startedAt;
    private volatile Instant runningSince;
    private volatile StatsJob runningJob;
    private volatile Supplier<String> spotTests;
    private ScheduledFuture<?> spotTestFuture;
    private volatile Instant spotTestNextRun;

    /** The key of the restoration spot tests in the logs and metrics. */
    public static final String SPOT_TESTS = "spot-tests";

    public StatsScheduler(StatsRefresher refresher, SchedulerConfiguration config, BooleanSupplier maintenance,
                          MetricRegistry metrics, Clock clock) {
        this.refresher = refresher;
        this.config = config;
        this.maintenance = maintenance;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        startedAt = clock.instant();
        if (!config.isEnabled()) {
            LOG.info("stats scheduler is off (scheduler.enabled: false)");
            return;
        }
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "stats-scheduler");
            t.setDaemon(true);
            worker = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (StatsJob job : StatsJob.values()) {
            SchedulerConfiguration.JobSchedule s = config.schedule(job);
            if (!s.isEnabled()) {
                continue;
            }
            long delay = s.initialDelay().toMillis();
            synchronized (nextRuns) {
                nextRuns.put(job, startedAt.plusMillis(delay));
            }
            futures.put(job, s.once()
                    ? executor.schedule(() -> tick(job), delay, TimeUnit.MILLISECONDS)
                    : executor.scheduleAtFixedRate(() -> tick(job), delay, s.interval().toMillis(),
                            TimeUnit.MILLISECONDS));
        }
        SchedulerConfiguration.JobSchedule spots = config.spotTests();
        if (spotTests != null && spots.isEnabled()) {
            long delay = spots.initialDelay().toMillis();
            spotTestNextRun = startedAt.plusMillis(delay);
            spotTestFuture = spots.once()
                    ? executor.schedule(this::tickSpotTests, delay, TimeUnit.MILLISECONDS)
                    : executor.scheduleAtFixedRate(this::tickSpotTests, delay, spots.interval().toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        LOG.info("stats scheduler started{}", maintenance.getAsBoolean()
                ? " in maintenance mode: every job skips until it is switched off" : "");
    }

    /** Stops taking new runs, lets a running job finish for a moment, then interrupts it. */
    @Override
    public synchronized void stop() throws InterruptedException {
        ScheduledThreadPoolExecutor ex = executor;
        if (ex == null) {
            return;
        }
        futures.values().forEach(f -> f.cancel(false));
        if (spotTestFuture != null) {
            spotTestFuture.cancel(false);
        }
        ex.shutdown();
        if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
            ex.shutdownNow();
            ex.awaitTermination(5, TimeUnit.SECONDS);
        }
        LOG.info("stats scheduler stopped");
    }

    /** One scheduled run. Catches everything, so the periodic schedule is never cancelled by an exception. */
    private void tick(StatsJob job) {
        SchedulerConfiguration.JobSchedule s = config.schedule(job);
        synchronized (nextRuns) {
            if (s.once()) {
                nextRuns.remove(job);
            } else {
                nextRuns.put(job, clock.instant().plus(s.interval()));
            }
        }
        try {
            if (maintenance.getAsBoolean()) {
                StatsRefresher.Result skipped = new StatsRefresher.Result(job, StatsOutcome.SKIPPED,
                        "maintenance mode", null, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)), Duration.ZERO,
                        false);
                refresher.record(skipped);
                report(skipped);
                return;
            }
            // A scheduled refresh of the current stats is not repeated within most of an interval, so several
            // instances ticking at different moments still refresh once per interval.
            Duration minAge = job == StatsJob.CURRENT ? s.interval().multipliedBy(9).dividedBy(10) : Duration.ZERO;
            run(job, false, minAge);
        } catch (Throwable t) {
            LOG.error("stats job {} threw; it runs again at its next tick", job.key(), t);
        }
    }

    /**
     * Also runs the restoration spot tests on {@code scheduler.spotTests}' schedule, in the same thread and paused
     * in maintenance mode like the statistics jobs; the job says what it did. Call before {@link #start()}.
     */
    public void scheduleSpotTests(Supplier<String> job) {
        this.spotTests = job;
    }

    /** When the spot tests run next in this instance (null when they are not scheduled here). */
    public Instant spotTestNextRun() {
        return spotTestNextRun;
    }

    private void tickSpotTests() {
        SchedulerConfiguration.JobSchedule s = config.spotTests();
        spotTestNextRun = s.once() ? null : clock.instant().plus(s.interval());
        try {
            if (maintenance.getAsBoolean()) {
                metrics.counter(MetricRegistry.name(StatsScheduler.class, SPOT_TESTS, StatsOutcome.SKIPPED.label()))
                        .inc();
                LOG.info("job {} skipped: maintenance mode", SPOT_TESTS);
                return;
            }
            String what = metrics.timer(MetricRegistry.name(StatsScheduler.class, SPOT_TESTS))
                    .timeSupplier(spotTests);
            metrics.counter(MetricRegistry.name(StatsScheduler.class, SPOT_TESTS, StatsOutcome.RAN.label())).inc();
            LOG.info("job {} ran: {}", SPOT_TESTS, what);
        } catch (Throwable t) {
            metrics.counter(MetricRegistry.name(StatsScheduler.class, SPOT_TESTS, StatsOutcome.FAILED.label())).inc();
            LOG.error("job {} threw; it runs again at its next tick", SPOT_TESTS, t);
        }
    }

    /** Runs a job now in the calling thread (the admin task does this), logged, timed and recorded. */
    public StatsRefresher.Result run(StatsJob job, boolean force, Duration minAge) {
        runningJob = job;
        runningSince = clock.instant();
        try {
            StatsRefresher.Result r = metrics.timer(MetricRegistry.name(StatsScheduler.class, job.key()))
                    .timeSupplier(() -> refresher.run(job, force, minAge));
            report(r);
            return r;
        } finally {
            runningSince = null;
            runningJob = null;
        }
    }

    private void report(StatsRefresher.Result r) {
        metrics.counter(MetricRegistry.name(StatsScheduler.class, r.job().key(), r.outcome().label())).inc();
        if (r.outcome() == StatsOutcome.FAILED) {
            LOG.warn("stats job {}", r.describe());
        } else {
            LOG.info("stats job {}", r.describe());
        }
    }

    public boolean isEnabled() {
        return config.isEnabled();
    }

    public boolean isMaintenance() {
        return maintenance.getAsBoolean();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The scheduling thread is there to run the next tick (or has not been needed yet). */
    public boolean alive() {
        ScheduledThreadPoolExecutor ex = executor;
        Thread t = worker;
        return ex != null && !ex.isShutdown() && (t == null || t.isAlive());
    }

    /** How long the job now running has been at it, if one is. */
    public Duration runningFor() {
        Instant since = runningSince;
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    public StatsJob runningJob() {
        return runningJob;
    }

    public List<JobStatus> status() {
        List<JobStatus> out = new ArrayList<>();
        for (StatsJob job : StatsJob.values()) {
            SchedulerConfiguration.JobSchedule s = config.schedule(job);
            Instant next;
            synchronized (nextRuns) {
                next = nextRuns.get(job);
            }
            out.add(new JobStatus(job, config.isEnabled() && s.isEnabled(), s.once() ? Duration.ZERO : s.interval(),
                    next));
        }
        return out;
    }

    public SchedulerConfiguration config() {
        return config;
    }
}
