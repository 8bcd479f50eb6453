package org.aptrust.registry.db.model;

import java.util.List;

/**
 * A file with everything its page and the API's file show need, read in one call.
 *
 * @param checksums      newest first
 * @param storageRecords in id order
 * @param events         newest first
 */
public record FileDetail(GenericFile file, List<Checksum> checksums, List<StorageRecord> storageRecords,
                         List<PremisEvent> events) {
    public FileDetail {
        checksums = List.copyOf(checksums);
        storageRecords = List.copyOf(storageRecords);
        events = List.copyOf(events);
    }
}
