package org.aptrust.registry.db.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The statistics jobs, by the names the scheduler, the admin tasks and stats_job_runs use. */
public enum StatsJob {
    /** Fold captured changes into the count cells and refresh the four *_counts views. */
    COUNTS("counts"),
    /** Refresh current_deposit_stats. */
    CURRENT("current"),
    /** Add the missing first-of-month rows of historical_deposit_stats (and their zero rows). */
    HISTORICAL("historical"),
    /** Add the zero rows the deposit charts need. */
    EMPTY("empty");

    private final String key;

    StatsJob(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<StatsJob> fromKey(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(j -> j.key.equals(k)).findFirst();
    }

    /** "counts, current, historical, empty" for messages. */
    public static String keys() {
        return Arrays.stream(values()).map(StatsJob::key).collect(Collectors.joining(", "));
    }
}
