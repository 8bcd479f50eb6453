package org.aptrust.registry.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;

/** What an API request presents to {@link ApiAuthenticator}: its key headers, or its browser session. */
public sealed interface ApiCredentials {

    /** X-Pharos-API-User and X-Pharos-API-Key as sent (either may be missing), and the client's address. */
    record KeyHeaders(String email, String key, String clientAddress) implements ApiCredentials {
    }

    /**
     * A read (GET, HEAD) without key headers: answered for the user of the request's session cookie, if it names a
     * live, fully signed-in session, as the original did.
     */
    record BrowserSession(ContainerRequestContext request) implements ApiCredentials {
    }
}
