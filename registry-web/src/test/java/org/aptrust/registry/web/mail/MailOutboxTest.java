package org.aptrust.registry.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.jackson.Jackson;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.model.OutboxEntry;
import org.aptrust.registry.db.model.OutgoingMail;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox against a real SMTP server in this JVM (GreenMail) and the test PostgreSQL: a committed change's mail
 * is delivered once, a rolled-back change's never, a server that is down loses nothing and sends nothing twice when
 * it is back, two senders never deliver the same row, and a row that keeps failing ends as failed with its error.
 */
class MailOutboxTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetup.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final Jdbi JDBI = TestJdbi.on(DB);
    private final MailTemplates templates = new MailTemplates();

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @BeforeEach
    void emptyOutbox() {
        JDBI.useHandle(h -> h.execute("TRUNCATE mail_outbox CASCADE"));
    }

    static MailSettings settings(int port, Map<String, Object> more) {
        Map<String, Object> smtp = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "security", "none",
                "connectTimeout", "2s", "timeout", "5s"));
        Map<String, Object> all = new HashMap<>(Map.of("from", "Registry <registry@test.example>", "smtp", smtp,
                "pollInterval", "100ms", "batchSize", 3, "retryDelay", "300ms", "maxRetryDelay", "1s"));
        all.putAll(more);
        return Jackson.newObjectMapper().convertValue(all, MailSettings.class);
    }

    private OutgoingMail welcome(String to) {
        return templates.render(AccountMail.WELCOME, Map.of("name", "Ann <Admin> & Co", "adminName", "Sys Admin",
                "link", "http://localhost:8080/users/complete_password_reset/7?token=abc&x=1", "expiresIn", "7 days",
                "registryUrl", "http://localhost:8080"), 7, to);
    }

    private static List<OutboxEntry> rows() {
        return JDBI.withExtension(MailOutboxDao.class, dao -> dao.recent(1000));
    }

    @Test
    void aCommittedChangesMailIsDeliveredOnceWithTextAndHtml() throws Exception {
        JDBI.useTransaction(h -> h.attach(MailOutboxDao.class).enqueue(welcome("ann@inst1.edu")));
        OutboxSender sender = new OutboxSender(JDBI, settings(SMTP.getSmtp().getPort(), Map.of()));

        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(sender.deliverDue()).isZero();

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Your APTrust Registry account");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ann@inst1.edu");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Registry <registry@test.example>");
        assertThat(m.getMessageID()).matches("<outbox\\.\\d+\\.\\d+@test\\.example>");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        // the text part as written, the HTML part escaped
        assertThat(text).contains("Hello Ann <Admin> & Co,")
                .contains("http://localhost:8080/users/complete_password_reset/7?token=abc&x=1");
        assertThat(html).contains("Hello Ann &lt;Admin&gt; &amp; Co,");
        assertThat(org.jsoup.Jsoup.parse(html).select("a").eachAttr("href"))
                .contains("http://localhost:8080/users/complete_password_reset/7?token=abc&x=1");

        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("sent");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.sentAt()).isNotNull();
            assertThat(r.lastError()).isNull();
            // the set-password link is not kept once the message is out
            assertThat(r.bodyText()).isEqualTo(MailOutboxDao.SPENT_LINK_TEXT);
        });
        long withLinks = JDBI.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE body_html IS NOT NULL"
                + " OR body_text LIKE '%token=%'").mapTo(Long.class).one());
        assertThat(withLinks).isZero();
    }

    /** The "mail" health check: failed or overdue mail turns it red; without SMTP it only counts what waits. */
    @Test
    void theHealthCheckReportsFailedAndStuckMail() {
        var check = new org.aptrust.registry.web.health.MailHealthCheck(JDBI, true);
        assertThat(check.execute().isHealthy()).isTrue();
        long message = JDBI.withExtension(MailOutboxDao.class, dao -> dao.enqueue(new OutgoingMail("password_changed",
                "Changed", "text", null, 7, List.of("a@inst1.edu", "b@inst1.edu"))));
        assertThat(check.execute().isHealthy()).as("just queued").isTrue();
        JDBI.useHandle(h -> h.execute("UPDATE mail_outbox_recipients SET next_attempt_at = now() AT TIME ZONE 'UTC'"
                + " - interval '2 hours' WHERE message_id = " + message));
        var stuck = check.execute();
        assertThat(stuck.isHealthy()).isFalse();
        assertThat(stuck.getMessage()).contains("2 message(s) due for more than 30 minutes");
        List<Long> rows = JDBI.withHandle(h -> h.createQuery("SELECT id FROM mail_outbox_recipients WHERE message_id = "
                + message + " ORDER BY id").mapTo(Long.class).list());
        JDBI.useExtension(MailOutboxDao.class, dao -> {
            dao.markFailed(rows.get(0), "550 no such user");
            dao.markSent(rows.get(1));
        });
        var failed = check.execute();
        assertThat(failed.isHealthy()).isFalse();
        assertThat(failed.getMessage()).contains("1 message(s) failed in the last 24 h").doesNotContain("due for");
        var quiet = new org.aptrust.registry.web.health.MailHealthCheck(JDBI, false).execute();
        assertThat(quiet.isHealthy()).isTrue();
        assertThat(quiet.getMessage()).contains("no SMTP server");
    }

    private static String body(long messageId) {
        return JDBI.withHandle(h -> h.createQuery("SELECT body_text FROM mail_outbox WHERE id = " + messageId)
                .mapTo(String.class).one());
    }

    /** A message with a link keeps its text while a copy still waits; one without a link keeps it always. */
    @Test
    void aSingleUseLinkIsBlankedOnlyOnceEveryCopyIsOut() {
        OutgoingMail two = new OutgoingMail("password_reset", "Reset", "link token=abc", "<p>token=abc</p>", 7,
                List.of("a@inst1.edu", "b@inst1.edu"));
        OutgoingMail plain = new OutgoingMail("password_changed", "Changed", "no link here", null, 7,
                List.of("a@inst1.edu"));
        long withLink = JDBI.withExtension(MailOutboxDao.class, dao -> dao.enqueue(two));
        long withoutLink = JDBI.withExtension(MailOutboxDao.class, dao -> dao.enqueue(plain));
        List<Long> ids = JDBI.withHandle(h -> h.createQuery("SELECT id FROM mail_outbox_recipients WHERE message_id = "
                + withLink + " ORDER BY id").mapTo(Long.class).list());
        JDBI.useExtension(MailOutboxDao.class, dao -> dao.markSent(ids.get(0)));
        assertThat(body(withLink))
                .isEqualTo("link token=abc");
        JDBI.useExtension(MailOutboxDao.class, dao -> dao.markFailed(ids.get(1), "refused"));
        JDBI.useExtension(MailOutboxDao.class, dao -> dao.markSent(ids.get(0)));
        assertThat(body(withLink))
                .isEqualTo(MailOutboxDao.SPENT_LINK_TEXT);
        long plainRow = JDBI.withHandle(h -> h.createQuery("SELECT id FROM mail_outbox_recipients WHERE message_id = "
                + withoutLink).mapTo(Long.class).one());
        JDBI.useExtension(MailOutboxDao.class, dao -> dao.markSent(plainRow));
        assertThat(body(withoutLink))
                .isEqualTo("no link here");
    }

    @Test
    void aRolledBackChangeSendsNothing() {
        try {
            JDBI.useTransaction(h -> {
                h.attach(MailOutboxDao.class).enqueue(welcome("ann@inst1.edu"));
                throw new IllegalStateException("the change fails after its mail was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(rows()).isEmpty();
        assertThat(new OutboxSender(JDBI, settings(SMTP.getSmtp().getPort(), Map.of())).deliverDue()).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownLosesNothingAndSendsNothingTwiceWhenBack() throws Exception {
        int port = freePort();
        for (int i = 0; i < 7; i++) {
            String to = "user" + i + "@inst1.edu";
            JDBI.useTransaction(h -> h.attach(MailOutboxDao.class).enqueue(welcome(to)));
        }
        // A back-off far longer than the test: "not due yet" holds however slow the machine is, and the test makes
        // the rows due itself when the server is back, instead of sleeping past a short back-off.
        OutboxSender sender = new OutboxSender(JDBI, settings(port, Map.of("retryDelay", "1h", "maxRetryDelay",
                "2h")));

        // nobody listens on the port: every row counts an attempt, keeps the error and waits
        assertThat(sender.deliverDue()).isZero();
        assertThat(rows()).hasSize(7).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo("pending");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastError()).contains("onnect");
            assertThat(r.nextAttemptAt()).isAfter(r.lastAttemptAt());
        });
        // not due yet: a second pass right away does not try again
        assertThat(sender.deliverDue()).isZero();
        assertThat(rows()).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));

        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            JDBI.useHandle(h -> h.execute("UPDATE mail_outbox_recipients"
                    + " SET next_attempt_at = now() AT TIME ZONE 'UTC' - interval '1 second' WHERE state = 'pending'"));
            assertThat(sender.deliverDue()).isEqualTo(7);
            assertThat(sender.deliverDue()).isZero();
            JDBI.useHandle(h -> h.execute("UPDATE mail_outbox_recipients"
                    + " SET next_attempt_at = now() AT TIME ZONE 'UTC' - interval '1 second'"));
            assertThat(sender.deliverDue()).as("sent rows are never sent again, even when due").isZero();

            List<String> to = new ArrayList<>();
            for (MimeMessage m : server.getReceivedMessages()) {
                to.add(m.getAllRecipients()[0].toString());
            }
            assertThat(to).containsExactlyInAnyOrder("user0@inst1.edu", "user1@inst1.edu", "user2@inst1.edu",
                    "user3@inst1.edu", "user4@inst1.edu", "user5@inst1.edu", "user6@inst1.edu");
            assertThat(rows()).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo("sent");
                assertThat(r.attempts()).isEqualTo(2);
            });
        } finally {
            server.stop();
        }
    }

    @Test
    void twoSendersOnOneOutboxNeverDeliverARowTwice() throws Exception {
        int n = 60;
        JDBI.useTransaction(h -> {
            MailOutboxDao dao = h.attach(MailOutboxDao.class);
            for (int i = 0; i < n; i++) {
                dao.enqueue(welcome("user" + i + "@inst1.edu"));
            }
        });
        // two "instances": separate senders (and connection pools) on the same database and SMTP server
        Jdbi other = TestJdbi.on(DB);
        OutboxSender a = new OutboxSender(JDBI, settings(SMTP.getSmtp().getPort(), Map.of()));
        OutboxSender b = new OutboxSender(other, settings(SMTP.getSmtp().getPort(), Map.of()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = pool.invokeAll(List.<Callable<Integer>>of(a::deliverDue, b::deliverDue));
            int sent = done.get(0).get() + done.get(1).get();
            assertThat(sent).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> copies = new HashMap<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            copies.merge(m.getAllRecipients()[0].toString(), 1L, Long::sum);
        }
        assertThat(copies).hasSize(n);
        assertThat(copies.values()).allMatch(c -> c == 1L);
        assertThat(rows()).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
    }

    @Test
    void aRowThatKeepsFailingEndsFailedWithTheLastError() throws Exception {
        int port = freePort();
        JDBI.useTransaction(h -> h.attach(MailOutboxDao.class).enqueue(welcome("ann@inst1.edu")));
        OutboxSender sender = new OutboxSender(JDBI, settings(port, Map.of("maxAttempts", 2, "retryDelay", "10ms")));
        sender.deliverDue();
        Thread.sleep(50);
        sender.deliverDue();
        assertThat(rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("failed");
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.lastError()).contains("onnect");
        });
        Thread.sleep(50);
        assertThat(sender.deliverDue()).isZero();
        assertThat(rows()).singleElement().satisfies(r -> assertThat(r.attempts()).isEqualTo(2));
    }

    @Test
    void theManagedSenderDeliversOnItsOwnAndAuthenticates() throws Exception {
        SMTP.setUser("mailer", "s3cret-pass");
        JDBI.useTransaction(h -> h.attach(MailOutboxDao.class).enqueue(welcome("ann@inst1.edu")));
        OutboxSender sender = new OutboxSender(JDBI, settings(SMTP.getSmtp().getPort(),
                Map.of("smtp", Map.of("host", "127.0.0.1", "port", SMTP.getSmtp().getPort(), "security", "none",
                        "username", "mailer", "password", "s3cret-pass"))));
        sender.start();
        try {
            assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        } finally {
            sender.stop();
        }
        assertThat(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0])).contains("choose your password");
    }

    @Test
    void withoutAnSmtpHostNothingIsSentAndMessagesWait() {
        JDBI.useTransaction(h -> h.attach(MailOutboxDao.class).enqueue(welcome("ann@inst1.edu")));
        OutboxSender sender = new OutboxSender(JDBI, Jackson.newObjectMapper().convertValue(Map.of(),
                MailSettings.class));
        assertThat(sender.isDelivering()).isFalse();
        assertThat(sender.deliverDue()).isZero();
        assertThat(rows()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("pending"));
    }

    @Test
    void theBackOffDoublesUpToItsCeiling() {
        MailSettings s = settings(25, Map.of("retryDelay", "30s", "maxRetryDelay", "5m"));
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(s::delayAfter).map(java.time.Duration::toSeconds)
                .collect(Collectors.toList())).containsExactly(30L, 60L, 120L, 240L, 300L, 300L);
    }

    @Test
    void aMessageLacksNoValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> templates.render(AccountMail.PASSWORD_CHANGED,
                Map.of("name", "x"), 1, "a@b.c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changedAt");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
