package org.aptrust.registry.web.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * Writes the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Max-Age (the browser drops it when the session ends anyway), Secure when configured. Each is a JAX-RS
 * {@link NewCookie}, a {@code Set-Cookie} header value as it is (RFC 6265, version 0: no {@code $Version} quoting
 * by clients).
 */
public final class SessionCookies {

    /** The original's cookie name, kept so nothing about sign-in looks different to an operator. */
    public static final String NAME = "aptrust_session";

    /**
     * The page to return to once a sign-in that waits for its second factor is complete (the deletion review link a
     * user was mailed): a short-lived cookie for the sign-in pages only, its value a local path percent-encoded.
     * The path is checked again when it is used.
     */
    public static final String RETURN_TO = "registry_return_to";

    private static final int RETURN_TO_SECONDS = 900;

    private final SessionCodec codec;
    private final boolean secure;

    public SessionCookies(SessionCodec codec, boolean secure) {
        this.codec = codec;
        this.secure = secure;
    }

    public SessionCodec codec() {
        return codec;
    }

    /** The cookie carrying the session, until the session's end. */
    public NewCookie issue(WebSession session) {
        Duration left = codec.maxAge().minus(Duration.between(session.issuedAt(), Instant.now()));
        return cookie(NAME, codec.encode(session), "/", (int) Math.max(0, left.toSeconds()));
    }

    /** Removes the session cookie. */
    public NewCookie expire() {
        return cookie(NAME, "", "/", 0);
    }

    public NewCookie returnTo(String localPath) {
        return cookie(RETURN_TO, URLEncoder.encode(localPath, StandardCharsets.UTF_8), "/users/", RETURN_TO_SECONDS);
    }

    public NewCookie forgetReturnTo() {
        return cookie(RETURN_TO, "", "/users/", 0);
    }

    /** The path a {@link #returnTo} cookie carries, decoded (unchecked), or null. */
    public static String returnPath(Map<String, Cookie> cookies) {
        Cookie c = cookies == null ? null : cookies.get(RETURN_TO);
        if (c == null || c.getValue() == null || c.getValue().isEmpty()) {
            return null;
        }
        try {
            return URLDecoder.decode(c.getValue(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private NewCookie cookie(String name, String value, String path, int maxAgeSeconds) {
        return new NewCookie.Builder(name).value(value).path(path).version(0).maxAge(maxAgeSeconds).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure(secure).build();
    }
}
