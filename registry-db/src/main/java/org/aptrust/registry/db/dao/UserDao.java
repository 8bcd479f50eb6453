package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.User;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads users_view (never the secrets: those are CredentialsDao's). */
@RegisterConstructorMapper(User.class)
public interface UserDao {

    @SqlQuery("SELECT * FROM users_view WHERE id = :id")
    Optional<User> find(@Bind("id") int id);

    @SqlQuery("SELECT * FROM users_view WHERE lower(email) = lower(:email)")
    Optional<User> findByEmail(@Bind("email") String email);

    /** An institution's users who are not deactivated, by name (the institution page). */
    @SqlQuery("SELECT * FROM users_view WHERE institution_id = :institutionId AND deactivated_at IS NULL"
            + " ORDER BY name, id")
    List<User> activeUsersOf(@Bind("institutionId") int institutionId);
}
