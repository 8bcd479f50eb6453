package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.model.FileDetail;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.StorageRecord;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Reads generic_files_view, and a file's checksums, storage records and events for its page. */
@RegisterConstructorMapper(GenericFile.class)
@RegisterConstructorMapper(Checksum.class)
@RegisterConstructorMapper(StorageRecord.class)
@RegisterConstructorMapper(PremisEvent.class)
public interface GenericFileDao {

    @SqlQuery("SELECT * FROM generic_files_view WHERE id = :id")
    Optional<GenericFile> find(@Bind("id") int id);

    /** By the file's identifier (institution.edu/bag/data/path). */
    @SqlQuery("SELECT * FROM generic_files_view WHERE identifier = :identifier")
    Optional<GenericFile> findByIdentifier(@Bind("identifier") String identifier);

    @SqlQuery("SELECT * FROM generic_files_view WHERE uuid = :uuid")
    Optional<GenericFile> findByUuid(@Bind("uuid") String uuid);

    /** The file with its checksums (newest first), storage records and events (newest first), from one snapshot. */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default Optional<FileDetail> detail(int id) {
        return find(id).map(f -> new FileDetail(f, checksumsOf(id), storageRecordsOf(id), eventsOf(id)));
    }

    @SqlQuery("SELECT * FROM checksums_view WHERE generic_file_id = :id ORDER BY created_at DESC, id DESC")
    List<Checksum> checksumsOf(@Bind("id") int fileId);

    @SqlQuery("SELECT * FROM storage_records WHERE generic_file_id = :id ORDER BY id")
    List<StorageRecord> storageRecordsOf(@Bind("id") int fileId);

    @SqlQuery("SELECT * FROM premis_events_view WHERE generic_file_id = :id ORDER BY date_time DESC, id DESC")
    List<PremisEvent> eventsOf(@Bind("id") int fileId);

    /**
     * Files with their checksums, storage records and events (the admin API's file list returns them nested): three
     * queries for the whole page, not three per file.
     */
    @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
    default List<FileDetail> withRelations(List<GenericFile> files) {
        int[] ids = files.stream().mapToInt(GenericFile::id).toArray();
        Map<Integer, List<Checksum>> checksums = checksumsOf(ids).stream()
                .collect(Collectors.groupingBy(Checksum::genericFileId));
        Map<Integer, List<StorageRecord>> records = storageRecordsOf(ids).stream()
                .collect(Collectors.groupingBy(StorageRecord::genericFileId));
        Map<Integer, List<PremisEvent>> events = eventsOf(ids).stream()
                .collect(Collectors.groupingBy(PremisEvent::genericFileId));
        return files.stream().map(f -> new FileDetail(f, checksums.getOrDefault(f.id(), List.of()),
                records.getOrDefault(f.id(), List.of()), events.getOrDefault(f.id(), List.of()))).toList();
    }

    @SqlQuery("SELECT * FROM checksums_view WHERE generic_file_id = ANY(:ids)"
            + " ORDER BY generic_file_id, created_at DESC, id DESC")
    List<Checksum> checksumsOf(@Bind("ids") int[] fileIds);

    @SqlQuery("SELECT * FROM storage_records WHERE generic_file_id = ANY(:ids) ORDER BY generic_file_id, id")
    List<StorageRecord> storageRecordsOf(@Bind("ids") int[] fileIds);

    @SqlQuery("SELECT * FROM premis_events_view WHERE generic_file_id = ANY(:ids)"
            + " ORDER BY generic_file_id, date_time DESC, id DESC")
    List<PremisEvent> eventsOf(@Bind("ids") int[] fileIds);

    /** A file-level work item (a file restore or delete) is still open: restore and delete must wait. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM work_items WHERE generic_file_id = :id"
            + " AND status NOT IN ('Success', 'Failed', 'Cancelled'))")
    boolean hasPendingWorkItems(@Bind("id") int fileId);
}
