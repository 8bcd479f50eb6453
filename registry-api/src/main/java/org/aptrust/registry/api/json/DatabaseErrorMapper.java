package org.aptrust.registry.api.json;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.db.faults.ConnectionFailures;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database error caused by what an API client sent is the client's error, not a server fault: a value the
 * database cannot store or compare (SQLSTATE class 22: out of range, bad encoding, a NUL character) is a 400 (on
 * the pages too), and a uniqueness or
 * reference conflict (class 23) a 409. A lost or unreachable database (see {@link ConnectionFailures}) is a 503 with
 * {@code Retry-After} on every path: JSON on the API, and on the pages an entity the HTML error filter turns into its
 * friendly page. Everything else, and every non-API path, is a logged 500 exactly as Dropwizard's default mapper
 * does it.
 */
public final class DatabaseErrorMapper extends LoggingExceptionMapper<JdbiException> {

    /** Seconds a client is asked to wait when the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;
    static final String UNAVAILABLE = "the database is unreachable for the moment; please try again in a few seconds";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorMapper.class);
    private static final AtomicLong LAST_LOGGED = new AtomicLong();
    private static final AtomicLong UNLOGGED = new AtomicLong();

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(JdbiException e) {
        if (ConnectionFailures.isConnectionFailure(e)) {
            return unavailable(e, uriInfo != null && ApiErrors.isApiPath(uriInfo.getPath()));
        }
        String state = sqlState(e);
        boolean api = uriInfo != null && ApiErrors.isApiPath(uriInfo.getPath());
        if (state != null && state.startsWith("22") && !api) {
            // a page's filter value the database cannot compare (a NUL character, say): the pages' 400
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorMessage(400, "a value in the request cannot be compared")).build();
        }
        if (state != null && api) {
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

    /**
     * The 503 for a lost database: logged in one line (no stack trace: the cause is outside the service), at most
     * once every 5 seconds, with how many more were answered since.
     */
    public static Response unavailable(Throwable e, boolean api) {
        long now = System.nanoTime();
        long last = LAST_LOGGED.get();
        if ((last == 0 || now - last > 5_000_000_000L) && LAST_LOGGED.compareAndSet(last, now)) {
            LOG.warn("database unreachable, answering 503 ({} more since the last report): {}",
                    UNLOGGED.getAndSet(0), ConnectionFailures.describe(e));
        } else {
            UNLOGGED.incrementAndGet();
        }
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(api ? new ApiError(503, UNAVAILABLE, null, null) : new ErrorMessage(503, UNAVAILABLE))
                .build();
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
