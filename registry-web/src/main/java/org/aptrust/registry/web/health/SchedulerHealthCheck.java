package org.aptrust.registry.web.health;

import java.time.Duration;

import com.codahale.metrics.health.HealthCheck;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.web.jobs.StatsScheduler;

/** Healthy while this instance's scheduling thread is alive and no job has been running longer than the limit. */
public class SchedulerHealthCheck extends HealthCheck {

    private final StatsScheduler scheduler;

    public SchedulerHealthCheck(StatsScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected Result check() {
        if (!scheduler.isEnabled()) {
            return Result.healthy("scheduler is off in this instance");
        }
        if (!scheduler.alive()) {
            return Result.unhealthy("the scheduling thread is not running");
        }
        Duration running = scheduler.runningFor();
        Duration limit = scheduler.config().stuckAfter();
        StatsJob job = scheduler.runningJob();
        if (job != null && running.compareTo(limit) > 0) {
            return Result.unhealthy("job " + job.key() + " has been running for " + running.toSeconds()
                    + " s, longer than " + limit.toSeconds() + " s");
        }
        return Result.healthy(job == null ? "idle" : "running " + job.key() + " for " + running.toMillis() + " ms");
    }
}
