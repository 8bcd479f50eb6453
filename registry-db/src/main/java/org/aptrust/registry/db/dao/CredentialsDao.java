package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.model.ResetState;
import org.aptrust.registry.db.model.UserCredentials;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Reads and writes the secret columns of users: password hash, API key hash. Used only by authentication. */
@RegisterConstructorMapper(UserCredentials.class)
@RegisterConstructorMapper(ResetState.class)
public interface CredentialsDao {

    String COLUMNS = "id, email, name, role, institution_id, deactivated_at, encrypted_password,"
            + " encrypted_api_secret_key, COALESCE(force_password_update, false) AS force_password_update";

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
    Optional<UserCredentials> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserCredentials> findById(@Bind("id") int id);

    @SqlUpdate("UPDATE users SET encrypted_api_secret_key = :hash, updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id")
    int setApiKeyHash(@Bind("id") int id, @Bind("hash") String hash);

    /** A new password: any pending reset and the must-change mark end with it. */
    @SqlUpdate("UPDATE users SET encrypted_password = :hash, password_changed_at = now() AT TIME ZONE 'UTC',"
            + " reset_password_token = NULL, reset_password_sent_at = NULL, reset_password_expires_at = NULL,"
            + " force_password_update = false, initial_password_updated = true,"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int setPasswordHash(@Bind("id") int id, @Bind("hash") String hash);

    /**
     * Spends a reset token and sets the new password in one statement: 0 rows when the token was used meanwhile or
     * has expired, so it works once.
     */
    @SqlUpdate("UPDATE users SET encrypted_password = :hash, password_changed_at = now() AT TIME ZONE 'UTC',"
            + " reset_password_token = NULL, reset_password_sent_at = NULL, reset_password_expires_at = NULL,"
            + " force_password_update = false, initial_password_updated = true,"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id AND reset_password_token = :tokenHash"
            + " AND reset_password_expires_at > now() AT TIME ZONE 'UTC'")
    int spendResetToken(@Bind("id") int id, @Bind("tokenHash") String tokenHash, @Bind("hash") String hash);

    /** A new reset token (its hash), valid for the given seconds; {@code force} also makes a new password due. */
    @SqlUpdate("UPDATE users SET reset_password_token = :tokenHash, reset_password_sent_at = now() AT TIME ZONE 'UTC',"
            + " reset_password_expires_at = now() AT TIME ZONE 'UTC' + make_interval(secs => :validSeconds),"
            + " force_password_update = (COALESCE(force_password_update, false) OR :force),"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int setResetToken(@Bind("id") int id, @Bind("tokenHash") String tokenHash,
                      @Bind("validSeconds") long validSeconds, @Bind("force") boolean force);

    @SqlQuery("SELECT id, email, name, reset_password_token AS token_hash, reset_password_expires_at AS expires_at,"
            + " COALESCE(force_password_update, false) AS force_password_update, deactivated_at"
            + " FROM users WHERE id = :id")
    Optional<ResetState> resetState(@Bind("id") int id);

    /** The current sign-in becomes the last one (sessions themselves are web_sessions rows, WebSessionDao). */
    @SqlUpdate("UPDATE users SET sign_in_count = sign_in_count + 1,"
            + " last_sign_in_at = COALESCE(current_sign_in_at, last_sign_in_at),"
            + " last_sign_in_ip = COALESCE(current_sign_in_ip, last_sign_in_ip),"
            + " current_sign_in_at = now() AT TIME ZONE 'UTC',"
            + " current_sign_in_ip = :ip WHERE id = :id")
    int recordSignIn(@Bind("id") int id, @Bind("ip") String ip);

    @SqlUpdate("UPDATE users SET deactivated_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id AND deactivated_at IS NULL")
    int deactivate(@Bind("id") int id);

    @SqlUpdate("UPDATE users SET deactivated_at = NULL, updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id AND deactivated_at IS NOT NULL")
    int reactivate(@Bind("id") int id);
}
