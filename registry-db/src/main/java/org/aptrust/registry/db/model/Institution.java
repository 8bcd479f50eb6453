package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of institutions_view: an institution and its parent (for sub-accounts).
 */
public record Institution(
        int id,
        String name,
        String identifier,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        String state,
        String type,
        Integer memberInstitutionId,
        LocalDateTime deactivatedAt,
        Boolean otpEnabled,
        String receivingBucket,
        String restoreBucket,
        Integer spotRestoreFrequency,
        Long lastSpotRestoreWorkItemId,
        Integer parentId,
        String parentName,
        String parentIdentifier,
        String parentState,
        LocalDateTime parentDeactivatedAt) {
}
