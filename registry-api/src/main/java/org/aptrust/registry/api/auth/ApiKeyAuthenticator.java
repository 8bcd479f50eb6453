package org.aptrust.registry.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.model.UserCredentials;

/**
 * Checks the X-Pharos-API-User / X-Pharos-API-Key pair against users.encrypted_api_secret_key.
 *
 * <p>bcrypt costs about 50 ms a check, which would cap the API at a few dozen requests a second per core. A
 * successful check is therefore remembered for a short while, keyed by an HMAC (with a secret that lives only in
 * this process) of the user id and the key, so the plaintext key is never kept. The remembered value is the hash
 * the key was checked against: the user row is still read on every request, and when the stored hash differs
 * (the key was changed) the remembered check no longer counts. Deactivation and role changes take effect at once
 * for the same reason. Failed checks are never remembered, so guessing keys always costs bcrypt time.
 */
public final class ApiKeyAuthenticator {

    /** What became of a request's credentials. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(ApiCaller caller) implements Outcome {
    }

    /** Refused with 401 (not authenticated) or 403 (authenticated, but may not use the API). */
    public record Refused(int status, String message) implements Outcome {
    }

    static final String BAD_CREDENTIALS = "invalid API credentials: X-Pharos-API-User must be a user's email and"
            + " X-Pharos-API-Key that user's API key";

    private final CredentialsDao credentials;
    private final Cache<String, String> verified;
    /** A keyed MAC per thread: Mac instances are not thread-safe, and making one per request costs time. */
    private final ThreadLocal<Mac> macs;

    public ApiKeyAuthenticator(CredentialsDao credentials, Duration cacheExpiry, long cacheSize) {
        this.credentials = credentials;
        this.verified = Caffeine.newBuilder().expireAfterWrite(cacheExpiry).maximumSize(cacheSize).build();
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

    public Outcome authenticate(String email, String apiKey) {
        if (email == null || email.isBlank() || apiKey == null || apiKey.isBlank()) {
            return new Refused(401, "missing API credentials: send the headers X-Pharos-API-User (your email)"
                    + " and X-Pharos-API-Key (your API key)");
        }
        Optional<UserCredentials> found = credentials.findByEmail(email.strip());
        if (found.isEmpty()) {
            Passwords.burn(apiKey);
            return new Refused(401, BAD_CREDENTIALS);
        }
        UserCredentials user = found.get();
        String storedHash = user.encryptedApiSecretKey();
        String cacheKey = cacheKey(user.id(), apiKey);
        String rememberedHash = verified.getIfPresent(cacheKey);
        if (storedHash == null || !storedHash.equals(rememberedHash)) {
            if (!Passwords.matches(apiKey, storedHash)) {
                return new Refused(401, BAD_CREDENTIALS);
            }
            verified.put(cacheKey, storedHash);
        }
        if (user.deactivatedAt() != null) {
            return new Refused(403, "this account is deactivated");
        }
        if (!user.roleValue().canSignIn()) {
            return new Refused(403, "this account has no role that may use the API");
        }
        return new Accepted(new ApiCaller(user.id(), user.email(), user.roleValue(), user.institutionId()));
    }

    /** Forgets every remembered check (for example after keys were rotated in bulk). */
    public void forgetAll() {
        verified.invalidateAll();
    }

    private String cacheKey(int userId, String apiKey) {
        Mac mac = macs.get();
        mac.update((userId + ":").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(apiKey.getBytes(StandardCharsets.UTF_8)));
    }
}
