package org.aptrust.registry.api.json;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.aptrust.registry.db.dao.WriteConflictException;

/** A write the data does not allow (see {@link WriteConflictException}) is a 409 with the reason. */
public final class WriteConflictMapper implements ExceptionMapper<WriteConflictException> {

    @Override
    public Response toResponse(WriteConflictException e) {
        return ApiErrors.response(409, e.getMessage(), null, null);
    }
}
