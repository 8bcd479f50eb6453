package org.aptrust.registry.web.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A brand-new database (migrated at start, no data): every job runs and the stats are healthy. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsHealthOnAnEmptyDatabaseTest {

    private static final TestDatabase DB = TestPostgres.emptyDatabase();

    static final DropwizardAppExtension<RegistryConfiguration> APP = new DropwizardAppExtension<>(
            RegistryApplication.class, ConfigFiles.path("test.yml"),
            ConfigOverride.config("database.url", DB.url()),
            ConfigOverride.config("database.user", DB.user() == null ? "" : DB.user()),
            ConfigOverride.config("database.password", DB.password() == null ? "" : DB.password()),
            ConfigOverride.config("database.migrateOnStart", "true"),
            ConfigOverride.config("scheduler.enabled", "true"));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void everyJobRunsAndTheStatsAreHealthy() {
        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        String text = APP.client().target(admin + "/tasks/refresh-stats?job=all").request().post(Entity.text(""))
                .readEntity(String.class);
        assertThat(text).doesNotContain("failed");
        // the migrations already wrote the (empty) months, so the history job has nothing to do
        assertThat(text).contains("historical: skipped").contains("not due: every month from 2014-01");
        Map<String, Map<String, Object>> body = APP.client().target(admin + "/healthcheck").request()
                .get(new GenericType<Map<String, Map<String, Object>>>() { });
        assertThat(body.get("stats").get("healthy")).as(body.toString()).isEqualTo(true);
        assertThat(body.get("scheduler").get("healthy")).as(body.toString()).isEqualTo(true);
    }
}
