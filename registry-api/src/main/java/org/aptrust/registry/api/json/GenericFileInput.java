package org.aptrust.registry.api.json;

import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.model.Vocabulary;

/**
 * A generic file as clients send it: alone (create, update) or in a batch, where it may carry its checksums,
 * storage records and events. Its modification time is {@code mtime}, the original's name (our own earlier name
 * {@code mod_time}, the column's, is read too).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenericFileInput(
        Long id,
        String fileFormat,
        Long size,
        String identifier,
        Integer intellectualObjectId,
        String state,
        LocalDateTime lastFixityCheck,
        Integer institutionId,
        String storageOption,
        String uuid,
        @JsonProperty("mtime") @JsonAlias("mod_time") LocalDateTime modTime,
        List<ChecksumWrites.NewChecksum> checksums,
        List<StorageRecordInput> storageRecords,
        List<PremisEventWrites.NewEvent> premisEvents) {

    public GenericFileInput {
        checksums = checksums == null ? List.of() : checksums;
        storageRecords = storageRecords == null ? List.of() : storageRecords;
        premisEvents = premisEvents == null ? List.of() : premisEvents;
    }

    /** Checks the file's own fields (not its nested rows) and returns the values to store. */
    public GenericFileWrites.FileValues validate(InputValidation v, String prefix, int institution) {
        v.required(prefix + "file_format", fileFormat);
        v.required(prefix + "identifier", identifier);
        v.nonNegative(prefix + "size", size);
        if (v.required(prefix + "intellectual_object_id", intellectualObjectId)) {
            v.check(intellectualObjectId > 0, prefix + "intellectual_object_id", "must be an object's id",
                    "an integer of 1 or more");
        }
        v.oneOf(prefix + "state", state, Vocabulary.STATES);
        v.oneOf(prefix + "storage_option", storageOption, Vocabulary.STORAGE_OPTIONS);
        v.uuid(prefix + "uuid", uuid);
        return new GenericFileWrites.FileValues(fileFormat, size == null ? 0 : size, identifier,
                intellectualObjectId == null ? 0 : intellectualObjectId, state, lastFixityCheck, institution,
                storageOption, uuid, modTime);
    }
}
