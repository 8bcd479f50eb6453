package org.aptrust.registry.web.tasks;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.migrate.MigrationRunner;

/** POST /tasks/migration-status: every migration with its state, times and checksum, as plain text. */
public class MigrationStatusTask extends Task {

    private final MigrationRunner runner;

    public MigrationStatusTask(MigrationRunner runner) {
        super("migration-status");
        this.runner = runner;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.print(MigrationRunner.format(runner.status()));
    }
}
