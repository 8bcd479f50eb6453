package org.aptrust.registry.db.list;

import org.jdbi.v3.core.Handle;

/**
 * How a list's total is found. Each {@link ListReader} is given one when the application builds it: the count cells
 * ({@code stats.CellTotals}) in the service, {@link CountViewTotals} (an exact count) where no cells are wanted.
 */
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
