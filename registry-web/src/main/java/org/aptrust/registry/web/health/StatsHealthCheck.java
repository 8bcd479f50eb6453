package org.aptrust.registry.web.health;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.codahale.metrics.health.HealthCheck;
import org.aptrust.registry.db.stats.JobRun;
import org.aptrust.registry.db.stats.StatsDao;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.web.jobs.SchedulerConfiguration;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.jdbi.v3.core.Jdbi;

/**
 * Healthy while every scheduled statistics job has succeeded (done its work, or found nothing due) within two of
 * its intervals, by any instance (stats_job_runs). A job that has not run yet is given its initial delay plus two
 * intervals from this instance's start, so a fresh, empty database is healthy. A run-once job is unhealthy only when
 * its last run failed and it never succeeded.
 */
public class StatsHealthCheck extends HealthCheck {

    private final Jdbi jdbi;
    private final StatsScheduler scheduler;
    private final Clock clock;

    public StatsHealthCheck(Jdbi jdbi, StatsScheduler scheduler, Clock clock) {
        this.jdbi = jdbi;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        if (!scheduler.isEnabled()) {
            return Result.healthy("scheduler is off in this instance");
        }
        if (scheduler.isMaintenance()) {
            return Result.healthy("maintenance mode: the stats jobs are paused");
        }
        Map<String, JobRun> runs = jdbi.withExtension(StatsDao.class, StatsDao::jobRuns).stream()
                .collect(Collectors.toMap(JobRun::job, Function.identity()));
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDateTime started = LocalDateTime.ofInstant(scheduler.startedAt(), ZoneOffset.UTC);
        List<String> late = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (StatsJob job : StatsJob.values()) {
            SchedulerConfiguration.JobSchedule s = scheduler.config().schedule(job);
            if (!s.isEnabled()) {
                continue;
            }
            JobRun run = runs.get(job.key());
            LocalDateTime success = run == null ? null : run.lastSuccessAt();
            if (s.once()) {
                if (run != null && success == null && "failed".equals(run.lastOutcome())) {
                    late.add(job.key() + " failed: " + run.lastError());
                } else {
                    fine.add(job.key() + (success == null ? " not run yet" : " ok"));
                }
                continue;
            }
            Duration allowed = s.interval().multipliedBy(2);
            if (success != null && !success.plus(allowed).isBefore(now)) {
                fine.add(job.key() + " ok");
            } else if (success == null && !started.plus(s.initialDelay()).plus(allowed).isBefore(now)) {
                fine.add(job.key() + " not run yet");
            } else {
                late.add(job.key() + " last succeeded " + (success == null ? "never" : success + " UTC")
                        + ", more than " + allowed + " ago"
                        + (run != null && run.lastError() != null ? " (last error: " + run.lastError() + ")" : ""));
            }
        }
        return late.isEmpty() ? Result.healthy(String.join(", ", fine)) : Result.unhealthy(String.join("; ", late));
    }
}
