package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** One row of ar_internal_metadata: the original's key/value store for job flags and last-run times. */
public record InternalMetadata(String key, String value, LocalDateTime createdAt, LocalDateTime updatedAt) {
}
