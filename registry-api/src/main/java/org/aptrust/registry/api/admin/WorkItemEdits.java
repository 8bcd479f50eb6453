package org.aptrust.registry.api.admin;

import java.util.List;
import java.util.Objects;

import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.queue.QueueTopics;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.Vocabulary;

/**
 * The rules for changing a work item, shared by the admin API ({@code PUT /items/update/:id},
 * {@code PUT /items/requeue/:id}) and the web UI's admin forms ({@code /work_items/edit/:id},
 * {@code /work_items/requeue/:id}): a refusal is an {@link ApiException} naming the field.
 */
public final class WorkItemEdits {

    private final Owners owners;
    private final WorkQueue queue;
    private final WorkItemSaver saver;

    public WorkItemEdits(Owners owners, WorkQueue queue, WorkItemSaver saver) {
        this.owners = owners;
        this.queue = queue;
        this.saver = saver;
    }

    /** The stored item the rules compare with. */
    public WorkItemWrites.StoredItem stored(int itemId) {
        return owners.writes().workItems().find(itemId).orElseThrow(() -> ApiException.notFound("work item"));
    }

    /** Checks a new or changed item's fields against its institution, objects, files and deletion request. */
    public WorkItemWrites.ItemValues check(InputValidation v, WorkItemWrites.ItemValues in, Institution institution) {
        BodyRules.workItem(v, in);
        WorkItemWrites.ItemValues values = in.asWritten(institution.id());
        if (in.bucket() != null && !in.bucket().isBlank()) {
            v.warnUnless(in.bucket().equals(institution.receivingBucket()) || in.bucket().equals(
                    institution.restoreBucket()), "work_item_bucket", "bucket", "'" + in.bucket()
                    + "' is neither receiving nor restore bucket of " + institution.identifier());
        }
        IntellectualObjectWrites.StoredObject object = owners.object(v, "intellectual_object_id",
                values.intellectualObjectId(), institution.id());
        if (values.genericFileId() != null) {
            var file = owners.file(v, "generic_file_id", values.genericFileId(), institution.id());
            if (file != null && object != null) {
                v.check(file.intellectualObjectId() == object.id(), "generic_file_id", "file "
                        + file.id() + " does not belong to object " + object.id(), "a file of object " + object.id());
            }
        }
        if (values.deletionRequestId() != null) {
            var request = owners.daos().deletions().find(values.deletionRequestId()).orElse(null);
            v.check(request != null && request.institutionId() != null && request.institutionId() == institution.id(),
                    "deletion_request_id", "there is no deletion request " + values.deletionRequestId() + " of "
                            + institution.identifier(), "the id of a deletion request of this institution");
        }
        return values;
    }

    /**
     * Updates an item: name, etag, action and institution never change; object and file ids may be filled in once
     * (an ingest learns its object's id when it finishes) but never changed. Saved through the
     * {@link WorkItemSaver}, so a save that completes a restoration or a deletion alerts.
     *
     * @throws ApiException 404 for no such item, 400 naming the field for a refused value
     */
    public void update(int itemId, WorkItemWrites.ItemValues in) {
        WorkItemWrites.StoredItem stored = stored(itemId);
        Owners.refuseOtherId(in.id(), itemId, "work item");
        Institution institution = owners.institutionOf(stored.institutionId());
        InputValidation v = owners.validation();
        Owners.refuseInstitutionChange(v, in.institutionId(), stored.institutionId(), "work item");
        WorkItemWrites.ItemValues values = check(v, in, institution);
        unchanged(v, "name", stored.name(), values.name());
        unchanged(v, "etag", stored.etag(), values.etag());
        unchanged(v, "action", stored.action(), values.action());
        setOnce(v, "intellectual_object_id", stored.intellectualObjectId(), values.intellectualObjectId());
        setOnce(v, "generic_file_id", stored.genericFileId(), values.genericFileId());
        v.failIfAny();
        saver.save(itemId, values);
    }

    /** The stages an item may be requeued at: an ingest's up to and including its current one, else Requested. */
    public static List<String> requeueStages(String action, String currentStage) {
        if (!"Ingest".equals(action)) {
            return List.of("Requested");
        }
        List<String> stages = new java.util.ArrayList<>();
        for (String s : QueueTopics.INGEST_STAGE_TOPICS.keySet()) {
            stages.add(s);
            if (s.equals(currentStage)) {
                break;
            }
        }
        return stages;
    }

    /**
     * Sends the item back to a stage: Pending, retry on, node/pid/outcome cleared; then publishes it to the
     * action's queue topic (or, with no queue configured, records the request in the item). The API accepts any
     * stage that has a topic (ingest stages for ingests); the web form offers {@link #requeueStages}.
     *
     * @return what became of the publication
     * @throws ApiException 404 for no such item, 400 for a missing or unknown stage, 409 for an action no queue
     *                      serves
     */
    public WorkQueue.Publication requeue(int itemId, String stage) {
        WorkItemWrites.StoredItem item = stored(itemId);
        List<String> allowed = "Ingest".equals(item.action())
                ? List.copyOf(QueueTopics.INGEST_STAGE_TOPICS.keySet()) : Vocabulary.WORK_ITEM_STAGES;
        if (stage == null || stage.isBlank()) {
            throw ApiException.badRequest("stage", "is required", String.join(", ", allowed));
        }
        if (!allowed.contains(stage.strip())) {
            throw ApiException.badRequest("stage", "'" + stage + "' is not a stage a " + item.action()
                    + " work item can be requeued at", String.join(", ", allowed));
        }
        String topic = QueueTopics.topicFor(item.action(), stage.strip()).orElseThrow(() -> ApiException.conflict(
                item.action() + " work items have no queue to be requeued to"));
        owners.writes().workItems().requeue(itemId, stage.strip(), "Requeued for " + stage.strip() + ".");
        return queue.publish(itemId, topic);
    }

    private static void unchanged(InputValidation v, String field, String stored, String given) {
        v.check(Objects.equals(stored, given), field, "a work item's " + field + " never changes", stored);
    }

    private static void setOnce(InputValidation v, String field, Integer stored, Integer given) {
        v.check(stored == null || stored.equals(given), field, "is " + stored + " and cannot change",
                String.valueOf(stored));
    }
}
