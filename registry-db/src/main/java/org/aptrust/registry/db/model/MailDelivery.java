package org.aptrust.registry.db.model;

/**
 * One recipient's copy of an outbox message, as the sender claims it.
 *
 * @param id       the mail_outbox_recipients row
 * @param attempts attempts made before this one
 */
public record MailDelivery(long id, long messageId, String address, int attempts, String subject, String bodyText,
                           String bodyHtml) {

    /** The same copy with an HTML part. */
    public MailDelivery withHtml(String html) {
        return new MailDelivery(id, messageId, address, attempts, subject, bodyText, html);
    }

    @Override
    public String toString() {
        return "MailDelivery[id=" + id + ", message=" + messageId + ", attempts=" + attempts + "]";
    }
}
