package org.aptrust.registry.web.health;

import java.util.List;
import java.util.stream.Collectors;

import com.codahale.metrics.health.HealthCheck;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.migrate.MigrationState;

/** Healthy when every migration file is applied (or adopted) and none has changed since. */
public class MigrationsHealthCheck extends HealthCheck {

    private final MigrationRunner runner;

    public MigrationsHealthCheck(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    protected Result check() {
        List<MigrationState> states = runner.status();
        List<MigrationState> bad = states.stream()
                .filter(s -> s.runnable() || s.status() == MigrationState.Status.CHANGED).toList();
        if (bad.isEmpty()) {
            return Result.healthy(states.size() + " migrations applied");
        }
        return Result.unhealthy(bad.stream().map(s -> s.version() + " " + s.status().label())
                .collect(Collectors.joining(", ")));
    }
}
