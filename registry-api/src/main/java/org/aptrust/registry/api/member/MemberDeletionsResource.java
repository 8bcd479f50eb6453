package org.aptrust.registry.api.member;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.DeletionRequestDao;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/deletions (deletion_requests_view, newest request first) and /deletions/show/:id. */
@Path("/member-api/v3/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class MemberDeletionsResource {

    private final DeletionRequestDao deletions;
    private final ListReader<DeletionRequest> deletionList;

    public MemberDeletionsResource(DeletionRequestDao deletions, ListReader<DeletionRequest> deletionList) {
        this.deletions = deletions;
        this.deletionList = deletionList;
    }

    @GET
    public ListEnvelope<DeletionRequest> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(deletionList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id}")
    public DeletionRequest show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return Shown.visible(deletions.find(Shown.requireId(id, "deletion request")), DeletionRequest::institutionId,
                caller, "deletion request");
    }
}
