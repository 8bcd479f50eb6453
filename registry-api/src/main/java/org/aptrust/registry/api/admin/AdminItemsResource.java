package org.aptrust.registry.api.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.AdminOnly;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.SentTimes;
import org.aptrust.registry.api.json.RequeueInput;
import org.aptrust.registry.api.json.WorkItemInput;
import org.aptrust.registry.api.member.MemberItemsResource;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.api.queue.QueueTopics;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.db.model.WorkItem;

/** /admin-api/v3/items: the member reads, and create, update and requeue. Work items are never deleted. */
@Path("/admin-api/v3/items")
@ApiAuthenticated
@AdminOnly
public class AdminItemsResource extends MemberItemsResource {

    private final Owners owners;
    private final WorkQueue queue;
    private final ObjectReader reader;
    private final ObjectReader requeueReader;
    private final ObjectMapper mapper;
    private final String publicUrl;

    public AdminItemsResource(Owners owners, WorkQueue queue, ObjectMapper mapper, String publicUrl) {
        super(owners.daos().workItems());
        this.owners = owners;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.queue = queue;
        this.reader = ApiJson.bodyReader(mapper, WorkItemInput.class);
        this.requeueReader = ApiJson.bodyReader(mapper, RequeueInput.class);
        this.mapper = mapper;
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        Institution institution = owners.institution(institutionId);
        WorkItemInput in = ApiJson.read(reader, body);
        Owners.refuseIdOnCreate(in.id(), "work item", "/admin-api/v3/items/update/");
        InputValidation v = owners.validation();
        Owners.sameInstitution(v, "institution_id", in.institutionId(), institution.id());
        WorkItemWrites.ItemValues values = checkItem(v, in, institution);
        v.failIfAny();
        int id = owners.writes().workItems().insert(values);
        return Owners.created(uri, "admin-api/v3/items/show", id, sentBack(in, items.find(id).orElseThrow()));
    }

    /**
     * Name, etag, action and institution never change; object and file ids may be filled in once (an ingest
     * learns its object's id when it finishes) but never changed.
     */
    @PUT
    @Path("/update/{id}")
    @Consumes(MediaType.WILDCARD)
    public ObjectNode update(@PathParam("id") String id, InputStream body) {
        int itemId = Shown.requireId(id, "work item");
        WorkItemWrites.StoredItem stored = owners.writes().workItems().find(itemId)
                .orElseThrow(() -> ApiException.notFound("work item"));
        WorkItemInput in = ApiJson.read(reader, body);
        Owners.refuseOtherId(in.id(), itemId, "work item");
        Institution institution = owners.institutionOf(stored.institutionId());
        InputValidation v = owners.validation();
        Owners.refuseInstitutionChange(v, in.institutionId(), stored.institutionId(), "work item");
        WorkItemWrites.ItemValues values = checkItem(v, in, institution);
        unchanged(v, "name", stored.name(), values.name());
        unchanged(v, "etag", stored.etag(), values.etag());
        unchanged(v, "action", stored.action(), values.action());
        setOnce(v, "intellectual_object_id", stored.intellectualObjectId(), values.intellectualObjectId());
        setOnce(v, "generic_file_id", stored.genericFileId(), values.genericFileId());
        v.failIfAny();
        owners.writes().workItems().updateAndAlert(itemId, values, restorationText(itemId, values, institution));
        return sentBack(in, items.find(itemId).orElseThrow());
    }

    /** The stored item with its times as the client sent them ({@link SentTimes}). */
    private ObjectNode sentBack(WorkItemInput in, WorkItem stored) {
        return SentTimes.of(mapper, stored).with("bag_date", in.bagDate()).with("date_processed", in.dateProcessed())
                .with("queued_at", in.queuedAt()).with("stage_started_at", in.stageStartedAt()).node();
    }

    /** The text of the alert a successful restore sends its institution's admins. */
    private String restorationText(int itemId, WorkItemWrites.ItemValues item, Institution institution) {
        String where = institution.restoreBucket() == null || institution.restoreBucket().isBlank()
                ? "your institution's restoration bucket" : "the bucket " + institution.restoreBucket();
        String what = item.action().equals("Restore File") ? "A file of " + item.name() : item.name();
        return what + " has been restored to " + where + ".\n\nWork item " + itemId + ": " + publicUrl
                + "/work_items/show/" + itemId + "\n";
    }

    /** The original's form: {@code stage=...}. */
    @PUT
    @Path("/requeue/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public WorkItem requeueForm(@PathParam("id") String id, @FormParam("stage") String stage) {
        return requeue(id, stage);
    }

    /** The stage as a query parameter or in a JSON body {@code {"stage": ...}}. */
    @PUT
    @Path("/requeue/{id}")
    @Consumes(MediaType.WILDCARD)
    public WorkItem requeueJson(@PathParam("id") String id, @QueryParam("stage") String stage, InputStream body)
            throws IOException {
        String given = stage;
        if (given == null || given.isBlank()) {
            // available() says nothing about a body still on its way: read it (a few bytes; more is refused).
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(4096);
            if (body != null && body.read() != -1) {
                throw ApiException.badRequest("body", "the request body is too large", "{\"stage\": \"...\"}");
            }
            if (!new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                given = ApiJson.<RequeueInput>read(requeueReader, new ByteArrayInputStream(bytes)).stage();
            }
        }
        return requeue(id, given);
    }

    /**
     * Sends the item back to a stage: Pending, retry on, node/pid/outcome cleared; then publishes it to the
     * action's queue topic (or, with no queue configured, records the request in the item).
     */
    private WorkItem requeue(String id, String stage) {
        int itemId = Shown.requireId(id, "work item");
        WorkItemWrites.StoredItem item = owners.writes().workItems().find(itemId)
                .orElseThrow(() -> ApiException.notFound("work item"));
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
        queue.publish(itemId, topic);
        return items.find(itemId).orElseThrow();
    }

    private WorkItemWrites.ItemValues checkItem(InputValidation v, WorkItemInput in, Institution institution) {
        WorkItemWrites.ItemValues values = in.validate(v, institution.id());
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

    private static void unchanged(InputValidation v, String field, String stored, String given) {
        v.check(java.util.Objects.equals(stored, given), field, "a work item's " + field + " never changes",
                stored);
    }

    private static void setOnce(InputValidation v, String field, Integer stored, Integer given) {
        v.check(stored == null || stored.equals(given), field, "is " + stored + " and cannot change",
                String.valueOf(stored));
    }
}
