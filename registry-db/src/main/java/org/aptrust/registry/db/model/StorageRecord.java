package org.aptrust.registry.db.model;

/**
 * One row of storage_records: one preservation copy (URL) of a file.
 */
public record StorageRecord(
        long id,
        Integer genericFileId,
        String url) {
}
