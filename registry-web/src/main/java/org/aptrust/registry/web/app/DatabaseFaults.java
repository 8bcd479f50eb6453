package org.aptrust.registry.web.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.aptrust.registry.db.faults.ConnectionFailures;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.spi.internal.ResourceMethodInvocationHandlerProvider;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the service lives through a database that goes away: the pool settings live in
 * {@link RegistryDatabaseFactory#poolFor}; this class holds what happens on a failure.
 * <ul>
 *   <li>{@link #connectionFailed()} empties the pool at once (idle connections closed, busy ones discarded when
 *       returned), so connections the server closed are never handed out again;</li>
 *   <li>{@link #retryingReads()} runs a GET or HEAD resource method a second time, on fresh connections, when its
 *       first run met a lost connection (a read is idempotent; a write is never repeated);</li>
 *   <li>{@link #healthCheck()} answers within a bounded time with the driver's own words for what is wrong;</li>
 *   <li>{@link #watchdog()} starts the embedded PostgreSQL again if its process dies.</li>
 * </ul>
 * What is still failing after that is answered 503 with Retry-After (the API's JSON, the pages' friendly page),
 * by the database error mapper.
 */
public final class DatabaseFaults {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFaults.class);

    private final RegistryDatabase database;
    private final ManagedDataSource pool;
    private final AtomicLong purges = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public DatabaseFaults(RegistryDatabase database, ManagedDataSource pool) {
        this.database = database;
        this.pool = pool;
    }

    /** A connection was found lost: drop every pooled connection, so the next borrow opens a fresh one. */
    public void connectionFailed() {
        if (pool instanceof DataSourceProxy proxy) {
            proxy.purge();
            purges.incrementAndGet();
        }
    }

    /** How often the pool was emptied after a lost connection (for tests and metrics). */
    public long purges() {
        return purges.get();
    }

    /** How many reads were run a second time after a lost connection. */
    public long retries() {
        return retries.get();
    }

    /** Jersey's hook around every resource method: reads are run once more after a lost connection. */
    public ResourceMethodInvocationHandlerProvider retryingReads() {
        return new RetryingReads();
    }

    private final class RetryingReads implements ResourceMethodInvocationHandlerProvider {
        @Override
        public InvocationHandler create(Invocable invocable) {
            Method definition = invocable.getDefinitionMethod();
            boolean idempotent = definition != null
                    && (definition.isAnnotationPresent(GET.class) || definition.isAnnotationPresent(HEAD.class));
            return (target, method, args) -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (!ConnectionFailures.isConnectionFailure(e.getCause())) {
                        throw e;
                    }
                    connectionFailed();
                    if (!idempotent) {
                        throw e;
                    }
                    retries.incrementAndGet();
                    LOG.debug("lost a database connection during {}.{}; reading again on a fresh one ({})",
                            method.getDeclaringClass().getSimpleName(), method.getName(),
                            ConnectionFailures.describe(e.getCause()));
                    return method.invoke(target, args);
                }
            };
        }
    }

    /**
     * The "database" health check: a connection of its own (not the pool's, which may be exhausted or hold a dead
     * connection), with connect and socket timeouts, so it answers within about {@code timeout} and says what the
     * driver said: refused, timed out, authentication failed, database missing.
     */
    public HealthCheck healthCheck(Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        return new HealthCheck() {
            @Override
            protected Result check() {
                PGSimpleDataSource ds = (PGSimpleDataSource) database.simpleDataSource();
                ds.setConnectTimeout(seconds);
                ds.setLoginTimeout(seconds);
                ds.setSocketTimeout(seconds);
                ds.setApplicationName("registry health check");
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.setQueryTimeout(seconds);
                    st.execute("SELECT 1");
                    return Result.healthy();
                } catch (SQLException e) {
                    return Result.unhealthy("database unreachable at " + database.jdbcUrl() + ": "
                            + ConnectionFailures.describe(e));
                }
            }
        };
    }

    /**
     * For the embedded default: checks every {@code every} that the embedded PostgreSQL's process is alive and
     * starts it again (same port, same data) when it is not, emptying the pool so no dead connection is reused. Does
     * nothing for an external server: that one is its operator's to restart, and the pool reconnects by itself.
     *
     * @param timer the lifecycle's executor for it (it outlives the checks, and shuts down after them)
     */
    public Managed watchdog(ScheduledExecutorService timer, Duration every) {
        return new Managed() {
            private ScheduledFuture<?> checks;

            @Override
            public void start() {
                EmbeddedPostgresServer server = database.embeddedServer();
                if (server == null) {
                    return;
                }
                checks = timer.scheduleWithFixedDelay(() -> {
                    try {
                        if (server.restartIfDead()) {
                            connectionFailed();
                            LOG.warn("embedded PostgreSQL started again on port {}", server.port());
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("embedded PostgreSQL could not be started again yet: {}", e.getMessage());
                    }
                }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (checks != null) {
                    checks.cancel(true);
                }
            }
        };
    }
}
