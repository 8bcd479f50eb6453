package org.aptrust.registry.db.list;

import org.jdbi.v3.core.Handle;

/** How a list's total is found. One interface so a faster strategy can replace the default without callers knowing. */
public interface TotalsStrategy {

    Total total(Handle handle, ListSpec spec, SqlWhere where);

    /**
     * Whether {@link #total} answers these conditions without counting rows (from summaries). When it does not, the
     * engine counts up to {@link ListEngine#COUNT_CAP} matching rows in the page's own statement, which settles the
     * total of every short list in the same round trip.
     */
    default boolean answersWithoutCounting(Handle handle, ListSpec spec, SqlWhere where) {
        return false;
    }
}
