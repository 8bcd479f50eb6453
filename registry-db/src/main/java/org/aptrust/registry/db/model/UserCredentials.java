package org.aptrust.registry.db.model;

import org.jdbi.v3.core.mapper.Nested;

/**
 * What authentication needs to know about a user, read from the users table (the views leave the secrets out): who
 * they are, and the hashes of their password and API key. Never serialise this record.
 */
public record UserCredentials(
        @Nested UserIdentity identity,
        String encryptedPassword,
        String encryptedApiSecretKey) {

    @Override
    public String toString() {
        return "UserCredentials[id=" + identity.id() + ", email=" + identity.email() + ", role=" + identity.role()
                + "]";
    }
}
