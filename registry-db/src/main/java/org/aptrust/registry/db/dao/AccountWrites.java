package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.model.UserFields;
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

    @CreateSqlObject
    UserRecordDao records();

    /** A new account by an administrator, with its "created" history row; the caller sends the welcome link. */
    @Transaction
    default int createUser(UserFields fields, String unusablePasswordHash, int actorId, String ip) {
        int id = records().insert(fields, unusablePasswordHash);
        audit().record(id, actorId, "created", "role " + fields.role() + ", institution " + fields.institutionId(),
                ip);
        return id;
    }

    /**
     * An administrator's edit: one history row per changed field (a new role or institution applies from the
     * user's next request: sessions read the user's row every time). Returns the changes recorded.
     */
    @Transaction
    default List<String> editUser(int userId, UserFields before, UserFields after, int actorId, String ip) {
        List<String> changes = after.changesFrom(before);
        if (changes.isEmpty()) {
            return changes;
        }
        if (records().update(userId, after) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        for (String change : changes) {
            audit().record(userId, actorId, "edited", change, ip);
        }
        return changes;
    }

    /** A new API key (its bcrypt hash) for the user, by the user. */
    @Transaction
    default void issueApiKey(int userId, String keyHash, String ip) {
        if (credentials().setApiKeyHash(userId, keyHash) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        audit().record(userId, userId, "api_key_issued", "a new API key replaced the previous one", ip);
    }

    /**
     * A new password chosen by the signed-in user: the user's other sessions end, and the "password changed"
     * message goes out with it.
     */
    @Transaction
    default void changePassword(int userId, String passwordHash, long keepSession, String ip, OutgoingMail notice) {
        if (credentials().setPasswordHash(userId, passwordHash) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        int ended = sessions().revokeOthers(userId, keepSession, "password_changed");
        audit().record(userId, userId, "password_changed", "changed by the user; " + ended
                + " other session(s) ended", ip);
        outbox().enqueue(notice);
    }

    /**
     * A password-reset (or welcome) link: the token's hash and expiry, the audit row and the message, together.
     * {@code force}: the user must choose a new password before anything else (an admin's reset, a new account).
     */
    @Transaction
    default void startReset(int userId, String tokenHash, long validSeconds, boolean force, Integer actorId,
                            String action, String ip, OutgoingMail link) {
        if (credentials().setResetToken(userId, tokenHash, validSeconds, force) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        audit().record(userId, actorId, action, force ? "a new password is required before anything else"
                : "a reset link was sent", ip);
        outbox().enqueue(link);
    }

    /**
     * Completes a reset: spends the token and sets the password in one statement, ends every session of the user
     * and sends "password changed". False (and nothing changed) when the token was spent meanwhile or expired.
     */
    @Transaction
    default boolean completeReset(int userId, String tokenHash, String passwordHash, String ip, OutgoingMail notice) {
        if (credentials().spendResetToken(userId, tokenHash, passwordHash) != 1) {
            return false;
        }
        int ended = sessions().revokeAll(userId, "password_changed");
        audit().record(userId, userId, "password_reset_completed", "set through a reset link; " + ended
                + " session(s) ended", ip);
        outbox().enqueue(notice);
        return true;
    }

    /** Deactivates the user and ends every session of theirs; false when they were deactivated already. */
    @Transaction
    default boolean deactivate(int userId, int actorId, String ip) {
        if (credentials().deactivate(userId) != 1) {
            return false;
        }
        int ended = sessions().revokeAll(userId, "deactivated");
        audit().record(userId, actorId, "deactivated", ended + " session(s) ended", ip);
        return true;
    }

    /** Reactivates the user (they sign in again with their password); false when they were active. */
    @Transaction
    default boolean reactivate(int userId, int actorId, String ip) {
        if (credentials().reactivate(userId) != 1) {
            return false;
        }
        audit().record(userId, actorId, "reactivated", null, ip);
        return true;
    }
}
