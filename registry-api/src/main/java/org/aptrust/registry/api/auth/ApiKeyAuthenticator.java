package org.aptrust.registry.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.faults.ConnectionFailures;
import org.aptrust.registry.db.model.UserCredentials;
import org.aptrust.registry.db.model.UserIdentity;
import org.aptrust.registry.db.throttle.FailureThrottle;

/**
 * Checks the X-Pharos-API-User / X-Pharos-API-Key pair against users.encrypted_api_secret_key.
 *
 * <p>bcrypt costs about 50 ms a check, which would cap the API at a few dozen requests a second per core. A
 * successful check is therefore remembered for {@code expiry}, keyed by an HMAC (with a secret that lives only in
 * this process) of the email and the key, so the plaintext key is never kept. The remembered value is the user's
 * row as it was checked, including the hash the key matched. Within {@code recheckInterval} of the last look at
 * that row the remembered check is trusted as it is; after that the row is read again (one indexed query, no
 * bcrypt), and when its hash differs (the key was changed) the remembered check no longer counts. So a changed
 * key, a deactivation or a role change applies within the recheck interval (1 s by default; 0 reads the row on
 * every request), on every instance. Failed checks are never remembered, so guessing keys always costs bcrypt, and
 * they are counted by a {@link FailureThrottle} per user and per client address: past its limit an attempt is
 * refused (429) without a check until its wait is over. A user whose password must be reset first (an admin's reset,
 * a new account: users.force_password_update) is refused with 401 until they have chosen one, and never remembered.
 */
public final class ApiKeyAuthenticator {

    /** What became of a request's credentials. */
    public sealed interface Outcome permits Accepted, Refused, Throttled {
    }

    /** Too many failed checks for this user or from this address: try again after {@code retryAfter} (429). */
    public record Throttled(Duration retryAfter) implements Outcome {
    }

    public record Accepted(ApiCaller caller) implements Outcome {
    }

    /** Refused with 401 (not authenticated) or 403 (authenticated, but may not use the API). */
    public record Refused(int status, String message) implements Outcome {
    }

    static final String RESET_FIRST = "this account's password must be reset first: sign in to the web pages and"
            + " choose a new password, then the API key works again";

    static final String BAD_CREDENTIALS = "invalid API credentials: X-Pharos-API-User must be a user's email and"
            + " X-Pharos-API-Key that user's API key";

    /** A successful check: the row the key matched, and when the row was last read. */
    private record Verified(UserCredentials user, long readAtNanos) {
    }

    private final CredentialsDao credentials;
    private final FailureThrottle throttle;
    private final Cache<String, Verified> verified;
    private final long recheckNanos;
    private final LongSupplier clock;
    /** A keyed MAC per thread: Mac instances are not thread-safe, and making one per request costs time. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param throttle counts failed checks per user and per client address (shared by every instance); null for
     *                 none
     */
    public ApiKeyAuthenticator(CredentialsDao credentials, FailureThrottle throttle, Duration expiry,
                               Duration recheckInterval, long size) {
        this(credentials, throttle, expiry, recheckInterval, size, System::nanoTime);
    }

    ApiKeyAuthenticator(CredentialsDao credentials, FailureThrottle throttle, Duration expiry,
                        Duration recheckInterval, long size, LongSupplier clock) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().expireAfterWrite(expiry).maximumSize(size).build();
        this.recheckNanos = recheckInterval.toNanos();
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec cacheKeySecret = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(cacheKeySecret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /**
     * @param clientAddress the caller's address, for the throttle. A caller whose key was checked within the cache's
     *                      expiry is never throttled nor slowed: the throttle is read only before a bcrypt check.
     */
    public Outcome authenticate(String email, String apiKey, String clientAddress) {
        if (email == null || email.isBlank() || apiKey == null || apiKey.isBlank()) {
            return new Refused(401, "missing API credentials: send the headers X-Pharos-API-User (your email)"
                    + " and X-Pharos-API-Key (your API key)");
        }
        String cacheKey = cacheKey(email.strip().toLowerCase(Locale.ROOT), apiKey);
        Verified remembered = verified.getIfPresent(cacheKey);
        long now = clock.getAsLong();
        if (remembered != null && now - remembered.readAtNanos() < recheckNanos) {
            return decide(remembered.user().identity());
        }
        Optional<UserCredentials> found = ConnectionFailures.readingTwiceOnLostConnection(
                () -> credentials.findByEmail(email.strip()));
        if (found.isEmpty()) {
            verified.invalidate(cacheKey);
            Duration wait = waitBefore(email, clientAddress);
            if (!wait.isZero()) {
                return new Throttled(wait);
            }
            Passwords.burn(apiKey);
            return failed(email, clientAddress);
        }
        UserCredentials user = found.get();
        String storedHash = user.encryptedApiSecretKey();
        boolean stillMatches = remembered != null && storedHash != null
                && storedHash.equals(remembered.user().encryptedApiSecretKey());
        if (!stillMatches) {
            verified.invalidate(cacheKey);
            Duration wait = waitBefore(email, clientAddress);
            if (!wait.isZero()) {
                return new Throttled(wait);
            }
            if (!Passwords.matches(apiKey, storedHash)) {
                return failed(email, clientAddress);
            }
            if (throttle != null) {
                throttle.recordSuccess(email);
            }
        }
        if (user.identity().forcePasswordUpdate() && user.identity().mayAuthenticate()) {
            // A pending forced reset (an admin's, or a new account's): not remembered, so the key works again at
            // the first request after the new password, and until then each request reads the row again.
            verified.invalidate(cacheKey);
            return new Refused(401, RESET_FIRST);
        }
        verified.put(cacheKey, new Verified(user, now));
        return decide(user.identity());
    }

    private Duration waitBefore(String email, String clientAddress) {
        return throttle == null ? Duration.ZERO : throttle.waitBefore(email, clientAddress);
    }

    private Outcome failed(String email, String clientAddress) {
        if (throttle != null) {
            throttle.recordFailure(email, clientAddress);
        }
        return new Refused(401, BAD_CREDENTIALS);
    }

    /** A user whose key matched: refused when deactivated or without a role. */
    private static Outcome decide(UserIdentity user) {
        if (user.deactivatedAt() != null) {
            return new Refused(403, "this account is deactivated");
        }
        if (!user.roleValue().canSignIn()) {
            return new Refused(403, "this account has no role that may use the API");
        }
        return new Accepted(new ApiCaller(user.id(), user.email(), user.roleValue(), user.institutionId()));
    }

    /** Forgets every remembered check, so the next request of each user reads its row and runs bcrypt again. */
    public void forgetAll() {
        verified.invalidateAll();
    }

    private String cacheKey(String email, String apiKey) {
        Mac mac = macs.get();
        mac.update(email.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(apiKey.getBytes(StandardCharsets.UTF_8)));
    }
}
