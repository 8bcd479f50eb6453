package org.aptrust.registry.api.auth;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The user a request's signed-in browser session names, for API reads without key headers (the original answered
 * those for a signed-in user). The web module provides it; the API never sees how sessions are kept.
 */
@FunctionalInterface
public interface SessionCallers {

    /** The caller of a fully signed-in, live session, or empty (no cookie, expired, revoked, second factor due). */
    Optional<ApiCaller> caller(ContainerRequestContext request);
}
