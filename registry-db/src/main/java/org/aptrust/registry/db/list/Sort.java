package org.aptrust.registry.db.list;

/** One ORDER BY term; written {@code column__asc} or {@code column__desc} in a query string. */
public record Sort(String column, boolean descending) {

    public static Sort asc(String column) {
        return new Sort(column, false);
    }

    public static Sort desc(String column) {
        return new Sort(column, true);
    }

    /** The query-string form. */
    public String param() {
        return column + (descending ? "__desc" : "__asc");
    }
}
