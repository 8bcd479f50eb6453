package org.aptrust.registry.web.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML part of a message written as plain text (every alert's mail): its paragraphs and lines as they are,
 * every value escaped, and each web address a link. Made when the message is sent, so alerts raised anywhere
 * (the database's fixity alerts too) go out as text and HTML.
 */
public final class AlertHtml {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]");

    private final MailTemplates templates;
    private final String registryUrl;

    public AlertHtml(MailTemplates templates, String registryUrl) {
        this.templates = templates;
        this.registryUrl = registryUrl == null ? "" : registryUrl;
    }

    /** A piece of a line: text, or a link when {@code href} is set. */
    public record Part(String text, String href) {
    }

    public record Line(List<Part> parts, boolean last) {
    }

    public record Paragraph(List<Line> lines) {
    }

    public String render(String subject, String text) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", subject);
        model.put("paragraphs", paragraphs(text));
        model.put("registryUrl", registryUrl.isEmpty() ? null : registryUrl);
        return templates.html("alerts/alert.html.mustache", model);
    }

    static List<Paragraph> paragraphs(String text) {
        List<Paragraph> out = new ArrayList<>();
        for (String block : (text == null ? "" : text).replace("\r\n", "\n").split("\n\\s*\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] raw = block.strip().split("\n");
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < raw.length; i++) {
                lines.add(new Line(parts(raw[i]), i == raw.length - 1));
            }
            out.add(new Paragraph(lines));
        }
        return out;
    }

    static List<Part> parts(String line) {
        List<Part> parts = new ArrayList<>();
        Matcher m = URL.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(line.substring(at, m.start()), null));
            }
            parts.add(new Part(m.group(), m.group()));
            at = m.end();
        }
        if (at < line.length()) {
            parts.add(new Part(line.substring(at), null));
        }
        return parts;
    }
}
