package org.aptrust.registry.web.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check interval: samples the primary's flushed WAL position, then asks each replica how far it has
 * replayed, and marks it usable when it answers, replays and is at most maxLag behind ({@link ReplicaLag}).
 * A replica that stops answering or falls behind is out of use at once (its pooled connections dropped); it comes
 * back at the first check that finds it current again.
 */
final class ReplicaMonitor implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);

    private static final String PRIMARY_SQL =
            "/* registry replica check */ SELECT pg_wal_lsn_diff(pg_current_wal_flush_lsn(), '0/0')::bigint";
    private static final String REPLICA_SQL = "/* registry replica check */ SELECT pg_is_in_recovery(),"
            + " CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint END,"
            + " pg_last_xact_replay_timestamp()";

    private final DataSource primary;
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final Duration interval;
    private final ReplicaLag lag;
    private final Clock clock;
    private volatile String primaryProblem;
    private volatile Instant primarySampledAt;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> checks;

    /** @param executor the lifecycle's executor the checks run in */
    ReplicaMonitor(DataSource primary, List<Replica> replicas, Duration maxLag, Duration interval, Clock clock,
                   ScheduledExecutorService executor) {
        this.executor = executor;
        this.primary = primary;
        this.replicas = replicas;
        this.maxLag = maxLag;
        this.interval = interval;
        this.clock = clock;
        // enough samples to tell any lag up to well past the bound
        this.lag = new ReplicaLag(maxLag.multipliedBy(2).plus(interval.multipliedBy(10)));
    }

    @Override
    public void start() {
        checks = executor.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checks != null) {
            checks.cancel(true);
        }
        replicas.forEach(Replica::closeCheckConnection);
    }

    /** The primary's last sample time and, when the last sample failed, why. */
    Instant primarySampledAt() {
        return primarySampledAt;
    }

    String primaryProblem() {
        return primaryProblem;
    }

    Duration maxLag() {
        return maxLag;
    }

    void checkAll() {
        try {
            samplePrimary();
            for (Replica r : replicas) {
                check(r);
            }
        } catch (RuntimeException e) {
            LOG.warn("replica check failed: {}", e.toString());
        }
    }

    private void samplePrimary() {
        long at = System.nanoTime();
        try (Connection c = primary.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(PRIMARY_SQL)) {
            rs.next();
            lag.primaryAt(at, rs.getLong(1));
            primarySampledAt = clock.instant();
            primaryProblem = null;
        } catch (SQLException e) {
            // Nothing new can be written while the primary is unreachable: replicas keep being measured against
            // the last sample.
            primaryProblem = e.getMessage();
        }
    }

    private void check(Replica r) {
        Instant now = clock.instant();
        Replica.Status next;
        try {
            Connection c = r.checkConnection(interval.plusSeconds(2));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(REPLICA_SQL)) {
                rs.next();
                boolean recovering = rs.getBoolean(1);
                long replay = rs.getLong(2);
                boolean noReplay = rs.wasNull();
                Timestamp replayed = rs.getTimestamp(3);
                Instant lastReplayed = replayed == null ? null : replayed.toInstant();
                if (!recovering) {
                    next = new Replica.Status(true, "in use", Duration.ZERO, false, false, null, now, null);
                } else if (noReplay) {
                    next = new Replica.Status(false, "not replaying", null, false, true, lastReplayed, now, null);
                } else if (!lag.hasSamples()) {
                    next = new Replica.Status(false, "waiting for the primary's position", null, false, true,
                            lastReplayed, now, primaryProblem);
                } else {
                    ReplicaLag.Lag l = lag.of(replay, System.nanoTime());
                    boolean within = !l.atLeast() && l.lag().compareTo(maxLag) <= 0;
                    next = new Replica.Status(within, within ? "in use" : "lagging (over " + maxLag.toMillis()
                            + " ms)", l.lag(), l.atLeast(), true, lastReplayed, now, null);
                }
            }
        } catch (SQLException e) {
            r.closeCheckConnection();
            next = new Replica.Status(false, "down", null, false, null, null, now, e.getMessage());
        }
        Replica.Status before = r.update(next);
        if (before.usable() != next.usable() || !before.state().equals(next.state())) {
            if (next.usable()) {
                LOG.info("replica {} ({}) {}", r.name(), r.address(), next.describe());
            } else {
                LOG.warn("replica {} ({}) out of use, reads go to the primary: {}", r.name(), r.address(),
                        next.describe());
            }
        }
    }
}
