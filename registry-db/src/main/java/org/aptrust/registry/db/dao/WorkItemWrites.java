package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Creates, updates and requeues work items. Work items are never deleted: they are part of the audit trail. */
@RegisterConstructorMapper(WorkItemWrites.StoredItem.class)
@RegisterConstructorMapper(WorkItemWrites.SpotTest.class)
public interface WorkItemWrites extends SqlObject {

    String RESTORATION_COMPLETED = "Restoration Completed";

    /** The actions whose success is a finished restoration (a Glacier Restore only readies files for one). */
    List<String> RESTORE_ACTIONS = List.of("Restore Object", "Restore File");

    /**
     * A work item as a client sends it (the admin API reads its body into this record, the web UI's edit form
     * builds one) and as it is written. The rules check the body as it came ({@code BodyRules.workItem}); what is
     * written is {@link #asWritten}: Go's "none" (0, an empty string) as NULL, a missing flag, pid or size as
     * false or 0, and the institution the rules decided. A body's id is never written.
     */
    record ItemValues(
            Long id,
            String name,
            String etag,
            Integer institutionId,
            Integer intellectualObjectId,
            Integer genericFileId,
            String bucket,
            String user,
            String note,
            String action,
            String stage,
            String status,
            String outcome,
            LocalDateTime bagDate,
            LocalDateTime dateProcessed,
            Boolean retry,
            String node,
            Integer pid,
            Boolean needsAdminReview,
            LocalDateTime queuedAt,
            Long size,
            LocalDateTime stageStartedAt,
            String aptrustApprover,
            String instApprover,
            Long deletionRequestId) {

        /** The values to store for an item of the institution: 0 ids and blank node and approvers become NULL. */
        public ItemValues asWritten(int institution) {
            return new ItemValues(id, name, etag, institution, positiveOrNull(intellectualObjectId),
                    positiveOrNull(genericFileId), bucket, user, note, action, stage, status, outcome, bagDate,
                    dateProcessed, retry != null && retry, blankToNull(node), pid == null ? 0 : pid,
                    needsAdminReview != null && needsAdminReview, queuedAt, size == null ? 0 : size, stageStartedAt,
                    blankToNull(aptrustApprover), blankToNull(instApprover),
                    deletionRequestId == null || deletionRequestId <= 0 ? null : deletionRequestId);
        }

        private static Integer positiveOrNull(Integer id) {
            return id == null || id <= 0 ? null : id;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** What the update rules need to know about a stored item. */
    record StoredItem(int id, String name, String etag, String action, String stage, String status,
                      int institutionId, Integer intellectualObjectId, Integer genericFileId) {
    }

    @SqlQuery("SELECT id, name, etag, action, stage, status, institution_id, intellectual_object_id, generic_file_id"
            + " FROM work_items WHERE id = :id")
    Optional<StoredItem> find(@Bind("id") int id);

    @SqlUpdate("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, generic_file_id, name, etag,"
            + " bucket, \"user\", note, action, stage, status, outcome, bag_date, date_processed, retry, node, pid,"
            + " needs_admin_review, institution_id, queued_at, size, stage_started_at, aptrust_approver,"
            + " inst_approver, deletion_request_id) VALUES (now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC',"
            + " :intellectualObjectId, :genericFileId, :name, :etag, :bucket, :user, :note, :action, :stage,"
            + " :status, :outcome, :bagDate, :dateProcessed, :retry, :node, :pid, :needsAdminReview,"
            + " :institutionId, :queuedAt, :size, :stageStartedAt, :aptrustApprover, :instApprover,"
            + " :deletionRequestId)")
    @GetGeneratedKeys("id")
    int insert(@BindMethods ItemValues item);

    /** Updates what may change; the caller has checked that name, etag, action and institution did not. */
    @SqlUpdate("UPDATE work_items SET intellectual_object_id = :intellectualObjectId, generic_file_id = :genericFileId,"
            + " bucket = :bucket, \"user\" = :user, note = :note, stage = :stage, status = :status,"
            + " outcome = :outcome, bag_date = :bagDate, date_processed = :dateProcessed, retry = :retry,"
            + " node = :node, pid = :pid, needs_admin_review = :needsAdminReview, queued_at = :queuedAt,"
            + " size = :size, stage_started_at = :stageStartedAt, aptrust_approver = :aptrustApprover,"
            + " inst_approver = :instApprover, deletion_request_id = :deletionRequestId,"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int update(@Bind("id") int id, @BindMethods ItemValues item);

    /** The item's status, its row locked until the transaction ends, so two saves of one item take turns. */
    @SqlQuery("SELECT status FROM work_items WHERE id = :id FOR UPDATE")
    Optional<String> lockForUpdate(@Bind("id") int id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM alerts_work_items l JOIN alerts a ON a.id = l.alert_id"
            + " WHERE l.work_item_id = :id AND a.type = '" + RESTORATION_COMPLETED + "')")
    boolean hasRestorationAlert(@Bind("id") int id);

    @SqlUpdate("INSERT INTO alerts_work_items (alert_id, work_item_id) VALUES (:alertId, :itemId)")
    void linkAlert(@Bind("alertId") long alertId, @Bind("itemId") int itemId);

    String DELETION_COMPLETED = "Deletion Completed";

    /** The institution whose latest restoration spot test an item is, and how often it runs them (days). */
    record SpotTest(int institutionId, int frequency) {
    }

    @SqlQuery("SELECT id AS institution_id, spot_restore_frequency AS frequency FROM institutions"
            + " WHERE last_spot_restore_work_item_id = :id ORDER BY id LIMIT 1")
    Optional<SpotTest> spotTestOf(@Bind("id") int itemId);

    /** The deletion request's row, locked until the transaction ends: its work items' completions take turns. */
    @SqlQuery("SELECT id FROM deletion_requests WHERE id = :id FOR UPDATE")
    Optional<Long> lockDeletionRequest(@Bind("id") long requestId);

    /** Delete work items of a request that have not succeeded (yet). */
    @SqlQuery("SELECT count(*) FROM work_items WHERE deletion_request_id = :id AND action = 'Delete'"
            + " AND status <> 'Success'")
    int unfinishedDeletions(@Bind("id") long requestId);

    @SqlQuery("SELECT id FROM work_items WHERE deletion_request_id = :id AND action = 'Delete' ORDER BY id")
    List<Integer> deletionItems(@Bind("id") long requestId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM alerts WHERE deletion_request_id = :id AND type = '"
            + DELETION_COMPLETED + "')")
    boolean hasDeletionCompletedAlert(@Bind("id") long requestId);

    /**
     * Sends an item back to be worked on at a stage: Pending, retry on, admin review off, and the worker's node,
     * pid and outcome cleared. queued_at is cleared too: the item is queued again only once a queue took it.
     */
    @SqlUpdate("UPDATE work_items SET stage = :stage, status = 'Pending', retry = true, needs_admin_review = false,"
            + " node = NULL, pid = 0, outcome = NULL, queued_at = NULL, note = :note,"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int requeue(@Bind("id") int id, @Bind("stage") String stage, @Bind("note") String note);

    /** Records in the item that it waits for a queue topic no queue took (queued_at stays unset). */
    @SqlUpdate("UPDATE work_items SET note = concat_ws(' ', note, 'Waiting for queue topic ' || :topic"
            + " || ': no queue took it.') WHERE id = :id")
    int recordQueueRequest(@Bind("id") int id, @Bind("topic") String topic);

    /** Records that a queue accepted the item. */
    @SqlUpdate("UPDATE work_items SET queued_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int markQueued(@Bind("id") int id);
}
