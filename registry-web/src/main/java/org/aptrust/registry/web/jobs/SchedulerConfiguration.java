package org.aptrust.registry.web.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.aptrust.registry.db.stats.StatsJob;

/**
 * The `scheduler:` section: whether the statistics jobs run in this instance, and when each runs. Defaults follow
 * the original's schedule, except the counts, which are cheap now and run every minute.
 */
public class SchedulerConfiguration {

    /** One job: on or off, how often (0 = once, at start), and how long after start it first runs. */
    public static class JobSchedule {
        @JsonProperty
        private boolean enabled = true;

        @NotNull
        @JsonProperty
        private Duration interval;

        @NotNull
        @JsonProperty
        private Duration initialDelay;

        public JobSchedule() {
            this(Duration.minutes(1), Duration.seconds(0));
        }

        public JobSchedule(Duration interval, Duration initialDelay) {
            this.interval = interval;
            this.initialDelay = initialDelay;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public java.time.Duration interval() {
            return interval.toJavaDuration();
        }

        public java.time.Duration initialDelay() {
            return initialDelay.toJavaDuration();
        }

        /** Runs once at start rather than repeatedly. */
        public boolean once() {
            return interval.toNanoseconds() <= 0;
        }

        public JobSchedule with(boolean on, Duration newInterval, Duration newDelay) {
            JobSchedule s = new JobSchedule(newInterval, newDelay);
            s.enabled = on;
            return s;
        }
    }

    @JsonProperty
    private boolean enabled = true;

    /** How long one job's SQL may run before the database cancels it. */
    @NotNull
    @JsonProperty
    private Duration statementTimeout = Duration.minutes(10);

    /** The scheduler health check turns red when a run has lasted longer than this. */
    @NotNull
    @JsonProperty
    private Duration stuckAfter = Duration.minutes(30);

    @Valid
    @NotNull
    @JsonProperty
    private JobSchedule counts = new JobSchedule(Duration.minutes(1), Duration.seconds(0));

    @Valid
    @NotNull
    @JsonProperty
    private JobSchedule current = new JobSchedule(Duration.hours(1), Duration.minutes(12));

    /** Daily: the job fills the new month on the first (it adds whatever month is missing). */
    @Valid
    @NotNull
    @JsonProperty
    private JobSchedule historical = new JobSchedule(Duration.days(1), Duration.minutes(2));

    @Valid
    @NotNull
    @JsonProperty
    private JobSchedule empty = new JobSchedule(Duration.seconds(0), Duration.seconds(0));

    /** Daily: the restoration spot tests of the institutions that are due (README, "Restoration spot tests"). */
    @Valid
    @NotNull
    @JsonProperty
    private JobSchedule spotTests = new JobSchedule(Duration.days(1), Duration.minutes(30));

    /** A spot test restores the smallest object of at least this many bytes (the original's 10000). */
    @Min(0)
    @JsonProperty
    private long spotTestMinimumSize = 10000;

    public boolean isEnabled() {
        return enabled;
    }

    public JobSchedule spotTests() {
        return spotTests;
    }

    public void setSpotTests(JobSchedule spotTests) {
        this.spotTests = spotTests;
    }

    public long spotTestMinimumSize() {
        return spotTestMinimumSize;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public java.time.Duration statementTimeout() {
        return statementTimeout.toJavaDuration();
    }

    public java.time.Duration stuckAfter() {
        return stuckAfter.toJavaDuration();
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public JobSchedule schedule(StatsJob job) {
        return switch (job) {
            case COUNTS -> counts;
            case CURRENT -> current;
            case HISTORICAL -> historical;
            case EMPTY -> empty;
        };
    }

    public void setSchedule(StatsJob job, JobSchedule schedule) {
        switch (job) {
            case COUNTS -> counts = schedule;
            case CURRENT -> current = schedule;
            case HISTORICAL -> historical = schedule;
            case EMPTY -> empty = schedule;
            default -> throw new IllegalArgumentException(job.key());
        }
    }
}
