package org.aptrust.registry.db.list;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Runs a list: turns a {@link ListQuery} into a SELECT of the page's ids (scope, filters, sort with an id tiebreak,
 * LIMIT/OFFSET; every value bound as a parameter), then reads the view rows of those ids, plus a total from the
 * {@link TotalsStrategy} the caller passes (a {@link ListReader} holds one per list).
 * Column names come only from the list's whitelist, never from the request.
 */
public final class ListEngine {

    private ListEngine() {
    }

    /**
     * How many matching rows a page's ids statement counts along with the page when the totals strategy cannot
     * answer without counting: at most this many index entries (about a millisecond), and the total of every list
     * up to this size (the files or events of one object, say) is then settled without another statement.
     */
    public static final int COUNT_CAP = 10_000;

    /**
     * How long a page (or a CSV download) sorted by a column no index serves may run. Such a sort reads and sorts
     * every matching row, which is quick for the files of one object and may take minutes for all of them; past
     * this the request ends with a {@link ListTimeoutException} rather than holding a connection.
     */
    public static final Duration UNINDEXED_SORT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The most matching rows a page filtered by a parent and sorted by what no index serves for that parent reads
     * and sorts itself (filter first). With more, the page is left to PostgreSQL's plan: the parent then holds a
     * large share of the table, so walking the sort's own index finds a page within a few hundred rows. Reading
     * and sorting this many rows takes about a tenth of a second; walking a sort index across the whole table in
     * search of one large object's rows took up to a minute at scale L (issue 20).
     */
    public static final int FILTER_FIRST_MAX = 200_000;

    /** The SQLSTATE of a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    /** One page of a list and its total, on the caller's handle; see {@link ListReader#list}. */
    public static <T> Page<T> list(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper,
                                   TotalsStrategy totals) {
        return list(handle, spec, query, mapper, totals, COUNT_CAP, UNINDEXED_SORT_TIMEOUT);
    }

    static <T> Page<T> list(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper, TotalsStrategy totals,
                            int countCap) {
        return list(handle, spec, query, mapper, totals, countCap, UNINDEXED_SORT_TIMEOUT);
    }

    static <T> Page<T> list(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper, TotalsStrategy totals,
                            int countCap, Duration sortTimeout) {
        if (spec.indexed(sortsOf(spec, query))) {
            return listPage(handle, spec, query, mapper, totals, countCap);
        }
        return withinSortTimeout(handle, spec, query, sortTimeout,
                h -> listPage(h, spec, query, mapper, totals, countCap));
    }

    /**
     * Runs work in a transaction whose statements may each take at most the timeout (SET LOCAL ends with it),
     * turning a cancelled statement into a {@link ListTimeoutException} that names the sort.
     */
    private static <R> R withinSortTimeout(Handle handle, ListSpec spec, ListQuery query, Duration timeout,
                                           HandleCallback<R, RuntimeException> work) {
        try {
            return handle.inTransaction(h -> {
                h.createQuery("SELECT set_config('statement_timeout', :ms || 'ms', true)")
                        .bind("ms", String.valueOf(timeout.toMillis())).mapTo(String.class).one();
                return work.withHandle(h);
            });
        } catch (JdbiException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                    throw new ListTimeoutException(spec, sortsOf(spec, query), timeout);
                }
            }
            throw e;
        }
    }

    private static <T> Page<T> listPage(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper,
                                        TotalsStrategy totals, int countCap) {
        SqlWhere where = where(spec, query);
        if (spec.keyColumns().size() > 1) {
            List<T> rows = plannedForTheirValues(handle.createQuery(pageSql(spec, query, where)))
                    .bindMap(where.params())
                    .bind("_limit", query.perPage())
                    .bind("_offset", query.offset())
                    .map(mapper)
                    .list();
            return page(query, rows, totalFor(handle, spec, query, where, totals, rows.size(), -1));
        }
        long matches = filterFirstMatches(handle, spec, query, where, totals);
        if (matches >= 0) {
            SqlWhere first = narrowed(spec, where);
            Query firstQuery = handle.createQuery(filterFirstIdsSql(spec, query, first));
            if (!spec.plansKeptFor(where)) {
                plannedForTheirValues(firstQuery);
            }
            long[] ids = firstQuery.bindMap(first.params())
                    .bind("_limit", query.perPage())
                    .bind("_offset", query.offset())
                    .mapTo(Long.class).stream().mapToLong(Long::longValue).toArray();
            return page(query, rowsByIds(handle, spec, ids, mapper), Total.exact(matches));
        }
        boolean counted = !totals.answersWithoutCounting(handle, spec, where);
        Query idsQuery = handle.createQuery(pageIdsSql(spec, query, where, counted));
        if (!spec.plansKeptFor(where)) {
            plannedForTheirValues(idsQuery);
        }
        idsQuery.bindMap(where.params())
                .bind("_limit", query.perPage())
                .bind("_offset", query.offset());
        if (counted) {
            idsQuery.bind("_count_cap", countCap + 1);
        }
        List<PageId> pageIds = idsQuery
                .map((rs, ctx) -> new PageId(rs.getLong(1), counted ? rs.getLong(2) : -1))
                .list();
        long[] ids = pageIds.stream().mapToLong(PageId::id).toArray();
        List<T> rows = rowsByIds(handle, spec, ids, mapper);
        long capped = pageIds.isEmpty() ? -1 : pageIds.get(0).cappedCount();
        long knownTotal = capped >= 0 && capped <= countCap ? capped : -1;
        return page(query, rows, totalFor(handle, spec, query, where, totals, ids.length, knownTotal));
    }

    /** One row of a page's ids statement: the id, and the capped count of matching rows (-1 when not counted). */
    private record PageId(long id, long cappedCount) {
    }

    private static <T> Page<T> page(ListQuery query, List<T> rows, Total total) {
        return new Page<>(rows, total.value(), total.exact(), query.page(), query.perPage());
    }

    /**
     * The page's ids. This statement touches only the columns it filters and sorts on, in the base table when it
     * can (so the view's joins and per-row subqueries are not part of it and an index can often answer it alone,
     * OFFSET included), and is planned for its values, unless it filters on one of the list's plan keys (the files
     * of one object, say: one good plan for every value, kept by PostgreSQL, as planning it cost more than running
     * it). With counted, each row also carries the number of matching rows up to one past the count cap.
     */
    static String pageIdsSql(ListSpec spec, ListQuery query, SqlWhere where, boolean counted) {
        List<String> touched = new ArrayList<>(where.columns());
        List<Sort> sorts = sortsOf(spec, query);
        sorts.forEach(s -> touched.add(s.column()));
        String count = counted ? ", (SELECT count(*) FROM (SELECT 1 FROM " + spec.relationFor(where.columns())
                + where.clause() + " LIMIT :_count_cap) capped) AS _capped_count" : "";
        ListSpec.Joined joined = sorts.isEmpty() ? null : spec.joinedSorts().get(sorts.get(0).column());
        if (joined != null && spec.baseTable() != null) {
            return joinedSortIdsSql(spec, sorts, joined, where, count);
        }
        return "SELECT " + quote(spec.idColumn()) + count + " FROM " + spec.relationFor(touched) + where.clause()
                + orderBy(spec, query, "") + " LIMIT :_limit OFFSET :_offset";
    }

    /**
     * A page's ids when its first sort is a column of a small joined table ({@link ListSpec.Joined}: work items by
     * institution name). The key's distinct values are found by a loose walk of its index (one probe per value), each
     * paired with its joined value; for each, the first rows in the remaining order come from the base table's
     * (key, ...) index, at most a page and its offset; those few rows are then sorted. Rows whose key is null or
     * points at no row of the table have a null joined value and sort as the view's nulls do (last ascending, first
     * descending), in the same order of the rest.
     */
    static String joinedSortIdsSql(ListSpec spec, List<Sort> sorts, ListSpec.Joined joined, SqlWhere where,
                                   String count) {
        Sort first = sorts.get(0);
        List<Sort> rest = new ArrayList<>();
        List<String> restColumns = new ArrayList<>();
        for (Sort s : sorts.subList(1, sorts.size())) {
            if (!s.column().equals(first.column()) && !restColumns.contains(s.column())) {
                rest.add(s);
                restColumns.add(s.column());
            }
        }
        boolean keyDesc = sorts.get(sorts.size() - 1).descending();
        List<String> touched = new ArrayList<>(where.columns());
        touched.addAll(restColumns);
        String relation = spec.relationFor(touched);
        String key = quote(joined.key());
        String base = spec.baseTable();
        List<String> selected = new ArrayList<>();
        selected.add(quote(spec.idColumn()));
        restColumns.stream().filter(c -> !c.equals(spec.idColumn())).map(ListEngine::quote).forEach(selected::add);
        String inner = orderTerms(spec, rest, keyDesc, "");
        String conditions = where.sql().isEmpty() ? "" : where.sql() + " AND ";
        String branch = "(SELECT " + String.join(", ", selected) + " FROM " + relation + " WHERE " + conditions;
        String rows = branch + key + " = _p._k" + inner + " LIMIT :_limit + :_offset) UNION ALL "
                + branch + "_p._k IS NULL AND " + key + " IS NULL" + inner + " LIMIT :_limit + :_offset)";
        return "WITH RECURSIVE _keys(k) AS ((SELECT " + key + " FROM " + base + " WHERE " + key
                + " IS NOT NULL ORDER BY " + key + " LIMIT 1) UNION ALL SELECT (SELECT " + key + " FROM " + base
                + " WHERE " + key + " > _keys.k ORDER BY " + key + " LIMIT 1) FROM _keys WHERE _keys.k IS NOT NULL),"
                + " _p AS (SELECT _keys.k AS _k, _t." + quote(joined.tableColumn()) + " AS _s FROM _keys LEFT JOIN "
                + joined.table() + " _t ON _t." + quote(joined.tableKey()) + " = _keys.k WHERE _keys.k IS NOT NULL"
                + " UNION ALL SELECT NULL, NULL)"
                + " SELECT _m." + quote(spec.idColumn()) + count + " FROM _p CROSS JOIN LATERAL (" + rows + ") _m"
                + " ORDER BY _p._s" + (first.descending() ? " DESC" : " ASC") + ", "
                + orderTerms(spec, rest, keyDesc, "_m.").substring(" ORDER BY ".length())
                + " LIMIT :_limit OFFSET :_offset";
    }

    /** ORDER BY the sorts, then the key columns not among them in the given direction. */
    private static String orderTerms(ListSpec spec, List<Sort> sorts, boolean keyDesc, String qualifier) {
        List<String> terms = new ArrayList<>();
        List<String> sorted = new ArrayList<>();
        for (Sort s : sorts) {
            terms.add(qualifier + quote(s.column()) + (s.descending() ? " DESC" : " ASC"));
            sorted.add(s.column());
        }
        for (String k : spec.keyColumns()) {
            if (!sorted.contains(k)) {
                terms.add(qualifier + quote(k) + (keyDesc ? " DESC" : " ASC"));
            }
        }
        return " ORDER BY " + String.join(", ", terms);
    }

    /**
     * How many rows match when a page should read its parent's rows first and sort them itself, else -1: when the
     * conditions pick one parent (an object, a file, an institution) and no index on (parent, sort, id) serves the
     * sort, and at most {@link #FILTER_FIRST_MAX} rows match. Counted from the count cells when they answer, else up
     * to one past the limit through the parent's index.
     */
    static long filterFirstMatches(Handle handle, ListSpec spec, ListQuery query, SqlWhere where,
                                   TotalsStrategy totals) {
        Filter parent = filterFirst ? spec.parentOf(where) : null;
        if (parent == null || spec.servedFor(parent.column(), sortsOf(spec, query))) {
            return -1;
        }
        long matches;
        if (totals.answersWithoutCounting(handle, spec, where)) {
            Total total = totals.total(handle, spec, where);
            matches = total.exact() ? total.value() : Long.MAX_VALUE;
        } else {
            SqlWhere first = narrowed(spec, where);
            Query count = handle.createQuery("SELECT count(*) FROM (SELECT 1 FROM " + spec.relationFor(where.columns())
                    + first.clause() + " LIMIT :_cap) capped");
            if (!spec.plansKeptFor(where)) {
                plannedForTheirValues(count);
            }
            matches = count.bindMap(first.params()).bind("_cap", FILTER_FIRST_MAX + 1).mapTo(Long.class).one();
        }
        return matches <= FILTER_FIRST_MAX ? matches : -1;
    }

    /**
     * The conditions, and for a parent the list reaches through a join ({@link ListSpec#parentLookups()}) the keys
     * of its rows in the base table, so that the matches are found by probing an index for each key.
     */
    static SqlWhere narrowed(ListSpec spec, SqlWhere where) {
        Filter parent = spec.parentOf(where);
        ListSpec.Lookup lookup = parent == null ? null : spec.parentLookups().get(parent.column());
        if (lookup == null) {
            return where;
        }
        Map<String, Object> params = new LinkedHashMap<>(where.params());
        params.put("_parent_keys", parent.value());
        return new SqlWhere(where.sql() + " AND " + quote(lookup.column()) + " = ANY(" + lookup.function()
                + "(:_parent_keys))", params, where.conditions());
    }

    /** Whether a page of this query reads its parent's rows first (see {@link #FILTER_FIRST_MAX}). */
    public static boolean filtersFirst(Handle handle, ListSpec spec, ListQuery query, TotalsStrategy totals) {
        return filterFirstMatches(handle, spec, query, where(spec, query), totals) >= 0;
    }

    /**
     * Turns filtering first off or on (on by default). Only bench/combinations --before turns it off, to measure
     * the plans PostgreSQL picks alone.
     */
    public static void filterFirst(boolean on) {
        filterFirst = on;
    }

    private static volatile boolean filterFirst = true;

    /**
     * A page's ids read from its matching rows first: a materialized CTE holds the matches (found through the
     * parent's index, whatever the sort), which are then sorted; PostgreSQL cannot turn it into a walk of the sort
     * column's index filtered by the parent.
     */
    static String filterFirstIdsSql(ListSpec spec, ListQuery query, SqlWhere where) {
        List<String> touched = new ArrayList<>(where.columns());
        List<String> selected = new ArrayList<>(spec.keyColumns());
        for (Sort s : sortsOf(spec, query)) {
            touched.add(s.column());
            if (!selected.contains(s.column())) {
                selected.add(s.column());
            }
        }
        return "WITH _matches AS MATERIALIZED (SELECT " + String.join(", ", selected.stream().map(ListEngine::quote)
                .toList()) + " FROM " + spec.relationFor(touched) + where.clause() + ") SELECT "
                + quote(spec.idColumn()) + " FROM _matches" + orderBy(spec, query, "")
                + " LIMIT :_limit OFFSET :_offset";
    }

    /**
     * The statement that finds a page's ids, as the engine would run it now (filtered first or not), for the plan
     * guard test and the combinations benchmark: SQL with named parameters, and their values.
     */
    static Map.Entry<String, Map<String, Object>> idsStatement(Handle handle, ListSpec spec, ListQuery query,
                                                               TotalsStrategy totals) {
        SqlWhere where = where(spec, query);
        Map<String, Object> params = new LinkedHashMap<>(where.params());
        params.put("_limit", query.perPage());
        params.put("_offset", query.offset());
        if (filterFirstMatches(handle, spec, query, where, totals) >= 0) {
            SqlWhere first = narrowed(spec, where);
            params.putAll(first.params());
            return Map.entry(filterFirstIdsSql(spec, query, first), params);
        }
        return Map.entry(pageIdsSql(spec, query, where, false), params);
    }

    /**
     * The whole view rows of the given ids, in the ids' order. The statement's text depends only on the list, and
     * its plan on nothing but the array's length, so the driver prepares it on the server and PostgreSQL keeps its
     * plan: planning a view's joins costs more than reading twenty rows through them (1 to 6 ms against 0.1 to
     * 0.5 ms at scale M).
     */
    static <T> List<T> rowsByIds(Handle handle, ListSpec spec, long[] ids, RowMapper<T> mapper) {
        if (ids.length == 0) {
            return List.of();
        }
        Map<Long, Integer> position = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            position.put(ids[i], i);
        }
        String id = spec.idColumn();
        Object[] ordered = new Object[ids.length];
        handle.createQuery("SELECT * FROM " + spec.relation() + " WHERE " + quote(id) + " = ANY(:_ids)")
                .bind("_ids", ids)
                .map(new RowMapper<Map.Entry<Long, T>>() {
                    @Override
                    public Map.Entry<Long, T> map(ResultSet rs, StatementContext ctx) throws SQLException {
                        return specialize(rs, ctx).map(rs, ctx);
                    }

                    @Override
                    public RowMapper<Map.Entry<Long, T>> specialize(ResultSet rs, StatementContext ctx)
                            throws SQLException {
                        RowMapper<T> rows = mapper.specialize(rs, ctx);
                        int idIndex = rs.findColumn(id);
                        return (r, c) -> Map.entry(r.getLong(idIndex), rows.map(r, c));
                    }
                })
                .forEach(e -> {
                    Integer at = position.get(e.getKey());
                    if (at != null) {
                        ordered[at] = e.getValue();
                    }
                });
        List<T> rows = new ArrayList<>(ids.length);
        for (Object row : ordered) {
            if (row != null) { // deleted between the two statements: the page is one row short, never wrong
                @SuppressWarnings("unchecked")
                T t = (T) row;
                rows.add(t);
            }
        }
        return rows;
    }

    /**
     * The whole page in one SELECT, for lists whose rows need more than one column to be told apart (alerts_view
     * has a row per alert and recipient).
     */
    static String pageSql(ListSpec spec, ListQuery query, SqlWhere where) {
        return "SELECT * FROM " + spec.relation() + where.clause() + orderBy(spec, query, "")
                + " LIMIT :_limit OFFSET :_offset";
    }

    /**
     * The sorts that decide the order: the query's (or the default), without those on a column the query fixes to
     * one value through the row it is taken from ({@link ListSpec#determinedBy}: work items of one institution by
     * institution name). When such a sort was the last, the key follows in its direction, as it would have broken
     * the (then universal) ties.
     */
    static List<Sort> sortsOf(ListSpec spec, ListQuery query) {
        List<Sort> sorts = query.sorts().isEmpty() ? spec.defaultSort() : query.sorts();
        if (spec.determinedBy().isEmpty()) {
            return sorts;
        }
        List<Sort> deciding = new ArrayList<>(sorts.size());
        for (int i = 0; i < sorts.size(); i++) {
            Sort s = sorts.get(i);
            String by = spec.determinedBy().get(s.column());
            if (by == null || !fixed(spec, query, by)) {
                deciding.add(s);
            } else if (i == sorts.size() - 1) {
                deciding.add(s.descending() ? Sort.desc(spec.idColumn()) : Sort.asc(spec.idColumn()));
            }
        }
        return deciding;
    }

    /** Whether the query allows one value of the column only: an equality filter, or the institution scope. */
    private static boolean fixed(ListSpec spec, ListQuery query, String column) {
        if (column.equals(spec.institutionColumn()) && query.scope() != null
                && query.scope().institutionId() != null) {
            return true;
        }
        return query.filters().stream().anyMatch(f -> f.column().equals(column) && f.values().size() == 1
                && (f.op() == Op.EQ || f.op() == Op.IN));
    }

    /**
     * Streams every matching row in list order, up to a cap (for CSV downloads), without a total; see
     * {@link ListReader#stream}.
     */
    public static <T> int stream(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper,
                                 TotalsStrategy totals, int cap, Consumer<T> sink) {
        if (spec.indexed(sortsOf(spec, query))) {
            return streamRows(handle, spec, query, mapper, totals, cap, sink);
        }
        return withinSortTimeout(handle, spec, query, UNINDEXED_SORT_TIMEOUT,
                h -> streamRows(h, spec, query, mapper, totals, cap, sink));
    }

    private static <T> int streamRows(Handle handle, ListSpec spec, ListQuery query, RowMapper<T> mapper,
                                      TotalsStrategy totals, int cap, Consumer<T> sink) {
        SqlWhere where = where(spec, query);
        int[] n = {0};
        boolean first = filterFirstMatches(handle, spec, query, where, totals) >= 0;
        String from = first
                ? "WITH _matches AS MATERIALIZED (SELECT * FROM " + spec.relation() + narrowed(spec, where).clause()
                        + ") SELECT * FROM _matches"
                : "SELECT * FROM " + spec.relation() + where.clause();
        if (first) {
            where = narrowed(spec, where);
        }
        plannedForTheirValues(handle.createQuery(from + orderBy(spec, query, "") + " LIMIT :_limit"))
                .bindMap(where.params())
                .bind("_limit", cap)
                .setFetchSize(1000)
                .map(mapper)
                .useStream(s -> s.forEach(row -> {
                    n[0]++;
                    sink.accept(row);
                }));
        return n[0];
    }

    /**
     * The total without counting when the page itself proves it: a page that is not full, on page 1 or after a
     * non-empty previous page, ends the list.
     */
    private static Total totalFor(Handle handle, ListSpec spec, ListQuery query, SqlWhere where,
                                  TotalsStrategy totals, int rowsOnPage, long knownTotal) {
        if (knownTotal >= 0) {
            return Total.exact(knownTotal);
        }
        if (rowsOnPage > 0 && rowsOnPage < query.perPage()) {
            return Total.exact(query.offset() + rowsOnPage);
        }
        if (rowsOnPage == 0 && query.page() == 1) {
            return Total.exact(0);
        }
        return totals.total(handle, spec, where);
    }

    /**
     * Makes PostgreSQL plan a list statement for the values it is given, every time. The JDBC driver otherwise
     * switches a statement it has run five times to a server-side prepared one, and PostgreSQL may then reuse a
     * generic plan made without the values: one that cannot see that LIMIT 20 wants an index scan, or that
     * lower(identifier) LIKE 'abc%' is a range on an index. Planning a list query costs well under a millisecond;
     * a wrong generic plan costs a scan of the table. The exception is a page filtered by one of its list's plan
     * keys ({@link ListSpec#planKeys()}), whose plan is the same for every value.
     */
    public static Query plannedForTheirValues(Query query) {
        return query.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
                if (stmt.isWrapperFor(PGStatement.class)) {
                    stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
            }
        });
    }

    /** The scope and filter conditions of a query as SQL with named parameters. */
    public static SqlWhere where(ListSpec spec, ListQuery query) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        List<Filter> conditions = new ArrayList<>();
        Scope scope = query.scope(); // never null (ListQuery refuses it): every institution is Scope.ALL, said so
        if (scope.institutionId() != null) {
            if (spec.institutionColumn() == null) {
                throw new IllegalStateException(spec.name() + " cannot be scoped to an institution");
            }
            parts.add(quote(spec.institutionColumn()) + " = :_scope_inst");
            params.put("_scope_inst", scope.institutionId());
            conditions.add(new Filter(spec.institutionColumn(), Op.EQ, List.of(scope.institutionId())));
        }
        if (scope.userId() != null) {
            if (spec.userColumn() == null) {
                throw new IllegalStateException(spec.name() + " cannot be scoped to a user");
            }
            parts.add(quote(spec.userColumn()) + " = :_scope_user");
            params.put("_scope_user", scope.userId());
            conditions.add(new Filter(spec.userColumn(), Op.EQ, List.of(scope.userId())));
        }
        int n = 0;
        for (Filter f : query.filters()) {
            if (!spec.filters().containsKey(f.column())) {
                throw new ListQueryException(f.column(), "unknown filter '" + f.column() + "' for " + spec.name(),
                        String.join(", ", spec.filterKeys()));
            }
            String col = quote(f.column());
            String p = "p" + n++;
            switch (f.op()) {
                case IS_NULL, NOT_NULL -> parts.add(col + " " + f.op().sql());
                case IN, NOT_IN -> {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < f.values().size(); i++) {
                        names.add(":" + p + "_" + i);
                        params.put(p + "_" + i, f.values().get(i));
                    }
                    parts.add(col + " " + f.op().sql() + " (" + String.join(", ", names) + ")");
                }
                // Case-insensitive like the original's ILIKE, written as lower(col) LIKE 'prefix%' so that an
                // index on lower(col) text_pattern_ops can answer it.
                case STARTS_WITH -> {
                    parts.add("lower(" + col + ") LIKE :" + p + " ESCAPE '" + LIKE_ESCAPE + "'");
                    params.put(p, escapeLike(String.valueOf(f.value()).toLowerCase(Locale.ROOT)) + "%");
                }
                case CONTAINS -> {
                    parts.add(col + " ILIKE :" + p + " ESCAPE '" + LIKE_ESCAPE + "'");
                    params.put(p, "%" + escapeLike(String.valueOf(f.value())) + "%");
                }
                default -> {
                    parts.add(col + " " + f.op().sql() + " :" + p);
                    params.put(p, f.value());
                }
            }
            conditions.add(f);
        }
        return new SqlWhere(String.join(" AND ", parts), params, conditions);
    }

    /** ORDER BY the query's sorts (or the default), then the key columns, each column prefixed by qualifier. */
    static String orderBy(ListSpec spec, ListQuery query, String qualifier) {
        List<Sort> sorts = sortsOf(spec, query);
        List<String> terms = new ArrayList<>();
        List<String> sorted = new ArrayList<>();
        boolean lastDesc = false;
        for (Sort s : sorts) {
            if (!spec.columns().contains(s.column())) {
                throw new ListQueryException("sort", "cannot sort " + spec.name() + " by '" + s.column() + "'",
                        ListQuery.sortsAllowed(spec));
            }
            if (sorted.contains(s.column())) {
                continue; // a column sorted twice: the first one decides
            }
            // PostgreSQL's default NULL placement, so plain btree indexes can serve the order in both directions.
            terms.add(qualifier + quote(s.column()) + (s.descending() ? " DESC" : " ASC"));
            sorted.add(s.column());
            lastDesc = s.descending();
        }
        // The key breaks ties in the direction of the last sort, so one index on (sort column, id) serves both.
        for (String key : spec.keyColumns()) {
            if (!sorted.contains(key)) {
                terms.add(qualifier + quote(key) + (lastDesc ? " DESC" : " ASC"));
            }
        }
        return " ORDER BY " + String.join(", ", terms);
    }

    /** Column names come from whitelists only; quoting them keeps names like "user" from meaning something else. */
    static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /**
     * The LIKE escape character. Not a backslash: Jdbi's SQL parser reads a backslash before a quote as escaping
     * it, so a second ESCAPE '\\' in one statement hid the named parameters between the two from it.
     */
    public static final char LIKE_ESCAPE = '!';

    /** A value as a LIKE pattern that matches it literally (with {@link #LIKE_ESCAPE}). */
    public static String escapeLike(String s) {
        String e = String.valueOf(LIKE_ESCAPE);
        return s.replace(e, e + e).replace("%", e + "%").replace("_", e + "_");
    }
}
