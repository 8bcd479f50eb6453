package org.aptrust.registry.web.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.aptrust.registry.db.dao.MaintenanceDao;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Registry is in maintenance mode, as every instance on the database sees it. The row an operator
 * wrote with the maintenance task wins; without one, the instance's `maintenance:` configuration decides. The
 * answer is cached for {@link #CACHE_FOR}, so a request costs no query; a switch made through any instance is seen
 * by all of them within that time. When the database cannot be read, the last answer stands.
 */
public final class MaintenanceMode {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMode.class);

    /** How long one read of the switch is trusted. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(1);

    private record Reading(boolean on, Instant at) {
    }

    private final Jdbi jdbi;
    private final boolean configured;
    private final Clock clock;
    private volatile Reading last;

    public MaintenanceMode(Jdbi jdbi, boolean configured, Clock clock) {
        this.jdbi = jdbi;
        this.configured = configured;
        this.clock = clock;
    }

    public boolean isOn() {
        Reading r = last;
        Instant now = clock.instant();
        if (r != null && now.isBefore(r.at().plus(CACHE_FOR))) {
            return r.on();
        }
        synchronized (this) {
            r = last;
            if (r != null && now.isBefore(r.at().plus(CACHE_FOR))) {
                return r.on();
            }
            boolean on;
            try {
                on = stored().orElse(configured);
            } catch (RuntimeException e) {
                on = r == null ? configured : r.on();
                LOG.warn("maintenance switch unreadable, keeping maintenance {}: {}", on ? "on" : "off",
                        e.getMessage());
            }
            last = new Reading(on, now);
            return on;
        }
    }

    /** What an operator last switched the mode to, if anyone has. */
    public Optional<Boolean> stored() {
        return jdbi.withExtension(MaintenanceDao.class, MaintenanceDao::stored);
    }

    /** The instance's configured value, which holds while no operator has switched the mode. */
    public boolean configured() {
        return configured;
    }

    /** Switches the mode for every instance; this one sees it at once, the others within {@link #CACHE_FOR}. */
    public void set(boolean on, String by) {
        jdbi.useExtension(MaintenanceDao.class, dao -> dao.store(on, by));
        last = new Reading(on, clock.instant());
        LOG.warn("maintenance mode switched {} by {}", on ? "on" : "off", by);
    }
}
