package org.aptrust.registry.web.auth;

import java.time.Duration;

/**
 * Writes the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Max-Age (the browser drops it when the session ends anyway), Secure when configured.
 */
public final class SessionCookies {

    /** The original's cookie name, kept so nothing about sign-in looks different to an operator. */
    public static final String NAME = "aptrust_session";

    private final SessionCodec codec;
    private final boolean secure;

    public SessionCookies(SessionCodec codec, boolean secure) {
        this.codec = codec;
        this.secure = secure;
    }

    public SessionCodec codec() {
        return codec;
    }

    /** A Set-Cookie header value carrying the session. */
    public String issue(WebSession session) {
        Duration left = codec.maxAge().minus(Duration.between(session.issuedAt(), java.time.Instant.now()));
        return header(codec.encode(session), Math.max(0, left.toSeconds()));
    }

    /** A Set-Cookie header value that removes the cookie. */
    public String expire() {
        return header("", 0);
    }

    private String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
