package org.aptrust.registry.db.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.db.dao.GenericFileDao;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** How the engine reads a page: ids first, planned for their values, then the view rows through one kept plan. */
class ListEngineTest {

    static final Jdbi JDBI = TestJdbi.on(TestPostgres.fixtureDatabase());

    @Test
    void rowsComeBackInTheOrderOfTheIdsAndMissingIdsAreSkipped() {
        try (Handle h = JDBI.open()) {
            List<GenericFile> rows = ListEngine.rowsByIds(h, Lists.FILES, new long[] {7, 3, 999_999, 12, 1},
                    GenericFileDao.ROW);
            assertThat(rows).extracting(GenericFile::id).containsExactly(7, 3, 12, 1);
            assertThat(ListEngine.rowsByIds(h, Lists.FILES, new long[0], GenericFileDao.ROW)).isEmpty();
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
            GenericFileDao files = h.attach(GenericFileDao.class);
            String[][] requests = {
                    {}, {"page", "2", "per_page", "5"}, {"state", "A"}, {"sort", "size__desc"},
                    {"institution_id", "4"}, {"size__gteq", "1"}, {"per_page", "3"},
            };
            for (int round = 0; round < 4; round++) {
                for (String[] kv : requests) {
                    assertThat(files.list(query(kv)).results()).isNotEmpty();
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

    private static ListQuery query(String... kv) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return ListQuery.parse(Lists.FILES, params, Scope.ALL, Set.of());
    }
}
