package org.aptrust.registry.web.workflows;

/**
 * A workflow step refused, with the HTTP status that says why (403 not allowed, 404 no such thing, 409 the data
 * does not allow it now, 410 the link expired) and a message for the person who asked. Nothing was written.
 */
public final class WorkflowRefusal extends RuntimeException {

    private final int status;

    public WorkflowRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
