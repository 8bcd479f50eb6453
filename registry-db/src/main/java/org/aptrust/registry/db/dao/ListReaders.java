package org.aptrust.registry.db.dao;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.TotalsStrategy;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.StorageRecord;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.model.WorkItem;
import org.jdbi.v3.core.Jdbi;

/**
 * Every list, one {@link ListReader} each: its whitelist from {@link Lists} (which names the view or table it reads,
 * defined in migrations/), its row record, the totals strategy and the Jdbi they read on. The application builds
 * this once, on its {@code reads} Jdbi (a replica's within requests that may use one) with the count cells' totals,
 * and hands it to the API resources and web pages. The statements are named, for the SQL timers and comments, as the
 * DAO methods that used to run them ({@code org.aptrust.registry.db.dao.GenericFileDao.list}), so the timers'
 * history goes on.
 */
public record ListReaders(
        ListReader<Alert> alerts,
        ListReader<Checksum> checksums,
        ListReader<DeletionRequest> deletions,
        ListReader<GenericFile> files,
        ListReader<Institution> institutions,
        ListReader<IntellectualObject> objects,
        ListReader<PremisEvent> events,
        ListReader<StorageRecord> storageRecords,
        ListReader<User> users,
        ListReader<WorkItem> workItems) {

    public static ListReaders on(Jdbi reads, TotalsStrategy totals) {
        return new ListReaders(
                reader(reads, Lists.ALERTS, Alert.class, totals, AlertDao.class),
                reader(reads, Lists.CHECKSUMS, Checksum.class, totals, ChecksumDao.class),
                reader(reads, Lists.DELETIONS, DeletionRequest.class, totals, DeletionRequestDao.class),
                reader(reads, Lists.FILES, GenericFile.class, totals, GenericFileDao.class),
                reader(reads, Lists.INSTITUTIONS, Institution.class, totals, InstitutionDao.class),
                reader(reads, Lists.OBJECTS, IntellectualObject.class, totals, IntellectualObjectDao.class),
                reader(reads, Lists.EVENTS, PremisEvent.class, totals, PremisEventDao.class),
                reader(reads, Lists.STORAGE_RECORDS, StorageRecord.class, totals, StorageRecordDao.class),
                reader(reads, Lists.USERS, User.class, totals, UserDao.class),
                reader(reads, Lists.WORK_ITEMS, WorkItem.class, totals, WorkItemDao.class));
    }

    private static <T> ListReader<T> reader(Jdbi jdbi, ListSpec spec, Class<T> row, TotalsStrategy totals,
                                            Class<?> namedAs) {
        return new ListReader<>(jdbi, spec, RecordMapper.of(row), totals, namedAs.getName());
    }
}
