package org.aptrust.registry.api.auth;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.mindrot.jbcrypt.BCrypt;

/** bcrypt hashing and checking for passwords, API keys and confirmation tokens (cost 10, as the original). */
public final class Passwords {

    public static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A bcrypt hash of a secret that is never the same twice, used to spend the same time on unknown users. */
    private static final String DUMMY_HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(COST));

    private Passwords() {
    }

    public static String hash(String secret) {
        return BCrypt.hashpw(secret, BCrypt.gensalt(COST));
    }

    /** True when the secret matches the hash; false for a missing or malformed hash. */
    public static boolean matches(String secret, String hash) {
        if (secret == null || hash == null || hash.isBlank()) {
            return false;
        }
        try {
            // The original's hashes were written by Go's bcrypt as $2a$; $2y$/$2b$ are the same algorithm.
            String normalized = hash.startsWith("$2y$") || hash.startsWith("$2b$") ? "$2a$" + hash.substring(4) : hash;
            return BCrypt.checkpw(secret, normalized);
        } catch (IllegalArgumentException e) {
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
