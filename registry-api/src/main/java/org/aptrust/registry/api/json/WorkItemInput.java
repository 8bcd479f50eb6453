package org.aptrust.registry.api.json;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Vocabulary;

/** A work item as clients send it (create and update). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkItemInput(
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

    /** Checks the fields and returns the values to store; 0 ids (Go's "none") become NULL. */
    public WorkItemWrites.ItemValues validate(InputValidation v, int institution) {
        if (v.required("name", name)) {
            v.maxLength("name", name, 1000);
        }
        if (v.required("etag", etag)) {
            v.check(etag.length() >= 32 && etag.length() <= 40, "etag", "must be 32 to 40 characters",
                    "an S3 etag of 32 to 40 characters");
        }
        v.required("bucket", bucket);
        v.email("user", user);
        v.oneOf("action", action, Vocabulary.WORK_ITEM_ACTIONS);
        v.oneOf("stage", stage, Vocabulary.WORK_ITEM_STAGES);
        v.oneOf("status", status, Vocabulary.WORK_ITEM_STATUSES);
        v.required("bag_date", bagDate);
        v.required("date_processed", dateProcessed);
        v.nonNegative("size", size);
        v.maxLength("node", node, 255);
        v.check(pid == null || pid >= 0, "pid", "must be 0 or more", "an integer of 0 or more");
        return new WorkItemWrites.ItemValues(name, etag, bucket, user, note, action, stage, status, outcome, bagDate,
                dateProcessed, retry != null && retry, blankToNull(node), pid == null ? 0 : pid,
                needsAdminReview != null && needsAdminReview, institution, positiveOrNull(intellectualObjectId),
                positiveOrNull(genericFileId), queuedAt, size == null ? 0 : size, stageStartedAt,
                blankToNull(aptrustApprover), blankToNull(instApprover),
                deletionRequestId == null || deletionRequestId <= 0 ? null : deletionRequestId);
    }

    static Integer positiveOrNull(Integer id) {
        return id == null || id <= 0 ? null : id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
