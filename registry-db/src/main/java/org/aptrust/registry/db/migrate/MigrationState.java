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
        /**
         * Applied outside this runner (psql by hand): finished, but no checksum recorded. Also a file that the
         * runner found folded into an original-built database (see FOLDED) once migrate has recorded it.
         */
        ADOPTED,
        /**
         * No row, but the database was built by the original Registry and records one of its later migrations by
         * hand: the original's schema.sql already contains this file's changes (it folds 001-006 in). Migrate
         * records it as adopted and never runs it.
         */
        FOLDED,
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
