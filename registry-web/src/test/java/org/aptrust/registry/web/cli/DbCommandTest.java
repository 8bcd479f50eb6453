package org.aptrust.registry.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's commands, run through Dropwizard's CLI exactly as `java -jar registry.jar db ...` runs them. */
class DbCommandTest {

    private TestDatabase db;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void setUp() {
        db = TestPostgres.emptyDatabase();
        realOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        point(db.url());
    }

    @AfterEach
    void tearDown() {
        System.setOut(realOut);
        System.clearProperty("dw.database.url");
        System.clearProperty("dw.database.user");
        System.clearProperty("dw.database.password");
        db.drop();
    }

    private void point(String url) {
        System.setProperty("dw.database.url", url);
        System.setProperty("dw.database.user", db.user() == null ? "" : db.user());
        System.setProperty("dw.database.password", db.password() == null ? "" : db.password());
    }

    private Optional<Throwable> run(String... args) {
        out.reset();
        RegistryApplication app = new RegistryApplication();
        Bootstrap<RegistryConfiguration> bootstrap = new Bootstrap<>(app);
        app.initialize(bootstrap);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(getClass()), bootstrap, out, err);
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = ConfigFiles.path("test.yml");
        Optional<Throwable> result = cli.run(all);
        out.writeBytes(err.toByteArray());
        return result;
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusDryRunMigrateStatus() throws Exception {
        assertThat(run("db", "status")).isPresent();
        int files = MigrationFiles.fromClasspath().size();
        assertThat(output()).contains("000_initial_schema").contains(files + " pending");

        assertThat(run("db", "migrate", "--dry-run")).isEmpty();
        assertThat(output()).contains("would apply: 000_initial_schema, 001_deposit_stats");

        assertThat(run("db", "migrate")).isEmpty();
        assertThat(output()).contains("applied 000_initial_schema in").contains("applied " + files + " migration(s)");

        assertThat(run("db", "status")).isEmpty();
        assertThat(output()).contains(files + " applied").doesNotContain("pending");

        assertThat(run("db", "migrate")).isEmpty();
        assertThat(output()).contains("schema is up to date").contains("applied 0 migration(s)");
    }

    @Test
    void resetLoadsTheFixturesAndLoadFixturesRefusesDuplicates() throws Exception {
        String fixtures = ConfigFiles.projectFile("fixtures/institutions.csv").getParent().toString();
        assertThat(run("db", "reset", "--fixtures", fixtures)).isEmpty();
        assertThat(output()).contains("dropped every object").contains("loaded 6 rows into institutions");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM intellectual_objects")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(18);
        }
        // Loading the same rows again breaks primary keys: refused, nothing half-loaded.
        assertThat(run("db", "load-fixtures", fixtures)).isPresent();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM institutions")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(6);
        }
    }

    @Test
    void resetRefusesADatabaseThatIsNotDisposable() {
        point("jdbc:postgresql://db.example.org:5432/registry_production");
        Optional<Throwable> result = run("db", "reset");
        assertThat(result).isPresent();
        assertThat(result.get()).hasMessageContaining("refusing").hasMessageContaining("db.example.org");
    }
}
