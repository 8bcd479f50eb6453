package org.aptrust.registry.db.dao;

import java.util.List;
import java.util.Optional;

import org.aptrust.registry.db.model.Alert;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads alerts_view: one row per alert and recipient. */
@RegisterConstructorMapper(Alert.class)
public interface AlertDao {

    /** The alert itself, without recipient (user_id and the user and read fields are null). */
    @SqlQuery("SELECT DISTINCT ON (id) id, institution_id, type, subject, content, deletion_request_id, created_at,"
            + " institution_name, institution_identifier, NULL::integer AS user_id, NULL AS user_name,"
            + " NULL AS user_email, NULL::timestamp AS sent_at, NULL::timestamp AS read_at"
            + " FROM alerts_view WHERE id = :id")
    Optional<Alert> find(@Bind("id") long id);

    /** The alert as one recipient got it (the page at /alerts/show/:id/:user_id). */
    @SqlQuery("SELECT * FROM alerts_view WHERE id = :id AND user_id = :userId")
    Optional<Alert> find(@Bind("id") long id, @Bind("userId") int userId);

    /** Everyone the alert went to, by user id. */
    @SqlQuery("SELECT * FROM alerts_view WHERE id = :id AND user_id IS NOT NULL ORDER BY user_id")
    List<Alert> recipients(@Bind("id") long id);

    /** How many of a user's alerts are unread (the badge in the header). */
    @SqlQuery("SELECT count(*) FROM alerts_users WHERE user_id = :userId AND read_at IS NULL")
    long countUnread(@Bind("userId") int userId);
}
