package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of work_items_view: a work item with its institution and the identifiers of its object and file.
 */
public record WorkItem(
        int id,
        Integer institutionId,
        String institutionName,
        String institutionIdentifier,
        Integer intellectualObjectId,
        String objectIdentifier,
        String altIdentifier,
        String bagGroupIdentifier,
        String storageOption,
        String bagitProfileIdentifier,
        String sourceOrganization,
        String internalSenderIdentifier,
        Integer genericFileId,
        String genericFileIdentifier,
        String name,
        String etag,
        String bucket,
        String user,
        String note,
        String action,
        String stage,
        String status,
        String outcome,
        LocalDateTime bagDate,
        LocalDateTime dateProcessed,
        Boolean retry,
        String node,
        Integer pid,
        Boolean needsAdminReview,
        Long size,
        LocalDateTime queuedAt,
        LocalDateTime stageStartedAt,
        String aptrustApprover,
        String instApprover,
        Long deletionRequestId,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
