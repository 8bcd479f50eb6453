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
import org.aptrust.registry.db.dao.IntellectualObjectDao;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.list.ListReader;

/**
 * GET /member-api/v3/objects (intellectual_objects_view, last updated first) and
 * /objects/show/:id_or_identifier. The identifier may carry its slash raw or as %2F.
 */
@Path("/member-api/v3/objects")
@Produces(MediaType.APPLICATION_JSON)
public class MemberObjectsResource {

    protected final IntellectualObjectDao objects;
    protected final ListReader<IntellectualObject> objectList;

    public MemberObjectsResource(IntellectualObjectDao objects, ListReader<IntellectualObject> objectList) {
        this.objects = objects;
        this.objectList = objectList;
    }

    @GET
    public ListEnvelope<IntellectualObject> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(objectList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id: .+}")
    public IntellectualObject show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return Shown.visible(Shown.byIdOrIdentifier(id, objects::find, objects::findByIdentifier),
                o -> o.values().institutionId(), caller, "object");
    }
}
