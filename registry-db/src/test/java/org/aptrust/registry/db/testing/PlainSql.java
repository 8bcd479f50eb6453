package org.aptrust.registry.db.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.aptrust.registry.db.migrate.Migration;
import org.aptrust.registry.db.migrate.SqlStatements;

/**
 * Runs a migration file the way an operator does by hand, without the runner: {@code psql -f --single-transaction}
 * (one multi-statement execute in one transaction), or for a {@code -- registry:no-transaction} file plain
 * {@code psql -f} (each statement in its own transaction, as CREATE INDEX CONCURRENTLY needs). Used to prove the
 * files stand on their own.
 */
public final class PlainSql {

    private PlainSql() {
    }

    public static void run(Connection c, Migration m) throws SQLException {
        if (!m.transactional()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                for (SqlStatements.Statement s : SqlStatements.split(m.sql())) {
                    st.execute(s.sql());
                }
            } catch (SQLException e) {
                throw new SQLException(m.version() + ": " + e.getMessage(), e.getSQLState(), e);
            } finally {
                c.setAutoCommit(auto);
            }
            return;
        }
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
