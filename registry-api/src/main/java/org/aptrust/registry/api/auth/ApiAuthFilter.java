package org.aptrust.registry.api.auth;

import java.util.Set;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/**
 * dropwizard-auth's filter for the API's resource methods (those with an {@code @Auth ApiCaller} parameter): a read
 * without key headers is first offered to the browser session, then every request's key headers go to
 * {@link ApiAuthenticator}, which accepts the caller or ends the request with the API's JSON error. Admin-only
 * routes say {@code @RolesAllowed(ApiCaller.ADMIN)}; {@link AdminOnlyRefusal} words their 403.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiAuthFilter extends AuthFilter<ApiCredentials, ApiCaller> {

    public static final String USER_HEADER = "X-Pharos-API-User";
    public static final String KEY_HEADER = "X-Pharos-API-Key";
    static final String SCHEME = "Pharos-API-Key";
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Context
    private HttpServletRequest servlet;

    private ApiAuthFilter() {
    }

    /** The filter, with the callers' roles as the database spells them for {@code @RolesAllowed}. */
    public static ApiAuthFilter of(ApiAuthenticator authenticator) {
        return new Builder().setAuthenticator(authenticator).setPrefix(SCHEME).setRealm("registry")
                .setAuthorizer((caller, role, request) -> caller.role().dbValue().equals(role))
                .buildAuthFilter();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString(USER_HEADER);
        String key = request.getHeaderString(KEY_HEADER);
        if (READS.contains(request.getMethod()) && !present(user) && !present(key)
                && authenticate(request, new ApiCredentials.BrowserSession(request), SCHEME)) {
            return;
        }
        // Accepted, or refused by a WebApplicationException carrying the JSON error.
        authenticate(request, new ApiCredentials.KeyHeaders(user, key, servlet == null ? null
                : servlet.getRemoteAddr()), SCHEME);
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank();
    }

    private static final class Builder extends AuthFilterBuilder<ApiCredentials, ApiCaller, ApiAuthFilter> {
        @Override
        protected ApiAuthFilter newInstance() {
            return new ApiAuthFilter();
        }
    }
}
