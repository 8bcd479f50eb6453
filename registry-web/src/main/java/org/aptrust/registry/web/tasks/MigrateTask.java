package org.aptrust.registry.web.tasks;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.dropwizard.servlets.tasks.Task;
import org.aptrust.registry.db.migrate.MigrationException;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.web.app.DatabaseStartup;
import org.aptrust.registry.web.app.RegistryDatabase;
import org.aptrust.registry.web.app.RegistryDatabaseFactory;

/**
 * POST /tasks/migrate[?dry-run=true]: applies pending migrations (the same runner as the CLI), writing one line per
 * file as it goes.
 */
public class MigrateTask extends Task {

    private final RegistryDatabase db;
    private final RegistryDatabaseFactory config;

    public MigrateTask(RegistryDatabase db, RegistryDatabaseFactory config) {
        super("migrate");
        this.db = db;
        this.config = config;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        MigrationRunner runner = DatabaseStartup.runner(db, config, line -> {
            output.println(line);
            output.flush();
        });
        boolean dryRun = parameters.getOrDefault("dry-run", List.of()).contains("true");
        if (dryRun) {
            List<String> plan = runner.plan();
            output.println(plan.isEmpty() ? "nothing to apply" : "would apply: " + String.join(", ", plan));
            return;
        }
        try {
            List<String> applied = runner.migrate(false);
            output.println("applied " + applied.size() + " migration(s)");
        } catch (MigrationException e) {
            output.println("ERROR: " + e.getMessage());
        }
    }
}
