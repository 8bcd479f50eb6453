package org.aptrust.registry.db.model;

import java.util.List;

/**
 * A message to put in the outbox: rendered already, with its recipients (each delivered and recorded on its own).
 *
 * @param kind     the template that made it (welcome, password_reset, ...)
 * @param userId   the user the message is about, or null
 * @param bodyHtml null for a plain-text message
 */
public record OutgoingMail(String kind, String subject, String bodyText, String bodyHtml, Integer userId,
                           List<String> recipients) {

    public OutgoingMail {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
    }
}
