package org.aptrust.registry.web.cluster;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.codahale.metrics.Counter;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;

/**
 * The data source of the read DAOs. Outside a request that {@link ReadRouteFilter} let read from a replica it is
 * the primary's pool. Inside one it hands out a connection of a usable replica, taking them in turn, and falls back
 * to the primary when none is usable or a replica refuses the connection (which takes that replica out of use
 * until its next check). Every statement of a DAO call runs on the one connection it borrowed, so a list's page
 * and its total (count cells included) are read together on the same server.
 */
final class RoutingDataSource implements DataSource {

    private final DataSource primary;
    private final List<Replica> replicas;
    private final Counter primaryReads;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();

    RoutingDataSource(DataSource primary, List<Replica> replicas, Counter primaryReads, Clock clock) {
        this.primary = primary;
        this.replicas = replicas;
        this.primaryReads = primaryReads;
        this.clock = clock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!ReadRoute.replicaAllowed()) {
            return primary.getConnection();
        }
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Replica r = replicas.get((start + i) % n);
            if (!r.status().usable()) {
                continue;
            }
            try {
                Connection c = r.pool().getConnection();
                r.reads().inc();
                return c;
            } catch (PoolExhaustedException e) {
                // busy, not broken: this read goes elsewhere, the replica stays in use
            } catch (SQLException e) {
                r.failed(e, clock.instant());
            }
        }
        primaryReads.inc();
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the read data source uses the configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
