package org.aptrust.registry.api.auth;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.aptrust.registry.api.json.ApiErrors;

/**
 * Words the 403 of {@code @RolesAllowed} (Jersey's {@code RolesAllowedDynamicFeature} throws a bare
 * {@link ForbiddenException}): on the API's paths the JSON error naming the admin API's rule; elsewhere a plain 403,
 * which the web pages' error filter turns into their error page.
 */
public final class AdminOnlyRefusal implements ExceptionMapper<ForbiddenException> {

    static final String MESSAGE = "the admin API is open to APTrust admins (role admin) only";

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ForbiddenException e) {
        if (uri != null && ApiErrors.isApiPath(uri.getPath())) {
            return ApiErrors.response(403, MESSAGE, null, null);
        }
        return Response.status(Response.Status.FORBIDDEN).build();
    }
}
