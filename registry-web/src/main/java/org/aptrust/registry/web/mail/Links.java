package org.aptrust.registry.web.mail;

/** The links that mails and alerts carry. */
public final class Links {

    private Links() {
    }

    /** The service's public address (api.publicUrl) as links begin: without a trailing slash. */
    public static String base(String publicUrl) {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
