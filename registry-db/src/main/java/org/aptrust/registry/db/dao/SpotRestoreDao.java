package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The restoration spot tests' reads and writes (functions of migration 051). */
@RegisterConstructorMapper(SpotRestoreDao.Due.class)
@RegisterConstructorMapper(SpotRestoreDao.Candidate.class)
@RegisterConstructorMapper(SpotRestoreDao.Institution.class)
public interface SpotRestoreDao {

    /** An institution due for a spot test, with its frequency in days. */
    record Due(int institutionId, int spotRestoreFrequency) {
    }

    /** The object a spot test restores. */
    record Candidate(int id, String identifier, String storageOption, java.math.BigDecimal size) {
    }

    /** What the spot test's alert names of the institution. */
    record Institution(String name, String restoreBucket) {
    }

    @SqlQuery("SELECT name, restore_bucket FROM institutions WHERE id = :id")
    Institution institution(@Bind("id") int institutionId);

    @SqlQuery("SELECT institution_id, spot_restore_frequency FROM spot_restore_due_institutions()")
    List<Due> due();

    /** Locks the institution's row and answers whether it is still due (another run may have just served it). */
    @SqlQuery("SELECT d.institution_id, d.spot_restore_frequency FROM"
            + " (SELECT id FROM institutions WHERE id = :id FOR UPDATE) i"
            + " JOIN spot_restore_due_institutions() d ON d.institution_id = i.id")
    Optional<Due> lockIfDue(@Bind("id") int institutionId);

    /** One run per institution at a time; the lock goes with the transaction. The key is this job's alone. */
    @SqlQuery("SELECT pg_try_advisory_xact_lock(hashtext('registry: restoration spot test'), :id)")
    boolean tryLock(@Bind("id") int institutionId);

    @SqlQuery("SELECT id, identifier, storage_option, size FROM spot_restore_candidate(:id, :minSize, :days)")
    Optional<Candidate> candidate(@Bind("id") int institutionId, @Bind("minSize") long minSize,
                                  @Bind("days") int days);

    @SqlUpdate("UPDATE institutions SET last_spot_restore_work_item_id = :item,"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    void record(@Bind("id") int institutionId, @Bind("item") long workItemId);

    @SqlBatch("INSERT INTO alerts_work_items (alert_id, work_item_id) VALUES (:alertId, :itemId)")
    void linkWorkItems(@Bind("alertId") long alertId, @Bind("itemId") List<Integer> workItemIds);
}
