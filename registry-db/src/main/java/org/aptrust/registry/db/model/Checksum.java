package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of checksums_view: a checksum with its file's state, identifier, object and institution.
 */
public record Checksum(
        int id,
        String algorithm,
        LocalDateTime datetime,
        String digest,
        String state,
        String genericFileIdentifier,
        Integer genericFileId,
        Integer intellectualObjectId,
        Integer institutionId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
