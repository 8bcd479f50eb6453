package org.aptrust.registry.db.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** One database of the test server, owned by one test class. */
public record TestDatabase(TestPostgres.Server server, String name) {

    public String url() {
        return server.url(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url());
        if (server.user() != null) {
            ds.setUser(server.user());
        }
        if (server.password() != null) {
            ds.setPassword(server.password());
        }
        return ds;
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    public void drop() {
        TestPostgres.drop(name);
    }
}
