package org.aptrust.registry.api.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.DeletionRequestMin;
import org.aptrust.registry.db.dao.DeletionRequestDao;
import org.aptrust.registry.db.model.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /admin-api/v3/objects/init_batch_delete, as the original's: a JSON body {@code {"institutionId",
 * "requestorId", "objectIds", "secretKey"}} from an APTrust admin, where secretKey must equal the configured
 * {@code api.batchDeletionKey} (a UUID; without one the route refuses everything). It makes one deletion request
 * for all the objects, or none: the requestor must be an active institutional admin of the institution and every
 * object active, the institution's, without unfinished work and in no other waiting request. The institution's
 * admins then approve or cancel it through the mailed link, as any deletion request. 201 with the request in the
 * admin API's compact form. The key is never logged.
 */
@Path("/admin-api/v3/objects/init_batch_delete")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminBatchDeletionResource {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBatchDeletionResource.class);

    /** The body, under the original's (camel-case) names. */
    public record Body(@JsonProperty("institutionId") Long institutionId,
                       @JsonProperty("requestorId") Long requestorId,
                       @JsonProperty("objectIds") List<Long> objectIds,
                       @JsonProperty("secretKey") String secretKey) {
        @Override
        public String toString() {
            return "Body[institutionId=" + institutionId + ", requestorId=" + requestorId + ", objectIds="
                    + objectIds + "]";
        }
    }

    private final BatchDeletions batches;
    private final DeletionRequestDao deletions;
    private final byte[] key;

    /** @param configuredKey api.batchDeletionKey; anything but a UUID leaves batch deletion switched off */
    public AdminBatchDeletionResource(BatchDeletions batches, DeletionRequestDao deletions, String configuredKey) {
        this.batches = batches;
        this.deletions = deletions;
        this.key = isUuid(configuredKey) ? configuredKey.strip().getBytes(StandardCharsets.UTF_8) : null;
    }

    static boolean isUuid(String s) {
        if (s == null || s.strip().length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response request(Body body, @Auth ApiCaller admin, @Context UriInfo uri) {
        String caller = admin.email();
        if (key == null) {
            LOG.warn("batch deletion refused for {}: api.batchDeletionKey is not configured (a UUID)", caller);
            throw new ApiException(503, "batch deletion is not configured on this Registry (api.batchDeletionKey)",
                    null, null);
        }
        if (body == null) {
            throw ApiException.badRequest(null, "the body must be JSON: {institutionId, requestorId, objectIds,"
                    + " secretKey}", null);
        }
        byte[] given = body.secretKey() == null ? new byte[0] : body.secretKey().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(key, given)) {
            LOG.warn("batch deletion refused for {}: the secret key does not match", caller);
            throw ApiException.forbidden("secretKey does not match this Registry's batch deletion key");
        }
        if (body.institutionId() == null || body.institutionId() < 1) {
            throw ApiException.badRequest("institutionId", "institutionId is required", null);
        }
        if (body.requestorId() == null || body.requestorId() < 1) {
            throw ApiException.badRequest("requestorId", "requestorId is required", null);
        }
        if (body.objectIds() == null || body.objectIds().isEmpty()
                || body.objectIds().stream().anyMatch(i -> i == null || i < 1 || i > Integer.MAX_VALUE)) {
            throw ApiException.badRequest("objectIds", "objectIds must list one or more object ids", null);
        }
        LOG.warn("batch deletion asked by {} for requestor {} of institution {}: {} object(s)", caller,
                body.requestorId(), body.institutionId(), body.objectIds().size());
        long id = batches.request(Math.toIntExact(body.requestorId()), Math.toIntExact(body.institutionId()),
                body.objectIds().stream().map(Math::toIntExact).toList());
        DeletionRequestMin created = deletions.detail(id).map(DeletionRequestMin::of).orElseThrow();
        return Response.created(uri.getBaseUriBuilder().path("admin-api/v3/deletions/show/" + id).build())
                .entity(created).build();
    }
}
