package org.aptrust.registry.db.list;

/**
 * A list request that cannot be answered as asked: an unknown parameter, an op a column does not allow, a value
 * that does not parse, a page out of range. It names the parameter and what is allowed; the API and the web
 * pages turn it into a 400.
 */
public class ListQueryException extends RuntimeException {

    private final String parameter;
    private final String allowed;

    public ListQueryException(String parameter, String problem, String allowed) {
        super(problem + (allowed == null || allowed.isEmpty() ? "" : ". Allowed: " + allowed));
        this.parameter = parameter;
        this.allowed = allowed;
    }

    /** The offending query-string parameter. */
    public String parameter() {
        return parameter;
    }

    /** What would have been accepted. */
    public String allowed() {
        return allowed;
    }
}
