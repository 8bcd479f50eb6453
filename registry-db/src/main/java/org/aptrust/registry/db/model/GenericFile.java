package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of generic_files_view: a file with its object's identifier and access, its institution, and its latest
 * digest per algorithm.
 */
public record GenericFile(
        int id,
        String fileFormat,
        Long size,
        String identifier,
        Integer intellectualObjectId,
        String objectIdentifier,
        String access,
        String state,
        LocalDateTime lastFixityCheck,
        Integer institutionId,
        String institutionName,
        String institutionIdentifier,
        String storageOption,
        String uuid,
        LocalDateTime modTime,
        String md5,
        String sha1,
        String sha256,
        String sha512,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
