package org.aptrust.registry.api.admin;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.DeletionRequestMin;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.api.member.Listing;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.DeletionRequestDao;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.model.Role;

/**
 * GET /admin-api/v3/deletions (deletion_requests_view, newest request first) and /deletions/show/:id in the
 * original's compact form with the request's files and objects.
 */
@Path("/admin-api/v3/deletions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminDeletionsResource {

    private final DeletionRequestDao deletions;
    private final ListReader<DeletionRequest> deletionList;

    public AdminDeletionsResource(DeletionRequestDao deletions, ListReader<DeletionRequest> deletionList) {
        this.deletions = deletions;
        this.deletionList = deletionList;
    }

    @GET
    public ListEnvelope<DeletionRequest> list(@Auth ApiCaller caller, @Context UriInfo uri) {
        return Listing.page(deletionList, uri, Scope.ALL);
    }

    @GET
    @Path("/show/{id}")
    public DeletionRequestMin show(@Auth ApiCaller caller, @PathParam("id") String id) {
        return deletions.detail(Shown.requireId(id, "deletion request")).map(DeletionRequestMin::of)
                .orElseThrow(() -> ApiException.notFound("deletion request"));
    }
}
