package org.aptrust.registry.web.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The `web:` section: how browser sessions are signed and kept, and limits of the pages. The session key is checked
 * when the server starts (not by bean validation), so `db` commands run without it.
 */
public class WebSettings {

    /** Shortest key we accept: an HMAC-SHA256 key should carry at least 256 bits. */
    public static final int MIN_KEY_LENGTH = 32;

    /** Signs session cookies and derives CSRF tokens. From REGISTRY_SESSION_KEY outside development. */
    @JsonProperty
    private String sessionKey = "";

    /** Keys that signed sessions before a rotation: still accepted, never used to sign. */
    @JsonProperty
    private List<String> previousSessionKeys = new ArrayList<>();

    /** A session ends this long after sign-in, whatever the browser does with the cookie. */
    @NotNull
    @JsonProperty
    private Duration sessionMaxAge = Duration.hours(12);

    /** Mark cookies Secure (the service is reached over HTTPS, directly or through a proxy). */
    @JsonProperty
    private boolean secureCookies = false;

    /** The most rows one CSV download streams; the list pages say so. */
    @Min(1)
    @Max(10_000_000)
    @JsonProperty
    private int csvMaxRows = 100_000;

    /** Failed sign-ins (per email and per client address) before each further attempt must wait. */
    @Min(1)
    @JsonProperty
    private int signInFailuresBeforeDelay = 5;

    /**
     * "Forgot password" requests for one address within 15 minutes before each further one must wait (1 s, doubling
     * up to 5 minutes); a request while waiting gets the same answer but sends no mail. Counted apart from sign-in.
     */
    @Min(1)
    @JsonProperty
    private int forgotPasswordRequestsBeforeDelay = 3;

    /** The same from one client address, whatever the addresses asked for. */
    @Min(1)
    @JsonProperty
    private int forgotPasswordRequestsPerClientBeforeDelay = 20;

    /**
     * How long users of an institution that begins to require two-factor sign-in may go on without it (a user's own
     * users.grace_period wins); then they must turn it on before anything else.
     */
    @JsonProperty
    private Duration twoFactorGracePeriod = Duration.days(30);

    public java.time.Duration twoFactorGracePeriod() {
        return twoFactorGracePeriod.toJavaDuration();
    }

    public String getSessionKey() {
        return sessionKey;
    }

    public List<String> getPreviousSessionKeys() {
        return previousSessionKeys;
    }

    public java.time.Duration sessionMaxAge() {
        return sessionMaxAge.toJavaDuration();
    }

    public boolean isSecureCookies() {
        return secureCookies;
    }

    public int getCsvMaxRows() {
        return csvMaxRows;
    }

    public int getSignInFailuresBeforeDelay() {
        return signInFailuresBeforeDelay;
    }

    public int getForgotPasswordRequestsBeforeDelay() {
        return forgotPasswordRequestsBeforeDelay;
    }

    public int getForgotPasswordRequestsPerClientBeforeDelay() {
        return forgotPasswordRequestsPerClientBeforeDelay;
    }

    /**
     * The signing key first, then the previous ones.
     *
     * @throws IllegalStateException naming the setting when the key is missing or too short
     */
    public List<byte[]> sessionKeys() {
        String key = sessionKey == null ? "" : sessionKey.strip();
        if (key.isEmpty() || key.startsWith("${")) {
            throw new IllegalStateException("web.sessionKey is not set: set REGISTRY_SESSION_KEY to a random secret of"
                    + " at least " + MIN_KEY_LENGTH + " characters (for example `openssl rand -hex 32`)");
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("web.sessionKey is too short (" + key.length() + " characters): use at"
                    + " least " + MIN_KEY_LENGTH);
        }
        List<byte[]> keys = new ArrayList<>();
        keys.add(key.getBytes(StandardCharsets.UTF_8));
        for (String old : previousSessionKeys) {
            if (old != null && !old.isBlank()) {
                keys.add(old.strip().getBytes(StandardCharsets.UTF_8));
            }
        }
        return keys;
    }
}
