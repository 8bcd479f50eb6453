package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.BackupCode;
import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.model.TwoFactorState;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Two-factor sign-in (migrations 034, 035): a user's enrolment and policy, the per-session "awaiting second factor"
 * state, texted codes, authenticator secrets and time steps, backup codes.
 */
@RegisterConstructorMapper(TwoFactorState.class)
@RegisterConstructorMapper(BackupCode.class)
public interface TwoFactorDao {

    String NOW = "now() AT TIME ZONE 'UTC'";

    @CreateSqlObject
    UserAuditDao audit();

    @CreateSqlObject
    WebSessionDao sessions();

    @CreateSqlObject
    MailOutboxDao outbox();

    /** The user's facts; the grace period counts from when the institution began to require it. */
    @SqlQuery("SELECT u.id, u.email, u.phone_number,"
            + " (COALESCE(u.enabled_two_factor, false) AND COALESCE(u.confirmed_two_factor, false)) AS two_factor_on,"
            + " (COALESCE(i.otp_enabled, false) OR COALESCE(u.otp_required_for_login, false)) AS required,"
            + " COALESCE(u.grace_period, i.otp_required_since + make_interval(secs => :graceSeconds)) AS due,"
            + " u.authy_status AS method, u.encrypted_otp_secret, u.encrypted_otp_secret_iv, u.consumed_timestep,"
            + " (SELECT count(*) FROM user_backup_codes b WHERE b.user_id = u.id AND b.used_at IS NULL)::int"
            + " AS backup_codes_left"
            + " FROM users u LEFT JOIN institutions i ON i.id = u.institution_id WHERE u.id = :id")
    Optional<TwoFactorState> state(@Bind("id") int userId, @Bind("graceSeconds") long graceSeconds);

    @SqlUpdate("UPDATE web_sessions SET awaiting_second_factor = true WHERE id = :id")
    int awaitSecondFactor(@Bind("id") long sessionId);

    /** The second factor was given: the session opens everything, and any texted code is spent. */
    @SqlUpdate("UPDATE web_sessions SET awaiting_second_factor = false, sms_code_hash = NULL,"
            + " sms_code_expires_at = NULL WHERE id = :id")
    int secondFactorGiven(@Bind("id") long sessionId);

    @SqlUpdate("UPDATE web_sessions SET sms_code_hash = :hash, sms_code_expires_at = " + NOW
            + " + make_interval(secs => :validSeconds) WHERE id = :id")
    int setSmsCode(@Bind("id") long sessionId, @Bind("hash") String hash, @Bind("validSeconds") long validSeconds);

    @SqlQuery("SELECT sms_code_hash FROM web_sessions WHERE id = :id AND sms_code_expires_at > " + NOW)
    Optional<String> liveSmsCode(@Bind("id") long sessionId);

    @SqlUpdate("UPDATE web_sessions SET pending_otp_secret = :secret WHERE id = :id")
    int setPendingSecret(@Bind("id") long sessionId, @Bind("secret") String encryptedSecret);

    @SqlQuery("SELECT pending_otp_secret FROM web_sessions WHERE id = :id AND pending_otp_secret IS NOT NULL")
    Optional<String> pendingSecret(@Bind("id") long sessionId);

    /** Accepts an authenticator time step once: 0 rows when it (or a later one) was used already. */
    @SqlUpdate("UPDATE users SET consumed_timestep = :step WHERE id = :id"
            + " AND (consumed_timestep IS NULL OR consumed_timestep < :step)")
    int consumeTimestep(@Bind("id") int userId, @Bind("step") int step);

    @SqlQuery("SELECT id, code_hash FROM user_backup_codes WHERE user_id = :id AND used_at IS NULL ORDER BY id")
    List<BackupCode> unusedBackupCodes(@Bind("id") int userId);

    /** Spends one backup code: 0 rows when it was spent meanwhile, so it works once. */
    @SqlUpdate("UPDATE user_backup_codes SET used_at = " + NOW + " WHERE id = :id AND used_at IS NULL")
    int spendBackupCode(@Bind("id") long codeId);

    @SqlUpdate("DELETE FROM user_backup_codes WHERE user_id = :id")
    int forgetBackupCodes(@Bind("id") int userId);

    @SqlBatch("INSERT INTO user_backup_codes (user_id, code_hash) VALUES (:userId, :hash)")
    void addBackupCodes(@Bind("userId") int userId, @Bind("hash") List<byte[]> hashes);

    @SqlUpdate("UPDATE users SET encrypted_otp_secret = :secret, encrypted_otp_secret_iv = :iv,"
            + " enabled_two_factor = true, confirmed_two_factor = true, authy_status = NULL,"
            + " consumed_timestep = :step, updated_at = " + NOW + " WHERE id = :id")
    int enableAuthenticator(@Bind("id") int userId, @Bind("secret") String secret, @Bind("iv") String iv,
                            @Bind("step") int step);

    /**
     * Enrols an authenticator app: its secret (encrypted), the time step of the confirming code (spent), ten new
     * backup codes replacing any old ones, the pending secret of the session forgotten, a history row.
     */
    @Transaction
    default void enrol(int userId, long sessionId, String secret, String iv, int step, List<byte[]> backupHashes,
                       String ip) {
        if (enableAuthenticator(userId, secret, iv, step) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        setPendingSecret(sessionId, null);
        forgetBackupCodes(userId);
        addBackupCodes(userId, backupHashes);
        audit().record(userId, userId, "two_factor_enrolled", "authenticator app; " + backupHashes.size()
                + " backup codes issued", ip);
    }

    /** The first step of enrolling a phone: the number waits in the session with the hash of the code texted to it. */
    @SqlUpdate("UPDATE web_sessions SET pending_phone_number = :phone, sms_code_hash = :hash, sms_code_expires_at = "
            + NOW + " + make_interval(secs => :validSeconds) WHERE id = :id")
    int startPhoneEnrolment(@Bind("id") long sessionId, @Bind("phone") String phone, @Bind("hash") String codeHash,
                            @Bind("validSeconds") long validSeconds);

    @SqlQuery("SELECT pending_phone_number FROM web_sessions WHERE id = :id AND pending_phone_number IS NOT NULL")
    Optional<String> pendingPhone(@Bind("id") long sessionId);

    @SqlUpdate("UPDATE web_sessions SET pending_phone_number = NULL, pending_otp_secret = NULL, sms_code_hash = NULL,"
            + " sms_code_expires_at = NULL WHERE id = :id")
    int forgetPendingEnrolment(@Bind("id") long sessionId);

    /** Text-message codes, in the original's columns: authy_status 'sms' with the confirmed phone number. */
    @SqlUpdate("UPDATE users SET phone_number = :phone, authy_status = 'sms', enabled_two_factor = true,"
            + " confirmed_two_factor = true, encrypted_otp_secret = NULL, encrypted_otp_secret_iv = NULL,"
            + " encrypted_otp_secret_salt = NULL, consumed_timestep = NULL, updated_at = " + NOW + " WHERE id = :id")
    int enableSms(@Bind("id") int userId, @Bind("phone") String phone);

    /**
     * Enrols text-message codes once the phone is confirmed: the number and the method in the user's row, ten new
     * backup codes replacing any old ones, the session's pending enrolment and texted code forgotten, a history row.
     */
    @Transaction
    default void enrolSms(int userId, long sessionId, String phone, List<byte[]> backupHashes, String ip) {
        if (enableSms(userId, phone) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        forgetPendingEnrolment(sessionId);
        forgetBackupCodes(userId);
        addBackupCodes(userId, backupHashes);
        audit().record(userId, userId, "two_factor_enrolled", "text messages to a phone ending "
                + phone.substring(Math.max(0, phone.length() - 4)) + " (confirmed with a texted code); "
                + backupHashes.size() + " backup codes issued", ip);
    }

    /** Ten new backup codes; the old ones stop working. */
    @Transaction
    default void replaceBackupCodes(int userId, List<byte[]> backupHashes, String ip) {
        forgetBackupCodes(userId);
        addBackupCodes(userId, backupHashes);
        audit().record(userId, userId, "backup_codes_issued", backupHashes.size() + " new codes; the old ones no"
                + " longer work", ip);
    }

    /**
     * Two-factor sign-in off, in the original's columns: enabled_two_factor and confirmed_two_factor false, the
     * authenticator secret (encrypted_otp_secret, _iv, _salt), the spent time step, the original's backup codes and
     * Authy method (authy_status) cleared. The phone number stays (it is also the account's contact number).
     */
    @SqlUpdate("UPDATE users SET enabled_two_factor = false, confirmed_two_factor = false,"
            + " encrypted_otp_secret = NULL, encrypted_otp_secret_iv = NULL, encrypted_otp_secret_salt = NULL,"
            + " encrypted_otp_sent_at = NULL, consumed_timestep = NULL, otp_backup_codes = NULL, authy_status = NULL,"
            + " awaiting_second_factor = false, updated_at = " + NOW + " WHERE id = :id")
    int disableTwoFactor(@Bind("id") int userId);

    /**
     * Turns a user's two-factor sign-in off (by the user, or an APTrust admin's reset): the columns above, every
     * backup code forgotten, a history row and the notice to the user, in one transaction. {@code endSessions}: every
     * session of the user ends (an admin's reset: a session stuck at its second step goes, and the user signs in
     * again with the password and may enrol anew).
     */
    @Transaction
    default void turnOff(int userId, int actorId, String action, String detail, String ip, boolean endSessions,
                         OutgoingMail notice) {
        if (disableTwoFactor(userId) != 1) {
            throw new IllegalStateException("no user " + userId);
        }
        forgetBackupCodes(userId);
        String ended = "";
        if (endSessions) {
            ended = "; " + sessions().revokeAll(userId, action) + " session(s) ended";
        }
        audit().record(userId, actorId, action, detail + ended, ip);
        outbox().enqueue(notice);
    }
}
