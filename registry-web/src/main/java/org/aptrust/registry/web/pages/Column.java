package org.aptrust.registry.web.pages;

import java.util.function.Function;

/**
 * One column of a list table: its header, the list engine's sort key (null when not sortable), what a cell shows,
 * what the CSV download holds (raw values: bytes as integers, timestamps in ISO form) and where a cell links.
 */
public record Column<T>(String label, String sortKey, Function<T, String> text, Function<T, String> csv,
                        Function<T, String> href, boolean numeric, Function<T, String> cssClass) {

    public static <T> Column<T> of(String label, Function<T, ?> value) {
        Function<T, String> text = r -> Formats.text(value.apply(r));
        return new Column<>(label, null, text, text, null, false, null);
    }

    /** A timestamp column: shown as "2024-01-31 12:00", exported as ISO 8601. */
    public static <T> Column<T> time(String label, Function<T, java.time.LocalDateTime> value) {
        return new Column<>(label, null, r -> Formats.dateTime(value.apply(r)),
                r -> Formats.iso(value.apply(r)), null, false, null);
    }

    /** A byte count: shown as "1.2 GB", exported as the integer. */
    public static <T> Column<T> bytes(String label, Function<T, Long> value) {
        return new Column<>(label, null, r -> Formats.bytes(value.apply(r)), r -> Formats.text(value.apply(r)),
                null, true, null);
    }

    /** A number, right-aligned, with thousands separators on screen. */
    public static <T> Column<T> number(String label, Function<T, ? extends Number> value) {
        return new Column<>(label, null, r -> Formats.number(value.apply(r)), r -> Formats.text(value.apply(r)),
                null, true, null);
    }

    public Column<T> sortable(String key) {
        return new Column<>(label, key, text, csv, href, numeric, cssClass);
    }

    public Column<T> link(Function<T, String> to) {
        return new Column<>(label, sortKey, text, csv, to, numeric, cssClass);
    }

    /** A CSS class per cell (for example "outcome-Failed"), so states stand out. */
    public Column<T> styled(Function<T, String> css) {
        return new Column<>(label, sortKey, text, csv, href, numeric, css);
    }

    /** What one cell of a rendered row carries. */
    public record Cell(String text, String href, String css) {
    }

    public Cell cell(T row) {
        String classes = (numeric ? "num" : "") + (cssClass == null ? "" : " " + Formats.text(cssClass.apply(row)));
        return new Cell(text.apply(row), href == null ? null : href.apply(row), classes.strip());
    }
}
