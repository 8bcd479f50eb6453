package org.aptrust.registry.api.admin;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;

/**
 * The update and delete routes of a record nobody may change once written (checksums, PREMIS events). The original
 * has these routes, so clients may call them; they always answer 405 with the reason, to every caller the resource
 * class admits. A resource gets them by implementing this interface and saying why.
 */
public interface InsertOnly {

    /** Why this kind of record can be neither changed nor deleted, as the 405 says it. */
    String insertOnlyReason();

    @PUT
    @Path("/update/{id}")
    default Response update(@Auth ApiCaller caller, @PathParam("id") String id) {
        throw ApiException.notAllowed(insertOnlyReason());
    }

    @DELETE
    @Path("/delete/{id}")
    default Response delete(@Auth ApiCaller caller, @PathParam("id") String id) {
        throw ApiException.notAllowed(insertOnlyReason());
    }
}
