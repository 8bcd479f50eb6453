package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * What authentication needs to know about a user, read from the users table (the views leave the secrets out).
 * Never serialise this record. {@code forcePasswordUpdate}: an admin's reset or a new account is waiting for the user
 * to choose a password (users.force_password_update); until then the user opens only that page and uses no API key.
 */
public record UserCredentials(
        int id,
        String email,
        String name,
        String role,
        Integer institutionId,
        LocalDateTime deactivatedAt,
        String encryptedPassword,
        String encryptedApiSecretKey,
        boolean forcePasswordUpdate) {

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
