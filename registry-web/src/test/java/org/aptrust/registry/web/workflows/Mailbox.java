package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in this JVM (GreenMail) that the application's outbox sender delivers to, and the messages
 * it received, waited for (the sender polls every 100 ms in these tests).
 */
public final class Mailbox implements AutoCloseable {

    /** One received message: to whom, its subject, its plain-text body and its HTML part ("" without one). */
    public record Mail(String to, String subject, String body, String html) {
    }

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public Mailbox() {
        smtp.start();
    }

    /** The configuration that points the application's mail at this server. */
    public ConfigOverride[] config() {
        return new ConfigOverride[] {
            ConfigOverride.config("mail.smtp.host", "127.0.0.1"),
            ConfigOverride.config("mail.smtp.port", Integer.toString(smtp.getSmtp().getServerSetup().getPort())),
            ConfigOverride.config("mail.smtp.security", "none"),
            ConfigOverride.config("mail.pollInterval", "100ms"),
            ConfigOverride.config("mail.from", "Registry <registry@test.example>")};
    }

    public List<Mail> all() {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    out.add(new Mail(to.toString(), m.getSubject(), text(m), html(m)));
                }
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The decoded plain text of a message (the whole of a text/plain one, else its first part). */
    private static String text(MimeMessage m) throws MessagingException, java.io.IOException {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        return String.valueOf(((jakarta.mail.Multipart) content).getBodyPart(0).getContent());
    }

    /** The HTML alternative of a multipart message, or "". */
    private static String html(MimeMessage m) throws MessagingException, java.io.IOException {
        if (!(m.getContent() instanceof jakarta.mail.Multipart mp)) {
            return "";
        }
        for (int i = 0; i < mp.getCount(); i++) {
            if (mp.getBodyPart(i).isMimeType("text/html")) {
                return String.valueOf(mp.getBodyPart(i).getContent());
            }
        }
        return "";
    }

    /** The messages matching, once there are at least {@code count} of them (at most 20 s). */
    public List<Mail> await(int count, Predicate<Mail> which) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (true) {
            List<Mail> found = all().stream().filter(which).toList();
            if (found.size() >= count || System.nanoTime() > end) {
                assertThat(found).as("mail received").hasSizeGreaterThanOrEqualTo(count);
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Mail awaitOne(String to, String subject) {
        return await(1, m -> m.to().equals(to) && m.subject().equals(subject)).get(0);
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
