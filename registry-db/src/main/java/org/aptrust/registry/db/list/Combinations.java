package org.aptrust.registry.db.list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every filter parent x sort the lists offer, taken from the list specs themselves (so a new sort or parent is
 * covered without naming it anywhere else): for each list with parents, no parent (every row) and each declared
 * parent, and each parent but the institution with another parent that accepts IS NULL set to null (an object's own
 * events, which have no file), each sort the list offers (its index-backed sorts and its default) in both directions. The plan guard
 * test and bench/combinations both walk these.
 */
public final class Combinations {

    /** Every list, in the order of {@link Lists}. */
    public static final List<ListSpec> ALL_LISTS = List.of(Lists.ALERTS, Lists.CHECKSUMS, Lists.DELETIONS,
            Lists.FILES, Lists.EVENTS, Lists.INSTITUTIONS, Lists.OBJECTS, Lists.STORAGE_RECORDS, Lists.USERS,
            Lists.WORK_ITEMS);

    /**
     * One request: a list, a parent (null for every row), more conditions (a parent IS NULL), and a sort.
     */
    public record Combination(ListSpec spec, String parent, Map<String, String> more, Sort sort) {

        /** The query-string parameters with the parent's value given. */
        public Map<String, List<String>> params(Object parentValue) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            if (parent != null) {
                p.put(parent, List.of(String.valueOf(parentValue)));
            }
            more.forEach((k, v) -> p.put(k, List.of(v)));
            p.put("sort", List.of(sort.column() + (sort.descending() ? "__desc" : "__asc")));
            return p;
        }

        public String name() {
            StringBuilder b = new StringBuilder(spec.name()).append(" by ")
                    .append(parent == null ? "(all)" : parent);
            more.forEach((k, v) -> b.append(" & ").append(k).append('=').append(v));
            return b.append(", sort ").append(sort.column()).append(sort.descending() ? " desc" : " asc").toString();
        }
    }

    private Combinations() {
    }

    /** Every combination of the lists that have parents. */
    public static List<Combination> all() {
        List<Combination> all = new ArrayList<>();
        for (ListSpec spec : ALL_LISTS) {
            if (!spec.parents().isEmpty()) {
                all.addAll(of(spec));
            }
        }
        return all;
    }

    /** Every combination of one list. */
    public static List<Combination> of(ListSpec spec) {
        Set<String> sorts = new LinkedHashSet<>(new java.util.TreeSet<>(spec.sortable()));
        spec.defaultSort().forEach(s -> sorts.add(s.column()));
        List<String> parents = new ArrayList<>();
        parents.add(null);
        parents.addAll(spec.parents().keySet());
        List<Combination> all = new ArrayList<>();
        for (String parent : parents) {
            List<Map<String, String>> variants = new ArrayList<>();
            variants.add(Map.of());
            if (parent != null && !parent.equals(spec.institutionColumn())) {
                for (String other : spec.parents().keySet()) {
                    if (!other.equals(parent) && spec.filters().get(other).ops().contains(Op.IS_NULL)) {
                        variants.add(Map.of(other + "__is_null", "true"));
                    }
                }
            }
            for (Map<String, String> more : variants) {
                for (String column : sorts) {
                    all.add(new Combination(spec, parent, more, Sort.asc(column)));
                    all.add(new Combination(spec, parent, more, Sort.desc(column)));
                }
            }
        }
        return all;
    }
}
