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
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.api.member.Listing;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.InstitutionDao;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.model.Role;

/** GET /admin-api/v3/institutions (institutions_view, by name) and /institutions/show/:id_or_identifier. */
@Path("/admin-api/v3/institutions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminInstitutionsResource {

    private final InstitutionDao institutions;
    private final ListReader<Institution> institutionList;

    public AdminInstitutionsResource(InstitutionDao institutions, ListReader<Institution> institutionList) {
        this.institutions = institutions;
        this.institutionList = institutionList;
    }

    @GET
    public ListEnvelope<Institution> list(@Auth ApiCaller caller, @Context UriInfo uri) {
        return Listing.page(institutionList, uri, Scope.ALL);
    }

    @GET
    @Path("/show/{id: .+}")
    public Institution show(@Auth ApiCaller caller, @PathParam("id") String id) {
        return Shown.byIdOrIdentifier(id, institutions::find, institutions::findByIdentifier)
                .orElseThrow(() -> ApiException.notFound("institution"));
    }
}
