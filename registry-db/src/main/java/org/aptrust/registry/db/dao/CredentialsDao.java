package org.aptrust.registry.db.dao;

import java.util.Optional;

import org.aptrust.registry.db.model.UserCredentials;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Reads and writes the secret columns of users: password hash, API key hash. Used only by authentication. */
@RegisterConstructorMapper(UserCredentials.class)
public interface CredentialsDao {

    String COLUMNS = "id, email, name, role, institution_id, deactivated_at, encrypted_password,"
            + " encrypted_api_secret_key";

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(:email)")
    Optional<UserCredentials> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserCredentials> findById(@Bind("id") int id);

    @SqlUpdate("UPDATE users SET encrypted_api_secret_key = :hash, updated_at = now() AT TIME ZONE 'UTC'"
            + " WHERE id = :id")
    int setApiKeyHash(@Bind("id") int id, @Bind("hash") String hash);

    @SqlUpdate("UPDATE users SET encrypted_password = :hash, password_changed_at = now() AT TIME ZONE 'UTC',"
            + " updated_at = now() AT TIME ZONE 'UTC' WHERE id = :id")
    int setPasswordHash(@Bind("id") int id, @Bind("hash") String hash);

    /** The current sign-in becomes the last one (sessions themselves are web_sessions rows, WebSessionDao). */
    @SqlUpdate("UPDATE users SET sign_in_count = sign_in_count + 1,"
            + " last_sign_in_at = COALESCE(current_sign_in_at, last_sign_in_at),"
            + " last_sign_in_ip = COALESCE(current_sign_in_ip, last_sign_in_ip),"
            + " current_sign_in_at = now() AT TIME ZONE 'UTC',"
            + " current_sign_in_ip = :ip WHERE id = :id")
    int recordSignIn(@Bind("id") int id, @Bind("ip") String ip);
}
