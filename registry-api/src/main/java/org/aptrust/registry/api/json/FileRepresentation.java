package org.aptrust.registry.api.json;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.model.FileDetail;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.StorageRecord;

/**
 * A file as the original's file show and admin file list send it: the file's fields, then its checksums (newest
 * first), events (newest first) and storage records.
 */
public record FileRepresentation(@JsonUnwrapped GenericFile file, List<Checksum> checksums,
                                 List<PremisEvent> premisEvents, List<StorageRecord> storageRecords) {

    public static FileRepresentation of(FileDetail d) {
        return new FileRepresentation(d.file(), d.checksums(), d.events(), d.storageRecords());
    }
}
