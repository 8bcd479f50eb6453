package org.aptrust.registry.web.mail;

import java.util.HashMap;
import java.util.Map;

import org.aptrust.registry.db.model.OutgoingMail;

/**
 * What the account pages need to write a message into the outbox: the templates, this Registry's public address
 * (links in messages point there) and whether mail is delivered at all.
 */
public final class AccountMessages {

    private final MailTemplates templates;
    private final String publicUrl;
    private final boolean delivering;

    public AccountMessages(MailTemplates templates, String publicUrl, boolean delivering) {
        this.templates = templates;
        this.publicUrl = Links.base(publicUrl);
        this.delivering = delivering;
    }

    public boolean delivering() {
        return delivering;
    }

    /** An absolute link to a path of this Registry. */
    public String link(String path) {
        return publicUrl + path;
    }

    /** The message, rendered, for one recipient; {@code registryUrl} is added to the values. */
    public OutgoingMail compose(AccountMail mail, Map<String, ?> values, Integer userId, String to) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("registryUrl", publicUrl);
        return templates.render(mail, model, userId, to);
    }
}
