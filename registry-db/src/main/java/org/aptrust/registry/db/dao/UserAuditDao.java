package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.UserAuditEvent;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The account audit trail (migration 032). Written in the transaction of the change it records. */
@RegisterConstructorMapper(UserAuditEvent.class)
public interface UserAuditDao {

    @SqlUpdate("INSERT INTO user_audit_events (user_id, actor_id, action, detail, ip)"
            + " VALUES (:userId, :actorId, :action, :detail, left(:ip, 64))")
    void record(@Bind("userId") int userId, @Bind("actorId") Integer actorId, @Bind("action") String action,
                @Bind("detail") String detail, @Bind("ip") String ip);

    @SqlQuery("SELECT e.id, e.user_id, e.actor_id, a.email AS actor_email, e.action, e.detail, e.ip, e.created_at"
            + " FROM user_audit_events e LEFT JOIN users a ON a.id = e.actor_id"
            + " WHERE e.user_id = :userId ORDER BY e.created_at DESC, e.id DESC LIMIT :limit")
    List<UserAuditEvent> forUser(@Bind("userId") int userId, @Bind("limit") int limit);
}
