package org.aptrust.registry.web.pages;

import java.util.function.Function;

/**
 * One column of a list table: its header, the list engine's sort key (null when not sortable), what a cell shows,
 * what the CSV download holds (raw values: bytes as integers, timestamps in ISO form) and where a cell links.
 */
public record Column<T>(String label, String sortKey, Function<T, String> text, Function<T, String> csv,
                        Function<T, String> href, boolean numeric, Function<T, String> cssClass,
                        String inputName) {

    public static <T> Column<T> of(String label, Function<T, ?> value) {
        Function<T, String> text = r -> Formats.text(value.apply(r));
        return new Column<>(label, null, text, text, null, false, null, null);
    }

    /**
     * A checkbox per row for the list's bulk actions, submitting {@code value} under {@code name}; rows whose
     * value is null or empty get none. Never part of the CSV.
     */
    public static <T> Column<T> checkbox(String label, String name, Function<T, ?> value) {
        return new Column<>(label, null, r -> Formats.text(value.apply(r)), null, null, false, null, name);
    }

    /** A timestamp column: shown as "2024-01-31 12:00", exported as ISO 8601. */
    public static <T> Column<T> time(String label, Function<T, java.time.LocalDateTime> value) {
        return new Column<>(label, null, r -> Formats.dateTime(value.apply(r)),
                r -> Formats.iso(value.apply(r)), null, false, r -> "nowrap", null);
    }

    /** A byte count: shown as "1.2 GB", exported as the integer. */
    public static <T> Column<T> bytes(String label, Function<T, Long> value) {
        return new Column<>(label, null, r -> Formats.bytes(value.apply(r)), r -> Formats.text(value.apply(r)),
                null, true, null, null);
    }

    /** A number, right-aligned, with thousands separators on screen. */
    public static <T> Column<T> number(String label, Function<T, ? extends Number> value) {
        return new Column<>(label, null, r -> Formats.number(value.apply(r)), r -> Formats.text(value.apply(r)),
                null, true, null, null);
    }

    public Column<T> sortable(String key) {
        return new Column<>(label, key, text, csv, href, numeric, cssClass, inputName);
    }

    public Column<T> link(Function<T, String> to) {
        return new Column<>(label, sortKey, text, csv, to, numeric, cssClass, inputName);
    }

    /** A CSS class per cell (for example "outcome-Failed"), so states stand out. */
    public Column<T> styled(Function<T, String> css) {
        return new Column<>(label, sortKey, text, csv, href, numeric, css, inputName);
    }

    /** What one cell of a rendered row carries. */
    public record Cell(String text, String href, String css, String inputName) {
    }

    /** Part of the CSV download (checkbox columns are not). */
    public boolean exported() {
        return inputName == null;
    }

    public Cell cell(T row) {
        String classes = (numeric ? "num" : "") + (cssClass == null ? "" : " " + Formats.text(cssClass.apply(row)));
        return new Cell(text.apply(row), href == null ? null : href.apply(row), classes.strip(), inputName);
    }
}
