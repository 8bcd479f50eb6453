package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * Who a user is, as authentication reads it from the users table: id, email, name, role, institution, whether the
 * account is deactivated, and {@code forcePasswordUpdate}: an admin's reset or a new account is waiting for the
 * user to choose a password (users.force_password_update); until then the user opens only that page and uses no API
 * key. A web session's row ({@link SessionUser}) and the credentials ({@link UserCredentials}) nest it (Jdbi's
 * {@code @Nested}).
 */
public record UserIdentity(
        int id,
        String email,
        String name,
        String role,
        Integer institutionId,
        LocalDateTime deactivatedAt,
        boolean forcePasswordUpdate) {

    public Role roleValue() {
        return Role.fromDb(role);
    }

    /** Active and with a role that may do something. */
    public boolean mayAuthenticate() {
        return deactivatedAt == null && roleValue().canSignIn();
    }
}
