package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** One changed field of an institution (migration 071), with the actor's email for display. */
public record InstitutionAuditEvent(long id, int institutionId, Integer actorId, String actorEmail, String action,
                                    String field, String oldValue, String newValue, String ip,
                                    LocalDateTime createdAt) {
}
