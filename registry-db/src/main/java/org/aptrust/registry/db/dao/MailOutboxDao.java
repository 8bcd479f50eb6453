package org.aptrust.registry.db.dao;

import java.util.List;

import org.aptrust.registry.db.model.MailDelivery;
import org.aptrust.registry.db.model.OutboxEntry;
import org.aptrust.registry.db.model.OutgoingMail;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The mail outbox (migration 030). {@link #enqueue} joins the caller's transaction, so a message exists exactly
 * when the change that caused it committed. The sender claims due rows with {@code FOR UPDATE SKIP LOCKED} inside
 * its own transaction and records each outcome before committing, so two instances never take the same row.
 */
@RegisterConstructorMapper(MailDelivery.class)
@RegisterConstructorMapper(OutboxEntry.class)
public interface MailOutboxDao {

    /** Recipient rows with their message, as {@link OutboxEntry}. */
    String ENTRIES = "SELECT r.id, r.message_id, m.kind, m.subject, m.body_text, m.user_id, m.created_at, r.address,"
            + " r.state, r.attempts, r.next_attempt_at, r.last_attempt_at, r.last_error, r.sent_at"
            + " FROM mail_outbox m JOIN mail_outbox_recipients r ON r.message_id = m.id";

    @SqlUpdate("INSERT INTO mail_outbox (kind, subject, body_text, body_html, user_id)"
            + " VALUES (:kind, :subject, :text, :html, :userId)")
    @GetGeneratedKeys("id")
    long insertMessage(@Bind("kind") String kind, @Bind("subject") String subject, @Bind("text") String text,
                       @Bind("html") String html, @Bind("userId") Integer userId);

    @SqlUpdate("INSERT INTO mail_outbox_recipients (message_id, address) VALUES (:messageId, :address)")
    void insertRecipient(@Bind("messageId") long messageId, @Bind("address") String address);

    /** Writes the message and its recipients; in the caller's transaction when there is one. */
    @Transaction
    default long enqueue(OutgoingMail mail) {
        long id = insertMessage(mail.kind(), mail.subject(), mail.bodyText(), mail.bodyHtml(), mail.userId());
        for (String address : mail.recipients()) {
            insertRecipient(id, address);
        }
        return id;
    }

    /** Due pending rows, locked for this transaction; rows another sender holds are skipped, not waited for. */
    @SqlQuery("SELECT r.id, r.message_id, r.address, r.attempts, m.subject, m.body_text, m.body_html"
            + " FROM mail_outbox_recipients r JOIN mail_outbox m ON m.id = r.message_id"
            + " WHERE r.state = 'pending' AND r.next_attempt_at <= now() AT TIME ZONE 'UTC'"
            + " ORDER BY r.next_attempt_at, r.id LIMIT :limit FOR UPDATE OF r SKIP LOCKED")
    List<MailDelivery> claimDue(@Bind("limit") int limit);

    @SqlUpdate("UPDATE mail_outbox_recipients SET state = 'sent', attempts = attempts + 1,"
            + " last_attempt_at = now() AT TIME ZONE 'UTC', sent_at = now() AT TIME ZONE 'UTC', last_error = NULL"
            + " WHERE id = :id")
    int markRowSent(@Bind("id") long id);

    /** When the row mailed an alert to a user, the alert's delivery to them (alerts_users.sent_at), once. */
    @SqlUpdate("UPDATE alerts_users au SET sent_at = r.sent_at FROM mail_outbox_recipients r"
            + " JOIN mail_outbox m ON m.id = r.message_id"
            + " WHERE r.id = :id AND m.alert_id IS NOT NULL AND au.alert_id = m.alert_id AND au.user_id = r.user_id"
            + " AND au.sent_at IS NULL")
    int markAlertSent(@Bind("id") long id);

    /** The kinds of message that carry a single-use link (a set-password or reset link, a deletion review link). */
    List<String> SPENT_LINK_KINDS = List.of("welcome", "password_reset", "deletion_requested");

    /** What replaces the text of such a message once no copy waits to be sent. */
    String SPENT_LINK_TEXT = "(This message held a single-use link. Its text was removed once it had been delivered.)";

    /**
     * Blanks the bodies of the row's message when it carries a single-use link and none of its copies is still
     * pending: the outbox should not keep live tokens once they have gone out.
     */
    @SqlUpdate("UPDATE mail_outbox m SET body_text = '" + SPENT_LINK_TEXT + "', body_html = NULL"
            + " WHERE m.id = (SELECT message_id FROM mail_outbox_recipients WHERE id = :id)"
            + " AND m.kind IN ('welcome', 'password_reset', 'deletion_requested')"
            + " AND NOT EXISTS (SELECT 1 FROM mail_outbox_recipients r WHERE r.message_id = m.id"
            + " AND r.state = 'pending')")
    int blankSpentLinks(@Bind("id") long id);

    /**
     * A delivery succeeded: the row is sent and, for an alert's message, so is the alert to that user; a message
     * with a single-use link loses its text once every copy is out ({@link #blankSpentLinks}).
     */
    @Transaction
    default int markSent(long id) {
        int rows = markRowSent(id);
        markAlertSent(id);
        blankSpentLinks(id);
        return rows;
    }

    /** A message that mails an alert (migration 040 links them), plain text. */
    @SqlUpdate("INSERT INTO mail_outbox (kind, subject, body_text, alert_id) VALUES (:kind, :subject, :text, :alertId)")
    @GetGeneratedKeys("id")
    long insertAlertMessage(@Bind("kind") String kind, @Bind("subject") String subject, @Bind("text") String text,
                            @Bind("alertId") long alertId);

    @SqlUpdate("INSERT INTO mail_outbox_recipients (message_id, address, user_id) VALUES (:messageId, :address,"
            + " :userId)")
    void insertUserRecipient(@Bind("messageId") long messageId, @Bind("address") String address,
                             @Bind("userId") int userId);

    /** Recipient rows of the messages that mail one alert (tests and the alert's page). */
    @SqlQuery(ENTRIES + " WHERE m.alert_id = :alertId ORDER BY r.id")
    List<OutboxEntry> ofAlert(@Bind("alertId") long alertId);

    /** An attempt failed; another is due {@code delayMillis} from now (the database's clock, as claimDue's). */
    @SqlUpdate("UPDATE mail_outbox_recipients SET attempts = attempts + 1, last_attempt_at = now() AT TIME ZONE 'UTC',"
            + " last_error = :error,"
            + " next_attempt_at = now() AT TIME ZONE 'UTC' + make_interval(secs => :delayMillis / 1000.0)"
            + " WHERE id = :id")
    int markRetry(@Bind("id") long id, @Bind("error") String error, @Bind("delayMillis") long delayMillis);

    /** The last attempt failed: no more tries. */
    @SqlUpdate("UPDATE mail_outbox_recipients SET state = 'failed', attempts = attempts + 1,"
            + " last_attempt_at = now() AT TIME ZONE 'UTC', last_error = :error WHERE id = :id")
    int markFailed(@Bind("id") long id, @Bind("error") String error);

    /** The newest recipient rows with their messages (the admin page), newest message first. */
    @SqlQuery(ENTRIES
            + " WHERE m.id IN (SELECT id FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT :limit)"
            + " ORDER BY m.created_at DESC, m.id DESC, r.id")
    List<OutboxEntry> recent(@Bind("limit") int limit);

    /** Recipient rows of messages about one user, newest first (tests and the user's page). */
    @SqlQuery(ENTRIES
            + " WHERE m.user_id = :userId ORDER BY m.created_at DESC, m.id DESC, r.id")
    List<OutboxEntry> aboutUser(@Bind("userId") int userId);

    /** Recipient rows that were given up on (failed) within the last {@code seconds}. */
    @SqlQuery("SELECT count(*) FROM mail_outbox_recipients WHERE state = 'failed'"
            + " AND last_attempt_at > now() AT TIME ZONE 'UTC' - make_interval(secs => :seconds)")
    long failedWithin(@Bind("seconds") long seconds);

    /** Pending rows that have been due for longer than {@code seconds} (a sender that does not get them out). */
    @SqlQuery("SELECT count(*) FROM mail_outbox_recipients WHERE state = 'pending'"
            + " AND next_attempt_at < now() AT TIME ZONE 'UTC' - make_interval(secs => :seconds)")
    long overdue(@Bind("seconds") long seconds);

    /** How many recipient rows are in each state (the page's summary and the health check). */
    @SqlQuery("SELECT count(*) FROM mail_outbox_recipients WHERE state = :state")
    long countInState(@Bind("state") String state);
}
