package org.aptrust.registry.db.list;

import java.util.Arrays;
import java.util.Optional;

/** A filter operator, spelled in query strings as {@code column__op} (a bare column means eq). */
public enum Op {
    EQ("eq", "="),
    NE("ne", "<>"),
    GT("gt", ">"),
    GTEQ("gteq", ">="),
    LT("lt", "<"),
    LTEQ("lteq", "<="),
    STARTS_WITH("starts_with", "ILIKE"),
    CONTAINS("contains", "ILIKE"),
    IN("in", "IN"),
    NOT_IN("not_in", "NOT IN"),
    IS_NULL("is_null", "IS NULL"),
    NOT_NULL("not_null", "IS NOT NULL");

    private final String suffix;
    private final String sql;

    Op(String suffix, String sql) {
        this.suffix = suffix;
        this.sql = sql;
    }

    /** How the op is written after {@code __} in a query string. */
    public String suffix() {
        return suffix;
    }

    String sql() {
        return sql;
    }

    /** Ops that take several values (a repeated key). */
    public boolean multiValued() {
        return this == IN || this == NOT_IN;
    }

    /** Ops whose value is true/false, meaning "apply" or "apply the opposite". */
    public boolean nullTest() {
        return this == IS_NULL || this == NOT_NULL;
    }

    /**
     * The op a suffix names. {@code is_not_null} is the member API document's spelling of {@code not_null} (the
     * original's server had only the latter); both are read.
     */
    public static Optional<Op> fromSuffix(String suffix) {
        if (suffix.equals("is_not_null")) {
            return Optional.of(NOT_NULL);
        }
        return Arrays.stream(values()).filter(o -> o.suffix.equals(suffix)).findFirst();
    }
}
