package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.model.OutboxEntry;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /internal/mail (admins): the newest outbox messages, each recipient with its state, attempts and last error.
 * While no SMTP server is configured (the embedded default) the bodies are shown too, links clickable, so a
 * developer can follow a welcome or password-reset link; once mail is delivered the bodies (which carry
 * single-use links meant for their recipient only) are not shown.
 */
@Path("/internal/mail")
@Produces(MediaType.TEXT_HTML)
public class MailPages {

    static final int MESSAGES = 100;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final Pages pages;
    private final Jdbi jdbi;
    private final boolean delivering;

    public MailPages(Pages pages, Jdbi jdbi, boolean delivering) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.delivering = delivering;
    }

    /** A run of text, or a link. */
    public record Segment(String text, String href) {
    }

    public record Recipient(String address, String state, int attempts, String lastAttemptAt, String lastError,
                            String sentAt, String nextAttemptAt) {
        public boolean pending() {
            return "pending".equals(state);
        }
    }

    public record Message(long id, String kind, String subject, String createdAt, Integer userId,
                          List<Segment> body, List<Recipient> recipients) {
    }

    public static final class View extends PageView {
        private final List<Message> messages;
        private final boolean delivering;
        private final long pending;
        private final long failed;

        View(PageContext page, List<Message> messages, boolean delivering, long pending, long failed) {
            super("mail_outbox.mustache", page);
            this.messages = messages;
            this.delivering = delivering;
            this.pending = pending;
            this.failed = failed;
        }

        public List<Message> messages() {
            return messages;
        }

        public boolean delivering() {
            return delivering;
        }

        public long pending() {
            return pending;
        }

        public long failed() {
            return failed;
        }

        public boolean empty() {
            return messages.isEmpty();
        }
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public View show(@Context ContainerRequestContext request, @Auth Viewer v) {
        return jdbi.withExtension(MailOutboxDao.class, dao -> {
            Map<Long, List<OutboxEntry>> byMessage = new LinkedHashMap<>();
            for (OutboxEntry e : dao.recent(MESSAGES)) {
                byMessage.computeIfAbsent(e.messageId(), k -> new ArrayList<>()).add(e);
            }
            List<Message> messages = new ArrayList<>();
            byMessage.forEach((id, rows) -> {
                OutboxEntry first = rows.get(0);
                messages.add(new Message(id, first.kind(), first.subject(), Formats.dateTime(first.createdAt()),
                        first.userId(), delivering ? List.of() : segments(first.bodyText()),
                        rows.stream().map(r -> new Recipient(r.address(), r.state(), r.attempts(),
                                Formats.dateTime(r.lastAttemptAt()), r.lastError(), Formats.dateTime(r.sentAt()),
                                Formats.dateTime(r.nextAttemptAt()))).toList()));
            });
            return new View(pages.context(request, "Mail outbox", v), messages, delivering,
                    dao.countInState("pending"), dao.countInState("failed"));
        });
    }

    /** The text cut into plain runs and http(s) links; the template escapes both. */
    static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        Matcher m = URL.matcher(text == null ? "" : text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), null));
            }
            out.add(new Segment(m.group(), m.group()));
            at = m.end();
        }
        if (text != null && at < text.length()) {
            out.add(new Segment(text.substring(at), null));
        }
        return out;
    }
}
