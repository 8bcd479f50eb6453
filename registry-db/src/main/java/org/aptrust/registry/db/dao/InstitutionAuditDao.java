package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.InstitutionAuditEvent;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The institutions' audit trail (migration 071). Written in the transaction of the change it records. */
@RegisterConstructorMapper(InstitutionAuditEvent.class)
public interface InstitutionAuditDao {

    @SqlUpdate("INSERT INTO institution_audit_events (institution_id, actor_id, action, field, old_value, new_value,"
            + " ip) VALUES (:institutionId, :actorId, :action, :field, :oldValue, :newValue, left(:ip, 64))")
    void record(@Bind("institutionId") int institutionId, @Bind("actorId") Integer actorId,
                @Bind("action") String action, @Bind("field") String field, @Bind("oldValue") String oldValue,
                @Bind("newValue") String newValue, @Bind("ip") String ip);

    @SqlQuery("SELECT e.id, e.institution_id, e.actor_id, a.email AS actor_email, e.action, e.field, e.old_value,"
            + " e.new_value, e.ip, e.created_at FROM institution_audit_events e LEFT JOIN users a ON a.id = e.actor_id"
            + " WHERE e.institution_id = :institutionId ORDER BY e.created_at DESC, e.id DESC LIMIT :limit")
    List<InstitutionAuditEvent> forInstitution(@Bind("institutionId") int institutionId, @Bind("limit") int limit);
}
