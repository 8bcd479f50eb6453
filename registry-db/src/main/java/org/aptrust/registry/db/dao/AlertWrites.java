package org.aptrust.registry.db.dao;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Creates alerts and their recipients; here, the daily failed-fixity alerts (reference §6.4). */
@RegisterConstructorMapper(AlertWrites.FixityFailures.class)
@RegisterConstructorMapper(AlertWrites.Recipient.class)
public interface AlertWrites {

    /** An alert to create: its kind (the original's alert types), subject and text, and its deletion request. */
    record NewAlert(int institutionId, String type, String subject, String content, Long deletionRequestId) {
    }

    /** Who an alert goes to. */
    record Recipient(int id, String email) {
    }

    @CreateSqlObject
    MailOutboxDao outbox();

    @SqlQuery("SELECT id, email FROM users WHERE id IN (<ids>) ORDER BY id")
    List<Recipient> recipients(@BindList("ids") List<Integer> userIds);

    @SqlUpdate("INSERT INTO alerts (institution_id, type, subject, content, deletion_request_id, created_at)"
            + " VALUES (:institutionId, :type, :subject, :content, :deletionRequestId, now() AT TIME ZONE 'UTC')")
    @GetGeneratedKeys("id")
    long insertAlert(@BindMethods NewAlert alert);

    /**
     * Creates an alert for its recipients and mails it to each of them through the outbox, in the caller's
     * transaction: the alert and its mail exist exactly when the change that raised it committed. The mail's text
     * is the alert's own unless the caller gives one (a deletion request's mail carries the review link with its
     * token, which the stored alert must not).
     *
     * @param mailText the text to mail, or null for the alert's content
     * @return the alert's id
     */
    @Transaction
    default long raise(NewAlert alert, Collection<Integer> userIds, String mailText) {
        long alertId = insertAlert(alert);
        deliver(alertId, alert.type(), alert.subject(), mailText == null ? alert.content() : mailText, userIds);
        return alertId;
    }

    /**
     * Adds recipients to an alert and mails it to them: one message per alert, one outbox row per recipient
     * (each names its user, so the sender records alerts_users.sent_at when it is delivered).
     */
    @Transaction
    default void deliver(long alertId, String type, String subject, String mailText, Collection<Integer> userIds) {
        List<Integer> ids = new ArrayList<>(new TreeSet<>(userIds));
        if (ids.isEmpty()) {
            return;
        }
        addRecipients(alertId, ids);
        long messageId = outbox().insertAlertMessage(mailKind(type), subject, mailText, alertId);
        for (Recipient r : recipients(ids)) {
            outbox().insertUserRecipient(messageId, r.email(), r.id());
        }
    }

    /** The outbox's kind for an alert type: "Deletion Requested" is deletion_requested. */
    static String mailKind(String type) {
        return type.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    String FIXITY_LAST_RUN_KEY = "fixity alerts last run";
    String FAILED_FIXITY = "Failed Fixity Check";
    String APTRUST_IDENTIFIER = "aptrust.org";
    String SYSTEM_USER = "system@aptrust.org";

    /** Failed fixity checks of one institution in the window. */
    record FixityFailures(int institutionId, String institutionName, String institutionIdentifier, long failures) {
    }

    /** What one run did: the window, the failures per institution and the alerts it created. */
    record FixityAlertRun(LocalDateTime since, LocalDateTime until, List<FixityFailures> summaries,
                          List<Long> alertIds) {
    }

    @SqlQuery("SELECT value FROM ar_internal_metadata WHERE key = :key")
    Optional<String> metadata(@Bind("key") String key);

    @SqlUpdate("INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)"
            + " VALUES (:key, :value, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')"
            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
    void setMetadata(@Bind("key") String key, @Bind("value") String value);

    /** Another run holds this; the lock goes with the transaction. The key is this job's alone. */
    @SqlQuery("SELECT pg_try_advisory_xact_lock(hashtext('registry: failed fixity alerts'))")
    boolean tryLock();

    @SqlQuery("SELECT now() AT TIME ZONE 'UTC'")
    LocalDateTime utcNow();

    @SqlQuery("SELECT e.institution_id, i.name AS institution_name, i.identifier AS institution_identifier,"
            + " count(*) AS failures FROM premis_events e JOIN institutions i ON i.id = e.institution_id"
            + " WHERE e.event_type = 'fixity check' AND e.outcome = 'Failed'"
            + " AND e.date_time > :since AND e.date_time <= :until"
            + " GROUP BY e.institution_id, i.name, i.identifier ORDER BY i.name, e.institution_id")
    List<FixityFailures> fixityFailures(@Bind("since") LocalDateTime since, @Bind("until") LocalDateTime until);

    @SqlQuery("SELECT id FROM premis_events WHERE event_type = 'fixity check' AND outcome = 'Failed'"
            + " AND date_time > :since AND date_time <= :until AND institution_id IN (<institutions>) ORDER BY id")
    List<Integer> failedFixityEvents(@Bind("since") LocalDateTime since, @Bind("until") LocalDateTime until,
                                     @BindList("institutions") List<Integer> institutionIds);

    /** Active institutional admins of an institution: who hears about its failures. */
    @SqlQuery("SELECT id FROM users WHERE institution_id = :institutionId AND role = 'institutional_admin'"
            + " AND deactivated_at IS NULL ORDER BY id")
    List<Integer> institutionalAdmins(@Bind("institutionId") int institutionId);

    /** Active users of an institution who may sign in (institutional admins and users): restorations. */
    @SqlQuery("SELECT id FROM users WHERE institution_id = :institutionId"
            + " AND role IN ('institutional_admin', 'institutional_user') AND deactivated_at IS NULL ORDER BY id")
    List<Integer> activeUsers(@Bind("institutionId") int institutionId);

    /** APTrust's active admins other than the system account. */
    @SqlQuery("SELECT u.id FROM users u JOIN institutions i ON i.id = u.institution_id"
            + " WHERE i.identifier = '" + APTRUST_IDENTIFIER + "' AND u.role = 'admin' AND u.deactivated_at IS NULL"
            + " AND lower(u.email) <> '" + SYSTEM_USER + "' ORDER BY u.id")
    List<Integer> aptrustAdmins();

    @SqlQuery("SELECT id FROM institutions WHERE identifier = '" + APTRUST_IDENTIFIER + "'")
    Optional<Integer> aptrustInstitution();

    @SqlUpdate("INSERT INTO alerts (institution_id, type, subject, content, created_at)"
            + " VALUES (:institutionId, :type, :subject, :content, now() AT TIME ZONE 'UTC')")
    @GetGeneratedKeys("id")
    long insertAlert(@Bind("institutionId") int institutionId, @Bind("type") String type,
                     @Bind("subject") String subject, @Bind("content") String content);

    @SqlBatch("INSERT INTO alerts_users (alert_id, user_id) VALUES (:alertId, :userId)")
    void addRecipients(@Bind("alertId") long alertId, @Bind("userId") List<Integer> userIds);

    @SqlBatch("INSERT INTO alerts_premis_events (alert_id, premis_event_id) VALUES (:alertId, :eventId)")
    void linkEvents(@Bind("alertId") long alertId, @Bind("eventId") List<Integer> eventIds);

    /**
     * Alerts about the fixity checks that failed since the last run (default: since the start of yesterday, UTC):
     * one alert per institution to its institutional admins, and one covering every institution to APTrust's
     * admins, each linked to its failed events. Records the run, so a second run the same UTC day is refused.
     *
     * @param linkBase the web address events pages are linked from, e.g. https://repo.example.org
     * @throws WriteConflictException when it already ran today or another run is in progress
     */
    @Transaction
    default FixityAlertRun generateFailedFixityAlerts(String linkBase) {
        if (!tryLock()) {
            throw new WriteConflictException("failed fixity alerts are being generated right now");
        }
        LocalDateTime now = utcNow();
        LocalDateTime since = metadata(FIXITY_LAST_RUN_KEY).flatMap(AlertWrites::parseLastRun)
                .orElse(now.toLocalDate().minusDays(1).atStartOfDay());
        if (!since.toLocalDate().isBefore(now.toLocalDate())) {
            throw new WriteConflictException("failed fixity alerts were already generated today (last run " + since
                    + "Z)");
        }
        List<FixityFailures> summaries = fixityFailures(since, now);
        List<Long> alertIds = new ArrayList<>();
        for (FixityFailures s : summaries) {
            String text = fixityAlertText(s.failures(), s.institutionName(), since, now,
                    eventsLink(linkBase, s.institutionId(), since, now));
            long alertId = insertAlert(s.institutionId(), FAILED_FIXITY, FAILED_FIXITY, text);
            deliver(alertId, FAILED_FIXITY, FAILED_FIXITY, text, institutionalAdmins(s.institutionId()));
            linkEvents(alertId, failedFixityEvents(since, now, List.of(s.institutionId())));
            alertIds.add(alertId);
        }
        Optional<Integer> aptrust = aptrustInstitution();
        if (!summaries.isEmpty() && aptrust.isPresent()) {
            long total = summaries.stream().mapToLong(FixityFailures::failures).sum();
            String text = fixityAlertText(total, summaries.size() + " institution(s)", since, now,
                    eventsLink(linkBase, null, since, now));
            long alertId = insertAlert(aptrust.get(), FAILED_FIXITY, FAILED_FIXITY, text);
            deliver(alertId, FAILED_FIXITY, FAILED_FIXITY, text, aptrustAdmins());
            linkEvents(alertId, failedFixityEvents(since, now,
                    summaries.stream().map(FixityFailures::institutionId).toList()));
            alertIds.add(alertId);
        }
        setMetadata(FIXITY_LAST_RUN_KEY, now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z");
        return new FixityAlertRun(since, now, summaries, alertIds);
    }

    /** The original writes RFC 3339; an unreadable value counts as "never ran". */
    private static Optional<LocalDateTime> parseLastRun(String value) {
        String v = value == null ? "" : value.strip();
        try {
            return Optional.of(OffsetDateTime.parse(v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? v : v + "Z")
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String eventsLink(String base, Integer institutionId, LocalDateTime since, LocalDateTime until) {
        return base + "/events?event_type=fixity+check&outcome=Failed"
                + (institutionId == null ? "" : "&institution_id=" + institutionId)
                + "&date_time__gteq=" + since.toLocalDate() + "&date_time__lteq=" + until.toLocalDate();
    }

    private static String fixityAlertText(long failures, String where, LocalDateTime since, LocalDateTime until,
                                          String link) {
        return "The preservation system recorded " + failures + " failed fixity check(s) for " + where
                + " between " + since.toLocalDate() + " and " + until.toLocalDate() + " (UTC).\n\n"
                + "A failed fixity check means a preserved copy no longer matches its registered checksum."
                + " APTrust staff will investigate and restore the copy from another preservation copy.\n\n"
                + "The failed checks: " + link + "\n";
    }
}
