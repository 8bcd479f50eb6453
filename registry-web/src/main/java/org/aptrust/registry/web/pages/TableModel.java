package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

import org.aptrust.registry.db.list.Sort;

/**
 * A rendered table: headers (sortable ones link to the same page sorted by them, toggling the direction, and
 * carry aria-sort) and rows of cells. Built from {@link Column}s and rows; used by list pages and detail pages.
 */
public record TableModel(String caption, List<Header> headers, List<Row> rows, String emptyText) {

    public record Header(String label, String href, String ariaSort, String arrow, boolean numeric) {
    }

    public record Row(List<Column.Cell> cells) {
    }

    public boolean empty() {
        return rows.isEmpty();
    }

    /**
     * @param current  the sort in force (first term), or null
     * @param query    the page's parameters, to build the header links
     * @param sortParam the query key for sorting ("sort")
     * @param pageParam the query key for the page number, reset by a new sort
     */
    public static <T> TableModel of(String caption, List<Column<T>> columns, List<T> data, Sort current,
                                    QueryString query, String path, String sortParam, String pageParam,
                                    String emptyText) {
        List<Header> headers = new ArrayList<>();
        for (Column<T> c : columns) {
            if (c.sortKey() == null) {
                headers.add(new Header(c.label(), null, null, "", c.numeric()));
                continue;
            }
            boolean active = current != null && current.column().equals(c.sortKey());
            boolean nextDesc = active && !current.descending();
            String href = query.without(pageParam).with(sortParam, c.sortKey() + (nextDesc ? "__desc" : "__asc"))
                    .link(path);
            String aria = !active ? "none" : (current.descending() ? "descending" : "ascending");
            String arrow = !active ? "" : (current.descending() ? " ▼" : " ▲");
            headers.add(new Header(c.label(), href, aria, arrow, c.numeric()));
        }
        List<Row> rows = new ArrayList<>();
        for (T row : data) {
            rows.add(new Row(columns.stream().map(c -> c.cell(row)).toList()));
        }
        return new TableModel(caption, headers, rows, emptyText);
    }
}
