package org.aptrust.registry.web.pages;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;

/** The whole application on a test database, for page tests (config/test.yml plus the database's address). */
public final class WebApp {

    private WebApp() {
    }

    public static DropwizardAppExtension<RegistryConfiguration> on(TestDatabase db, ConfigOverride... more) {
        return on(RegistryApplication.class, db, more);
    }

    /** The same for a subclass of the application (a test that adds a resource of its own). */
    public static DropwizardAppExtension<RegistryConfiguration> on(Class<? extends RegistryApplication> app,
                                                                  TestDatabase db, ConfigOverride... more) {
        return new DropwizardAppExtension<>(app, ConfigFiles.path("test.yml"), overrides(db, more));
    }

    /** The database's address, then {@code more}. */
    static ConfigOverride[] overrides(TestDatabase db, ConfigOverride... more) {
        ConfigOverride[] all = new ConfigOverride[3 + more.length];
        all[0] = ConfigOverride.config("database.url", db.url());
        all[1] = ConfigOverride.config("database.user", db.user() == null ? "" : db.user());
        all[2] = ConfigOverride.config("database.password", db.password() == null ? "" : db.password());
        System.arraycopy(more, 0, all, 3, more.length);
        return all;
    }
}
