package org.aptrust.registry.web.pages;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.stats.JobRun;
import org.aptrust.registry.db.stats.StatsDao;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.jdbi.v3.core.Jdbi;

/**
 * What the admins' internals page shows and can do, handed over by the application: the migration runner, the
 * scheduler's jobs, and buttons that run the very same task objects as the admin port does.
 */
public record Internals(MigrationRunner migrations, Supplier<List<SchedulerJob>> schedulerJobs,
                        List<TaskButton> buttons) {

    /** One scheduled job: its schedule in this instance and its last run by any instance. */
    public record SchedulerJob(String name, String schedule, String nextRun, String lastStarted,
                               String outcome, String detail, String lastSuccess) {
    }

    /** A button on the page: runs {@code task} with {@code parameters}, as POST /tasks/NAME?... would. */
    public record TaskButton(String key, String label, Task task, Map<String, List<String>> parameters) {
        public static TaskButton of(String label, Task task, String... keyValues) {
            Map<String, List<String>> p = new java.util.LinkedHashMap<>();
            StringBuilder key = new StringBuilder(task.getName());
            for (int i = 0; i < keyValues.length; i += 2) {
                p.put(keyValues[i], List.of(keyValues[i + 1]));
                key.append('-').append(keyValues[i + 1]);
            }
            return new TaskButton(key.toString(), label, task, p);
        }
    }

    public Internals {
        buttons = List.copyOf(buttons);
    }

    /** The page for this application: its scheduler, and a button for each admin task worth pressing. */
    public static Internals of(MigrationRunner runner, StatsScheduler scheduler, Jdbi jdbi, Task migrate,
                               Task migrationStatus, Task refreshStats, Task schedulerStatus) {
        return new Internals(runner, jobsOf(scheduler, jdbi), List.of(
                TaskButton.of("Scheduler status", schedulerStatus),
                TaskButton.of("Refresh counts", refreshStats, "job", "counts", "force", "true"),
                TaskButton.of("Refresh current deposits", refreshStats, "job", "current", "force", "true"),
                TaskButton.of("Fill historical deposits", refreshStats, "job", "historical"),
                TaskButton.of("Refresh all statistics", refreshStats, "job", "all", "force", "true"),
                TaskButton.of("Migration status", migrationStatus),
                TaskButton.of("Migrate: dry run", migrate, "dry-run", "true"),
                TaskButton.of("Apply pending migrations", migrate)));
    }

    /** The scheduler's jobs joined with their last runs in stats_job_runs. */
    public static Supplier<List<SchedulerJob>> jobsOf(StatsScheduler scheduler, Jdbi jdbi) {
        return () -> {
            Map<String, JobRun> runs = jdbi.withExtension(StatsDao.class, StatsDao::jobRuns).stream()
                    .collect(Collectors.toMap(JobRun::job, Function.identity()));
            return scheduler.status().stream().map(s -> {
                JobRun r = runs.get(s.job().key());
                String schedule = !scheduler.isEnabled() || !s.enabled() ? "off"
                        : s.interval().isZero() ? "once at start" : "every " + s.interval().toMinutes() + " min";
                return new SchedulerJob(s.job().key(), schedule + (scheduler.isMaintenance() ? " (maintenance)" : ""),
                        s.nextRun() == null ? "" : s.nextRun().toString(),
                        r == null ? "never" : time(r.lastStartedAt()),
                        r == null ? "" : r.lastOutcome() + (r.lastDurationMs() == null ? ""
                                : " in " + r.lastDurationMs() + " ms"),
                        r == null ? "" : (r.lastError() != null ? r.lastError() : Formats.text(r.lastDetail())),
                        r == null ? "" : time(r.lastSuccessAt()));
            }).toList();
        };
    }

    private static String time(LocalDateTime t) {
        return t == null ? "never" : Formats.dateTime(t);
    }
}
