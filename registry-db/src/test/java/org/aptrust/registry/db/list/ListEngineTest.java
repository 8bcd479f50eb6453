package org.aptrust.registry.db.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.db.dao.RecordMapper;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.junit.jupiter.api.Test;

/** How the engine reads a page: ids first, planned for their values, then the view rows through one kept plan. */
class ListEngineTest {

    static final Jdbi JDBI = TestJdbi.on(TestPostgres.fixtureDatabase());
    static final TotalsStrategy TOTALS = new CountViewTotals();
    static final RowMapper<GenericFile> ROW = RecordMapper.of(GenericFile.class);

    /**
     * A sort no index serves is a plain ORDER BY with the id last, so pages are stable; it runs under a statement
     * timeout, and running out is a ListTimeoutException naming the sort, never a bare database error. A lock held
     * elsewhere makes the statement wait, so the timeout runs out on the small fixture data too.
     */
    @Test
    void aSortNoIndexServesRunsUnderATimeoutAndSaysSoWhenItRunsOut() {
        ListQuery byMtime = ListQuery.parse(Lists.FILES, Map.of("sort", List.of("mod_time__desc"),
                "per_page", List.of("5")), Scope.ALL, Set.of());
        try (Handle h = JDBI.open(); Handle locker = JDBI.open()) {
            String before = h.createQuery("SHOW statement_timeout").mapTo(String.class).one();
            List<GenericFile> all = h.createQuery("SELECT * FROM generic_files_view ORDER BY mod_time DESC, id DESC"
                    + " LIMIT 5").map(ROW).list();
            Page<GenericFile> page = ListEngine.list(h, Lists.FILES, byMtime, ROW, TOTALS, ListEngine.COUNT_CAP,
                    Duration.ofSeconds(5));
            assertThat(page.results()).extracting(GenericFile::id).containsExactlyElementsOf(
                    all.stream().map(GenericFile::id).toList());
            assertThat(h.createQuery("SHOW statement_timeout").mapTo(String.class).one()).isEqualTo(before);

            locker.begin();
            locker.execute("LOCK TABLE generic_files IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> ListEngine.list(h, Lists.FILES, byMtime, ROW, TOTALS,
                    ListEngine.COUNT_CAP, Duration.ofMillis(300)))
                    .isInstanceOf(ListTimeoutException.class)
                    .hasMessageContaining("sorting files by mod_time__desc took longer than 300 ms");
            locker.rollback();
            assertThat(h.createQuery("SHOW statement_timeout").mapTo(String.class).one()).isEqualTo(before);
            assertThat(ListEngine.list(h, Lists.FILES, byMtime, ROW, TOTALS).results()).hasSize(5);
        }
    }

    @Test
    void rowsComeBackInTheOrderOfTheIdsAndMissingIdsAreSkipped() {
        try (Handle h = JDBI.open()) {
            List<GenericFile> rows = ListEngine.rowsByIds(h, Lists.FILES, new long[] {7, 3, 999_999, 12, 1},
                    ROW);
            assertThat(rows).extracting(GenericFile::id).containsExactly(7, 3, 12, 1);
            assertThat(ListEngine.rowsByIds(h, Lists.FILES, new long[0], ROW)).isEmpty();
        }
    }

    /**
     * The view's joins cost more to plan than twenty rows cost to read. Every list page of a view, whatever its
     * filters, sort and page, reads its rows with one statement text, which the driver prepares on the server and
     * PostgreSQL then runs with a plan it keeps (a generic plan) instead of planning the view again.
     */
    @Test
    void everyPageOfAListReadsItsRowsThroughOneReusedPlan() {
        try (Handle h = JDBI.open()) {
            String[][] requests = {
                    {}, {"page", "2", "per_page", "5"}, {"state", "A"}, {"sort", "size__desc"},
                    {"institution_id", "4"}, {"size__gteq", "1"}, {"per_page", "3"},
            };
            for (int round = 0; round < 4; round++) {
                for (String[] kv : requests) {
                    assertThat(ListEngine.list(h, Lists.FILES, query(kv), ROW, TOTALS).results()).isNotEmpty();
                }
            }
            List<Map<String, Object>> prepared = h.createQuery("SELECT statement, generic_plans, custom_plans"
                            + " FROM pg_prepared_statements WHERE statement LIKE '%generic_files_view%'")
                    .mapToMap().list();
            assertThat(prepared).hasSize(1);
            assertThat((String) prepared.get(0).get("statement"))
                    .isEqualTo("SELECT * FROM generic_files_view WHERE \"id\" = ANY($1)");
            assertThat(((Number) prepared.get(0).get("generic_plans")).longValue()).isGreaterThan(10);
        }
    }

    /**
     * A page's ids are planned for their values, except when a plan key picks out its rows: the files of one object
     * have one good plan (the object's index) whatever the object, and planning it cost PostgreSQL more than
     * running it, so that statement is prepared once per connection and PostgreSQL keeps its plan. A page of an
     * institution's files, whose best plan depends on which institution, is still planned every time.
     */
    @Test
    void idsArePlannedForTheirValuesUnlessAPlanKeyPicksThemOut() {
        try (Handle h = JDBI.open()) {
            List<String> objects = h.createQuery("SELECT DISTINCT intellectual_object_id::text FROM generic_files"
                    + " ORDER BY 1 LIMIT 4").mapTo(String.class).list();
            List<String> institutions = h.createQuery("SELECT DISTINCT institution_id::text FROM generic_files"
                    + " ORDER BY 1 LIMIT 4").mapTo(String.class).list();
            for (int round = 0; round < 4; round++) {
                for (String object : objects) {
                    assertThat(ListEngine.list(h, Lists.FILES, query("intellectual_object_id", object),
                            ROW, TOTALS).results()).isNotEmpty();
                }
                for (String institution : institutions) {
                    assertThat(ListEngine.list(h, Lists.FILES, query("institution_id", institution, "sort",
                            "size__desc"), ROW, TOTALS).results()).isNotEmpty();
                }
            }
            List<Map<String, Object>> prepared = h.createQuery("SELECT statement, generic_plans + custom_plans AS runs"
                    + " FROM pg_prepared_statements WHERE statement LIKE '%FROM generic_files WHERE%'")
                    .mapToMap().list();
            assertThat(prepared).hasSize(1);
            assertThat((String) prepared.get(0).get("statement")).contains("\"intellectual_object_id\" = $1")
                    .doesNotContain("size");
            assertThat(((Number) prepared.get(0).get("runs")).longValue()).isGreaterThan(10);
        }
    }

    @Test
    void aPlanKeyMustBeAnEqualityFilter() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListSpec.builder("t", "t")
                        .filter("size", ValueType.BIGINT, Op.GTEQ).planKeys("size").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListSpec.builder("t", "t").planKeys("id").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A short list's total comes with its page: the ids statement counts up to the cap, so the files of one object
     * take two statements (ids with the count, rows), not five (ids, rows, and a timed count in a transaction).
     */
    @Test
    void aShortListsTotalComesWithItsPage() {
        List<String> statements = new ArrayList<>();
        Jdbi capturing = TestJdbi.recording(TestPostgres.fixtureDatabase(), statements);
        try (Handle h = capturing.open()) {
            int object = h.createQuery("SELECT intellectual_object_id FROM generic_files GROUP BY 1"
                    + " HAVING count(*) >= 3 ORDER BY count(*) DESC, 1 LIMIT 1").mapTo(Integer.class).one();
            long files = h.createQuery("SELECT count(*) FROM generic_files WHERE intellectual_object_id = :o")
                    .bind("o", object).mapTo(Long.class).one();
            ListQuery q = query("intellectual_object_id", String.valueOf(object), "per_page", "2");
            statements.clear();
            Page<GenericFile> page = ListEngine.list(h, Lists.FILES, q, ROW, TOTALS);
            assertThat(page.results()).hasSize(2);
            assertThat(page.total()).isEqualTo(files);
            assertThat(page.exact()).isTrue();
            assertThat(statements).hasSize(2);
            assertThat(statements.get(0)).contains("_capped_count");

            // past the cap, the totals strategy counts, and the total is as exact
            statements.clear();
            Page<GenericFile> capped = ListEngine.list(h, Lists.FILES, q, ROW, TOTALS, 1);
            assertThat(capped.total()).isEqualTo(files);
            assertThat(capped.exact()).isTrue();
            assertThat(statements).hasSize(3);
            assertThat(statements.get(2)).startsWith("SELECT count(*) FROM generic_files");
        }
    }

    /** A total the strategy reads from summaries is not counted again in the page's statement. */
    @Test
    void noCountWhenTheTotalsStrategyAnswersWithoutOne() {
        TotalsStrategy fromSummaries = new TotalsStrategy() {
            @Override
            public Total total(Handle handle, ListSpec spec, SqlWhere where) {
                return Total.exact(4242);
            }

            @Override
            public boolean answersWithoutCounting(Handle handle, ListSpec spec, SqlWhere where) {
                return true;
            }
        };
        try (Handle h = JDBI.open()) {
            SqlWhere where = ListEngine.where(Lists.FILES, query("per_page", "2"));
            assertThat(ListEngine.pageIdsSql(Lists.FILES, query("per_page", "2"), where, false))
                    .doesNotContain("count");
            assertThat(ListEngine.list(h, Lists.FILES, query("per_page", "2"), ROW, fromSummaries).total())
                    .isEqualTo(4242);
        }
    }

    @Test
    void aSortOnAColumnTheFiltersFixDecidesNothingAndLeavesTheViewOut() {
        try (Handle h = JDBI.open()) {
            for (String dir : List.of("asc", "desc")) {
                Map<String, List<String>> params = Map.of("institution_id", List.of("2"),
                        "sort", List.of("institution_name__" + dir), "per_page", List.of("1000"));
                ListQuery byName = ListQuery.parse(Lists.WORK_ITEMS, params, Scope.ALL, Set.of());
                // every row of one institution has its name: the key decides, in the sort's direction
                assertThat(ListEngine.sortsOf(Lists.WORK_ITEMS, byName)).containsExactly(
                        dir.equals("asc") ? Sort.asc("id") : Sort.desc("id"));
                SqlWhere where = ListEngine.where(Lists.WORK_ITEMS, byName);
                assertThat(ListEngine.pageIdsSql(Lists.WORK_ITEMS, byName, where, false))
                        .contains("FROM work_items ").doesNotContain("work_items_view")
                        .doesNotContain("institution_name");
                List<Long> listed = ListEngine.list(h, Lists.WORK_ITEMS, byName, (rs, ctx) -> rs.getLong("id"), TOTALS)
                        .results();
                List<Long> viewOrder = h.createQuery("SELECT id FROM work_items_view WHERE institution_id = 2"
                        + " ORDER BY institution_name " + dir + ", id " + dir).mapTo(Long.class).list();
                assertThat(listed).hasSizeGreaterThan(1).isEqualTo(viewOrder);
            }
            // the caller's institution scope fixes it too; a sort before others is simply dropped
            ListQuery scoped = ListQuery.parse(Lists.WORK_ITEMS, Map.of("sort",
                    List.of("institution_name__desc", "size__asc")), Scope.institution(2), Set.of());
            assertThat(ListEngine.sortsOf(Lists.WORK_ITEMS, scoped)).containsExactly(Sort.asc("size"));
            // without the filter the name decides, as before
            ListQuery all = ListQuery.parse(Lists.WORK_ITEMS, Map.of("sort", List.of("institution_name__asc")),
                    Scope.ALL, Set.of());
            assertThat(ListEngine.sortsOf(Lists.WORK_ITEMS, all)).containsExactly(Sort.asc("institution_name"));
        }
    }

    @Test
    void everyRowSortedByAJoinedColumnComesInTheViewsOrderIncludingRowsWithoutAJoinedRow() {
        try (Handle h = JDBI.open()) {
            h.begin();
            // a work item of no institution and one of an institution that does not exist: null names, like the view
            h.execute("INSERT INTO work_items (name, etag, bucket, \"user\", note, action, stage, status, outcome,"
                    + " bag_date, date_processed, retry, node, pid, needs_admin_review, size, stage_started_at,"
                    + " queued_at, created_at, updated_at, institution_id) SELECT name, etag, bucket, \"user\", note,"
                    + " action, stage, status, outcome, bag_date, date_processed, retry, node, pid, needs_admin_review,"
                    + " size, stage_started_at, queued_at, created_at, updated_at, x FROM work_items,"
                    + " (VALUES (NULL::int), (987654)) v(x) WHERE id = (SELECT min(id) FROM work_items)");
            List<String[]> cases = List.of(
                    new String[] {"institution_name__asc"}, new String[] {"institution_name__desc"},
                    new String[] {"institution_identifier__desc"},
                    new String[] {"institution_name__asc", "size__desc"},
                    new String[] {"institution_name__desc", "updated_at__asc"});
            for (String[] sort : cases) {
                for (String status : List.of("", "Success")) {
                    for (int page : List.of(1, 2, 3)) {
                        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
                        params.put("sort", List.of(sort));
                        params.put("per_page", List.of("7"));
                        params.put("page", List.of(String.valueOf(page)));
                        if (!status.isEmpty()) {
                            params.put("status", List.of(status));
                        }
                        ListQuery q = ListQuery.parse(Lists.WORK_ITEMS, params, Scope.ALL, Set.of());
                        SqlWhere where = ListEngine.where(Lists.WORK_ITEMS, q);
                        assertThat(ListEngine.pageIdsSql(Lists.WORK_ITEMS, q, where, false))
                                .contains("CROSS JOIN LATERAL").doesNotContain("work_items_view");
                        List<Long> listed = ListEngine.list(h, Lists.WORK_ITEMS, q, (rs, ctx) -> rs.getLong("id"),
                                        TOTALS)
                                .results();
                        StringBuilder order = new StringBuilder();
                        String last = "ASC";
                        for (String term : sort) {
                            String[] cd = term.split("__");
                            last = cd[1].toUpperCase();
                            order.append(cd[0]).append(' ').append(last).append(", ");
                        }
                        List<Long> expected = h.createQuery("SELECT id FROM work_items_view"
                                        + (status.isEmpty() ? "" : " WHERE status = 'Success'")
                                        + " ORDER BY " + order + "id " + last + " LIMIT 7 OFFSET " + (page - 1) * 7)
                                .mapTo(Long.class).list();
                        assertThat(listed).as(String.join(",", sort) + " " + status + " page " + page)
                                .isNotEmpty().isEqualTo(expected);
                    }
                }
            }
            List<String> firstPage = ListEngine.list(h, Lists.WORK_ITEMS, ListQuery.parse(Lists.WORK_ITEMS,
                    Map.of("sort", List.of("institution_name__desc"), "per_page", List.of("2")), Scope.ALL,
                    Set.of()), (rs, ctx) -> String.valueOf(rs.getObject("institution_id")), TOTALS).results();
            assertThat(firstPage).as("null names first when descending").containsExactlyInAnyOrder("null", "987654");
            h.rollback();
        }
    }

    private static ListQuery query(String... kv) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return ListQuery.parse(Lists.FILES, params, Scope.ALL, Set.of());
    }
}
