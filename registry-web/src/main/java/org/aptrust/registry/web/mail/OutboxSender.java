package org.aptrust.registry.web.mail;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.dropwizard.lifecycle.Managed;
import jakarta.mail.MessagingException;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.model.MailDelivery;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Every {@code mail.pollInterval} it takes due recipient rows in batches, each batch in one
 * transaction that locks its rows ({@code FOR UPDATE SKIP LOCKED}: another instance's sender skips them, never
 * waits), sends them over one SMTP connection and records each outcome before committing: sent; or the attempt,
 * the error and the next attempt after a doubling back-off; or failed after {@code mail.maxAttempts} (or at once
 * when the server refuses the address). A mail server that is down loses nothing: the rows wait and are sent once
 * it is back.
 *
 * <p>Delivery is once per row unless the process dies after the server accepted a message and before the batch
 * committed; that copy is sent again with the same Message-ID.
 *
 * <p>Without an SMTP host it does not start: messages stay in the outbox for the admin page.
 */
public final class OutboxSender implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final Jdbi jdbi;
    private final MailSettings settings;
    private final SmtpMailer mailer;
    private final AlertHtml alertHtml;
    private final ScheduledExecutorService executor;
    /** True when the executor is this sender's own (used alone, in tests): {@link #stop} then ends it too. */
    private final boolean ownExecutor;
    private ScheduledFuture<?> ticks;

    /** A sender with a thread of its own (a daemon), for tests that start it alone. */
    public OutboxSender(Jdbi jdbi, MailSettings settings) {
        this(jdbi, settings, new AlertHtml(new MailTemplates(), ""),
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "mail-outbox");
                    t.setDaemon(true);
                    return t;
                }), true);
    }

    /**
     * @param alertHtml makes the HTML part of a message stored as plain text only (the alerts' mail)
     * @param executor  the thread the outbox is polled in: the lifecycle's, which shuts it down after {@link #stop}
     */
    public OutboxSender(Jdbi jdbi, MailSettings settings, AlertHtml alertHtml, ScheduledExecutorService executor) {
        this(jdbi, settings, alertHtml, executor, false);
    }

    private OutboxSender(Jdbi jdbi, MailSettings settings, AlertHtml alertHtml, ScheduledExecutorService executor,
                         boolean ownExecutor) {
        this.jdbi = jdbi;
        this.executor = executor;
        this.ownExecutor = ownExecutor;
        this.alertHtml = alertHtml;
        this.settings = settings;
        this.mailer = settings.isDelivering() ? new SmtpMailer(settings) : null;
    }

    public boolean isDelivering() {
        return mailer != null;
    }

    @Override
    public void start() {
        if (mailer == null) {
            LOG.info("mail: no SMTP host (mail.smtp.host): messages stay in the outbox, see /internal/mail");
            return;
        }
        long every = Math.max(10, settings.pollInterval().toMillis());
        ticks = executor.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("mail: delivering through {}:{} ({}) every {}", settings.getSmtp().getHost(),
                settings.getSmtp().getPort(), settings.getSmtp().getSecurity(), settings.pollInterval());
    }

    /** Takes no new tick; one being sent finishes (the lifecycle's executor waits for it, up to 30 s). */
    @Override
    public void stop() throws InterruptedException {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (ownExecutor) {
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }

    private void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("mail: the outbox could not be read; trying again at the next tick", e);
        }
    }

    /** Sends every due row, batch after batch, until none is left. Returns how many were sent. */
    public int deliverDue() {
        if (mailer == null) {
            return 0;
        }
        int sent = 0;
        while (true) {
            BatchResult r = jdbi.inTransaction(h -> deliverBatch(h.attach(MailOutboxDao.class)));
            sent += r.sent();
            if (r.claimed() < settings.getBatchSize()) {
                return sent;
            }
        }
    }

    private record BatchResult(int claimed, int sent) {
    }

    private BatchResult deliverBatch(MailOutboxDao dao) {
        List<MailDelivery> due = dao.claimDue(settings.getBatchSize());
        if (due.isEmpty()) {
            return new BatchResult(0, 0);
        }
        int sent = 0;
        SmtpMailer.Connection connection = null;
        MessagingException connectFailure = null;
        try {
            connection = mailer.connect();
        } catch (MessagingException e) {
            connectFailure = e;
            LOG.warn("mail: cannot reach {}:{}: {}; {} message(s) wait for the next attempt",
                    settings.getSmtp().getHost(), settings.getSmtp().getPort(), describe(e), due.size());
        }
        try {
            for (MailDelivery d : due) {
                if (connectFailure != null) {
                    failed(dao, d, connectFailure, false);
                    continue;
                }
                try {
                    connection.send(d.bodyHtml() == null ? d.withHtml(alertHtml.render(d.subject(), d.bodyText()))
                            : d);
                    dao.markSent(d.id());
                    sent++;
                } catch (MessagingException e) {
                    failed(dao, d, e, SmtpMailer.isPermanent(e));
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        if (sent > 0) {
            LOG.info("mail: sent {} of {} message(s)", sent, due.size());
        }
        return new BatchResult(due.size(), sent);
    }

    private void failed(MailOutboxDao dao, MailDelivery d, MessagingException e, boolean permanent) {
        String error = describe(e);
        int attempts = d.attempts() + 1;
        if (permanent || attempts >= settings.getMaxAttempts()) {
            dao.markFailed(d.id(), error);
            LOG.warn("mail: gave up on outbox row {} after {} attempt(s): {}", d.id(), attempts, error);
        } else {
            dao.markRetry(d.id(), error, settings.delayAfter(attempts).toMillis());
        }
    }

    private static String describe(Exception e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.length() > MAX_ERROR_LENGTH ? sb.substring(0, MAX_ERROR_LENGTH) : sb.toString();
    }
}
