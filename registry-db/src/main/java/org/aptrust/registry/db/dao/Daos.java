package org.aptrust.registry.db.dao;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Every read DAO, on demand (each call borrows a connection for its duration). The application builds one from its
 * Jdbi and hands it to the API and web resources.
 */
public record Daos(
        AlertDao alerts,
        ChecksumDao checksums,
        DeletionRequestDao deletions,
        GenericFileDao files,
        InstitutionDao institutions,
        IntellectualObjectDao objects,
        PremisEventDao events,
        StorageRecordDao storageRecords,
        UserDao users,
        WorkItemDao workItems,
        CredentialsDao credentials) {

    public static Daos onDemand(Jdbi jdbi) {
        return new Daos(
                jdbi.onDemand(AlertDao.class),
                jdbi.onDemand(ChecksumDao.class),
                jdbi.onDemand(DeletionRequestDao.class),
                jdbi.onDemand(GenericFileDao.class),
                jdbi.onDemand(InstitutionDao.class),
                jdbi.onDemand(IntellectualObjectDao.class),
                jdbi.onDemand(PremisEventDao.class),
                jdbi.onDemand(StorageRecordDao.class),
                jdbi.onDemand(UserDao.class),
                jdbi.onDemand(WorkItemDao.class),
                jdbi.onDemand(CredentialsDao.class));
    }

    /** The plugins the DAOs rely on (SQL objects; PostgreSQL types). Idempotent. */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        return jdbi;
    }
}
