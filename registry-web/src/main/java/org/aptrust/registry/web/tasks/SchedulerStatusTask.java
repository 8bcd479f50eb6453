package org.aptrust.registry.web.tasks;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.stats.JobRun;
import org.aptrust.registry.db.stats.StatsDao;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.jdbi.v3.core.Jdbi;

/**
 * POST /tasks/scheduler-status: each statistics job with its schedule in this instance (interval, next run) and its
 * last run by any instance (time, outcome, duration, detail or error, instance) and last success, from
 * stats_job_runs. Times are UTC.
 */
public class SchedulerStatusTask extends Task {

    private final StatsScheduler scheduler;
    private final Jdbi jdbi;

    public SchedulerStatusTask(StatsScheduler scheduler, Jdbi jdbi) {
        super("scheduler-status");
        this.scheduler = scheduler;
        this.jdbi = jdbi;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Map<String, JobRun> runs = jdbi.withExtension(StatsDao.class, StatsDao::jobRuns).stream()
                .collect(Collectors.toMap(JobRun::job, Function.identity()));
        output.println("scheduler " + (scheduler.isEnabled() ? "on" : "off") + (scheduler.isMaintenance()
                ? " (maintenance mode: scheduled runs skip)" : "") + ", thread " + (scheduler.alive() ? "alive"
                : "not running"));
        lines(scheduler.status(), runs).forEach(output::println);
        var spots = scheduler.config().spotTests();
        output.println(String.format("%-10s", StatsScheduler.SPOT_TESTS) + (scheduler.isEnabled() && spots.isEnabled()
                ? (spots.once() ? " once at start" : " every " + human(spots.interval())) : " off") + ", next run "
                + (scheduler.spotTestNextRun() == null ? "-" : scheduler.spotTestNextRun().toString()));
    }

    static List<String> lines(List<StatsScheduler.JobStatus> status, Map<String, JobRun> runs) {
        return status.stream().map(s -> {
            JobRun r = runs.get(s.job().key());
            StringBuilder sb = new StringBuilder(String.format("%-10s", s.job().key()));
            sb.append(s.enabled() ? (s.interval().isZero() ? " once at start" : " every " + human(s.interval()))
                    : " off");
            sb.append(", next run ").append(s.nextRun() == null ? "-" : s.nextRun().toString());
            if (r == null) {
                sb.append(", never run");
            } else {
                sb.append(", last run ").append(r.lastStartedAt()).append(' ').append(r.lastOutcome())
                        .append(" in ").append(r.lastDurationMs()).append(" ms by ").append(r.lastInstance());
                if (r.lastDetail() != null) {
                    sb.append(" (").append(r.lastDetail()).append(')');
                }
                if (r.lastError() != null) {
                    sb.append(" ERROR: ").append(r.lastError());
                }
                sb.append(", last success ").append(r.lastSuccessAt() == null ? "never" : r.lastSuccessAt());
            }
            return sb.toString();
        }).toList();
    }

    private static String human(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + " min"
                : d.toSeconds() + " s";
    }
}
