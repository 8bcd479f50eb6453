package org.aptrust.registry.db.stats;

import java.util.Locale;

/** How a job run ended, as stored in stats_job_runs.last_outcome. */
public enum StatsOutcome {
    RAN,
    SKIPPED,
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
