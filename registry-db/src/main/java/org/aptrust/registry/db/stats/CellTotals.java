package org.aptrust.registry.db.stats;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.aptrust.registry.db.list.CountCells;
import org.aptrust.registry.db.list.Filter;
import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.SqlWhere;
import org.aptrust.registry.db.list.Total;
import org.aptrust.registry.db.list.TotalsStrategy;
import org.jdbi.v3.core.Handle;

/**
 * List totals that are exact, current and fast for any list: the count cells of migrations 073 and 074 (kept by
 * triggers, read together with the changes not folded yet, so a total is as fresh as the reader's snapshot) answer
 * every condition on a cell dimension; a date range is answered by whole months from the cells plus an exact count
 * of its partial months at either end (an index range of at most a month each). Anything else is counted exactly
 * under a statement timeout; when that runs out the total is an estimate ("about"): the planner's row estimate,
 * capped by what the cells can bound, or the cells' share of the partial months.
 *
 * <p>Generic over every {@link ListSpec}: a list that declares its cells ({@link ListSpec#cells()}, in
 * {@code Lists.java}: the live view, and which cell column answers which filter, and how) gets cell totals; this
 * class reads the typed conditions of the {@link SqlWhere} and nothing but counts from the database.
 */
public final class CellTotals implements TotalsStrategy {

    /** How long exact counting may take per total, all counts of that total together. */
    public static final Duration DEFAULT_EXACT_BUDGET = Duration.ofMillis(25);

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");
    private static final String QUERY_CANCELED = "57014";

    private final Duration exactBudget;
    /** Count sources seen present and filled (they are never dropped while the service runs). */
    private final Set<String> readySources = ConcurrentHashMap.newKeySet();

    public CellTotals() {
        this(DEFAULT_EXACT_BUDGET);
    }

    /** @param exactBudget how long an exact count may take before an estimate is given instead */
    public CellTotals(Duration exactBudget) {
        this.exactBudget = exactBudget;
    }

    @Override
    public Total total(Handle handle, ListSpec spec, SqlWhere where) {
        // One budget for all the exact counting a total does, so an answer never waits more than it allows.
        long deadline = System.nanoTime() + exactBudget.toNanos();
        // Counted in the base table when the conditions allow: through the view, its joins make a count of a few
        // hundred thousand rows take four times as long (and bring parallel workers along).
        String counted = spec.relationFor(where.columns());
        Optional<CellQuery> cellQuery = cellsFor(handle, spec, where);
        if (cellQuery.isEmpty()) {
            return exactOrEstimate(handle, counted, where, () -> null, deadline);
        }
        CellQuery cells = cellQuery.get();
        if (!cells.complete()) {
            // The cells' bound is only needed if the exact count runs out of time.
            return exactOrEstimate(handle, counted, where, () -> cells.upperBound(handle), deadline);
        }
        long whole = cells.wholeMonths(handle);
        if (!cells.hasEdges()) {
            return Total.exact(whole);
        }
        // Each partial month is its own range, so the planner takes each from the column's index.
        String base = "SELECT count(*) FROM " + counted + " WHERE " + (where.sql().isEmpty() ? "true"
                : "(" + where.sql() + ")") + " AND ";
        long edges = 0;
        for (Map.Entry<String, Map<String, Object>> edge : cells.edges().entrySet()) {
            Map<String, Object> params = new HashMap<>(where.params());
            params.putAll(edge.getValue());
            Optional<Long> n = countWithin(handle, base + edge.getKey(), params, deadline);
            if (n.isEmpty()) {
                return new Total(whole + cells.estimatedEdges(handle), false);
            }
            edges += n.get();
        }
        return Total.exact(whole + edges);
    }

    @Override
    public boolean answersWithoutCounting(Handle handle, ListSpec spec, SqlWhere where) {
        return cellsFor(handle, spec, where).filter(cells -> cells.complete() && !cells.hasEdges()).isPresent();
    }

    /** The list's conditions on its count cells, if it declares cells and they are there and filled. */
    private Optional<CellQuery> cellsFor(Handle handle, ListSpec spec, SqlWhere where) {
        CountCells cells = spec.cells();
        if (cells == null || !ready(handle, cells)) {
            return Optional.empty();
        }
        return Optional.of(CellQuery.of(cells, where.conditions()));
    }

    /**
     * Whether the cells' live view exists and no backfill of them is pending. A yes is kept; a no is asked again on
     * the next total, so cells that a migration adds while the service runs (the admin task migrate) are read from
     * the next total on, without a restart.
     */
    boolean ready(Handle handle, CountCells cells) {
        if (readySources.contains(cells.source())) {
            return true;
        }
        boolean exists = handle.createQuery("SELECT to_regclass(:live) IS NOT NULL").bind("live", cells.live())
                .mapTo(Boolean.class).one();
        boolean ready = exists && !handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM schema_backfills WHERE name = :name AND finished_at IS NULL)")
                .bind("name", cells.backfill()).mapTo(Boolean.class).one();
        if (ready) {
            readySources.add(cells.source());
        }
        return ready;
    }

    private Total exactOrEstimate(Handle handle, String relation, SqlWhere where, Supplier<Long> upperBound,
                                  long deadline) {
        Optional<Long> exact = countWithin(handle, "SELECT count(*) FROM " + relation + where.clause(),
                where.params(), deadline);
        if (exact.isPresent()) {
            return Total.exact(exact.get());
        }
        long planned = plannedRows(handle, "SELECT 1 FROM " + relation + where.clause(), where.params());
        Long bound = upperBound.get();
        return new Total(bound == null ? planned : Math.min(planned, bound), false);
    }

    /**
     * Counts until the deadline (System.nanoTime), in a transaction (or savepoint) of its own so the timeout never
     * outlives the count. Empty when the budget ran out.
     */
    Optional<Long> countWithin(Handle handle, String sql, Map<String, Object> params, long deadline) {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs < 1) {
            return Optional.empty();
        }
        boolean nested = handle.isInTransaction();
        String savepoint = "stats_total_count";
        Map<String, Object> previous = null;
        if (nested) {
            previous = handle.createQuery("SELECT current_setting('statement_timeout') AS timeout,"
                    + " current_setting('jit') AS jit").mapToMap().one();
            handle.savepoint(savepoint);
        } else {
            handle.begin();
        }
        try {
            // JIT compiling a big count costs more than the budget: off for this count only.
            handle.createQuery("SELECT set_config('statement_timeout', :ms || 'ms', true), set_config('jit', 'off', true)")
                    .bind("ms", remainingMs).mapTo(String.class).one();
            long n = ListEngine.plannedForTheirValues(handle.createQuery(sql)).bindMap(params).mapTo(Long.class).one();
            if (nested) {
                handle.createQuery("SELECT set_config('statement_timeout', :t, true), set_config('jit', :j, true)")
                        .bind("t", previous.get("timeout")).bind("j", previous.get("jit")).mapTo(String.class).one();
                handle.release(savepoint);
            } else {
                handle.commit();
            }
            return Optional.of(n);
        } catch (RuntimeException e) {
            if (nested) {
                handle.rollbackToSavepoint(savepoint);
            } else {
                handle.rollback();
            }
            if (isCanceled(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static long plannedRows(Handle handle, String sql, Map<String, Object> params) {
        String plan = ListEngine.plannedForTheirValues(handle.createQuery("EXPLAIN (FORMAT JSON) " + sql))
                .bindMap(params).mapTo(String.class).one();
        Matcher m = PLAN_ROWS.matcher(plan);
        return m.find() ? Math.round(Double.parseDouble(m.group(1))) : 0L;
    }

    private static boolean isCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && QUERY_CANCELED.equals(s.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The conditions of one list query translated to its count source's cells: those the cells answer exactly, the
     * month range split into whole months and partial edges, and whether anything is left that only the table can
     * answer.
     */
    static final class CellQuery {
        private final CountCells source;
        private final List<String> cellConditions = new ArrayList<>();
        private final Map<String, Object> cellParams = new HashMap<>();
        private boolean complete = true;
        private CountCells.Cell monthFilter;
        private LocalDateTime lower;
        private boolean lowerInclusive;
        private LocalDateTime upper;
        private boolean upperInclusive;

        private CellQuery(CountCells source) {
            this.source = source;
        }

        static CellQuery of(CountCells source, List<Filter> conditions) {
            CellQuery q = new CellQuery(source);
            conditions.forEach(q::add);
            return q;
        }

        boolean complete() {
            return complete;
        }

        private void add(Filter f) {
            CountCells.Cell cf = source.filters().get(f.column());
            if (cf == null) {
                complete = false;
                return;
            }
            switch (cf.kind()) {
                case VALUE -> cellConditions.add(render(cf.cellExpr(), f));
                case IS_NULL -> {
                    if (f.op() == Op.IS_NULL) {
                        cellConditions.add("(" + cf.cellExpr() + ")");
                    } else if (f.op() == Op.NOT_NULL) {
                        cellConditions.add("NOT (" + cf.cellExpr() + ")");
                    } else {
                        complete = false;
                    }
                }
                case MONTH -> addMonthCondition(cf, f);
                default -> complete = false;
            }
        }

        private void addMonthCondition(CountCells.Cell cf, Filter f) {
            if (f.op() == Op.IS_NULL || f.op() == Op.NOT_NULL) {
                cellConditions.add(cf.cellExpr() + " " + (f.op() == Op.IS_NULL ? "IS NULL" : "IS NOT NULL"));
                return;
            }
            if (!(f.value() instanceof LocalDateTime t) || (monthFilter != null && monthFilter != cf)) {
                complete = false;
                return;
            }
            monthFilter = cf;
            switch (f.op()) {
                case GT, GTEQ -> {
                    boolean inclusive = f.op() == Op.GTEQ;
                    if (lower == null || t.isAfter(lower) || (t.equals(lower) && !inclusive)) {
                        lower = t;
                        lowerInclusive = inclusive;
                    }
                }
                case LT, LTEQ -> {
                    boolean inclusive = f.op() == Op.LTEQ;
                    if (upper == null || t.isBefore(upper) || (t.equals(upper) && !inclusive)) {
                        upper = t;
                        upperInclusive = inclusive;
                    }
                }
                default -> complete = false;
            }
        }

        /** A condition on a cell expression with the filter's op, values bound as parameters. */
        private String render(String expr, Filter f) {
            String p = "c" + cellParams.size();
            String e = "(" + expr + ")";
            switch (f.op()) {
                case IS_NULL:
                    return e + " IS NULL";
                case NOT_NULL:
                    return e + " IS NOT NULL";
                case IN:
                case NOT_IN: {
                    List<String> names = new ArrayList<>();
                    for (Object v : f.values()) {
                        String n = p + "_" + names.size();
                        names.add(":" + n);
                        cellParams.put(n, v);
                    }
                    return e + (f.op() == Op.IN ? " IN (" : " NOT IN (") + String.join(", ", names) + ")";
                }
                case STARTS_WITH:
                    cellParams.put(p, ListEngine.escapeLike(String.valueOf(f.value())) + "%");
                    return e + " ILIKE :" + p + " ESCAPE '" + ListEngine.LIKE_ESCAPE + "'";
                case CONTAINS:
                    cellParams.put(p, "%" + ListEngine.escapeLike(String.valueOf(f.value())) + "%");
                    return e + " ILIKE :" + p + " ESCAPE '" + ListEngine.LIKE_ESCAPE + "'";
                default:
                    cellParams.put(p, f.value());
                    return e + " " + sqlOf(f.op()) + " :" + p;
            }
        }

        /** The first month wholly inside the range, or null when the range has no lower bound. */
        LocalDateTime fullStart() {
            if (lower == null) {
                return null;
            }
            return lowerInclusive && isMonthStart(lower) ? lower : monthStart(lower).plusMonths(1);
        }

        /** The first month after the whole months of the range, or null when it has no upper bound. */
        LocalDateTime fullEnd() {
            if (upper == null) {
                return null;
            }
            return !upperInclusive && isMonthStart(upper) ? upper : monthStart(upper);
        }

        boolean hasEdges() {
            return monthFilter != null && (lowEdge() || highEdge());
        }

        private boolean lowEdge() {
            return lower != null && !(lowerInclusive && isMonthStart(lower));
        }

        private boolean highEdge() {
            return upper != null && !(!upperInclusive && isMonthStart(upper));
        }

        private boolean noWholeMonths() {
            return fullStart() != null && fullEnd() != null && !fullStart().isBefore(fullEnd());
        }

        /** Rows in the whole months of the range (or in every cell when there is no range). */
        long wholeMonths(Handle handle) {
            if (noWholeMonths()) {
                return 0;
            }
            return sumCells(handle, fullStart(), fullEnd());
        }

        /** The partial months as conditions on the list relation's column, with their parameters. */
        Map<String, Map<String, Object>> edges() {
            String col = monthFilter.listColumn();
            Map<String, Map<String, Object>> edges = new LinkedHashMap<>();
            if (noWholeMonths()) {
                edges.put("true", Map.of());
                return edges;
            }
            if (lowEdge()) {
                edges.put(col + " < :_edge_start", Map.of("_edge_start", fullStart()));
            }
            if (highEdge()) {
                edges.put(col + " >= :_edge_end", Map.of("_edge_end", fullEnd()));
            }
            return edges;
        }

        /** The edges' share of their months' cells, as if rows were spread evenly over each month. */
        long estimatedEdges(Handle handle) {
            double estimate = 0;
            if (noWholeMonths()) {
                LocalDateTime from = monthStart(lower);
                LocalDateTime to = monthStart(upper).plusMonths(1);
                return Math.round(sumCells(handle, from, to) * fraction(lower, upper, from, to));
            }
            if (lowEdge()) {
                LocalDateTime m = monthStart(lower);
                estimate += sumCells(handle, m, m.plusMonths(1)) * fraction(lower, fullStart(), m, m.plusMonths(1));
            }
            if (highEdge()) {
                LocalDateTime m = fullEnd();
                estimate += sumCells(handle, m, m.plusMonths(1)) * fraction(m, upper, m, m.plusMonths(1));
            }
            return Math.round(estimate);
        }

        /**
         * What the cells can say when other conditions remain: the count for the conditions they answer, with the
         * partial months counted whole. An upper bound for the estimate.
         */
        Long upperBound(Handle handle) {
            LocalDateTime from = lower == null ? null : monthStart(lower);
            LocalDateTime to = upper == null ? null : monthStart(upper).plusMonths(1);
            return sumCells(handle, from, to);
        }

        private long sumCells(Handle handle, LocalDateTime from, LocalDateTime to) {
            List<String> conditions = new ArrayList<>(cellConditions);
            Map<String, Object> params = new HashMap<>(cellParams);
            if (monthFilter != null && from != null) {
                conditions.add(monthFilter.cellExpr() + " >= :_m_from");
                params.put("_m_from", from.toLocalDate());
            }
            if (monthFilter != null && to != null) {
                conditions.add(monthFilter.cellExpr() + " < :_m_to");
                params.put("_m_to", to.toLocalDate());
            }
            String sql = "SELECT coalesce(sum(c.n), 0)::bigint FROM " + source.live() + " c " + source.joins()
                    + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
            return handle.createQuery(sql).bindMap(params).mapTo(Long.class).one();
        }

        private static double fraction(LocalDateTime a, LocalDateTime b, LocalDateTime from, LocalDateTime to) {
            Function<LocalDateTime, Long> secs = t -> ChronoUnit.SECONDS.between(from, t);
            double span = secs.apply(to);
            return span <= 0 ? 0 : Math.max(0, Math.min(1, (secs.apply(b) - secs.apply(a)) / span));
        }

        private static boolean isMonthStart(LocalDateTime t) {
            return t.equals(monthStart(t));
        }

        private static LocalDateTime monthStart(LocalDateTime t) {
            return t.toLocalDate().withDayOfMonth(1).atStartOfDay();
        }

        private static String sqlOf(Op op) {
            return switch (op) {
                case EQ -> "=";
                case NE -> "<>";
                case GT -> ">";
                case GTEQ -> ">=";
                case LT -> "<";
                case LTEQ -> "<=";
                default -> throw new IllegalArgumentException("no plain comparison for " + op);
            };
        }
    }
}
