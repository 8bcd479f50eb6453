package org.aptrust.registry.web.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.aptrust.registry.db.model.MailDelivery;

/**
 * Jakarta Mail (Eclipse Angus) over SMTP, as the `mail.smtp` settings say: plain, STARTTLS (required, not merely
 * tried) or TLS from the start; authentication when a user name is set; connect and read timeouts always, so a
 * hung server cannot hold the sender (and its locked outbox rows) for long.
 */
public final class SmtpMailer {

    private final MailSettings settings;
    private final Session session;
    private final String protocol;
    private final InternetAddress from;

    public SmtpMailer(MailSettings settings) {
        this.settings = settings;
        MailSettings.Smtp smtp = settings.getSmtp();
        this.protocol = "ssl".equals(smtp.getSecurity()) ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", smtp.getHost());
        props.put(p + "port", String.valueOf(smtp.getPort()));
        props.put(p + "connectiontimeout", String.valueOf(smtp.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(smtp.timeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(smtp.timeout().toMillis()));
        props.put(p + "auth", String.valueOf(!smtp.getUsername().isEmpty()));
        if ("starttls".equals(smtp.getSecurity())) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (!"none".equals(smtp.getSecurity())) {
            props.put(p + "ssl.checkserveridentity", "true");
            if (!smtp.getSslTrust().isEmpty()) {
                props.put(p + "ssl.trust", smtp.getSslTrust());
            }
        }
        this.session = Session.getInstance(props);
        try {
            this.from = new InternetAddress(settings.getFrom(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("mail.from is not an address: " + settings.getFrom(), e);
        }
    }

    /** An open SMTP connection for one batch. */
    public final class Connection implements AutoCloseable {
        private final Transport transport;

        private Connection(Transport transport) {
            this.transport = transport;
        }

        /**
         * Sends one recipient's copy. Its Message-ID is fixed by the outbox row, so a copy sent again after a crash
         * between sending and recording is recognisable as the same message.
         */
        public void send(MailDelivery d) throws MessagingException {
            MimeMessage m = message(d);
            transport.sendMessage(m, m.getAllRecipients());
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the batch is recorded already; a failed QUIT changes nothing
            }
        }
    }

    public Connection connect() throws MessagingException {
        Transport t = session.getTransport(protocol);
        MailSettings.Smtp smtp = settings.getSmtp();
        if (smtp.getUsername().isEmpty()) {
            t.connect();
        } else {
            t.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
        }
        return new Connection(t);
    }

    /** True when the server refused the recipient itself: trying again will not help. */
    public static boolean isPermanent(MessagingException e) {
        return e instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                && sf.getInvalidAddresses().length > 0;
    }

    MimeMessage message(MailDelivery d) throws MessagingException {
        String messageId = "<outbox." + d.messageId() + "." + d.id() + "@" + hostPart() + ">";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(d.address(), true));
        m.setSubject(d.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        if (d.bodyHtml() == null) {
            m.setText(d.bodyText(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(d.bodyText(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(d.bodyHtml(), StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", text, html));
        }
        m.saveChanges();
        return m;
    }

    private String hostPart() {
        String a = from.getAddress();
        int at = a.lastIndexOf('@');
        return at < 0 ? "registry" : a.substring(at + 1);
    }
}
