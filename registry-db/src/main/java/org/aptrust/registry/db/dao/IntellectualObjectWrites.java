package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Creates, updates and soft-deletes intellectual objects. */
@RegisterConstructorMapper(IntellectualObjectWrites.StoredObject.class)
public interface IntellectualObjectWrites {

    /**
     * An object as a client sends it (the admin API reads its body into this record) and as it is written. Two
     * columns are the rules' to decide and are given to {@link #insert} and {@link #updateObject} beside it: the
     * institution (the URL's, or the stored one) and the bag name (taken from the identifier when the body has
     * none). A body's id is never written.
     */
    record ObjectValues(
            Long id,
            String title,
            String description,
            String identifier,
            String altIdentifier,
            String access,
            String bagName,
            Integer institutionId,
            String state,
            String etag,
            String bagGroupIdentifier,
            String storageOption,
            String bagitProfileIdentifier,
            String sourceOrganization,
            String internalSenderIdentifier,
            String internalSenderDescription) {
    }

    /** What the write rules need to know about a stored object. */
    record StoredObject(int id, String identifier, String bagName, int institutionId, String state,
                        String storageOption, LocalDateTime createdAt) {
    }

    @CreateSqlObject
    PremisEventWrites events();

    @CreateSqlObject
    DeletionApprovals approvals();

    String STORED = "SELECT id, identifier, bag_name, institution_id, state, storage_option, created_at"
            + " FROM intellectual_objects";

    @SqlQuery(STORED + " WHERE id = :id")
    Optional<StoredObject> find(@Bind("id") int id);

    @SqlQuery(STORED + " WHERE id = :id FOR UPDATE")
    Optional<StoredObject> lock(@Bind("id") int id);

    @SqlQuery("SELECT id FROM intellectual_objects WHERE identifier = :identifier")
    Optional<Integer> idOfIdentifier(@Bind("identifier") String identifier);

    /** The storage options a file or object may name (the storage_options table, which also prices them). */
    @SqlQuery("SELECT name FROM storage_options ORDER BY name")
    List<String> storageOptionNames();

    @SqlUpdate("INSERT INTO intellectual_objects (title, description, identifier, alt_identifier, access, bag_name,"
            + " institution_id, created_at, updated_at, state, etag, bag_group_identifier, storage_option,"
            + " bagit_profile_identifier, source_organization, internal_sender_identifier,"
            + " internal_sender_description) VALUES (:title, :description, :identifier, :altIdentifier, :access,"
            + " :bag, :institution, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', :state, :etag,"
            + " :bagGroupIdentifier, :storageOption, :bagitProfileIdentifier, :sourceOrganization,"
            + " :internalSenderIdentifier, :internalSenderDescription)")
    @GetGeneratedKeys("id")
    int insert(@BindMethods ObjectValues object, @Bind("institution") int institutionId, @Bind("bag") String bagName);

    @SqlUpdate("UPDATE intellectual_objects SET title = :title, description = :description,"
            + " alt_identifier = :altIdentifier, access = :access, bag_name = :bag, state = :state,"
            + " etag = :etag, bag_group_identifier = :bagGroupIdentifier, storage_option = :keptStorageOption,"
            + " bagit_profile_identifier = :bagitProfileIdentifier, source_organization = :sourceOrganization,"
            + " internal_sender_identifier = :internalSenderIdentifier,"
            + " internal_sender_description = :internalSenderDescription, updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id")
    int update(@Bind("id") int id, @BindMethods ObjectValues object, @Bind("bag") String bagName,
               @Bind("keptStorageOption") String storageOption);

    /**
     * Updates an object under the write rules: institution and identifier never change, an active object keeps its
     * storage option, and an active object is only deleted through {@link #softDelete}.
     */
    @Transaction
    default void updateObject(int id, ObjectValues requested, String bagName) {
        StoredObject stored = lock(id).orElseThrow(() -> new WriteConflictException("object " + id
                + " does not exist"));
        Integer institution = requested.institutionId();
        if (institution != null && institution != 0 && institution != stored.institutionId()
                || !stored.identifier().equals(requested.identifier())) {
            throw new IllegalArgumentException("an object's institution and identifier never change");
        }
        if ("A".equals(stored.state()) && "D".equals(requested.state())) {
            throw new WriteConflictException("object " + id + " is active: delete it with DELETE"
                    + " /admin-api/v3/objects/delete/" + id + ", not by setting its state");
        }
        String option = "A".equals(stored.state()) ? stored.storageOption() : requested.storageOption();
        update(id, requested, bagName, option);
    }

    @SqlQuery("SELECT count(*) FROM generic_files WHERE intellectual_object_id = :id AND state = 'A'")
    long activeFiles(@Bind("id") int id);

    /** Open work that would collide with deleting the object ({@link ObjectWork}), its deletion excepted. */
    @SqlQuery("SELECT count(*)" + ObjectWork.OPEN + " AND wi.action <> 'Delete'")
    int pendingWorkItems(@Bind("id") int id);

    /** The stage a restoration's work item starts at. */
    String RESTORATION_STAGE = "Requested";

    /** Open work items of the object, of any action ({@link ObjectWork}). */
    @SqlQuery("SELECT count(*)" + ObjectWork.OPEN)
    int unfinishedWorkItems(@Bind("id") int id);

    /**
     * The work item of a restoration: the object's bag, etag and size, bound for the institution's restoration
     * bucket, at stage Requested and Pending. Its bag date is the bag's from its latest ingest (the object's
     * creation when no ingest item is left).
     */
    @SqlUpdate("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket, \"user\","
            + " note, action, stage, status, outcome, bag_date, date_processed, retry, pid, needs_admin_review,"
            + " institution_id, size)"
            + " SELECT now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', o.id, o.bag_name || '.tar', o.etag,"
            + " i.restore_bucket, :user, 'Restoration requested by ' || :user || '.', :action,"
            + " '" + RESTORATION_STAGE + "',"
            + " 'Pending', 'Not started', COALESCE((SELECT w.bag_date FROM work_items w WHERE"
            + " w.intellectual_object_id = o.id AND w.action = 'Ingest' AND w.bag_date IS NOT NULL"
            + " ORDER BY w.id DESC LIMIT 1), o.created_at), now() AT TIME ZONE 'UTC', true, 0, false,"
            + " o.institution_id, o.size"
            + " FROM intellectual_objects o JOIN institutions i ON i.id = o.institution_id WHERE o.id = :id")
    @GetGeneratedKeys("id")
    int insertRestoration(@Bind("id") int id, @Bind("user") String user, @Bind("action") String action);

    /**
     * Asks for an object to be restored: a work item for the preservation services (the caller publishes it to
     * their queue). Objects stored only in Glacier get a Glacier Restore, which first brings their files back
     * from cold storage; all others a Restore Object. Refused (nothing written) when the object is deleted or has
     * unfinished work of any kind (a restoration already asked for among it). The object's row stays locked until
     * the end, so two requests at once make one item.
     *
     * @param user who asked (their email, kept in the item)
     * @return the new work item's id
     */
    @Transaction
    default int requestRestoration(int id, String user) {
        StoredObject object = lock(id).orElseThrow(() -> new WriteConflictException("object " + id
                + " does not exist"));
        if (!"A".equals(object.state())) {
            throw new WriteConflictException("object " + id + " is deleted: only active objects can be restored");
        }
        int unfinished = unfinishedWorkItems(id);
        if (unfinished > 0) {
            throw new WriteConflictException("object " + id + " has " + unfinished + " unfinished work item(s);"
                    + " ask again once they are done");
        }
        return insertRestoration(id, user, restorationAction(object.storageOption()));
    }

    /** Glacier Restore for the storage options that keep an object only in Glacier, else Restore Object. */
    static String restorationAction(String storageOption) {
        return storageOption != null && storageOption.startsWith("Glacier") ? "Glacier Restore" : "Restore Object";
    }

    @SqlUpdate("UPDATE intellectual_objects SET state = 'D', updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int markDeleted(@Bind("id") int id);

    /**
     * Soft-deletes an object: state D and an object-level deletion event naming who asked and who approved.
     * Refused (nothing written) when it is already deleted, has pending work other than its deletion, still has
     * active files, has no approved deletion request, or is inside its storage option's retention minimum.
     *
     * @return the deletion event's id
     */
    @Transaction
    default int softDelete(int id) {
        StoredObject object = lock(id).orElseThrow(() -> new WriteConflictException("object " + id
                + " does not exist"));
        if ("D".equals(object.state())) {
            throw new WriteConflictException("object " + id + " is already deleted");
        }
        int pending = pendingWorkItems(id);
        if (pending > 0) {
            throw new WriteConflictException("object " + id + " has " + pending + " pending work item(s) other than"
                    + " its deletion; wait for them to finish");
        }
        long active = activeFiles(id);
        if (active > 0) {
            throw new WriteConflictException("object " + id + " still has " + active + " active file(s): delete them"
                    + " first");
        }
        DeletionApprovals.Approval approval = approvals().forObject(id)
                .orElseThrow(() -> new WriteConflictException("object " + id + " has no approved deletion request"));
        approvals().assertRetentionPassed("object " + id, object.storageOption(), object.createdAt());
        markDeleted(id);
        PremisEventWrites.Owner owner = new PremisEventWrites.Owner(id, null, object.institutionId());
        return events().insert(PremisEventWrites.NewEvent.deletion("Object", approval, approvals().utcNow(), owner),
                owner);
    }
}
