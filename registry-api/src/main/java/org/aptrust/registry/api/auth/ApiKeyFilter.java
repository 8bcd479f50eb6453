package org.aptrust.registry.api.auth;

import java.security.Principal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import org.aptrust.registry.api.json.ApiErrors;

/**
 * Authenticates every request to an {@link ApiAuthenticated} resource from its API-key headers (or, for a read
 * without them, the signed-in session {@link SessionReadFilter} found), refuses
 * non-admins on {@link AdminOnly} resources, and makes the {@link ApiCaller} the request's principal.
 */
@ApiAuthenticated
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyFilter implements ContainerRequestFilter {

    public static final String USER_HEADER = "X-Pharos-API-User";
    public static final String KEY_HEADER = "X-Pharos-API-Key";

    private final ApiKeyAuthenticator authenticator;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private jakarta.servlet.http.HttpServletRequest servlet;

    public ApiKeyFilter(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Object fromSession = request.getProperty(SessionReadFilter.CALLER_PROPERTY);
        ApiKeyAuthenticator.Outcome outcome = fromSession instanceof ApiCaller c
                ? new ApiKeyAuthenticator.Accepted(c)
                : authenticator.authenticate(request.getHeaderString(USER_HEADER),
                        request.getHeaderString(KEY_HEADER), servlet == null ? null : servlet.getRemoteAddr());
        if (outcome instanceof ApiKeyAuthenticator.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().plusMillis(999).toSeconds());
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(ApiErrors.response(429,
                    "too many failed API-key checks for this user or from this address; try again in " + seconds
                            + " s", null, null)).header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        if (outcome instanceof ApiKeyAuthenticator.Refused refused) {
            var response = ApiErrors.response(refused.status(), refused.message(), null, null);
            if (refused.status() == 401) {
                response = jakarta.ws.rs.core.Response.fromResponse(response)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Pharos-API-Key realm=\"registry\"").build();
            }
            request.abortWith(response);
            return;
        }
        ApiCaller caller = ((ApiKeyAuthenticator.Accepted) outcome).caller();
        if (isAdminOnly() && !caller.isAdmin()) {
            request.abortWith(ApiErrors.response(403, "the admin API is open to APTrust admins (role admin) only",
                    null, null));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
    }

    private boolean isAdminOnly() {
        Class<?> resource = resourceInfo == null ? null : resourceInfo.getResourceClass();
        return resource != null && resource.isAnnotationPresent(AdminOnly.class);
    }

    /** The caller of an API request, as its filter left it. */
    public static ApiCaller caller(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof ApiCaller caller) {
            return caller;
        }
        throw new IllegalStateException("no API caller: the resource is not marked @ApiAuthenticated");
    }

    private record CallerContext(ApiCaller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().dbValue().equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Pharos-API-Key";
        }
    }
}
