package org.aptrust.registry.api.json;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * On API paths, rewrites the errors Dropwizard's default exception mappers produce ({@code {code, message}}: an
 * unknown route, a wrong method, an unexpected server fault with its log id) into the API's error shape, so a
 * client reads one format whatever went wrong; and marks error answers to requests with a body "Connection:
 * close". Other paths are left alone.
 */
public final class ApiErrorFormatFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ApiErrors.isApiPath(request.getUriInfo().getPath())) {
            return;
        }
        // A refusal may leave the request's body unread (a 401 before anything is parsed), and then the server
        // cannot reuse the connection. Say so, so that clients do not send their next request down a closed one.
        if (response.getStatus() >= 400 && (request.getLength() > 0
                || request.getHeaderString("Transfer-Encoding") != null)) {
            response.getHeaders().putSingle("Connection", "close");
        }
        if (response.getEntity() instanceof ErrorMessage dw) {
            String message = dw.getMessage();
            if (dw.getDetails() != null && !dw.getDetails().isBlank()) {
                message = message + ": " + dw.getDetails();
            }
            response.setEntity(new ApiError(response.getStatus(), message, null, null), null,
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
