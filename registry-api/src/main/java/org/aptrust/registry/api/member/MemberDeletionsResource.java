package org.aptrust.registry.api.member;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.auth.ApiKeyFilter;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.DeletionRequestDao;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/deletions (deletion_requests_view, newest request first) and /deletions/show/:id. */
@Path("/member-api/v3/deletions")
@Produces(MediaType.APPLICATION_JSON)
@ApiAuthenticated
public class MemberDeletionsResource {

    private final DeletionRequestDao deletions;
    private final ListReader<DeletionRequest> deletionList;

    public MemberDeletionsResource(DeletionRequestDao deletions, ListReader<DeletionRequest> deletionList) {
        this.deletions = deletions;
        this.deletionList = deletionList;
    }

    @GET
    public ListEnvelope<DeletionRequest> list(@Context UriInfo uri, @Context SecurityContext security) {
        return Listing.page(deletionList, uri, ApiKeyFilter.caller(security).scope());
    }

    @GET
    @Path("/show/{id}")
    public DeletionRequest show(@PathParam("id") String id, @Context SecurityContext security) {
        return Shown.visible(deletions.find(Shown.requireId(id, "deletion request")), DeletionRequest::institutionId,
                ApiKeyFilter.caller(security), "deletion request");
    }
}
