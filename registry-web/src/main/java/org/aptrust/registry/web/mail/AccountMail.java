package org.aptrust.registry.web.mail;

import java.util.Set;

/**
 * The account messages, each a pair of Mustache templates beside this class ({@code <name>.txt.mustache} and
 * {@code <name>.html.mustache}), with its subject and the values its templates use.
 */
public enum AccountMail {

    /** A new account: the link to choose a password. Values: name, adminName, link, expiresIn, registryUrl. */
    WELCOME("welcome", "Your APTrust Registry account", Set.of("name", "adminName", "link", "expiresIn",
            "registryUrl")),

    /** Forgot password or an admin's reset. Values: name, link, expiresIn, registryUrl. */
    PASSWORD_RESET("password_reset", "Reset your APTrust Registry password", Set.of("name", "link", "expiresIn",
            "registryUrl")),

    /** Values: name, changedBy, changedAt, ipAddress, userAgent, registryUrl. */
    PASSWORD_CHANGED("password_changed", "Your APTrust Registry password was changed", Set.of("name", "changedBy",
            "changedAt", "ipAddress", "userAgent", "registryUrl")),

    /**
     * Two-factor sign-in was turned off, by the user or by an APTrust admin's reset. Values: name, changedBy,
     * changedAt, ipAddress, whatNext, registryUrl.
     */
    TWO_FACTOR_OFF("two_factor_off", "Two-factor sign-in was turned off for your APTrust Registry account",
            Set.of("name", "changedBy", "changedAt", "ipAddress", "whatNext", "registryUrl"));

    private final String template;
    private final String subject;
    private final Set<String> names;

    AccountMail(String template, String subject, Set<String> values) {
        this.template = template;
        this.subject = subject;
        this.names = values;
    }

    public String template() {
        return template;
    }

    public String subject() {
        return subject;
    }

    /** The names the templates may use; rendering refuses a model that lacks one. */
    public Set<String> names() {
        return names;
    }
}
