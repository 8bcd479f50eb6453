package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

import org.jdbi.v3.core.mapper.Nested;

/**
 * A live web session with its user's authentication facts (one read per request). {@code twoFactorDue}: when two-factor
 * sign-in is required of the user and they have not turned it on, the end of their grace period (null otherwise).
 */
public record SessionUser(
        long sessionId,
        LocalDateTime lastSeenAt,
        @Nested UserIdentity identity,
        boolean awaitingSecondFactor,
        boolean mustEnrolTwoFactor,
        LocalDateTime twoFactorDue) {
}
