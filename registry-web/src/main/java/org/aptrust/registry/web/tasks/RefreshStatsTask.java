package org.aptrust.registry.web.tasks;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.db.stats.StatsRefresher;
import org.aptrust.registry.web.jobs.StatsScheduler;

/**
 * POST /tasks/refresh-stats?job=counts|current|historical|empty|all[&amp;force=true]: runs the job(s) now, through
 * the same path as the scheduler (locks, logging, metrics, stats_job_runs), and answers one line per job with what
 * ran, what skipped and why, and how long it took. Runs in maintenance mode too: an operator asked for it.
 */
public class RefreshStatsTask extends Task {

    public static final String NAME = "refresh-stats";

    private final StatsScheduler scheduler;

    public RefreshStatsTask(StatsScheduler scheduler) {
        super(NAME);
        this.scheduler = scheduler;
    }

    /** The validated parameters of one request. */
    public record Request(List<StatsJob> jobs, boolean force) {

        /** @throws IllegalArgumentException naming the bad parameter and what is allowed */
        public static Request parse(Map<String, List<String>> parameters) {
            List<String> job = parameters.getOrDefault("job", List.of());
            if (job.size() != 1 || job.get(0).isBlank()) {
                throw new IllegalArgumentException("give one job: job=" + StatsJob.keys().replace(", ", "|")
                        + "|all");
            }
            String j = job.get(0).strip().toLowerCase(Locale.ROOT);
            List<StatsJob> jobs = "all".equals(j) ? List.of(StatsJob.values())
                    : List.of(StatsJob.fromKey(j).orElseThrow(() -> new IllegalArgumentException("unknown job '"
                            + job.get(0) + "'. Allowed: " + StatsJob.keys() + ", all")));
            List<String> force = parameters.getOrDefault("force", List.of());
            String f = force.isEmpty() ? "false" : force.get(0).strip().toLowerCase(Locale.ROOT);
            if (force.size() > 1 || !(f.equals("true") || f.equals("false"))) {
                throw new IllegalArgumentException("force must be true or false, not '" + String.join(",", force)
                        + "'");
            }
            return new Request(jobs, f.equals("true"));
        }
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Request request;
        try {
            request = Request.parse(parameters);
        } catch (IllegalArgumentException e) {
            output.println("ERROR: " + e.getMessage());
            return;
        }
        long t0 = System.nanoTime();
        for (StatsJob job : request.jobs()) {
            StatsRefresher.Result r = scheduler.run(job, request.force(), Duration.ZERO);
            output.println(r.describe());
            output.flush();
        }
        output.println("total " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
    }
}
