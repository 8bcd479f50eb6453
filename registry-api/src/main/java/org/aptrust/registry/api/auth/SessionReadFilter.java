package org.aptrust.registry.api.auth;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Lets a signed-in browser read the API, as the original did: a GET or HEAD without the API-key headers is answered
 * for the user of the request's session cookie, if it names a live, fully signed-in session. Writes always need the
 * key headers (a session never authorizes one, so the pages' CSRF rules stay as they are). Runs before
 * {@link ApiKeyFilter}, which uses the caller found here.
 */
@ApiAuthenticated
@Priority(Priorities.AUTHENTICATION - 10)
public final class SessionReadFilter implements ContainerRequestFilter {

    static final String CALLER_PROPERTY = SessionReadFilter.class.getName() + ".caller";
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final SessionCallers sessions;

    public SessionReadFilter(SessionCallers sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!READS.contains(request.getMethod()) || present(request.getHeaderString(ApiKeyFilter.USER_HEADER))
                || present(request.getHeaderString(ApiKeyFilter.KEY_HEADER))) {
            return;
        }
        sessions.caller(request).ifPresent(caller -> request.setProperty(CALLER_PROPERTY, caller));
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank();
    }
}
