package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of deletion_requests_view: a deletion request with the names of the people involved and how many files
 * and objects it covers, and the stage and status of its latest work item. The confirmation token hash is
 * deliberately left out.
 */
public record DeletionRequest(
        long id,
        Integer institutionId,
        String institutionName,
        String institutionIdentifier,
        Integer requestedById,
        String requestedByName,
        String requestedByEmail,
        LocalDateTime requestedAt,
        Integer confirmedById,
        String confirmedByName,
        String confirmedByEmail,
        LocalDateTime confirmedAt,
        Integer cancelledById,
        String cancelledByName,
        String cancelledByEmail,
        LocalDateTime cancelledAt,
        long fileCount,
        long objectCount,
        String stage,
        String status) {
}
