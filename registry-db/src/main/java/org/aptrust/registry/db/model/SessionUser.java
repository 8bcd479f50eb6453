package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * A live web session with its user's authentication facts (one read per request). {@code twoFactorDue}: when two-factor
 * sign-in is required of the user and they have not turned it on, the end of their grace period (null otherwise).
 */
public record SessionUser(
        long sessionId,
        LocalDateTime lastSeenAt,
        int id,
        String email,
        String name,
        String role,
        Integer institutionId,
        LocalDateTime deactivatedAt,
        boolean forcePasswordUpdate,
        boolean awaitingSecondFactor,
        boolean mustEnrolTwoFactor,
        LocalDateTime twoFactorDue) {

    public Role roleValue() {
        return Role.fromDb(role);
    }

    /** Active and with a role that may do something. */
    public boolean mayAuthenticate() {
        return deactivatedAt == null && roleValue().canSignIn();
    }
}
