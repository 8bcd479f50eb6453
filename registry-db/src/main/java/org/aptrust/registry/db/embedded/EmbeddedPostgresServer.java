package org.aptrust.registry.db.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run in-process from the zonky binaries: the service's default database (data kept in a
 * folder between runs) and the test suite's fallback when no other server is given.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The superuser of an embedded cluster; it trusts local connections, so no password. */
    public static final String USER = "postgres";

    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private volatile boolean closed;
    /** The postmaster (zonky starts it through pg_ctl, so it is not a child process of ours); null if unknown. */
    private volatile ProcessHandle postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = postgres.getPort();
        this.postmaster = postmaster(dataDirectory);
    }

    /** The postmaster named by the first line of the data directory's postmaster.pid, if it can be read. */
    private static ProcessHandle postmaster(Path dataDirectory) {
        if (dataDirectory == null) {
            return null;
        }
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(first)).orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the embedded PostgreSQL's process id: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; kept between runs. Null for a throw-away cluster.
     * @param port          0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return new EmbeddedPostgresServer(launch(dataDirectory, port), dataDirectory);
    }

    private static EmbeddedPostgres launch(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("embedded PostgreSQL listening on 127.0.0.1:{}{}", pg.getPort(),
                    dataDirectory == null ? "" : " with its data in " + dataDirectory.toAbsolutePath());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** True while the server process (the postmaster this object started) is alive. */
    public boolean isRunning() {
        ProcessHandle p = postmaster;
        return p == null || p.isAlive();
    }

    /**
     * Starts the server again, on the same port and data directory, when its process has died (killed, crashed, out
     * of memory). Only for a server with a data directory: a throw-away cluster has nothing to come back to.
     *
     * @return true when a dead server was started again; false when it was running (or cannot be restarted)
     * @throws java.io.UncheckedIOException when it could not be started yet (the caller tries again later)
     */
    public synchronized boolean restartIfDead() {
        if (closed || isRunning() || dataDirectory == null) {
            return false;
        }
        LOG.warn("embedded PostgreSQL on port {} is not running; starting it again", port);
        try {
            postgres.close(); // releases zonky's lock on the data directory; the data stays
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the dead embedded PostgreSQL: {}", e.getMessage());
        }
        postgres = launch(dataDirectory, port);
        postmaster = postmaster(dataDirectory);
        return true;
    }

    /** Stops the server process at once, as a crash would (for tests of the watchdog and of recovery). */
    public void kill() {
        ProcessHandle p = postmaster;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; returns true when it was created (an empty, new database). */
    public boolean ensureDatabase(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
