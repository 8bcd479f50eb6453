package org.aptrust.registry.db.dao;

import org.aptrust.registry.db.list.ListReader;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Every read DAO, on demand (each call borrows a connection for its duration): the reads of one record and of a
 * record's page (find, detail). The application builds one from its Jdbi and hands it to the API and web resources;
 * the lists are {@link ListReaders}.
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

    /**
     * Startup parameters of every service connection (primary and replicas). PostgreSQL's JIT is off: a list page's
     * statement over a large object or institution has a planner cost above {@code jit_above_cost}, and compiling it
     * took 70-300 ms where running it took 50-90 ms (the object page's file search at scale M, on a server built
     * with LLVM, as Debian's is). The stats functions turn it off for themselves already. An {@code options}
     * parameter in the JDBC URL replaces this one. The service's pools and the benchmarks connect with it.
     */
    public static final String SESSION_OPTIONS = "-c jit=off";

    /** The statement attribute that names a list's statements (see {@link ListReader#METRIC_NAME}). */
    public static final String METRIC_NAME = ListReader.METRIC_NAME;

    public static Daos onDemand(Jdbi jdbi) {
        return onDemand(jdbi, jdbi);
    }

    /**
     * The read DAOs on {@code reads} (which may send a request's reads to a replica), except the credentials, which
     * are always read on {@code primary}: a reset API key or a deactivation must count at once. Lists are not here:
     * each is a {@link ListReaders list reader}.
     */
    public static Daos onDemand(Jdbi reads, Jdbi primary) {
        return new Daos(
                reads.onDemand(AlertDao.class),
                reads.onDemand(ChecksumDao.class),
                reads.onDemand(DeletionRequestDao.class),
                reads.onDemand(GenericFileDao.class),
                reads.onDemand(InstitutionDao.class),
                reads.onDemand(IntellectualObjectDao.class),
                reads.onDemand(PremisEventDao.class),
                reads.onDemand(StorageRecordDao.class),
                reads.onDemand(UserDao.class),
                reads.onDemand(WorkItemDao.class),
                primary.onDemand(CredentialsDao.class));
    }

    /** The plugins the DAOs rely on (SQL objects; PostgreSQL types). Idempotent. */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        return jdbi;
    }
}
