package org.aptrust.registry.web.auth;

import java.net.URI;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A page that needs a signed-in user was asked for without one; answered with a redirect to the sign-in page
 * ({@code ErrorPages.SignInRequiredMapper}). A {@link WebApplicationException}, so that a page taking an
 * {@code @Auth Optional<Viewer>} is simply handed none.
 */
public class SignInRequired extends WebApplicationException {

    private final URI requested;

    public SignInRequired(URI requested) {
        super("sign in required", Response.Status.SEE_OTHER);
        this.requested = requested;
    }

    /** Where to come back after signing in. */
    public URI requested() {
        return requested;
    }
}
