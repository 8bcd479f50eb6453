package org.aptrust.registry.web.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.codahale.metrics.Counter;
import io.dropwizard.db.ManagedDataSource;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/** One hot standby: its pool for reads, a connection of its own for the lag checks, and what the last check saw. */
final class Replica {

    private static final Pattern HOST_AND_DB = Pattern.compile("^jdbc:postgresql://([^/?]*)/?([^?]*)");

    /** What the last check found. usable: reads may go there now. */
    record Status(boolean usable, String state, Duration lag, boolean lagAtLeast, Boolean inRecovery,
                  Instant lastReplayed, Instant checkedAt, String error) {

        static Status unchecked() {
            return new Status(false, "not checked yet", null, false, null, null, null, null);
        }

        String describe() {
            StringBuilder sb = new StringBuilder(state);
            if (lag != null) {
                sb.append(", lag ").append(lagAtLeast ? "over " : "").append(lag.toMillis()).append(" ms");
            }
            if (Boolean.FALSE.equals(inRecovery)) {
                sb.append(", not in recovery (a primary)");
            }
            if (error != null) {
                sb.append(": ").append(error);
            }
            return sb.toString();
        }
    }

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final ManagedDataSource pool;
    private final Counter reads;
    private volatile Status status = Status.unchecked();
    /** Used by the monitor's thread only. */
    private Connection checkConnection;

    Replica(String name, String url, String user, String password, ManagedDataSource pool, Counter reads) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.pool = pool;
        this.reads = reads;
    }

    String name() {
        return name;
    }

    /** host:port/database, never the URL's parameters (they may hold a password). */
    String address() {
        Matcher m = HOST_AND_DB.matcher(url);
        return m.find() ? m.group(1) + "/" + m.group(2) : "(unparsed URL)";
    }

    ManagedDataSource pool() {
        return pool;
    }

    Counter reads() {
        return reads;
    }

    Status status() {
        return status;
    }

    /** @return the previous status */
    Status update(Status next) {
        Status before = status;
        status = next;
        if (before.usable() && !next.usable()) {
            dropPooledConnections();
        }
        return before;
    }

    /** A borrow failed: out of use until the next check finds it answering again. */
    void failed(SQLException e, Instant at) {
        update(new Status(false, "down", null, false, null, null, at, e.getMessage()));
    }

    /** Connections to a server that went away are dead; when it returns the pool opens new ones. */
    void dropPooledConnections() {
        if (pool instanceof DataSourceProxy proxy) {
            proxy.purge();
        }
    }

    Connection checkConnection(Duration timeout) throws SQLException {
        if (checkConnection == null || checkConnection.isClosed()) {
            Properties p = new Properties();
            if (user != null && !user.isBlank()) {
                p.setProperty("user", user);
            }
            if (password != null && !password.isBlank()) {
                p.setProperty("password", password);
            }
            String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
            p.setProperty("connectTimeout", seconds);
            p.setProperty("socketTimeout", seconds);
            p.setProperty("ApplicationName", "registry-replica-check");
            checkConnection = DriverManager.getConnection(url, p);
        }
        return checkConnection;
    }

    void closeCheckConnection() {
        if (checkConnection != null) {
            try {
                checkConnection.close();
            } catch (SQLException e) {
                // already gone
            }
            checkConnection = null;
        }
    }
}
