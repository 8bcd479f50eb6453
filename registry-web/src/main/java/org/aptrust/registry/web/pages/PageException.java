package org.aptrust.registry.web.pages;

/**
 * A page's refusal, answered with the error page: 404 for a missing row AND for another institution's row (so a
 * foreign id tells nothing), 403 for a page the role may not open, 400 for input the page cannot use.
 */
public class PageException extends RuntimeException {

    private final int status;

    public PageException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** A workflow's refusal, shown with its status and message. */
    public static PageException of(org.aptrust.registry.web.workflows.WorkflowRefusal refusal) {
        return new PageException(refusal.status(), refusal.getMessage());
    }

    public static PageException notFound() {
        return new PageException(404, ErrorView.defaultMessage(404));
    }

    public static PageException forbidden() {
        return new PageException(403, ErrorView.defaultMessage(403));
    }

    public static PageException badRequest(String message) {
        return new PageException(400, message);
    }
}
