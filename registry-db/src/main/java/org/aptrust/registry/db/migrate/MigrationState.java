package org.aptrust.registry.db.migrate;

import java.time.LocalDateTime;

/** What the database says about one migration, compared with the file. */
public record MigrationState(
        String version,
        Status status,
        LocalDateTime startedAt,
        LocalDateTime finishedAt,
        Long executionMs,
        String recordedChecksum,
        String fileChecksum,
        String appliedBy,
        String error) {

    public enum Status {
        /** Applied by this runner; the file is unchanged since. */
        APPLIED,
        /** Not run yet. */
        PENDING,
        /** The last attempt failed (or never finished); the next run retries it. */
        FAILED,
        /** Applied, but the file no longer matches the checksum recorded then. */
        CHANGED,
        /** Applied outside this runner (psql by hand): finished, but no checksum recorded. */
        ADOPTED,
        /** A row in schema_migrations with no file of that name. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** Whether migrate would run this file. */
    public boolean runnable() {
        return status == Status.PENDING || status == Status.FAILED;
    }
}
