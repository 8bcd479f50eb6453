package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** One change to an account (migration 032), with the actor's email for display. */
public record UserAuditEvent(long id, int userId, Integer actorId, String actorEmail, String action, String detail,
                             String ip, LocalDateTime createdAt) {
}
