package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of intellectual_objects_view: an object (bag) with its institution and the counts and sizes of its
 * active files (payload = files under data/).
 */
public record IntellectualObject(
        int id,
        String title,
        String description,
        String identifier,
        String altIdentifier,
        String access,
        String bagName,
        Integer institutionId,
        String state,
        String etag,
        String bagGroupIdentifier,
        String storageOption,
        String bagitProfileIdentifier,
        String sourceOrganization,
        String internalSenderIdentifier,
        String internalSenderDescription,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        String institutionName,
        String institutionIdentifier,
        String institutionType,
        Integer institutionParentId,
        long fileCount,
        long size,
        long payloadFileCount,
        long payloadSize) {
}
