package org.aptrust.registry.db.stats;

import java.util.List;
import java.util.Map;

/**
 * A count source of migration 015 as the totals strategy sees it: the view that sums its cells and pending deltas,
 * the list relations it counts, and which list filters its cells answer.
 *
 * @param live      stats_&lt;source&gt;_live: one row per cell or pending delta, with the count in column n; read
 *                  as alias c
 * @param cellJoins joins that follow "FROM live c" so filter expressions can use looked-up columns (or "")
 * @param relations list relations with one row per base row (the base table, or a view of it)
 * @param filters   by list column
 */
public record CountSource(String name, String live, String cellJoins, List<String> relations,
                          Map<String, CellFilter> filters) {

    public CountSource {
        relations = List.copyOf(relations);
        filters = Map.copyOf(filters);
    }

    /** How a cell answers a list filter on one column. */
    public enum Kind {
        /** The cell expression holds the column's value: any comparison applies to it. */
        VALUE,
        /** The cell expression is the boolean "column IS NULL". */
        IS_NULL,
        /** The cell expression is the first day of the column's month: ranges over whole months. */
        MONTH
    }

    public record CellFilter(String listColumn, Kind kind, String cellExpr) {
    }
}
