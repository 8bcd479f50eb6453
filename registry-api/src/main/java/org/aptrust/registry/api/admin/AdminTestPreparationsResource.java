package org.aptrust.registry.api.admin;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.IntegrationTestPreparations;
import org.aptrust.registry.db.dao.WorkItemDao;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.WorkItem;
import org.jdbi.v3.core.Jdbi;

/**
 * The original's test-only routes for the preservation services' integration tests: POST
 * /admin-api/v3/prepare_file_delete/:id and /prepare_object_delete/:id make a file or object deletable at once
 * (see {@link IntegrationTestPreparations}) and answer the Started Delete work item. Registered only when
 * api.testRoutes is on, which the application allows only on a disposable database.
 */
@Path("/admin-api/v3")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminTestPreparationsResource {

    private final Jdbi jdbi;
    private final WorkItemDao items;

    public AdminTestPreparationsResource(Jdbi jdbi, WorkItemDao items) {
        this.jdbi = jdbi;
        this.items = items;
    }

    @POST
    @Path("/prepare_file_delete/{id}")
    public WorkItem prepareFileDelete(@Auth ApiCaller caller, @PathParam("id") String id) {
        int fileId = Shown.requireId(id, "file");
        int item = jdbi.withExtension(IntegrationTestPreparations.class, p -> p.prepareFileDelete(fileId));
        return items.find(item).orElseThrow();
    }

    @POST
    @Path("/prepare_object_delete/{id}")
    public WorkItem prepareObjectDelete(@Auth ApiCaller caller, @PathParam("id") String id) {
        int objectId = Shown.requireId(id, "object");
        int item = jdbi.withExtension(IntegrationTestPreparations.class, p -> p.prepareObjectDelete(objectId));
        return items.find(item).orElseThrow();
    }
}
