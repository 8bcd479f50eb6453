package org.aptrust.registry.api.json;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Renders an {@link ApiException} as its status with an {@link ApiError} body. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        return ApiErrors.response(e);
    }
}
