package org.aptrust.registry.db.dao;

import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Account changes, each one transaction with its audit row (and, where the change sends mail, its outbox message,
 * added by the caller through {@link #outbox()} in the same transaction).
 */
public interface AccountWrites {

    @CreateSqlObject
    CredentialsDao credentials();

    @CreateSqlObject
    UserAuditDao audit();

    @CreateSqlObject
    WebSessionDao sessions();

    @CreateSqlObject
    MailOutboxDao outbox();

    /** A new API key (its bcrypt hash) for the user, by the user. */
    @Transaction
    default void issueApiKey(int userId, String keyHash, String ip) {
        if (credentials().setApiKeyHash(userId, keyHash) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        audit().record(userId, userId, "api_key_issued", "a new API key replaced the previous one", ip);
    }
}
