package org.aptrust.registry.web.health;

import java.time.Duration;

import com.codahale.metrics.health.HealthCheck;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail outbox: unhealthy when a message was given up on (failed) within the last day, or when messages have
 * been due for longer than {@link #STUCK_AFTER} without being sent (the SMTP server is down, or no sender runs).
 * Without an SMTP server nothing is sent on purpose: healthy, saying how many messages wait.
 */
public class MailHealthCheck extends HealthCheck {

    static final Duration FAILED_WITHIN = Duration.ofDays(1);
    static final Duration STUCK_AFTER = Duration.ofMinutes(30);

    private final Jdbi jdbi;
    private final boolean delivering;

    public MailHealthCheck(Jdbi jdbi, boolean delivering) {
        this.jdbi = jdbi;
        this.delivering = delivering;
    }

    @Override
    protected Result check() {
        return jdbi.withExtension(MailOutboxDao.class, dao -> {
            long pending = dao.countInState("pending");
            if (!delivering) {
                return Result.healthy("no SMTP server configured: " + pending + " message(s) wait in the outbox"
                        + " (/internal/mail)");
            }
            long failed = dao.failedWithin(FAILED_WITHIN.toSeconds());
            long stuck = dao.overdue(STUCK_AFTER.toSeconds());
            if (failed > 0 || stuck > 0) {
                StringBuilder sb = new StringBuilder();
                if (failed > 0) {
                    sb.append(failed).append(" message(s) failed in the last 24 h");
                }
                if (stuck > 0) {
                    sb.append(sb.length() > 0 ? "; " : "").append(stuck).append(" message(s) due for more than ")
                            .append(STUCK_AFTER.toMinutes()).append(" minutes and not sent");
                }
                return Result.unhealthy(sb.append(" (see /internal/mail)").toString());
            }
            return Result.healthy(pending + " message(s) pending, none failed in the last 24 h");
        });
    }
}
