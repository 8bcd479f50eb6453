package org.aptrust.registry.db.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.aptrust.registry.db.migrate.Migration;

/**
 * Runs a migration file the way an operator does by hand (psql -f --single-transaction), without the runner: one
 * multi-statement execute in one transaction. Used to prove the files stand on their own.
 */
public final class PlainSql {

    private PlainSql() {
    }

    public static void run(Connection c, Migration m) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(m.sql());
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException(m.version() + ": " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
