package org.aptrust.registry.web.workflows;

import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.web.auth.ResetTokens;

/**
 * Deletion confirmation tokens: 256 random bits in the emailed link, only their SHA-256 stored
 * (deletion_requests.encrypted_confirmation_token), compared in constant time. Requests made by the original carry a
 * bcrypt hash there; those are still checked with bcrypt, so their emailed links keep working.
 */
public final class ConfirmationTokens {

    private ConfirmationTokens() {
    }

    /** A new token and what to store for it. */
    public record Issued(String token, String storedHash) {
        @Override
        public String toString() {
            return "Issued[token=(hidden)]";
        }
    }

    public static Issued issue() {
        String token = ResetTokens.newToken();
        return new Issued(token, ResetTokens.hash(token));
    }

    public static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || storedHash == null) {
            return false;
        }
        if (storedHash.startsWith("$2")) {
            return token.length() <= 72 && Passwords.matches(token, storedHash);
        }
        return ResetTokens.matches(token, storedHash);
    }
}
