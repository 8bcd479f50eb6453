package org.aptrust.registry.web.pages;

import java.util.List;

/**
 * One field of a list's filter form. {@code name} is the query-string key the list engine parses
 * ("identifier__starts_with", "action__in"); a test checks every form's keys against its list's whitelist.
 */
public record FilterField(Kind kind, String label, String name, List<Option> options) {

    /** SELECT offers "Any" (no filter) first; CHOICE always has one of its options (its first by default). */
    public enum Kind { TEXT, DATE, NUMBER, SELECT, CHOICE, MULTI }

    /** A choice of a select: the submitted value and what the user reads. */
    public record Option(String value, String label) {
        public static Option same(String value) {
            return new Option(value, value);
        }
    }

    public static FilterField text(String label, String name) {
        return new FilterField(Kind.TEXT, label, name, List.of());
    }

    public static FilterField date(String label, String name) {
        return new FilterField(Kind.DATE, label, name, List.of());
    }

    public static FilterField number(String label, String name) {
        return new FilterField(Kind.NUMBER, label, name, List.of());
    }

    public static FilterField select(String label, String name, List<Option> options) {
        return new FilterField(Kind.SELECT, label, name, options);
    }

    public static FilterField select(String label, String name, String... values) {
        return select(label, name, java.util.Arrays.stream(values).map(Option::same).toList());
    }

    public static FilterField choice(String label, String name, List<Option> options) {
        return new FilterField(Kind.CHOICE, label, name, options);
    }

    public static FilterField multi(String label, String name, List<String> values) {
        return new FilterField(Kind.MULTI, label, name, values.stream().map(Option::same).toList());
    }

    public static FilterField yesNo(String label, String name) {
        return select(label, name, List.of(new Option("true", "Yes"), new Option("false", "No")));
    }
}
