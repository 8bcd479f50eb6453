package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Creates, updates and soft-deletes generic files, alone or in batches with their checksums, storage records and
 * events. Every method that writes more than one row runs in one transaction: all or nothing.
 */
@RegisterConstructorMapper(GenericFileWrites.StoredFile.class)
public interface GenericFileWrites {

    /**
     * A file as a client sends it (the admin API reads its body into this record: alone, or in a batch, where it
     * may carry its checksums, storage records and events) and as it is written, {@link #asWritten}. Its
     * modification time is {@code mtime} in JSON, the original's name (our own earlier name {@code mod_time}, the
     * column's, is read too). A body's id is never written: in a batch it names the stored file to update.
     */
    record FileValues(
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
            List<StorageRecordWrites.NewStorageRecord> storageRecords,
            List<PremisEventWrites.NewEvent> premisEvents) {

        public FileValues {
            checksums = checksums == null ? List.of() : checksums;
            storageRecords = storageRecords == null ? List.of() : storageRecords;
            premisEvents = premisEvents == null ? List.of() : premisEvents;
        }

        /**
         * The values to store for a file of the institution: no id for a new file (0 or none), a missing size or
         * object as 0, and of the nested rows only the new ones ({@link #isNew}).
         */
        public FileValues asWritten(int institution) {
            return new FileValues(isNew(id) ? null : id, fileFormat, size == null ? 0 : size, identifier,
                    intellectualObjectId == null ? 0 : intellectualObjectId, state, lastFixityCheck, institution,
                    storageOption, uuid, modTime, newRows(checksums, ChecksumWrites.NewChecksum::id),
                    newRows(storageRecords, StorageRecordWrites.NewStorageRecord::id),
                    newRows(premisEvents, PremisEventWrites.NewEvent::id));
        }

        /**
         * Whether a nested row (or a file of a batch) with this id is new: one that carries an id is already
         * stored, and a batch skips it, as the original does.
         */
        public static boolean isNew(Long id) {
            return id == null || id <= 0;
        }

        private static <T> List<T> newRows(List<T> rows, Function<T, Long> id) {
            return rows.stream().filter(r -> r != null && isNew(id.apply(r))).toList();
        }
    }

    /** What the write rules need to know about a stored file. */
    record StoredFile(int id, String identifier, int intellectualObjectId, int institutionId, String state,
                      String storageOption, LocalDateTime createdAt) {
    }

    @CreateSqlObject
    ChecksumWrites checksums();

    @CreateSqlObject
    StorageRecordWrites storageRecords();

    @CreateSqlObject
    PremisEventWrites events();

    @CreateSqlObject
    DeletionApprovals approvals();

    String STORED = "SELECT id, identifier, intellectual_object_id, institution_id, state, storage_option, created_at"
            + " FROM generic_files";

    @SqlQuery(STORED + " WHERE id = :id")
    Optional<StoredFile> find(@Bind("id") int id);

    @SqlQuery(STORED + " WHERE id = :id FOR UPDATE")
    Optional<StoredFile> lock(@Bind("id") int id);

    /** Open work items of the file's object ({@link ObjectWork}), of any action. */
    @SqlQuery("SELECT count(*)" + ObjectWork.OPEN)
    int unfinishedWorkOfObject(@Bind("id") int objectId);

    /**
     * The work item of a file's restoration: its object's bag and etag, the file's id and size, bound for the
     * institution's restoration bucket, at stage Requested and Pending.
     */
    @SqlUpdate("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, generic_file_id, name, etag,"
            + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, pid,"
            + " needs_admin_review, institution_id, size)"
            + " SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', o.id, f.id, o.bag_name || '.tar', o.etag,"
            + " i.restore_bucket, :user, 'Restoration of file ' || f.identifier || ' requested by ' || :user || '.',"
            + " :action, '" + IntellectualObjectWrites.RESTORATION_STAGE + "', 'Pending', 'Not started',"
            + " o.created_at, now() AT TIME ZONE 'UTC', true, 0, false, f.institution_id, f.size"
            + " FROM generic_files f JOIN intellectual_objects o ON o.id = f.intellectual_object_id"
            + " JOIN institutions i ON i.id = f.institution_id WHERE f.id = :id")
    @GetGeneratedKeys("id")
    int insertRestoration(@Bind("id") int id, @Bind("user") String user, @Bind("action") String action);

    /**
     * Asks for one file to be restored: a Restore File work item (a Glacier Restore for a file kept only in
     * Glacier), which the caller publishes. Refused (nothing written) when the file is deleted or its object has
     * unfinished work; the file's row stays locked until the end, so two requests at once make one item.
     *
     * @return the new work item's id
     */
    @Transaction
    default int requestRestoration(int id, String user) {
        StoredFile file = lock(id).orElseThrow(() -> new WriteConflictException("file " + id + " does not exist"));
        if (!"A".equals(file.state())) {
            throw new WriteConflictException("file " + file.identifier() + " is deleted: only active files can be"
                    + " restored");
        }
        int unfinished = unfinishedWorkOfObject(file.intellectualObjectId());
        if (unfinished > 0) {
            throw new WriteConflictException("the object of file " + file.identifier() + " has " + unfinished
                    + " unfinished work item(s); ask again once they are done");
        }
        return insertRestoration(id, user, restorationAction(file.storageOption()));
    }

    /** Glacier Restore for a file kept only in Glacier, else Restore File. */
    static String restorationAction(String storageOption) {
        return storageOption != null && storageOption.startsWith("Glacier") ? "Glacier Restore" : "Restore File";
    }

    @SqlQuery("SELECT id FROM generic_files WHERE identifier = :identifier")
    Optional<Integer> idOfIdentifier(@Bind("identifier") String identifier);

    @SqlQuery("SELECT id FROM generic_files WHERE uuid = :uuid")
    Optional<Integer> idOfUuid(@Bind("uuid") String uuid);

    @SqlUpdate("INSERT INTO generic_files (file_format, size, identifier, intellectual_object_id, created_at,"
            + " updated_at, state, last_fixity_check, institution_id, storage_option, uuid, mod_time)"
            + " VALUES (:fileFormat, :size, :identifier, :intellectualObjectId, now() AT TIME ZONE 'UTC',"
            + " now() AT TIME ZONE 'UTC', :state, COALESCE(:lastFixityCheck, TIMESTAMP '2000-01-01 00:00:00'),"
            + " :institutionId, :storageOption, :uuid, :modTime)")
    @GetGeneratedKeys("id")
    int insert(@BindMethods FileValues file);

    /** Updates what may change: identity (id, institution, identifier, object) never does. */
    @SqlUpdate("UPDATE generic_files SET file_format = :fileFormat, size = :size, state = :state,"
            + " last_fixity_check = COALESCE(:lastFixityCheck, last_fixity_check), storage_option = :keptStorageOption,"
            + " uuid = :uuid, mod_time = :modTime, updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int update(@Bind("id") int id, @BindMethods FileValues file, @Bind("keptStorageOption") String storageOption);

    @SqlUpdate("UPDATE generic_files SET state = 'D', updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int markDeleted(@Bind("id") int id);

    @SqlQuery("SELECT count(*) FROM work_items WHERE generic_file_id = :id AND action <> 'Delete'"
            + " AND status NOT IN ('Success', 'Failed', 'Cancelled')")
    int pendingWorkItems(@Bind("id") int id);

    /**
     * Applies an update to a stored file under the write rules, in the caller's transaction: the identity stays,
     * a file that is active keeps its storage option, and a file is only deleted through {@link #softDelete}.
     */
    default void applyUpdate(StoredFile stored, FileValues requested) {
        if (stored.institutionId() != requested.institutionId() || !stored.identifier().equals(requested.identifier())
                || stored.intellectualObjectId() != requested.intellectualObjectId()) {
            throw new IllegalArgumentException("a file's institution, identifier and object never change");
        }
        if ("A".equals(stored.state()) && "D".equals(requested.state())) {
            throw new WriteConflictException("file " + stored.id() + " is active: delete it with DELETE"
                    + " /admin-api/v3/files/delete/" + stored.id() + ", not by setting its state");
        }
        String option = "A".equals(stored.state()) ? stored.storageOption() : requested.storageOption();
        update(stored.id(), requested, option);
    }

    @Transaction
    default void updateFile(int id, FileValues requested) {
        StoredFile stored = lock(id).orElseThrow(() -> new WriteConflictException("file " + id + " does not exist"));
        applyUpdate(stored, requested);
    }

    /**
     * Saves a batch of files {@link FileValues#asWritten as written} (a file with an id is updated, one without
     * inserted) with their new checksums, storage records and events in one transaction; any failure leaves nothing
     * written. Returns the files' ids in batch order.
     */
    @Transaction
    default List<Integer> saveBatch(List<FileValues> batch) {
        List<Integer> ids = new ArrayList<>();
        for (FileValues f : batch) {
            int id;
            if (f.id() != null) {
                int wanted = f.id().intValue();
                StoredFile stored = lock(wanted).orElseThrow(
                        () -> new WriteConflictException("file " + wanted + " does not exist"));
                applyUpdate(stored, f);
                id = wanted;
            } else {
                id = insert(f);
            }
            for (ChecksumWrites.NewChecksum c : f.checksums()) {
                checksums().insert(c, id);
            }
            for (StorageRecordWrites.NewStorageRecord r : f.storageRecords()) {
                storageRecords().save(id, r.storedUrl());
            }
            PremisEventWrites.Owner owner = new PremisEventWrites.Owner(f.intellectualObjectId(), id,
                    f.institutionId());
            for (PremisEventWrites.NewEvent e : f.premisEvents()) {
                events().record(e, owner);
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * Soft-deletes a file: state D, a deletion event naming who asked and who approved, and its storage records
     * removed. Refused (nothing written) when the file is already deleted, has pending work other than its
     * deletion, has no approved deletion request (for the file or its object), or is inside its storage option's
     * retention minimum.
     *
     * @return the deletion event's id
     */
    @Transaction
    default int softDelete(int id) {
        StoredFile file = lock(id).orElseThrow(() -> new WriteConflictException("file " + id + " does not exist"));
        if ("D".equals(file.state())) {
            throw new WriteConflictException("file " + id + " is already deleted");
        }
        int pending = pendingWorkItems(id);
        if (pending > 0) {
            throw new WriteConflictException("file " + id + " has " + pending + " pending work item(s) other than its"
                    + " deletion; wait for them to finish");
        }
        DeletionApprovals.Approval approval = approvals().forFile(id, file.intellectualObjectId())
                .orElseThrow(() -> new WriteConflictException("file " + id + " has no approved deletion request"
                        + " (for the file or its object)"));
        approvals().assertRetentionPassed("file " + id, file.storageOption(), file.createdAt());
        markDeleted(id);
        storageRecords().deleteForFile(id);
        PremisEventWrites.Owner owner = new PremisEventWrites.Owner(file.intellectualObjectId(), id,
                file.institutionId());
        return events().insert(PremisEventWrites.NewEvent.deletion("File", approval, approvals().utcNow(), owner),
                owner);
    }
}
