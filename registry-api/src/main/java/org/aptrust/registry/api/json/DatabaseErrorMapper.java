package org.aptrust.registry.api.json;

import java.sql.SQLException;

import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jdbi.v3.core.JdbiException;

/**
 * A database error caused by what an API client sent is the client's error, not a server fault: a value the
 * database cannot store or compare (SQLSTATE class 22: out of range, bad encoding) is a 400, and a uniqueness or
 * reference conflict (class 23) a 409. Everything else, and every non-API path, is a logged 500 exactly as
 * Dropwizard's default mapper does it.
 */
public final class DatabaseErrorMapper extends LoggingExceptionMapper<JdbiException> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(JdbiException e) {
        String state = sqlState(e);
        if (state != null && uriInfo != null && ApiErrors.isApiPath(uriInfo.getPath())) {
            if (state.startsWith("22")) {
                return ApiErrors.response(400, "a value in the request cannot be stored or compared by the database ("
                        + rootMessage(e) + ")", null, null);
            }
            if (state.startsWith("23")) {
                return ApiErrors.response(409, "the request conflicts with existing data (" + rootMessage(e) + ")",
                        null, null);
            }
        }
        return super.toResponse(e);
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // PostgreSQL appends "Detail:" / "Where:" lines; the first line says what is wrong.
        int nl = m.indexOf('\n');
        return (nl > 0 ? m.substring(0, nl) : m).replaceFirst("^ERROR: ", "");
    }
}
