package org.aptrust.registry.db.dao;

import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Marks alerts read or unread for one recipient (alerts_users.read_at). A user can only ever change their own
 * rows: every statement is bound to the user's id, whatever alert ids the request names.
 */
public interface AlertReadDao {

    @SqlUpdate("UPDATE alerts_users SET read_at = now() AT TIME ZONE 'UTC'"
            + " WHERE user_id = :userId AND alert_id IN (<ids>) AND read_at IS NULL")
    int markRead(@Bind("userId") int userId, @BindList("ids") List<Long> alertIds);

    @SqlUpdate("UPDATE alerts_users SET read_at = NULL WHERE user_id = :userId AND alert_id IN (<ids>)"
            + " AND read_at IS NOT NULL")
    int markUnread(@Bind("userId") int userId, @BindList("ids") List<Long> alertIds);

    /** Which of the alerts went to the user (the only ones they may mark). */
    @SqlQuery("SELECT DISTINCT alert_id FROM alerts_users WHERE user_id = :userId AND alert_id IN (<ids>)"
            + " ORDER BY alert_id")
    List<Long> addressedTo(@Bind("userId") int userId, @BindList("ids") List<Long> alertIds);

    @SqlUpdate("UPDATE alerts_users SET read_at = now() AT TIME ZONE 'UTC' WHERE user_id = :userId AND read_at IS NULL")
    int markAllRead(@Bind("userId") int userId);
}
