package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.GenericType;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: config/registry.yml with nothing set starts an embedded PostgreSQL, migrates it, loads
 * the demo data once, and keeps the data between runs.
 */
class EmbeddedDefaultTest {

    @Test
    void startsOnEmbeddedPostgresMigratesLoadsDemoDataAndKeepsItBetweenRuns() throws Exception {
        Path dataDir = Files.createTempDirectory("registry-embedded-test");
        for (int run = 1; run <= 2; run++) {
            DropwizardAppExtension<RegistryConfiguration> app = new DropwizardAppExtension<>(
                    RegistryApplication.class, ConfigFiles.path("registry.yml"),
                    ConfigOverride.config("database.url", ""),
                    ConfigOverride.config("database.embedded.dataDirectory", dataDir.resolve("postgres").toString()),
                    ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                    ConfigOverride.config("server.adminConnectors[0].port", "0"));
            app.before();
            try {
                Map<String, Map<String, Object>> health = app.client()
                        .target("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").request()
                        .get(new GenericType<>() { });
                assertThat(health.get("database").get("healthy")).isEqualTo(true);
                assertThat(health.get("migrations").get("healthy")).isEqualTo(true);
                RegistryDatabase db = ((RegistryApplication) app.getApplication()).database();
                assertThat(db.isEmbedded()).isTrue();
                Jdbi jdbi = ((RegistryApplication) app.getApplication()).jdbi();
                int institutions = jdbi.withHandle(h -> h.select("SELECT count(*) FROM institutions")
                        .mapTo(Integer.class).one());
                int fixtureRows = (int) Files.lines(ConfigFiles.projectFile("fixtures/institutions.csv")).count() - 1;
                assertThat(institutions).as("demo data loaded once, run " + run).isEqualTo(fixtureRows);
                String jit = jdbi.withHandle(h -> h.select("SHOW jit").mapTo(String.class).one());
                assertThat(jit).as("service connections run without PostgreSQL's JIT").isEqualTo("off");
            } finally {
                app.after();
            }
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
    }
}
