package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of deletion_requests_view: a deletion request with the names of the people involved and how many files
 * and objects it covers. The confirmation token hash is deliberately left out.
 */
public record DeletionRequest(
        long id,
        Integer institutionId,
        Integer requestedById,
        LocalDateTime requestedAt,
        Integer confirmedById,
        LocalDateTime confirmedAt,
        Integer cancelledById,
        LocalDateTime cancelledAt,
        String institutionName,
        String institutionIdentifier,
        String requestedByName,
        String requestedByEmail,
        String confirmedByName,
        String confirmedByEmail,
        String cancelledByName,
        String cancelledByEmail,
        long fileCount,
        long objectCount) {
}
