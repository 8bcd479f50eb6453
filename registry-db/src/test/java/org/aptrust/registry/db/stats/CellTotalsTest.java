package org.aptrust.registry.db.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.db.list.CountCells;
import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.SqlWhere;
import org.aptrust.registry.db.list.Total;
import org.aptrust.registry.db.list.ValueType;
import org.aptrust.registry.db.testing.FixtureDatabaseExtension;
import org.aptrust.registry.db.testing.TestJdbi;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cell totals equal count(*) for every kind of filter, on the fixtures and right after changes that no job has
 * folded yet; filters the cells cannot answer are counted exactly, or estimated when counting takes too long.
 */
class CellTotalsTest {

    @RegisterExtension
    static final FixtureDatabaseExtension FIXTURE = new FixtureDatabaseExtension();
    private final CellTotals totals = new CellTotals(Duration.ofSeconds(5));

    private static final List<String> STATES = List.of("A", "D");

    static final ListSpec FILES = ListSpec.builder("files", "generic_files_view")
            .filter("institution_id", ValueType.INTEGER)
            .oneOf("state", STATES, Op.EQ, Op.NE)
            .filter("storage_option", ValueType.TEXT, Op.EQ, Op.IN, Op.NOT_IN, Op.STARTS_WITH)
            .filter("size", ValueType.BIGINT, Op.GTEQ, Op.LTEQ)
            .filter("created_at", ValueType.TIMESTAMP, Op.GT, Op.GTEQ, Op.LT, Op.LTEQ, Op.IS_NULL)
            .filter("identifier", ValueType.TEXT, Op.EQ, Op.STARTS_WITH)
            .filter("intellectual_object_id", ValueType.INTEGER)
            .cells(Lists.FILES.cells())
            .build();
    static final ListSpec EVENTS = ListSpec.builder("events", "premis_events_view")
            .filter("institution_id", ValueType.INTEGER)
            .filter("event_type", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("outcome", ValueType.TEXT)
            .filter("generic_file_id", ValueType.INTEGER, Op.EQ, Op.IS_NULL, Op.NOT_NULL)
            .filter("date_time", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ, Op.LT)
            .cells(Lists.EVENTS.cells())
            .build();
    static final ListSpec OBJECTS = ListSpec.builder("objects", "intellectual_objects_view")
            .filter("institution_id", ValueType.INTEGER)
            .filter("institution_parent_id", ValueType.INTEGER, Op.EQ, Op.IS_NULL)
            .oneOf("state", STATES)
            .filter("access", ValueType.TEXT)
            .filter("created_at", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ)
            .filter("bag_name", ValueType.TEXT, Op.CONTAINS)
            .cells(Lists.OBJECTS.cells())
            .build();
    static final ListSpec ITEMS = ListSpec.builder("work items", "work_items_view")
            .filter("institution_id", ValueType.INTEGER)
            .filter("status", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("action", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("stage", ValueType.TEXT, Op.EQ, Op.IN)
            .filter("date_processed", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ, Op.IS_NULL)
            .filter("needs_admin_review", ValueType.BOOLEAN)
            .cells(Lists.WORK_ITEMS.cells())
            .build();
    static final ListSpec CHECKSUMS = ListSpec.builder("checksums", "checksums_view")
            .filter("institution_id", ValueType.INTEGER)
            .filter("algorithm", ValueType.TEXT)
            .filter("state", ValueType.TEXT)
            .cells(Lists.CHECKSUMS.cells())
            .build();
    static final ListSpec USERS = ListSpec.builder("users", "users_view").filter("role", ValueType.TEXT).build();

    /** A list, a query string, a scope, and whether the cells alone give the exact answer. */
    record Case(ListSpec spec, String query, Integer institution, boolean fromCells) {
    }

    static final List<Case> CASES = List.of(
            new Case(FILES, "", null, true),
            new Case(FILES, "", 2, true),
            new Case(FILES, "state=A", 3, true),
            new Case(FILES, "state__ne=A&storage_option=Standard", null, true),
            new Case(FILES, "storage_option__in=Standard&storage_option__in=Wasabi-OR", null, true),
            new Case(FILES, "storage_option__not_in=Standard", 3, true),
            new Case(FILES, "storage_option__starts_with=glacier", null, true),
            new Case(FILES, "created_at__gteq=2020-01-01&created_at__lt=2024-01-01", null, true),
            new Case(FILES, "created_at__gteq=2019-11-20T10:00:00&created_at__lteq=2023-04-05", 2, true),
            new Case(FILES, "created_at__gt=2026-10-02T03:30:00", null, true),
            new Case(FILES, "created_at__gteq=2026-10-02&created_at__lteq=2026-10-02T12:00:00", null, true),
            new Case(FILES, "created_at__is_null=true", null, true),
            new Case(FILES, "size__gteq=1000000&state=A", null, false),
            new Case(FILES, "identifier__starts_with=institution1.edu/photo", 2, false),
            new Case(FILES, "intellectual_object_id=5", null, false),
            new Case(EVENTS, "", null, true),
            new Case(EVENTS, "event_type=fixity check&outcome=Failed", null, true),
            new Case(EVENTS, "generic_file_id__is_null=true", 3, true),
            new Case(EVENTS, "generic_file_id__not_null=true&event_type__in=ingestion&event_type__in=deletion", null,
                    true),
            new Case(EVENTS, "date_time__gteq=2026-11-01&date_time__lteq=2026-11-15T00:00:00", null, true),
            new Case(EVENTS, "date_time__gteq=2025-06-14T05:12:00&outcome=Failed", 2, true),
            new Case(EVENTS, "generic_file_id=4", null, false),
            new Case(OBJECTS, "state=A", null, true),
            new Case(OBJECTS, "institution_parent_id=2", null, true),
            new Case(OBJECTS, "institution_parent_id__is_null=true&access=consortia", null, true),
            new Case(OBJECTS, "created_at__gteq=2019-01-01&created_at__lteq=2022-02-14", null, true),
            new Case(OBJECTS, "bag_name__contains=bag", 4, false),
            new Case(ITEMS, "status__in=Pending&status__in=Started&action=Ingest", null, true),
            new Case(ITEMS, "stage=Cleanup", 2, true),
            new Case(ITEMS, "date_processed__is_null=true", null, true),
            new Case(ITEMS, "date_processed__gteq=2025-01-01", null, true),
            new Case(ITEMS, "needs_admin_review=true", null, false),
            new Case(CHECKSUMS, "algorithm=sha256", 2, true),
            new Case(CHECKSUMS, "state=A", null, false),
            new Case(USERS, "role=institutional_user", null, false));

    static SqlWhere where(Case c) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!c.query().isEmpty()) {
            for (String kv : c.query().split("&")) {
                String[] p = kv.split("=", 2);
                params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            }
        }
        Scope scope = c.institution() == null ? Scope.ALL : Scope.institution(c.institution());
        return ListEngine.where(c.spec(), ListQuery.parse(c.spec(), params, scope, Set.of()));
    }

    private void assertEveryCaseIsExact(Handle h) {
        for (Case c : CASES) {
            SqlWhere w = where(c);
            long counted = h.createQuery("SELECT count(*) FROM " + c.spec().relation() + w.clause())
                    .bindMap(w.params()).mapTo(Long.class).one();
            Total t = totals.total(h, c.spec(), w);
            assertThat(t).as(c.spec().name() + "?" + c.query() + " scope " + c.institution())
                    .isEqualTo(Total.exact(counted));
        }
    }

    @Test
    void everyFilterKindGivesTheExactCount() {
        FIXTURE.jdbi().useHandle(this::assertEveryCaseIsExact);
    }

    @Test
    void changesShowAtOnceWithoutAnyRefresh() {
        FIXTURE.jdbi().useHandle(h -> {
            Recomputed.changeTheData(h);
            assertThat(h.createQuery("SELECT count(*) FROM stats_files_deltas").mapTo(Long.class).one())
                    .as("nothing folded yet").isPositive();
            assertEveryCaseIsExact(h);
            h.inTransaction(tx -> {
                assertEveryCaseIsExact(tx);
                return null;
            });
        });
    }

    @Test
    void theCellsAnswerWithoutTouchingTheTable() {
        // the whole-month part of a cell answer is a sum over the small cells table
        FIXTURE.jdbi().useHandle(h -> {
            CellTotals.CellQuery q = CellTotals.CellQuery.of(FILES.cells(),
                    where(CASES.get(7)).conditions());
            assertThat(q.complete()).isTrue();
            assertThat(q.hasEdges()).isFalse();
            assertThat(q.wholeMonths(h)).isPositive();
        });
    }

    /**
     * The cases marked as answered by the cells really are: their conditions are all on cell dimensions, and a total
     * moves when the cells alone are changed (inside a transaction rolled back at the end; every cell of every source
     * gets 1,000 more rows). A total with partial months at its ends counts those in the table, so it moves only
     * when it also spans whole months. The cases the cells cannot answer keep their exact count.
     */
    @Test
    void theCasesTheCellsAnswerComeFromTheCells() {
        FIXTURE.jdbi().useHandle(h -> {
            Map<Case, Long> counted = new java.util.HashMap<>();
            for (Case c : CASES) {
                SqlWhere w = where(c);
                counted.put(c, h.createQuery("SELECT count(*) FROM " + c.spec().relation() + w.clause())
                        .bindMap(w.params()).mapTo(Long.class).one());
            }
            h.begin();
            try {
                for (String source : List.of("files", "objects", "events", "work_items", "checksums")) {
                    h.execute("UPDATE stats_" + source + "_cells SET n = n + 1000");
                }
                int moved = 0;
                for (Case c : CASES) {
                    String name = c.spec().name() + "?" + c.query() + " scope " + c.institution();
                    SqlWhere w = where(c);
                    Total t = totals.total(h, c.spec(), w);
                    CountCells source = c.spec().cells();
                    CellTotals.CellQuery q = source == null ? null : CellTotals.CellQuery.of(source, w.conditions());
                    if (!c.fromCells()) {
                        assertThat(q == null || !q.complete()).as(name + ": not answered by the cells").isTrue();
                        assertThat(t).as(name).isEqualTo(Total.exact(counted.get(c)));
                        continue;
                    }
                    assertThat(q).as(name + ": a count source").isNotNull();
                    assertThat(q.complete()).as(name + ": every condition on a cell dimension").isTrue();
                    assertThat(t.value()).as(name).isGreaterThanOrEqualTo(counted.get(c));
                    if (!q.hasEdges() && counted.get(c) > 0) {
                        assertThat(t.value()).as(name + ": read from the cells").isGreaterThan(counted.get(c));
                    }
                    if (t.value() > counted.get(c)) {
                        moved++;
                    }
                }
                assertThat(moved).as("cell-served totals that moved with the cells").isGreaterThan(20);
            } finally {
                h.rollback();
            }
        });
    }

    /** A count the cells cannot answer reads the base table, not the view with its joins. */
    @Test
    void exactCountsReadTheBaseTableWhenTheFilterAllows() {
        List<String> statements = new ArrayList<>();
        Jdbi capturing = TestJdbi.recording(FIXTURE.db(), statements);
        // the application's own lists, which name their base tables
        Case updatedInOneMonth = new Case(Lists.FILES, "updated_at__gteq=2025-01-01&updated_at__lt=2025-02-01",
                null, false);
        Case edges = new Case(Lists.EVENTS, "date_time__gteq=2025-06-14T05:12:00&outcome=Failed", 2, true);
        capturing.useHandle(h -> {
            totals.total(h, updatedInOneMonth.spec(), where(updatedInOneMonth));
            totals.total(h, edges.spec(), where(edges));
            List<String> counted = statements.stream().filter(sql -> sql.startsWith("SELECT count(*)")).toList();
            assertThat(counted).hasSize(2).allSatisfy(sql -> assertThat(sql).doesNotContain("_view"));
            assertThat(counted.get(0)).startsWith("SELECT count(*) FROM generic_files WHERE");
            assertThat(counted.get(1)).startsWith("SELECT count(*) FROM premis_events WHERE");
        });
    }

    @Test
    void aCountThatTakesTooLongBecomesAnEstimate() {
        ListSpec slow = ListSpec.builder("slow files", "(SELECT g.*, pg_sleep(0.005) AS pause FROM generic_files g) s")
                .filter("state", ValueType.TEXT).build();
        CellTotals impatient = new CellTotals(Duration.ofMillis(20));
        FIXTURE.jdbi().useHandle(h -> {
            SqlWhere w = ListEngine.where(slow, ListQuery.parse(slow, Map.of("state", List.of("A")), Scope.ALL,
                    Set.of()));
            long t0 = System.nanoTime();
            Total t = impatient.total(h, slow, w);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            assertThat(t.exact()).isFalse();
            assertThat(t.value()).isPositive();
            // the same inside a caller's transaction, which stays usable and keeps its own timeout
            h.begin();
            h.execute("SET LOCAL statement_timeout = '7s'");
            assertThat(impatient.total(h, slow, w).exact()).isFalse();
            assertThat(h.createQuery("SELECT current_setting('statement_timeout')").mapTo(String.class).one())
                    .isEqualTo("7s");
            h.rollback();
        });
    }
}
