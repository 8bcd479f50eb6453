package org.aptrust.registry.api.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.aptrust.registry.api.auth.AdminOnly;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.DeletionRequestMin;
import org.aptrust.registry.api.member.MemberDeletionsResource;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.DeletionRequestDao;

/** /admin-api/v3/deletions: the list, and show in the original's compact form with its files and objects. */
@Path("/admin-api/v3/deletions")
@ApiAuthenticated
@AdminOnly
public class AdminDeletionsResource extends MemberDeletionsResource {

    public AdminDeletionsResource(DeletionRequestDao deletions) {
        super(deletions);
    }

    @GET
    @Path("/show/{id}")
    @Override
    public DeletionRequestMin show(@PathParam("id") String id, @Context SecurityContext security) {
        return deletions.detail(Shown.requireId(id, "deletion request")).map(DeletionRequestMin::of)
                .orElseThrow(() -> ApiException.notFound("deletion request"));
    }
}
