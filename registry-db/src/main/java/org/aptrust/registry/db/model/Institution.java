package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of institutions_view: an institution and its parent (for sub-accounts).
 */
public record Institution(
        int id,
        String name,
        String identifier,
        String state,
        String type,
        LocalDateTime deactivatedAt,
        Boolean otpEnabled,
        String receivingBucket,
        String restoreBucket,
        Integer spotRestoreFrequency,
        Long lastSpotRestoreWorkItemId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        Integer parentId,
        String parentName,
        String parentIdentifier,
        String parentState,
        LocalDateTime parentDeactivatedAt,
        Integer memberInstitutionId) {
}
