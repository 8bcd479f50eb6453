package org.aptrust.registry.db.testing;

import org.aptrust.registry.db.dao.Daos;
import org.jdbi.v3.core.Jdbi;

/** A Jdbi configured like the application's (SQL objects, PostgreSQL plugin) on a test database. */
public final class TestJdbi {

    private TestJdbi() {
    }

    public static Jdbi on(TestDatabase db) {
        return Daos.configure(Jdbi.create(db.dataSource()));
    }

    /** Every DAO on a fresh copy of the fixture database. */
    public static Daos fixtureDaos() {
        return Daos.onDemand(on(TestPostgres.fixtureDatabase()));
    }
}
