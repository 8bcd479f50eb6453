package org.aptrust.registry.db.faults;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a lost or unreachable database apart from every other database error: the connection was refused, closed
 * under a statement, or ended by the server (a restart, pg_terminate_backend, a crash), or the pool could give no
 * connection in time. Such a failure says nothing about the request, so it is answered 503 and, for a read, tried
 * once more on a fresh connection.
 */
public final class ConnectionFailures {

    /**
     * SQLSTATEs of a server that went away or will not take connections: admin_shutdown, crash_shutdown,
     * cannot_connect_now, too_many_connections. Class 08 (connection exception) is matched as a class.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private ConnectionFailures() {
    }

    /** True when the exception, or one of its causes, is a lost or refused database connection. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                    return true;
                }
                if (isPoolTimeout(sql)) {
                    return true;
                }
            }
            if (t instanceof IOException && t.getClass().getName().startsWith("java.net.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The Tomcat pool's "no connection within maxWait" (a plain SQLException subclass without a state). */
    private static boolean isPoolTimeout(SQLException e) {
        return e.getClass().getName().equals("org.apache.tomcat.jdbc.pool.PoolExhaustedException");
    }

    /** A short description of the failure for logs and health checks: the innermost message, first line only. */
    public static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }

    /**
     * Runs a read, and once more when it met a lost connection (a backend the server ended while the connection sat
     * in the pool; the pool validates every borrow, so the second run gets a live one). For reads that happen before
     * a resource method runs, outside the resource retry (the sign-in checks of the authentication filters), and for
     * nothing that writes more than a timestamp.
     */
    public static <T> T readingTwiceOnLostConnection(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (!isConnectionFailure(e)) {
                throw e;
            }
            return read.get();
        }
    }
}
