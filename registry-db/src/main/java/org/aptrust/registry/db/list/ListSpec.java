package org.aptrust.registry.db.list;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a list declares: the relation it reads, its filter and sort whitelists, its default sort, how its rows are
 * scoped, and which count view (if any) can answer its totals. Everything else is the engine's business.
 *
 * @param name              a short name used in messages ("objects")
 * @param relation          the view or table read, one relation per list
 * @param filters           filterable columns by name
 * @param sortable          the sorts an index serves at scale (the fast path; web pages offer only these)
 * @param defaultSort       used when the query names no sort
 * @param idColumn          the unique column appended to every ORDER BY so pages never repeat or skip rows
 * @param keyColumns        idColumn plus any columns needed with it to make a row unique (alerts_view has a row
 *                          per alert and recipient: id, user_id); all of them end every ORDER BY
 * @param institutionColumn the column a non-admin's institution scope applies to, or null if the list cannot be
 *                          scoped (admin only)
 * @param userColumn        the column a per-user scope applies to (alerts), or null
 * @param countView         the count view that may answer totals, or null
 * @param baseTable         the table under the view (one view row per table row), or null: when a query filters
 *                          and sorts only on columns the table has, the engine finds the page's ids and counts the
 *                          total in the table, where indexes can answer alone (PostgreSQL plans the view's removed
 *                          joins as if their columns were still needed, which rules out index-only scans)
 * @param viewOnlyColumns   whitelisted columns the view adds to the base table (names, identifiers of others)
 * @param planKeys          filter columns whose equality alone picks out a few indexed rows (a parent's id, a unique
 *                          identifier): a page filtered by one of them has the same good plan for every value, so
 *                          its ids statement is prepared once per connection and its plan kept, instead of being
 *                          planned for each request's values (see {@link ListEngine#plannedForTheirValues})
 * @param columns           every column of the relation: each one sorts, those outside {@code sortable} by a plain
 *                          ORDER BY under {@link ListEngine#UNINDEXED_SORT_TIMEOUT} (the original's clients sort by
 *                          any column)
 * @param sortAliases       sort names the original's API document lists that are not columns, and the column each
 *                          one sorts by (a misspelling the document published, say)
 * @param parents           the filter columns that name a parent row (the institution, the object, the file), the
 *                          most selective first, each with the sorts an index on (parent, sort, id) serves for an
 *                          equality on it. A page filtered by a parent and sorted otherwise is filtered first and
 *                          its matches sorted when they are few (see {@link ListEngine#FILTER_FIRST_MAX}), so no
 *                          plan walks a sort index across the whole table looking for the parent's rows
 * @param determinedBy      columns the view takes from a joined row, each with the column that picks that row (see
 *                          {@link Builder#determinedBy})
 * @param joinedSorts       columns of a small joined table the list sorts every row by (see {@link Joined})
 * @param cells             the count cells that answer its totals (migrations 073, 074), or null: counted in the
 *                          table (see {@link CountCells})
 */
public record ListSpec(
        String name,
        String relation,
        Map<String, FilterSpec> filters,
        Set<String> sortable,
        List<Sort> defaultSort,
        String idColumn,
        List<String> keyColumns,
        String institutionColumn,
        String userColumn,
        CountView countView,
        String baseTable,
        Set<String> viewOnlyColumns,
        Set<String> planKeys,
        Set<String> columns,
        Map<String, String> sortAliases,
        Map<String, Set<String>> parents,
        Map<String, Lookup> parentLookups,
        Map<String, String> determinedBy,
        Map<String, Joined> joinedSorts,
        CountCells cells) {

    /**
     * How the rows of a parent the relation reaches only through a join (an object's checksums, through their
     * files) are found in the base table: {@code column = ANY(function(parent value))}, the function (a migration's)
     * returning the array of keys, so that PostgreSQL probes the column's index for each key instead of joining a
     * whole table.
     */
    public record Lookup(String column, String function) {
    }

    /**
     * A column the view takes from a small table through a key of the base table (a work item's institution name:
     * {@code institutions.name} through {@code work_items.institution_id}). Sorting every row by it cannot use an
     * index of the base table; the engine instead walks the key's distinct values (a few index probes), orders them
     * by the joined column, and reads each key's first rows through the base table's (key, id) index.
     */
    public record Joined(String key, String table, String tableKey, String tableColumn) {
    }

    public ListSpec {
        filters = Map.copyOf(filters);
        sortable = Set.copyOf(sortable);
        defaultSort = List.copyOf(defaultSort);
        keyColumns = keyColumns == null || keyColumns.isEmpty() ? List.of(idColumn) : List.copyOf(keyColumns);
        viewOnlyColumns = viewOnlyColumns == null ? Set.of() : Set.copyOf(viewOnlyColumns);
        planKeys = planKeys == null ? Set.of() : Set.copyOf(planKeys);
        sortAliases = sortAliases == null ? Map.of() : Map.copyOf(sortAliases);
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        if (parents != null) {
            parents.forEach((k, v) -> ordered.put(k, Set.copyOf(v)));
        }
        parents = java.util.Collections.unmodifiableMap(ordered);
        parentLookups = parentLookups == null ? Map.of() : Map.copyOf(parentLookups);
        determinedBy = determinedBy == null ? Map.of() : Map.copyOf(determinedBy);
        joinedSorts = joinedSorts == null ? Map.of() : Map.copyOf(joinedSorts);
        List<String> sorted = java.util.stream.Stream.of(sortable, keyColumns, sortAliases.values(),
                defaultSort.stream().map(Sort::column).toList()).flatMap(Collection::stream).toList();
        // A list that names no columns sorts by those it sorts by anyway.
        columns = columns == null || columns.isEmpty() ? Set.copyOf(sorted) : Set.copyOf(columns);
        Set<String> all = columns;
        sorted.stream().filter(c -> !all.contains(c)).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException(name + " sorts by " + c + ", which is not one of its columns");
        });
        for (String key : planKeys) {
            FilterSpec f = filters.get(key);
            if (f == null || !f.ops().contains(Op.EQ)) {
                throw new IllegalArgumentException("plan key " + key + " of " + name + " is not an equality filter");
            }
        }
        for (Map.Entry<String, Set<String>> p : parents.entrySet()) {
            FilterSpec f = filters.get(p.getKey());
            if (f == null || !f.ops().contains(Op.EQ)) {
                throw new IllegalArgumentException("parent " + p.getKey() + " of " + name
                        + " is not an equality filter");
            }
            for (String c : p.getValue()) {
                if (!all.contains(c)) {
                    throw new IllegalArgumentException(name + " says an index serves " + p.getKey() + " sorted by "
                            + c + ", which is not one of its columns");
                }
            }
        }
        for (Map.Entry<String, String> d : determinedBy.entrySet()) {
            FilterSpec f = filters.get(d.getValue());
            boolean scope = d.getValue().equals(institutionColumn);
            if (!all.contains(d.getKey()) || ((f == null || !f.ops().contains(Op.EQ)) && !scope)) {
                throw new IllegalArgumentException(name + ": " + d.getKey() + " determined by " + d.getValue()
                        + " needs both a column and an equality filter (or the scope)");
            }
        }
        if (!keyColumns.get(0).equals(idColumn)) {
            throw new IllegalArgumentException("the first key column of " + name + " must be " + idColumn);
        }
    }

    public static Builder builder(String name, String relation) {
        return new Builder(name, relation);
    }

    /** The base table when every given column is one of its own, else the list's relation. */
    public String relationFor(Collection<String> columns) {
        if (baseTable == null || columns.stream().anyMatch(viewOnlyColumns::contains)) {
            return relation;
        }
        return baseTable;
    }

    /** Whether the conditions include an equality on one of the plan keys (see {@code planKeys}). */
    public boolean plansKeptFor(SqlWhere where) {
        return where.conditions().stream().anyMatch(c -> c.op() == Op.EQ && planKeys.contains(c.column()));
    }

    /** Whether an index serves every one of these sorts (else they run as a plain ORDER BY under a timeout). */
    public boolean indexed(List<Sort> sorts) {
        return sorts.stream().allMatch(s -> sortable.contains(s.column()) || defaultSort.contains(s));
    }

    /**
     * The most selective parent the conditions pick by a single-value equality (the scope's institution counts), or
     * null when they name none.
     */
    public Filter parentOf(SqlWhere where) {
        for (String parent : parents.keySet()) {
            for (Filter c : where.conditions()) {
                if (c.op() == Op.EQ && c.column().equals(parent)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Whether an index on (parent, sort, id) serves every one of these sorts for an equality on the parent. */
    public boolean servedFor(String parent, List<Sort> sorts) {
        Set<String> served = parents.getOrDefault(parent, Set.of());
        return sorts.stream().allMatch(s -> served.contains(s.column()));
    }

    /** The column a sort name means: itself, or what the document's alias stands for; null when neither. */
    public String sortColumn(String name) {
        String column = sortAliases.getOrDefault(name, name);
        return columns.contains(column) ? column : null;
    }

    /** Every accepted filter key, sorted, for messages and documentation. */
    public List<String> filterKeys() {
        return filters.values().stream().flatMap(f -> f.keys().stream()).sorted().toList();
    }

    public static final class Builder {
        private final String name;
        private final String relation;
        private final Map<String, FilterSpec> filters = new LinkedHashMap<>();
        private Set<String> sortable = Set.of();
        private List<Sort> defaultSort = List.of();
        private String idColumn = "id";
        private List<String> keyColumns = List.of();
        private String institutionColumn = "institution_id";
        private String userColumn;
        private CountView countView;
        private String baseTable;
        private Set<String> viewOnlyColumns = Set.of();
        private Set<String> planKeys = Set.of();
        private Set<String> columns = Set.of();
        private final Map<String, String> sortAliases = new LinkedHashMap<>();
        private final Map<String, Set<String>> parents = new LinkedHashMap<>();
        private final Map<String, Lookup> parentLookups = new LinkedHashMap<>();
        private final Map<String, String> determinedBy = new LinkedHashMap<>();
        private final Map<String, Joined> joinedSorts = new LinkedHashMap<>();
        private CountCells cells;

        private Builder(String name, String relation) {
            this.name = name;
            this.relation = relation;
        }

        public Builder filter(String column, ValueType type, Op... ops) {
            filters.put(column, FilterSpec.of(column, type, ops));
            return this;
        }

        public Builder oneOf(String column, List<String> values, Op... ops) {
            filters.put(column, FilterSpec.oneOf(column, values, ops));
            return this;
        }

        public Builder sortable(String... columns) {
            sortable = Set.of(columns);
            return this;
        }

        public Builder defaultSort(Sort... sorts) {
            defaultSort = List.of(sorts);
            return this;
        }

        public Builder idColumn(String column) {
            idColumn = column;
            keyColumns = List.of();
            return this;
        }

        /** A row key of several columns, the first being the id (for views with a row per id and something). */
        public Builder key(String idColumn, String... more) {
            this.idColumn = idColumn;
            List<String> all = new java.util.ArrayList<>();
            all.add(idColumn);
            all.addAll(List.of(more));
            keyColumns = List.copyOf(all);
            return this;
        }

        public Builder institutionColumn(String column) {
            institutionColumn = column;
            return this;
        }

        public Builder userColumn(String column) {
            userColumn = column;
            return this;
        }

        public Builder countView(String view, String... dimensions) {
            countView = new CountView(view, List.of(dimensions));
            return this;
        }

        /** The table under the view, and the whitelisted columns only the view has. */
        public Builder baseTable(String table, String... viewOnly) {
            baseTable = table;
            viewOnlyColumns = Set.of(viewOnly);
            return this;
        }

        /** Equality filters that pick out a few indexed rows whatever their value (see {@code planKeys}). */
        public Builder planKeys(String... columns) {
            planKeys = Set.of(columns);
            return this;
        }

        /** Every column of the relation (a test compares them with the catalog). */
        public Builder columns(String... all) {
            columns = Set.of(all);
            return this;
        }

        /** A sort name the original's API document lists that is not a column, and the column it sorts by. */
        public Builder sortAlias(String documented, String column) {
            sortAliases.put(documented, column);
            return this;
        }

        /**
         * A filter column naming a parent row, and the sorts an index on (column, sort, id) serves for it. Declare
         * the most selective parent first (the file, then the object, then the institution).
         */
        public Builder parent(String column, String... indexedSorts) {
            parents.put(column, Set.of(indexedSorts));
            return this;
        }

        /**
         * A parent the relation reaches through a join, found in the base table as {@code column = ANY(function(v))}
         * when the page is filtered first (see {@link Lookup}).
         */
        public Builder parentThrough(String parent, String column, String function, String... indexedSorts) {
            parent(parent, indexedSorts);
            parentLookups.put(parent, new Lookup(column, function));
            return this;
        }

        /**
         * Columns the view takes from the row that {@code column} points at (an institution's name through
         * institution_id): when a query fixes that column to one value (an equality filter, or the caller's
         * institution scope for the institution column), each of these has one value on every matching row, so
         * sorting by it decides nothing and the engine orders by the key alone (keeping the sort's direction), which
         * the parent's (parent, id) index serves instead of joining the view for every matching row.
         */
        public Builder determinedBy(String column, String... dependents) {
            for (String d : dependents) {
                determinedBy.put(d, column);
            }
            return this;
        }

        /**
         * The view's {@code column} is {@code table.tableColumn} of the row whose {@code tableKey} is the base table's
         * {@code key} (see {@link Joined}); the key is also {@link #determinedBy} it.
         */
        public Builder joinedSort(String column, String key, String table, String tableKey, String tableColumn) {
            joinedSorts.put(column, new Joined(key, table, tableKey, tableColumn));
            determinedBy.put(column, key);
            return this;
        }

        /**
         * The count cells that answer this list's totals: which filter column each cell column answers, and how
         * (see {@link CountCells}). One row of the list must be one row of the source's base table.
         */
        public Builder cells(CountCells countCells) {
            cells = countCells;
            return this;
        }

        public ListSpec build() {
            return new ListSpec(name, relation, filters, sortable, defaultSort, idColumn, keyColumns,
                    institutionColumn, userColumn, countView, baseTable, viewOnlyColumns, planKeys, columns,
                    sortAliases, parents, parentLookups, determinedBy, joinedSorts, cells);
        }
    }
}
