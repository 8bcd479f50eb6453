package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of work_items_view: a work item with its institution and the identifiers of its object and file.
 */
public record WorkItem(
        int id,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        Integer intellectualObjectId,
        Integer genericFileId,
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
        Integer institutionId,
        LocalDateTime queuedAt,
        Long size,
        LocalDateTime stageStartedAt,
        String aptrustApprover,
        String instApprover,
        Long deletionRequestId,
        String institutionName,
        String institutionIdentifier,
        String objectIdentifier,
        String altIdentifier,
        String bagGroupIdentifier,
        String storageOption,
        String bagitProfileIdentifier,
        String sourceOrganization,
        String internalSenderIdentifier,
        String genericFileIdentifier) {
}
