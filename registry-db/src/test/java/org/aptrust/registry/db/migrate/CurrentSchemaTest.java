package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * migrations/current/schema.sql is what every migration leaves, read off a freshly migrated database. When a new
 * migration changes the schema, this test fails until the file is written again:
 * {@code mvn -B verify -pl registry-db -Dtest=CurrentSchemaTest -Dregistry.writeCurrentSchema=true}.
 */
class CurrentSchemaTest {

    private static final Path FILE = Path.of("..").resolve(CurrentSchema.FILE);
    private static final Pattern VERSION = Pattern.compile("on PostgreSQL (\\d+)");

    @Test
    void theCurrentSchemaFileIsWhatTheMigrationsLeave() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try {
            new MigrationRunner(db.dataSource(), MigrationFiles.fromClasspath(), MigrationSettings.defaults(),
                    line -> { }).migrate(false);
            String now;
            try (Connection c = db.connect()) {
                now = CurrentSchema.of(c);
            }
            if (Boolean.getBoolean("registry.writeCurrentSchema")) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, now, StandardCharsets.UTF_8);
                return;
            }
            assertThat(FILE).as("run this test with -Dregistry.writeCurrentSchema=true to write it").exists();
            String file = Files.readString(FILE, StandardCharsets.UTF_8);
            Matcher written = VERSION.matcher(file);
            Matcher here = VERSION.matcher(now);
            assertThat(written.find() && here.find()).isTrue();
            if (written.group(1).equals(here.group(1))) {
                assertThat(now).as(CurrentSchema.FILE + " is out of date: run this test with"
                        + " -Dregistry.writeCurrentSchema=true and commit the file").isEqualTo(file);
            } else {
                // Another major version renders definitions differently: the same objects must still be there.
                assertThat(names(now)).as("objects in " + CurrentSchema.FILE).isEqualTo(names(file));
            }
        } finally {
            db.drop();
        }
    }

    /** The names the file creates, in order: tables, views, functions, constraints, indexes, triggers. */
    private static java.util.List<String> names(String schema) {
        return schema.lines()
                .filter(l -> l.matches("^(CREATE|ALTER TABLE) .*"))
                .map(l -> l.replaceAll("^(CREATE (OR REPLACE )?(UNIQUE )?(MATERIALIZED )?(TABLE|VIEW|INDEX|FUNCTION"
                        + "|PROCEDURE|TRIGGER) (CONCURRENTLY )?(\\S+?)[ (].*|ALTER TABLE (\\S+) ADD CONSTRAINT (\\S+) .*)$",
                        "$5 $7$8 $9"))
                .toList();
    }
}
