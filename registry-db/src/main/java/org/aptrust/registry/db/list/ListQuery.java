package org.aptrust.registry.db.list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed list request: typed filters, sorts, page and scope. Built from query-string parameters by
 * {@link #parse}, which accepts only what the list's {@link ListSpec} whitelists.
 */
public record ListQuery(List<Filter> filters, List<Sort> sorts, int page, int perPage, Scope scope) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 1000;

    /** Parameters every list understands besides its filters. */
    public static final Set<String> PAGING_PARAMS = Set.of("page", "per_page", "sort");

    /** @throws NullPointerException without a scope: every institution's rows is {@link Scope#ALL}, said so */
    public ListQuery {
        java.util.Objects.requireNonNull(scope, "a list query needs a scope (Scope.ALL for every institution)");
        filters = List.copyOf(filters);
        sorts = List.copyOf(sorts);
    }

    public static ListQuery of(Scope scope, Filter... filters) {
        return new ListQuery(List.of(filters), List.of(), 1, DEFAULT_PER_PAGE, scope);
    }

    public ListQuery withPage(int newPage, int newPerPage) {
        return new ListQuery(filters, sorts, newPage, newPerPage, scope);
    }

    public ListQuery withSorts(List<Sort> newSorts) {
        return new ListQuery(filters, newSorts, page, perPage, scope);
    }

    public ListQuery withFilter(Filter filter) {
        List<Filter> all = new ArrayList<>(filters);
        all.add(filter);
        return new ListQuery(all, sorts, page, perPage, scope);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    /**
     * Parses query-string parameters against a list's whitelist.
     *
     * @param params  every parameter of the request (repeated keys keep all their values)
     * @param ignored parameters the caller handles itself (for example "format" on a CSV download); they are
     *                neither filters nor errors
     * @throws ListQueryException naming the first bad parameter and what is allowed
     */
    public static ListQuery parse(ListSpec spec, Map<String, List<String>> params, Scope scope, Set<String> ignored) {
        List<Filter> filters = new ArrayList<>();
        List<Sort> sorts = new ArrayList<>();
        int page = 1;
        int perPage = DEFAULT_PER_PAGE;
        for (Map.Entry<String, List<String>> e : new LinkedHashMap<>(params).entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            if (ignored.contains(key)) {
                continue;
            }
            switch (key) {
                case "page":
                    page = intParam(key, values, 1, Integer.MAX_VALUE, 1, "an integer of 1 or more");
                    break;
                case "per_page":
                    // More than the maximum is the maximum, as in the original (it capped silently).
                    perPage = Math.min(MAX_PER_PAGE, intParam(key, values, 1, Integer.MAX_VALUE, DEFAULT_PER_PAGE,
                            "an integer of 1 or more (at most " + MAX_PER_PAGE + " rows come back)"));
                    break;
                case "sort":
                    for (String v : values) {
                        if (!v.isBlank()) {
                            sorts.add(parseSort(spec, v.strip()));
                        }
                    }
                    break;
                default:
                    Filter f = parseFilter(spec, key, values);
                    if (f != null) {
                        filters.add(f);
                    }
            }
        }
        return new ListQuery(filters, sorts, page, perPage, scope);
    }

    private static int intParam(String key, List<String> values, int min, int max, int dflt, String allowed) {
        List<String> given = values.stream().filter(v -> !v.isBlank()).toList();
        if (given.isEmpty()) {
            return dflt;
        }
        if (given.size() > 1) {
            throw new ListQueryException(key, "'" + key + "' was given more than once", allowed);
        }
        try {
            long v = Long.parseLong(given.get(0).strip());
            if (v < min || v > max) {
                throw new ListQueryException(key, "'" + key + "' is out of range: " + given.get(0), allowed);
            }
            return (int) v;
        } catch (NumberFormatException ex) {
            throw new ListQueryException(key, "'" + key + "' is not a number: " + given.get(0), allowed);
        }
    }

    /**
     * A sort as the original reads it: {@code column}, {@code column__asc} or {@code column__desc}; any other
     * direction means ascending. Every column of the list's relation is accepted (see {@link ListSpec#columns}).
     */
    private static Sort parseSort(ListSpec spec, String value) {
        int i = value.indexOf("__");
        String name = i < 0 ? value : value.substring(0, i);
        boolean desc = i >= 0 && value.substring(i + 2).equals("desc");
        String column = spec.sortColumn(name);
        if (column == null) {
            throw new ListQueryException("sort", "cannot sort " + spec.name() + " by '" + value + "': "
                    + spec.relation() + " has no column '" + name + "'", sortsAllowed(spec));
        }
        return new Sort(column, desc);
    }

    /** What a sort may name, for messages. */
    static String sortsAllowed(ListSpec spec) {
        return "one of the columns " + spec.columns().stream().sorted().collect(Collectors.joining(", "))
                + " (bare, or followed by __asc or __desc; repeat sort for several keys)";
    }

    private static Filter parseFilter(ListSpec spec, String key, List<String> rawValues) {
        String column = key;
        Op op = Op.EQ;
        int i = key.lastIndexOf("__");
        if (i > 0) {
            var parsed = Op.fromSuffix(key.substring(i + 2));
            if (parsed.isPresent()) {
                op = parsed.get();
                column = key.substring(0, i);
            }
        }
        // Forms send id__in[] in the original's web UI.
        if (column.endsWith("[]")) {
            column = column.substring(0, column.length() - 2);
        }
        FilterSpec fs = spec.filters().get(column);
        if (fs == null) {
            throw new ListQueryException(key, "unknown parameter '" + key + "' for " + spec.name(),
                    String.join(", ", spec.filterKeys()) + ", page, per_page, sort");
        }
        if (!fs.ops().contains(op)) {
            throw new ListQueryException(key, "'" + column + "' cannot be filtered with '" + op.suffix() + "'",
                    String.join(", ", fs.keys()));
        }
        List<String> given = rawValues.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (given.isEmpty()) {
            return null; // an empty form field means "no filter"
        }
        if (!op.multiValued() && given.size() > 1) {
            throw new ListQueryException(key, "'" + key + "' was given " + given.size() + " values",
                    "one value, or " + column + "__in for several");
        }
        if (op.nullTest()) {
            boolean yes;
            try {
                yes = ValueType.parseBoolean(given.get(0).strip());
            } catch (IllegalArgumentException ex) {
                throw new ListQueryException(key, "'" + key + "' must be true or false, not '" + given.get(0) + "'",
                        "true, false");
            }
            Op effective = yes ? op : (op == Op.IS_NULL ? Op.NOT_NULL : Op.IS_NULL);
            return new Filter(column, effective, List.of());
        }
        List<Object> values = new ArrayList<>();
        for (String v : given) {
            values.add(parseValue(fs, key, op, v));
        }
        return new Filter(column, op, values);
    }

    private static Object parseValue(FilterSpec fs, String key, Op op, String raw) {
        if (fs.type() == ValueType.ENUM) {
            if (!fs.allowedValues().contains(raw.strip())) {
                throw new ListQueryException(key, "'" + raw + "' is not a valid value for '" + key + "'",
                        String.join(", ", fs.allowedValues()));
            }
            return raw.strip();
        }
        if ((op == Op.STARTS_WITH || op == Op.CONTAINS) || fs.type() == ValueType.TEXT) {
            return raw;
        }
        try {
            return fs.type().parse(raw);
        } catch (IllegalArgumentException ex) {
            throw new ListQueryException(key, "'" + raw + "' is not " + fs.type().description() + " (for '" + key
                    + "')", fs.type().description());
        }
    }
}
