package org.aptrust.registry.web.app;

import javax.sql.DataSource;

import io.dropwizard.lifecycle.Managed;
import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/** The database the service talks to, once resolved: an external server or the embedded one it started. */
public final class RegistryDatabase implements Managed, AutoCloseable {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private final boolean createdNow;

    RegistryDatabase(String jdbcUrl, String user, String password, EmbeddedPostgresServer embedded,
                     boolean createdNow) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.createdNow = createdNow;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server this service started, or null for an external one. */
    public EmbeddedPostgresServer embeddedServer() {
        return embedded;
    }

    /** True when the embedded database did not exist before this start. */
    public boolean createdNow() {
        return createdNow;
    }

    /** Unpooled connections: for the migration runner, which holds one connection for its whole run. */
    public DataSource simpleDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        if (user != null && !user.isBlank()) {
            ds.setUser(user);
        }
        if (password != null && !password.isBlank()) {
            ds.setPassword(password);
        }
        ds.setApplicationName("registry");
        return ds;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
