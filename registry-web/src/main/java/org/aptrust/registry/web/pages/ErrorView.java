package org.aptrust.registry.web.pages;

/** The friendly error page for 400, 403, 404, 429, 500 and 503: a title and a sentence, never a stack trace. */
public class ErrorView extends PageView {

    private final int status;
    private final String message;

    public ErrorView(PageContext page, int status, String message) {
        super("error.mustache", page);
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Not allowed";
            case 409 -> "Not possible now";
            case 410 -> "Link expired";
            case 429 -> "Too many requests";
            case 503 -> "Temporarily unavailable";
            default -> status >= 500 ? "Something went wrong" : "Error " + status;
        };
    }

    public static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 403 -> "You do not have permission to do that.";
            case 404 -> "There is nothing here, or you may not see it.";
            case 405 -> "That page does not accept this kind of request.";
            case 503 -> "The Registry cannot reach its database at the moment. Please try again in a few seconds.";
            default -> status >= 500 ? "The Registry could not complete the request. The error has been logged."
                    : "The request could not be completed.";
        };
    }
}
