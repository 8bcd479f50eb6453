package org.aptrust.registry.web.pages;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;

/**
 * The whole application on a fresh copy of the fixture database, which is dropped once the application has
 * stopped: {@code static final FixtureApp APP = new FixtureApp();} in a class extended with
 * {@code DropwizardExtensionsSupport}, then {@code APP.as(email)} for a client signed in as that fixture user.
 */
public final class FixtureApp extends DropwizardAppExtension<RegistryConfiguration> {

    private final TestDatabase db;

    public FixtureApp() {
        this(TestPostgres.fixtureDatabase());
    }

    private FixtureApp(TestDatabase db) {
        super(RegistryApplication.class, ConfigFiles.path("test.yml"), WebApp.overrides(db));
        this.db = db;
    }

    /** The database, for a test that reads what the pages wrote. */
    public TestDatabase db() {
        return db;
    }

    /** A client signed in as the fixture user with this address. */
    public PageClient as(String email) {
        return new PageClient(getLocalPort()).signIn(email);
    }

    @Override
    public void after() {
        try {
            super.after();
        } finally {
            db.drop();
        }
    }
}
