package org.aptrust.registry.db.model;

import java.time.LocalDateTime;

/**
 * One row of alerts_view: an alert and one of its recipients (user fields are null for an alert without
 * recipients).
 */
public record Alert(
        long id,
        Integer institutionId,
        String institutionName,
        String institutionIdentifier,
        String type,
        String subject,
        String content,
        Integer deletionRequestId,
        LocalDateTime createdAt,
        Integer userId,
        String userName,
        String userEmail,
        LocalDateTime sentAt,
        LocalDateTime readAt) {
}
