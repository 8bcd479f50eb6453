package org.aptrust.registry.web.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Without migrateOnStart the service will not start on a schema that is behind, and says what is missing. */
class StartupRefusalTest {

    @Test
    void refusesToStartWithPendingMigrationsNamingThem() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        DropwizardAppExtension<RegistryConfiguration> app = new DropwizardAppExtension<>(
                RegistryApplication.class, ConfigFiles.path("test.yml"),
                ConfigOverride.config("database.url", db.url()),
                ConfigOverride.config("database.user", db.user() == null ? "" : db.user()),
                ConfigOverride.config("database.password", db.password() == null ? "" : db.password()));
        try {
            assertThatThrownBy(app::before)
                    .hasStackTraceContaining("not up to date")
                    .hasStackTraceContaining("000_initial_schema (pending)")
                    .hasStackTraceContaining("012_posix_metadata (pending)");
        } finally {
            app.after();
            db.drop();
        }
    }
}
