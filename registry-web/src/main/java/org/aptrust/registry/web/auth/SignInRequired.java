package org.aptrust.registry.web.auth;

import java.net.URI;

/** Thrown by a page that needs a signed-in user; answered with a redirect to the sign-in page. */
public class SignInRequired extends RuntimeException {

    private final URI requested;

    public SignInRequired(URI requested) {
        super("sign in required", null, false, false);
        this.requested = requested;
    }

    /** Where to come back after signing in. */
    public URI requested() {
        return requested;
    }
}
