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

    /**
     * The page to return to once a sign-in that waits for its second factor is complete (the deletion review link a
     * user was mailed): a short-lived cookie for the sign-in pages only, its value a local path percent-encoded.
     * The path is checked again when it is used.
     */
    public static final String RETURN_TO = "registry_return_to";

    public String returnTo(String localPath) {
        return RETURN_TO + "=" + java.net.URLEncoder.encode(localPath, java.nio.charset.StandardCharsets.UTF_8)
                + "; Path=/users/; Max-Age=900; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public String forgetReturnTo() {
        return RETURN_TO + "=; Path=/users/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The path a {@link #returnTo} cookie carries, decoded (unchecked), or null. */
    public static String returnPath(java.util.Map<String, jakarta.ws.rs.core.Cookie> cookies) {
        jakarta.ws.rs.core.Cookie c = cookies == null ? null : cookies.get(RETURN_TO);
        if (c == null || c.getValue() == null || c.getValue().isEmpty()) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(c.getValue(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
