package org.aptrust.registry.api.json;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds API error responses. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Response response(int status, String message, String field, String allowed) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, message, field, allowed)).build();
    }

    public static Response response(ApiException e) {
        Response.ResponseBuilder b = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.toError());
        if (e.status() == 405) {
            b.header("Allow", "GET, POST");
        }
        return b.build();
    }

    /** True for request paths served by the API (relative to the application root, with or without a slash). */
    public static boolean isApiPath(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith("member-api/") || p.startsWith("admin-api/") || p.equals("member-api")
                || p.equals("admin-api");
    }
}
