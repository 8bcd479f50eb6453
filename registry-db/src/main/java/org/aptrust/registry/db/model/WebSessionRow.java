package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** One of a user's web sessions, as their account page lists them. */
public record WebSessionRow(long id, LocalDateTime createdAt, LocalDateTime lastSeenAt, String ip, String userAgent) {
}
