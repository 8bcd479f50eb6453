package org.aptrust.registry.db.testing;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own copy of the fixture database ({@link TestPostgres#fixtureDatabase()}), made before its first
 * test and dropped after its last:
 * {@code @RegisterExtension static final FixtureDatabaseExtension FIXTURE = new FixtureDatabaseExtension();}, then
 * {@code FIXTURE.db()} and {@code FIXTURE.jdbi()}.
 */
public final class FixtureDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase db;
    private Jdbi jdbi;

    @Override
    public void beforeAll(ExtensionContext context) {
        db = TestPostgres.fixtureDatabase();
        jdbi = Jdbi.create(db.dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db != null) {
            db.drop();
        }
        db = null;
        jdbi = null;
    }

    public TestDatabase db() {
        if (db == null) {
            throw new IllegalStateException("the fixture database exists only while the test class runs");
        }
        return db;
    }

    /** A plain Jdbi on the database (no SQL-object configuration: {@link TestJdbi#on} for that). */
    public Jdbi jdbi() {
        db();
        return jdbi;
    }
}
