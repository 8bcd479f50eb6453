package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/** One recipient row of the outbox with its message, for the admin page. */
public record OutboxEntry(long id, long messageId, String kind, String subject, String bodyText, Integer userId,
                          LocalDateTime createdAt, String address, String state, int attempts,
                          LocalDateTime nextAttemptAt, LocalDateTime lastAttemptAt, String lastError,
                          LocalDateTime sentAt) {
}
