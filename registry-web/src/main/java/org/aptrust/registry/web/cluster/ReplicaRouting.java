package org.aptrust.registry.web.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import jakarta.servlet.DispatcherType;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.web.app.RegistryDatabase;
import org.aptrust.registry.web.app.RegistryDatabaseFactory;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads on replicas, in one place. With {@code database.replicas} empty this adds nothing and the read DAOs are the
 * primary's. With replicas it makes a pool per replica, the {@link ReplicaMonitor} that measures their lag, the
 * {@link RoutingDataSource} under a second Jdbi for the read DAOs, the {@link ReadRouteFilter} that lets only
 * eligible requests use it, and the "replicas" health check. The primary's pool and Jdbi are left as they are:
 * writes, sessions, API-key checks, jobs and workflows always use them.
 */
public final class ReplicaRouting {

    private final Jdbi reads;
    private final List<Replica> replicas;

    private ReplicaRouting(Jdbi reads, List<Replica> replicas) {
        this.reads = reads;
        this.replicas = replicas;
    }

    /**
     * @param primary      the primary's pool
     * @param primaryJdbi  the primary's Jdbi: the read Jdbi when no replica is configured
     * @param jdbiOver     builds a Jdbi configured like the primary's over another data source
     * @param secureCookie whether the read-your-writes cookie is Secure (as the session cookie)
     */
    public static ReplicaRouting install(Environment environment, RegistryDatabaseFactory config, RegistryDatabase db,
                                         DataSource primary, Jdbi primaryJdbi, Function<DataSource, Jdbi> jdbiOver,
                                         boolean secureCookie) {
        List<String> urls = config.replicaUrls();
        if (urls.isEmpty()) {
            return new ReplicaRouting(primaryJdbi, List.of());
        }
        Duration maxLag = config.replicaMaxLag();
        Duration interval = config.replicaCheckInterval();
        Duration readYourWrites = config.readYourWritesFor();
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalStateException("database.replicaCheckInterval must be positive");
        }
        Duration least = maxLag.plus(interval.multipliedBy(2));
        if (readYourWrites.compareTo(least) < 0) {
            throw new IllegalStateException("database.readYourWritesFor (" + readYourWrites + ") must be at least"
                    + " replicaMaxLag plus two replicaCheckIntervals (" + least + "), or a client could miss its"
                    + " own write");
        }
        MetricRegistry metrics = environment.metrics();
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException("database.replicas: not a PostgreSQL JDBC URL: entry " + (i + 1));
            }
            String name = "replica-" + (i + 1);
            ManagedDataSource pool = RegistryDatabaseFactory.withoutStatementProxies(
                    poolFor(url, db, config.maxConnections()).build(metrics, "database-" + name));
            environment.lifecycle().manage(pool);
            replicas.add(new Replica(name, url, db.user(), db.password(), pool,
                    metrics.counter(MetricRegistry.name(ReplicaRouting.class, "reads", name))));
        }
        Clock clock = Clock.systemUTC();
        ReplicaMonitor monitor = new ReplicaMonitor(primary, replicas, maxLag, interval, clock,
                environment.lifecycle().scheduledExecutorService("replica-monitor-%d", true).build());
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("replicas", new ReplicasHealthCheck(replicas, monitor));
        RoutingDataSource routing = new RoutingDataSource(primary, replicas,
                metrics.counter(MetricRegistry.name(ReplicaRouting.class, "reads", "primary")), clock);
        environment.servlets().addFilter("read-route", new ReadRouteFilter(readYourWrites, secureCookie, clock))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        return new ReplicaRouting(jdbiOver.apply(routing), List.copyOf(replicas));
    }

    /** The Jdbi of the read DAOs: replica-routed when replicas are configured, else the primary's. */
    public Jdbi reads() {
        return reads;
    }

    /**
     * A replica's pool: the primary's credentials (a physical replica has the primary's roles; parameters in the
     * URL win), no connection opened at start (a replica that is down must not stop the service), each borrowed
     * connection checked at most once a second, so a restarted replica's dead connections are replaced.
     */
    private static DataSourceFactory poolFor(String url, RegistryDatabase db, int maxConnections) {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(url);
        f.setUser(db.user());
        f.setPassword(db.password());
        f.setMaxSize(maxConnections);
        f.setMinSize(0);
        f.setInitialSize(0);
        f.setMaxWaitForConnection(io.dropwizard.util.Duration.seconds(2));
        f.setCheckConnectionOnBorrow(true);
        f.setValidationInterval(io.dropwizard.util.Duration.seconds(1));
        f.setValidationQueryTimeout(io.dropwizard.util.Duration.seconds(2));
        f.setValidationQuery("/* registry health check */ SELECT 1");
        f.setAutoCommentsEnabled(false);
        f.setProperties(Map.of("ApplicationName", "registry-replica", "connectTimeout", "3",
                "options", Daos.SESSION_OPTIONS));
        return f;
    }
}
