package org.aptrust.registry.api.admin;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.member.MemberObjectsResource;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.api.queue.Restorations;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.WorkItem;

/** /admin-api/v3/objects: the member reads, and create, update, soft delete and restoration requests. */
@Path("/admin-api/v3/objects")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminObjectsResource extends MemberObjectsResource {

    private final Owners owners;
    private final WorkQueue queue;
    private final AdminWrite<IntellectualObjectWrites.ObjectValues> write;

    public AdminObjectsResource(Owners owners, WorkQueue queue, ObjectMapper mapper) {
        super(owners.daos().objects(), owners.lists().objects());
        this.owners = owners;
        this.queue = queue;
        this.write = AdminWrite.of(owners, mapper, IntellectualObjectWrites.ObjectValues.class, "object", "admin-api/v3/objects",
                IntellectualObjectWrites.ObjectValues::id, IntellectualObjectWrites.ObjectValues::institutionId);
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        Institution institution = owners.institution(institutionId);
        var checked = write.create(institution, body, (v, in, owner) -> BodyRules.object(v, in, owner.identifier()));
        String identifier = checked.in().identifier();
        owners.writes().objects().idOfIdentifier(identifier).ifPresent(other -> {
            throw ApiException.conflict("object " + other + " already has identifier " + identifier);
        });
        int id = owners.writes().objects().insert(checked.in(), institution.id(), checked.values());
        return write.created(uri, id, objects.find(id).orElseThrow());
    }

    /** Institution and identifier never change; an active object keeps its storage option. */
    @PUT
    @Path("/update/{id}")
    @Consumes(MediaType.WILDCARD)
    public IntellectualObject update(@Auth ApiCaller caller, @PathParam("id") String id, InputStream body) {
        var update = write.update(id, body, owners.writes().objects()::find, (v, in, stored) -> {
            Institution institution = owners.institutionOf(stored.institutionId());
            Owners.refuseInstitutionChange(v, in.institutionId(), stored.institutionId(), "object");
            String bag = BodyRules.object(v, in, institution.identifier());
            v.check(stored.identifier().equals(in.identifier()), "identifier",
                    "an object's identifier never changes", stored.identifier());
            return bag;
        });
        owners.writes().objects().updateObject(update.id(), update.in(), update.values());
        return objects.find(update.id()).orElseThrow();
    }

    /**
     * Asks for a restoration of the object (by id or identifier): 201 with the new work item, published to the
     * preservation services' queue (or, with no queue configured, the request recorded in the item). 409 when the
     * object is deleted or has unfinished work; the item records who asked.
     */
    @POST
    @Path("/init_restore/{id: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response initRestore(@PathParam("id") String id, @Auth ApiCaller caller,
                                @Context UriInfo uri) {
        IntellectualObject object = Shown.byIdOrIdentifier(id, objects::find, objects::findByIdentifier)
                .orElseThrow(() -> ApiException.notFound("object"));
        int itemId = Restorations.request(owners.writes().objects(), queue, object.id(),
                object.values().storageOption(), caller.email());
        WorkItem item = owners.daos().workItems().find(itemId).orElseThrow();
        return Owners.created(uri, "admin-api/v3/items/show", itemId, item);
    }

    /**
     * Soft delete: state D and a deletion event. Refused with 409 while the object has active files or pending
     * work, without an approved deletion request, or inside its storage option's retention minimum.
     */
    @DELETE
    @Path("/delete/{id}")
    public IntellectualObject delete(@Auth ApiCaller caller, @PathParam("id") String id) {
        int objectId = Shown.requireId(id, "object");
        owners.writes().objects().find(objectId).orElseThrow(() -> ApiException.notFound("object"));
        owners.writes().objects().softDelete(objectId);
        return objects.find(objectId).orElseThrow();
    }
}
