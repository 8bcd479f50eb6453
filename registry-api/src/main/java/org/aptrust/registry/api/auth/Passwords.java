package org.aptrust.registry.api.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * bcrypt hashing and checking for passwords, API keys and confirmation tokens (cost 10, as the original), with
 * Favre's bcrypt library. New hashes are {@code $2a$}, as the original's Go code wrote them; {@code $2b$} and
 * {@code $2y$} hashes (OpenBSD, PHP, libxcrypt) verify too, each with its own prefix.
 */
public final class Passwords {

    public static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * bcrypt reads at most 72 bytes of a secret (and its terminating NUL). Go's bcrypt, the original's, and OpenBSD's
     * use the first 72 bytes of a longer one, so such a hash must be checked the same way: keep those 72 bytes (the
     * NUL the library appends then falls past what bcrypt reads), never refuse the secret.
     */
    private static final int MAX_BYTES = 72;
    private static final LongPasswordStrategy FIRST_72_BYTES = secret -> secret.length > MAX_BYTES
            ? Arrays.copyOf(secret, MAX_BYTES) : secret;

    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2A, RANDOM, FIRST_72_BYTES);
    /** Takes the version from each hash. */
    private static final BCrypt.Verifyer VERIFIER = BCrypt.verifyer(null, FIRST_72_BYTES);

    /** A bcrypt hash of a secret that is never the same twice, used to spend the same time on unknown users. */
    private static final String DUMMY_HASH = hash("no such user");

    private Passwords() {
    }

    public static String hash(String secret) {
        return HASHER.hashToString(COST, secret.toCharArray());
    }

    /** True when the secret matches the hash; false for a missing or malformed hash. */
    public static boolean matches(String secret, String hash) {
        if (secret == null || hash == null || hash.isBlank()) {
            return false;
        }
        try {
            return VERIFIER.verify(secret.toCharArray(), hash).verified;
        } catch (IllegalArgumentException e) { // a cost out of range
            return false;
        }
    }

    /** Spends a bcrypt check's time, so an unknown user cannot be told from a wrong password by timing. */
    public static void burn(String secret) {
        matches(secret == null ? "" : secret, DUMMY_HASH);
    }

    /** A random 32-hex-digit secret (API keys, tokens). */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
