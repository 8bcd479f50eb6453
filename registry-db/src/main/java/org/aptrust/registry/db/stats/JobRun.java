package org.aptrust.registry.db.stats;

import java.time.LocalDateTime;

/** One job's row of stats_job_runs: the last run by any instance, and the last success. Times are UTC. */
public record JobRun(
        String job,
        LocalDateTime lastStartedAt,
        LocalDateTime lastFinishedAt,
        String lastOutcome,
        String lastDetail,
        String lastError,
        Long lastDurationMs,
        String lastInstance,
        LocalDateTime lastSuccessAt,
        LocalDateTime lastRanAt,
        long runs,
        long failures) {
}
