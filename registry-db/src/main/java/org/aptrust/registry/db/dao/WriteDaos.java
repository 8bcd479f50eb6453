package org.aptrust.registry.db.dao;

import org.jdbi.v3.core.Jdbi;

/**
 * Every write DAO, on demand. Writes live apart from the read DAOs ({@link Daos}): reads go through the views and
 * the list engine; writes go to the tables, each aggregate's rules in one transaction.
 */
public record WriteDaos(
        ChecksumWrites checksums,
        StorageRecordWrites storageRecords,
        PremisEventWrites events,
        GenericFileWrites files,
        IntellectualObjectWrites objects,
        WorkItemWrites workItems,
        AlertWrites alerts) {

    public static WriteDaos onDemand(Jdbi jdbi) {
        return new WriteDaos(
                jdbi.onDemand(ChecksumWrites.class),
                jdbi.onDemand(StorageRecordWrites.class),
                jdbi.onDemand(PremisEventWrites.class),
                jdbi.onDemand(GenericFileWrites.class),
                jdbi.onDemand(IntellectualObjectWrites.class),
                jdbi.onDemand(WorkItemWrites.class),
                jdbi.onDemand(AlertWrites.class));
    }
}
