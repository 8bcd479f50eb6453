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
        ConfigOverride[] all = new ConfigOverride[3 + more.length];
        all[0] = ConfigOverride.config("database.url", db.url());
        all[1] = ConfigOverride.config("database.user", db.user() == null ? "" : db.user());
        all[2] = ConfigOverride.config("database.password", db.password() == null ? "" : db.password());
        System.arraycopy(more, 0, all, 3, more.length);
        return new DropwizardAppExtension<>(RegistryApplication.class, ConfigFiles.path("test.yml"), all);
    }
}
