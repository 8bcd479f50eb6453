package org.aptrust.registry.web.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the signed session cookie carries; its HMAC proves we issued it. A signed-in session is honoured only while
 * its server-side row (keyed by the SHA-256 of the nonce, see {@link WebAuth}) is live.
 *
 * @param userId   the signed-in user, or 0 before sign-in (an anonymous session still carries a CSRF secret, so
 *                 the sign-in form is protected too)
 * @param issuedAt when it was issued; it ends {@code sessionMaxAge} later
 * @param nonce    random per session; the CSRF token is derived from it
 */
public record WebSession(int userId, Instant issuedAt, String nonce) {

    /** Where the filter leaves the request's session for the resources. */
    public static final String PROPERTY = "registry.web.session";

    private static final SecureRandom RANDOM = new SecureRandom();

    public WebSession {
        if (nonce == null || !nonce.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("bad session nonce");
        }
    }

    public static WebSession anonymous(Instant now) {
        return new WebSession(0, now, newNonce());
    }

    /** A fresh session for a user who just signed in (a new nonce, so a session fixed before sign-in is useless). */
    public static WebSession signedIn(int userId, Instant now) {
        return new WebSession(userId, now, newNonce());
    }

    public boolean isSignedIn() {
        return userId > 0;
    }

    private static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
