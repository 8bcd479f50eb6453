package org.aptrust.registry.db.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.SqlWhere;
import org.aptrust.registry.db.list.Total;
import org.aptrust.registry.db.migrate.Migration;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.migrate.MigrationSettings;
import org.aptrust.registry.db.testing.FixtureDatabaseExtension;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage records' total comes from the one cell of migration 074, stays exact through inserts and deletes that
 * no job has folded, and the cells are read only once they exist and are filled: a migration applied while the
 * service runs (the admin task migrate uses the same runner) is seen by the next total of the same CellTotals.
 */
class StorageRecordCellsTest {

    private static final ListSpec SPEC = Lists.STORAGE_RECORDS;
    @RegisterExtension
    static final FixtureDatabaseExtension FIXTURE = new FixtureDatabaseExtension();
    private final CellTotals totals = new CellTotals(Duration.ofSeconds(5));

    private static SqlWhere where(Map<String, List<String>> params) {
        return ListEngine.where(SPEC, ListQuery.parse(SPEC, params, Scope.ALL, Set.of()));
    }

    private static long counted(Handle h) {
        return h.createQuery("SELECT count(*) FROM storage_records").mapTo(Long.class).one();
    }

    @Test
    void theAllRowsTotalComesFromTheCell() {
        FIXTURE.jdbi().useHandle(h -> {
            SqlWhere all = where(Map.of());
            long n = counted(h);
            assertThat(n).isPositive();
            assertThat(totals.answersWithoutCounting(h, SPEC, all)).isTrue();
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(n));
            h.begin();
            try {
                // folded into the cell, then the cell alone changed: the total follows the cell
                h.createQuery("SELECT outcome FROM stats_refresh_all_counts(false)").mapTo(String.class).one();
                assertThat(h.createQuery("SELECT count(*) FROM stats_storage_records_deltas").mapTo(Long.class).one())
                        .isZero();
                h.execute("UPDATE stats_storage_records_cells SET n = n + 1000");
                assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(n + 1000));
            } finally {
                h.rollback();
            }
            // a file's records are few: the engine counts them, the cells do not claim them
            SqlWhere oneFile = where(Map.of("generic_file_id", List.of("1")));
            assertThat(totals.answersWithoutCounting(h, SPEC, oneFile)).isFalse();
            long ofFile = h.createQuery("SELECT count(*) FROM storage_records WHERE generic_file_id = 1")
                    .mapTo(Long.class).one();
            assertThat(totals.total(h, SPEC, oneFile)).isEqualTo(Total.exact(ofFile));
        });
    }

    @Test
    void theTotalStaysExactThroughInsertsDeletesFoldsAndRebuilds() {
        FIXTURE.jdbi().useHandle(h -> {
            SqlWhere all = where(Map.of());
            h.execute("INSERT INTO storage_records (generic_file_id, url) SELECT 1, 'https://example.org/' || i"
                    + " FROM generate_series(1, 25) i");
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
            h.execute("DELETE FROM storage_records WHERE url IN ('https://example.org/1', 'https://example.org/2')");
            h.execute("UPDATE storage_records SET url = url || '?moved' WHERE url LIKE 'https://example.org/%'");
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
            h.createQuery("SELECT outcome FROM stats_refresh_all_counts(false)").mapTo(String.class).one();
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
            h.execute("DELETE FROM storage_records WHERE url LIKE 'https://example.org/%'");
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
            h.createQuery("SELECT outcome FROM stats_refresh_all_counts(true)").mapTo(String.class).one();
            assertThat(h.createQuery("SELECT n FROM stats_storage_records_cells").mapTo(Long.class).one())
                    .isEqualTo(counted(h));
            assertThat(totals.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
        });
    }

    @Test
    void cellsWhoseBackfillIsPendingAreNotRead() {
        FIXTURE.jdbi().useHandle(h -> {
            SqlWhere all = where(Map.of());
            h.begin();
            try {
                h.execute("UPDATE schema_backfills SET finished_at = NULL WHERE name = 'count_cells:storage_records'");
                h.execute("UPDATE stats_storage_records_cells SET n = n + 1000");
                CellTotals fresh = new CellTotals(Duration.ofSeconds(5));
                assertThat(fresh.answersWithoutCounting(h, SPEC, all)).isFalse();
                assertThat(fresh.total(h, SPEC, all)).isEqualTo(Total.exact(counted(h)));
            } finally {
                h.rollback();
            }
        });
    }

    @Test
    void aMigrationAppliedLaterIsSeenByTheNextTotal() {
        TestDatabase older = TestPostgres.emptyDatabase();
        try {
            List<Migration> all = MigrationFiles.fromClasspath();
            List<Migration> before = all.stream().filter(m -> m.version().compareTo("074") < 0).toList();
            new MigrationRunner(older.dataSource(), before, MigrationSettings.defaults(), line -> { }).migrate(false);
            Jdbi olderJdbi = Jdbi.create(older.dataSource());
            CellTotals running = new CellTotals(Duration.ofSeconds(5));
            olderJdbi.useHandle(h -> {
                h.execute("INSERT INTO storage_records (url) SELECT 'https://example.org/' || i"
                        + " FROM generate_series(1, 7) i");
                SqlWhere w = where(Map.of());
                assertThat(running.answersWithoutCounting(h, SPEC, w)).isFalse();
                assertThat(running.total(h, SPEC, w)).isEqualTo(Total.exact(7));
            });
            // what the admin task migrate does, on the running service's database
            assertThat(new MigrationRunner(older.dataSource(), all, MigrationSettings.defaults(), line -> { })
                    .migrate(false)).contains("074_storage_record_cells", "075_storage_record_cells_fill");
            olderJdbi.useHandle(h -> {
                SqlWhere w = where(Map.of());
                assertThat(running.answersWithoutCounting(h, SPEC, w)).isTrue();
                assertThat(running.total(h, SPEC, w)).isEqualTo(Total.exact(7));
                h.begin();
                try {
                    h.execute("UPDATE stats_storage_records_cells SET n = n + 1000");
                    assertThat(running.total(h, SPEC, w)).isEqualTo(Total.exact(1007));
                } finally {
                    h.rollback();
                }
            });
        } finally {
            older.drop();
        }
    }
}
