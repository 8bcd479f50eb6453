package org.aptrust.registry.db.list;

/** A list's total: exact, or an estimate when counting exactly would have been too slow. */
public record Total(long value, boolean exact) {
    public static Total exact(long value) {
        return new Total(value, true);
    }
}
