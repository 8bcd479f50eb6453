package org.aptrust.registry.db.list;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The count cells that answer a list's totals (see {@code stats/CellTotals}): one count source's live view
 * ({@code stats_<source>_live}, migrations 073 and 074: its cells plus the changes not folded yet, one count in
 * column {@code n}, read as alias {@code c}) and, for each list filter column the cells answer, the cell column
 * that answers it and how. A filter not named here is counted in the table.
 *
 * <pre>{@code
 * CountCells.of("events").value("institution_id").isNull("generic_file_id", "object_level").month("date_time", "month")
 * }</pre>
 *
 * @param source  the count source's name: its objects are stats_&lt;source&gt;_cells, _deltas, _live, and its backfill
 *                in schema_backfills is count_cells:&lt;source&gt;
 * @param joins   joins after {@code FROM stats_<source>_live c} that a cell expression may use (or "")
 * @param filters by list filter column
 */
public record CountCells(String source, String joins, Map<String, Cell> filters) {

    /** How a cell column answers a list filter on one column. */
    public enum Kind {
        /** The cell expression holds the column's value: any comparison applies to it. */
        VALUE,
        /** The cell expression is the boolean "column IS NULL": answers is_null and not_null. */
        IS_NULL,
        /** The cell expression is the first day of the column's month: ranges over whole months. */
        MONTH
    }

    /** One list filter column, the kind, and the cell expression (a cell column as c.column, or a joined one). */
    public record Cell(String listColumn, Kind kind, String cellExpr) {
    }

    public CountCells {
        filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /** The cells of stats_&lt;source&gt;_live, answering no filter yet (the all-rows total only). */
    public static CountCells of(String source) {
        return new CountCells(source, "", Map.of());
    }

    /** stats_&lt;source&gt;_live, the view the totals read. */
    public String live() {
        return "stats_" + source + "_live";
    }

    /** schema_backfills' name for the filling of these cells; the cells are not read while it is pending. */
    public String backfill() {
        return "count_cells:" + source;
    }

    /** A list column whose cell column has the same name and holds its value. */
    public CountCells value(String column) {
        return with(column, Kind.VALUE, "c." + column);
    }

    /** A list column answered by any SQL expression over the cell (alias c) and the joins. */
    public CountCells value(String listColumn, String cellExpr) {
        return with(listColumn, Kind.VALUE, cellExpr);
    }

    /** A list column whose is_null / not_null the boolean cell column answers. */
    public CountCells isNull(String listColumn, String cellColumn) {
        return with(listColumn, Kind.IS_NULL, "c." + cellColumn);
    }

    /** A timestamp list column whose month the date cell column holds. */
    public CountCells month(String listColumn, String cellColumn) {
        return with(listColumn, Kind.MONTH, "c." + cellColumn);
    }

    /** A join after "FROM live c", for expressions of {@link #value(String, String)}. */
    public CountCells join(String join) {
        return new CountCells(source, joins.isEmpty() ? join : joins + " " + join, filters);
    }

    private CountCells with(String listColumn, Kind kind, String cellExpr) {
        Map<String, Cell> more = new LinkedHashMap<>(filters);
        more.put(listColumn, new Cell(listColumn, kind, cellExpr));
        return new CountCells(source, joins, more);
    }
}
