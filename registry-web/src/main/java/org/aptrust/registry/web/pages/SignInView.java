package org.aptrust.registry.web.pages;

/** The sign-in form, with the one message every failure gets. */
public class SignInView extends PageView {

    private final String email;
    private final String next;
    private final String message;

    public SignInView(PageContext page, String email, String next, String message) {
        super("sign_in.mustache", page);
        this.email = email;
        this.next = next;
        this.message = message;
    }

    public String email() {
        return email;
    }

    public String next() {
        return next;
    }

    public String message() {
        return message;
    }
}
