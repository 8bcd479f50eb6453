package org.aptrust.registry.api.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.SentTimes;
import org.aptrust.registry.api.json.RequeueInput;
import org.aptrust.registry.api.member.MemberItemsResource;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.api.redis.WorkItemStates;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /admin-api/v3/items: the member reads, and create, update and requeue, and the clean-up of an item's state in Redis.
 * Work items are never deleted.
 */
@Path("/admin-api/v3/items")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminItemsResource extends MemberItemsResource {

    private final Owners owners;
    private static final Logger LOG = LoggerFactory.getLogger(AdminItemsResource.class);

    private final WorkItemEdits edits;
    private final WorkItemStates states;
    private final AdminWrite<WorkItemWrites.ItemValues> write;
    private final ObjectReader requeueReader;

    public AdminItemsResource(Owners owners, WorkItemEdits edits, WorkItemStates states, ObjectMapper mapper) {
        super(owners.daos().workItems(), owners.lists().workItems());
        this.owners = owners;
        this.edits = edits;
        this.states = states;
        this.write = AdminWrite.of(owners, mapper, WorkItemWrites.ItemValues.class, "work item", "admin-api/v3/items",
                WorkItemWrites.ItemValues::id, WorkItemWrites.ItemValues::institutionId);
        this.requeueReader = ApiJson.bodyReader(mapper, RequeueInput.class);
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        var checked = write.create(owners.institution(institutionId), body, edits::check);
        int id = owners.writes().workItems().insert(checked.values());
        return write.created(uri, id, sentBack(checked.in(), items.find(id).orElseThrow()));
    }

    /**
     * Name, etag, action and institution never change; object and file ids may be filled in once (an ingest
     * learns its object's id when it finishes) but never changed ({@link WorkItemEdits#update}).
     */
    @PUT
    @Path("/update/{id}")
    @Consumes(MediaType.WILDCARD)
    public ObjectNode update(@Auth ApiCaller caller, @PathParam("id") String id, InputStream body) {
        int itemId = Shown.requireId(id, "work item");
        edits.stored(itemId);
        WorkItemWrites.ItemValues in = write.read(body);
        edits.update(itemId, in);
        return sentBack(in, items.find(itemId).orElseThrow());
    }

    /** The stored item with its times as the client sent them ({@link SentTimes}). */
    private ObjectNode sentBack(WorkItemWrites.ItemValues in, WorkItem stored) {
        return write.sentTimes(stored).with("bag_date", in.bagDate()).with("date_processed", in.dateProcessed())
                .with("queued_at", in.queuedAt()).with("stage_started_at", in.stageStartedAt()).node();
    }

    /** The original's form: {@code stage=...}. */
    @PUT
    @Path("/requeue/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public WorkItem requeueForm(@Auth ApiCaller caller, @PathParam("id") String id, @FormParam("stage") String stage) {
        return requeue(id, stage);
    }

    /** The stage as a query parameter or in a JSON body {@code {"stage": ...}}. */
    @PUT
    @Path("/requeue/{id}")
    @Consumes(MediaType.WILDCARD)
    public WorkItem requeueJson(@Auth ApiCaller caller, @PathParam("id") String id,
                                @QueryParam("stage") String stage, InputStream body)
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

    /** Sends the item back to a stage and publishes it ({@link WorkItemEdits#requeue}). */
    private WorkItem requeue(String id, String stage) {
        int itemId = Shown.requireId(id, "work item");
        edits.requeue(itemId, stage);
        return items.find(itemId).orElseThrow();
    }

    /**
     * The original's clean-up of the preservation workers' state of an item in Redis (its hash, whatever the work
     * item's state): 200 {@code {"StatusCode": 200, "Message": "Deleted WorkItem 5 from Redis."}}, also when there
     * was nothing to delete; 503 when Redis is not configured or cannot be reached.
     */
    @DELETE
    @Path("/redis_delete/{id}")
    public Map<String, Object> redisDelete(@Auth ApiCaller caller, @PathParam("id") String id) {
        int itemId = Shown.requireId(id, "work item");
        try {
            long deleted = states.delete(itemId);
            LOG.info("work item {}: Redis data deleted through the admin API ({} key)", itemId, deleted);
        } catch (WorkItemStates.Unavailable e) {
            throw new ApiException(503, e.getMessage(), null, null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("StatusCode", 200);
        answer.put("Message", "Deleted WorkItem " + itemId + " from Redis.");
        return answer;
    }
}
