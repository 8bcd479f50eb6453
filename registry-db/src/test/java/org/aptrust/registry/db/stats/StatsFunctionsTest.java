package org.aptrust.registry.db.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stats functions of 014-017 against a straightforward recomputation over the base tables, on the fixtures and
 * after inserts, state changes and deletes; skipping when not due or when another session holds the lock; and
 * readers that never wait for a refresh.
 */
class StatsFunctionsTest {

    private TestDatabase db;
    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        db = TestPostgres.fixtureDatabase();
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    @AfterEach
    void tearDown() {
        db.drop();
    }

    private static void assertEverythingEqualsRecomputation(Handle h) {
        Recomputed.assertEverythingEqualsRecomputation(h);
    }

    @Test
    void fixturesGiveTheRecomputedFigures() {
        jdbi.useHandle(h -> {
            assertEverythingEqualsRecomputation(h);
            assertThat(Recomputed.rows(h, Recomputed.HISTORY_TABLE)).isEqualTo(
                    Recomputed.rows(h, Recomputed.HISTORY + " WHERE file_count > 0"));
            assertThat(h.createQuery("SELECT count(DISTINCT end_date) = count(*) FILTER (WHERE institution_id IS NULL"
                    + " AND storage_option = 'Total') FROM historical_deposit_stats").mapTo(Boolean.class).one())
                    .as("every month has its one All Institutions / Total row").isTrue();
        });
    }

    @Test
    void changesAreFoldedIncrementallyAndPastMonthsAreKeptUntilForced() {
        jdbi.useHandle(h -> {
            List<String> historyBefore = Recomputed.rows(h, "SELECT * FROM historical_deposit_stats");
            Recomputed.changeTheData(h);
            StatsDao dao = h.attach(StatsDao.class);
            assertThat(dao.refreshCounts(false).ran()).isTrue();
            assertThat(dao.refreshCurrentDeposits(false, 0).ran()).isTrue();
            assertEverythingEqualsRecomputation(h);

            FunctionOutcome history = dao.refreshHistoricalDeposits(false);
            assertThat(history.ran()).isFalse();
            assertThat(history.detail()).startsWith("not due");
            assertThat(Recomputed.rows(h, "SELECT * FROM historical_deposit_stats")).isEqualTo(historyBefore);

            // a missing month is computed as of its first day, from the current data
            h.execute("DELETE FROM historical_deposit_stats WHERE end_date = '2026-10-01'");
            FunctionOutcome oneMonth = dao.refreshHistoricalDeposits(false);
            assertThat(oneMonth.ran()).isTrue();
            assertThat(oneMonth.detail()).contains("1 month(s) 2026-10");
            String october = " WHERE end_date = '2026-10-01'";
            assertThat(Recomputed.rows(h, Recomputed.HISTORY_TABLE.replace("WHERE", october + " AND")))
                    .isEqualTo(Recomputed.rows(h, "SELECT * FROM (" + Recomputed.HISTORY + ") x" + october
                            + " AND file_count > 0"));

            assertThat(dao.refreshHistoricalDeposits(true).ran()).isTrue();
            assertThat(Recomputed.rows(h, Recomputed.HISTORY_TABLE)).isEqualTo(
                    Recomputed.rows(h, Recomputed.HISTORY + " WHERE file_count > 0"));
            assertThat(dao.refreshEmptyDeposits(false).detail()).startsWith("not due");
        });
    }

    @Test
    void forcedRebuildsGiveTheSameFiguresAsTheIncrementalOnes() {
        jdbi.useHandle(h -> {
            Recomputed.changeTheData(h);
            StatsDao dao = h.attach(StatsDao.class);
            dao.refreshCounts(false);
            dao.refreshCurrentDeposits(false, 0);
            List<String> cells = Recomputed.rows(h, "SELECT * FROM stats_files_cells");
            List<String> objects = Recomputed.rows(h, "SELECT * FROM stats_deposit_object_cells");
            assertThat(dao.refreshCounts(true).ran()).isTrue();
            assertThat(dao.refreshCurrentDeposits(true, 0).ran()).isTrue();
            assertThat(Recomputed.rows(h, "SELECT * FROM stats_files_cells")).isEqualTo(cells);
            assertThat(Recomputed.rows(h, "SELECT * FROM stats_deposit_object_cells")).isEqualTo(objects);
            assertEverythingEqualsRecomputation(h);
        });
    }

    @Test
    void aJobWithNothingToDoSaysItIsNotDue() {
        jdbi.useHandle(h -> {
            StatsDao dao = h.attach(StatsDao.class);
            dao.refreshCounts(false);
            dao.refreshCurrentDeposits(false, 0);
            assertThat(dao.refreshCounts(false).detail()).startsWith("not due");
            assertThat(dao.refreshCurrentDeposits(false, 0).detail()).startsWith("not due");
            assertThat(dao.refreshHistoricalDeposits(false).detail()).startsWith("not due");
            assertThat(dao.refreshEmptyDeposits(false).detail()).startsWith("not due");

            h.execute("UPDATE work_items SET status = 'Failed' WHERE id = 10");
            assertThat(dao.refreshCounts(false).ran()).isTrue();
            assertThat(dao.refreshCurrentDeposits(false, 0).detail())
                    .as("work items are not deposit inputs").startsWith("not due");
            h.execute("UPDATE generic_files SET state = 'D' WHERE id = 5");
            assertThat(dao.refreshCurrentDeposits(false, 3600).detail())
                    .as("changed, but refreshed less than min_age ago").contains("less than");
            assertThat(dao.refreshCurrentDeposits(false, 0).ran()).isTrue();
            // the original names keep their contracts
            assertThat(h.createQuery("SELECT update_counts()").mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("SELECT update_counts()").mapTo(Integer.class).one()).isZero();
            assertThat(h.createQuery("SELECT update_current_deposit_stats()").mapTo(Integer.class).one()).isZero();
            assertThat(h.createQuery("SELECT populate_empty_deposit_stats()").mapTo(Integer.class).one()).isZero();
            assertThat(h.createQuery("SELECT populate_historical_deposit_stats('2020-01-01'::timestamp)")
                    .mapTo(Integer.class).one()).isZero();
        });
    }

    @Test
    void aCallThatFindsTheLockTakenSkipsAtOnce() throws Exception {
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(1380271945, stats_lock_key('counts')),"
                    + " pg_advisory_xact_lock(1380271945, stats_lock_key('current')),"
                    + " pg_advisory_xact_lock(1380271945, stats_lock_key('historical'))");
            jdbi.useHandle(h -> {
                StatsDao dao = h.attach(StatsDao.class);
                long t0 = System.nanoTime();
                for (FunctionOutcome o : List.of(dao.refreshCounts(true), dao.refreshCurrentDeposits(true, 0),
                        dao.refreshHistoricalDeposits(true), dao.refreshEmptyDeposits(true))) {
                    assertThat(o.outcome()).isEqualTo("skipped");
                    assertThat(o.detail()).startsWith("busy");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
                assertThat(h.createQuery("SELECT update_counts()").mapTo(Integer.class).one()).isZero();
            });
            holder.rollback();
        }
    }

    @Test
    void readersNeverWaitForARefresh() throws Exception {
        jdbi.useHandle(Recomputed::changeTheData);
        List<String> currentBefore = jdbi.withHandle(h -> Recomputed.rows(h, "SELECT * FROM current_deposit_stats"));
        try (Connection refresher = db.connect(); Statement st = refresher.createStatement()) {
            refresher.setAutoCommit(false);
            // every forced refresh, left uncommitted: it holds all the locks a refresh ever takes
            st.execute("SELECT stats_refresh_counts(true), stats_refresh_current_deposits(true, '0'),"
                    + " stats_refresh_historical_deposits(true), stats_refresh_empty_deposits(true)");
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> jdbi.withHandle(h -> {
                h.execute("SET statement_timeout = '3s'");
                Recomputed.rows(h, "SELECT * FROM premis_event_counts");
                Recomputed.rows(h, "SELECT * FROM generic_file_counts");
                Recomputed.rows(h, "SELECT * FROM historical_deposit_stats WHERE end_date = '2020-01-01'");
                Recomputed.rows(h, "SELECT sum(n) FROM stats_events_live WHERE institution_id = 2");
                h.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id,"
                        + " created_at, updated_at) VALUES ('while-refreshing', 'ingestion', now(), 'Success', 2,"
                        + " now(), now())");
                return Recomputed.rows(h, "SELECT * FROM current_deposit_stats");
            }));
            assertThat(read.get(10, TimeUnit.SECONDS)).as("the old figures, without waiting").isEqualTo(currentBefore);
            refresher.commit();
        }
        jdbi.useHandle(h -> {
            h.attach(StatsDao.class).refreshCounts(false);
            assertEverythingEqualsRecomputation(h);
        });
    }
}
