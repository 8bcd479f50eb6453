package org.aptrust.registry.web.pages;

import java.util.List;
import java.util.function.Supplier;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.migrate.MigrationRunner;

/**
 * What the admins' internals page shows and can do, handed over by the application: the migration runner, the
 * scheduler's jobs, and the admin tasks whose buttons run the very same task objects as the admin port does.
 */
public record Internals(MigrationRunner migrations, Supplier<List<SchedulerJob>> schedulerJobs, List<Task> tasks) {

    /** One scheduled job as the scheduler reports it. */
    public record SchedulerJob(String name, String schedule, String lastStarted, String lastFinished,
                               String outcome, String detail) {
    }

    public Internals {
        tasks = List.copyOf(tasks);
    }
}
