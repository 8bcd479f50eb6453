package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * What authentication needs to know about a user, read from the users table (the views leave the secrets out).
 * Never serialise this record.
 */
public record UserCredentials(
        int id,
        String email,
        String name,
        String role,
        Integer institutionId,
        LocalDateTime deactivatedAt,
        String encryptedPassword,
        String encryptedApiSecretKey) {

    public Role roleValue() {
        return Role.fromDb(role);
    }

    /** Active and with a role that may do something. */
    public boolean mayAuthenticate() {
        return deactivatedAt == null && roleValue().canSignIn();
    }

    @Override
    public String toString() {
        return "UserCredentials[id=" + id + ", email=" + email + ", role=" + role + "]";
    }
}
