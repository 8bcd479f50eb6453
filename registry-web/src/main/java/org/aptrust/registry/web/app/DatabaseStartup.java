package org.aptrust.registry.web.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.migrate.MigrationState;

/**
 * What happens to the schema when the service starts: migrate (when configured), or refuse to start while any
 * migration is pending, failed or changed; and on a brand-new embedded database, load the demo data.
 */
public final class DatabaseStartup {

    private DatabaseStartup() {
    }

    public static MigrationRunner runner(RegistryDatabase db, RegistryDatabaseFactory config,
                                         Consumer<String> progress) {
        return new MigrationRunner(db.simpleDataSource(), MigrationFiles.fromClasspath(),
                config.migrationSettings(), progress);
    }

    /** @return true when demo data was loaded now */
    public static boolean prepare(RegistryDatabase db, RegistryDatabaseFactory config, Consumer<String> progress) {
        MigrationRunner runner = runner(db, config, progress);
        if (config.isMigrateOnStart()) {
            runner.migrate(false);
        } else {
            List<MigrationState> blocking = runner.status().stream()
                    .filter(s -> s.runnable() || s.status() == MigrationState.Status.CHANGED).toList();
            if (!blocking.isEmpty()) {
                throw new IllegalStateException("the database schema is not up to date; run `db migrate` first."
                        + " Not applied: " + blocking.stream().map(s -> s.version() + " (" + s.status().label() + ")")
                        .collect(Collectors.joining(", ")));
            }
        }
        if (db.isEmbedded() && config.isLoadDemoData() && hasNoInstitutions(db)) {
            new DatabaseReset(db.simpleDataSource(), runner.migrations(), progress)
                    .loadFixtures(FixtureFiles.classpath());
            return true;
        }
        return false;
    }

    private static boolean hasNoInstitutions(RegistryDatabase db) {
        try (Connection c = db.simpleDataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM institutions)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read institutions: " + e.getMessage(), e);
        }
    }
}
