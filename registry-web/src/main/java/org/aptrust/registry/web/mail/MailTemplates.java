package org.aptrust.registry.web.mail;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import org.aptrust.registry.db.model.OutgoingMail;

/**
 * Renders an {@link AccountMail} into a message for the outbox: the plain-text template as it is, the HTML template
 * with every value HTML-escaped. Compiled templates are kept.
 */
public final class MailTemplates {

    private static final String ROOT = "org/aptrust/registry/web/mail";

    /** Plain text: values go in unescaped (an address with "&" must read as written). */
    private final MustacheFactory text = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final MustacheFactory html = new DefaultMustacheFactory(ROOT);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the model lacks a value the message uses
     */
    public OutgoingMail render(AccountMail mail, Map<String, ?> model, Integer userId, String recipient) {
        if (!model.keySet().containsAll(mail.names())) {
            TreeSet<String> missing = new TreeSet<>(mail.names());
            missing.removeAll(model.keySet());
            throw new IllegalArgumentException(mail + " needs " + missing);
        }
        String bodyText = run(text, mail.template() + ".txt.mustache", model);
        String bodyHtml = run(html, mail.template() + ".html.mustache", model);
        return new OutgoingMail(mail.template(), mail.subject(), bodyText, bodyHtml, userId, List.of(recipient));
    }

    /**
     * Plain text from a template under this package (for example {@code alerts/deletion_requested.txt.mustache}),
     * values unescaped: the texts of alerts, which are stored and mailed as plain text.
     */
    public String text(String template, Map<String, ?> model) {
        return run(text, template, model);
    }

    /** HTML from a template under this package, every value HTML-escaped. */
    public String html(String template, Map<String, ?> model) {
        return run(html, template, model);
    }

    private String run(MustacheFactory factory, String name, Map<String, ?> model) {
        Mustache m = compiled.computeIfAbsent((factory == text ? "t:" : "h:") + name, k -> factory.compile(name));
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
