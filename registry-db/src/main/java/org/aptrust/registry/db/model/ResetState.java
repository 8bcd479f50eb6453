package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** A user's pending password reset, if any: the token's hash and when it expires (UTC). */
public record ResetState(int id, String email, String name, String tokenHash, LocalDateTime expiresAt,
                         boolean forcePasswordUpdate, LocalDateTime deactivatedAt) {

    @Override
    public String toString() {
        return "ResetState[id=" + id + "]";
    }
}
