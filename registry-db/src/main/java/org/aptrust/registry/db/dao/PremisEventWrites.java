package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Records PREMIS events. Events are insert-only: nobody may update or delete one, so there is no such method. */
public interface PremisEventWrites {

    String FIXITY_CHECK = "fixity check";
    String DELETION = "deletion";

    /**
     * An event as a client sends it (the admin API reads its body into this record, alone or nested in a file)
     * and as it is inserted. A body's id is never written, nor its object, file and institution ids: the event is
     * recorded under the {@link Owner} the caller checked.
     */
    record NewEvent(
            Long id,
            String identifier,
            String eventType,
            LocalDateTime dateTime,
            String outcomeDetail,
            String detail,
            String outcomeInformation,
            String object,
            String agent,
            Integer intellectualObjectId,
            Integer genericFileId,
            String outcome,
            Integer institutionId) {

        /**
         * The deletion event a soft delete records ("File" or "Object" deleted), in the words the original's
         * events use, naming who asked and who approved.
         */
        public static NewEvent deletion(String what, DeletionApprovals.Approval approval, LocalDateTime at,
                                        Owner owner) {
            return new NewEvent(null, UUID.randomUUID().toString(), DELETION, at, approval.requestedBy(),
                    what + " deleted from preservation storage", what + " deleted at the request of "
                    + approval.requestedBy() + ". Institutional approver: " + approval.approvedBy() + ".",
                    "APTrust preservation services", "https://github.com/APTrust/registry", owner.objectId(),
                    owner.fileId(), "Success", owner.institutionId());
        }
    }

    /** What an event is recorded under: its object, its file (null for an object's own event), its institution. */
    record Owner(int objectId, Integer fileId, int institutionId) {
    }

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM premis_events WHERE identifier = :identifier)")
    boolean identifierExists(@Bind("identifier") String identifier);

    @SqlUpdate("INSERT INTO premis_events (identifier, event_type, date_time, outcome_detail, detail,"
            + " outcome_information, object, agent, intellectual_object_id, generic_file_id, created_at, updated_at,"
            + " outcome, institution_id) VALUES (:identifier, :eventType, :dateTime, :outcomeDetail, :detail,"
            + " :outcomeInformation, :object, :agent, :owner.objectId, :owner.fileId,"
            + " now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', :outcome, :owner.institutionId)")
    @GetGeneratedKeys("id")
    int insert(@BindMethods NewEvent event, @BindMethods("owner") Owner owner);

    /** A fixity check never moves a file's last check back in time, whatever order events arrive in. */
    @SqlUpdate("UPDATE generic_files SET last_fixity_check = GREATEST(last_fixity_check, :checkedAt)"
            + " WHERE id = :fileId")
    int recordFixityCheck(@Bind("fileId") int genericFileId, @Bind("checkedAt") LocalDateTime checkedAt);

    /** Inserts the event; a fixity check event also sets its file's last_fixity_check, in the same transaction. */
    @Transaction
    default int record(NewEvent event, Owner owner) {
        int id = insert(event, owner);
        if (FIXITY_CHECK.equals(event.eventType()) && owner.fileId() != null && event.dateTime() != null) {
            recordFixityCheck(owner.fileId(), event.dateTime());
        }
        return id;
    }
}
