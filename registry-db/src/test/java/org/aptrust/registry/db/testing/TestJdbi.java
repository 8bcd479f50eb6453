package org.aptrust.registry.db.testing;

import java.sql.PreparedStatement;
import java.util.List;

import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.db.list.CountViewTotals;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/** A Jdbi configured like the application's (SQL objects, PostgreSQL plugin) on a test database. */
public final class TestJdbi {

    private TestJdbi() {
    }

    public static Jdbi on(TestDatabase db) {
        return Daos.configure(Jdbi.create(db.dataSource()));
    }

    /** A Jdbi like {@link #on} that adds the SQL of every statement it runs, as rendered, to the given list. */
    public static Jdbi recording(TestDatabase db, List<String> statements) {
        Jdbi jdbi = on(db);
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                statements.add(ctx.getRenderedSql());
            }
        });
        return jdbi;
    }

    /** Every DAO on a fresh copy of the fixture database. */
    public static Daos fixtureDaos() {
        return Daos.onDemand(on(TestPostgres.fixtureDatabase()));
    }

    /** The DAOs and the list readers of one fresh copy of the fixture database. */
    public record Fixture(Jdbi jdbi, Daos daos, ListReaders lists) {
    }

    public static Fixture fixture() {
        Jdbi jdbi = on(TestPostgres.fixtureDatabase());
        return new Fixture(jdbi, Daos.onDemand(jdbi), readers(jdbi));
    }

    /** Every list reader on a Jdbi, with exact totals (the count cells' totals are tested in stats/). */
    public static ListReaders readers(Jdbi jdbi) {
        return ListReaders.on(jdbi, new CountViewTotals());
    }
}
