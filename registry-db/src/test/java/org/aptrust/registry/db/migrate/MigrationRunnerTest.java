package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.aptrust.registry.db.migrate.MigrationState.Status;
import org.aptrust.registry.db.testing.CatalogFingerprint;
import org.aptrust.registry.db.testing.PlainSql;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {

    private final List<Migration> files = MigrationFiles.fromClasspath();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.emptyDatabase();
    }

    @AfterEach
    void dropIt() {
        db.drop();
    }

    private MigrationRunner runner(List<Migration> migrations) {
        return runner(migrations, MigrationSettings.defaults());
    }

    private MigrationRunner runner(List<Migration> migrations, MigrationSettings settings) {
        return new MigrationRunner(db.dataSource(), migrations, settings, log::add);
    }

    private static List<Migration> plus(List<Migration> base, Migration... more) {
        List<Migration> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static Migration file(String version, String body) {
        return Migration.of(version + ".sql", body);
    }

    private static String recording(String version, String body) {
        return "INSERT INTO schema_migrations (version, started_at) VALUES ('" + version + "', now())"
                + " ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;\n" + body
                + "\nUPDATE schema_migrations SET finished_at = now() WHERE version = '" + version + "';\n";
    }

    @Test
    void appliesEveryFileOnceAndRecordsChecksumsAndTimings() throws Exception {
        MigrationRunner runner = runner(files);
        assertThat(runner.plan()).hasSize(files.size());

        List<String> applied = runner.migrate(false);
        assertThat(applied).containsExactlyElementsOf(files.stream().map(Migration::version).toList());
        assertThat(log).anyMatch(l -> l.startsWith("applied 000_initial_schema in "));

        List<MigrationState> states = runner.status();
        assertThat(states).hasSize(files.size()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Status.APPLIED);
            assertThat(s.recordedChecksum()).hasSize(64).isEqualTo(s.fileChecksum());
            assertThat(s.executionMs()).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(s.startedAt()).isNotNull();
            assertThat(s.finishedAt()).isNotNull();
            assertThat(s.appliedBy()).contains("pid");
        });

        assertThat(runner.migrate(false)).isEmpty();
        assertThat(log).contains("schema is up to date (" + files.size() + " migrations)");
        assertThat(MigrationRunner.format(states)).contains("000_initial_schema").contains(files.size() + " applied");
    }

    @Test
    void dryRunPlanChangesNothing() throws Exception {
        MigrationRunner runner = runner(files);
        assertThat(runner.plan()).hasSize(files.size());
        try (Connection c = db.connect()) {
            assertThat(CatalogFingerprint.of(c)).isEmpty();
        }
    }

    @Test
    void aChangedFileIsRefusedUntilAccepted() {
        runner(files).migrate(false);
        List<Migration> edited = new ArrayList<>(files);
        Migration original = edited.get(3);
        edited.set(3, Migration.of(original.version() + ".sql", original.sql() + "\n-- an edit\n"));

        MigrationRunner runner = runner(edited);
        assertThat(runner.status().get(3).status()).isEqualTo(Status.CHANGED);
        assertThatThrownBy(() -> runner.migrate(false))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(original.version())
                .hasMessageContaining("--accept-changed");

        assertThat(runner.migrate(true)).isEmpty();
        assertThat(runner.status()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.APPLIED));
    }

    @Test
    void aFailingFileIsRolledBackRecordedAndRetried() throws Exception {
        runner(files).migrate(false);
        Migration bad = file("900_bad", recording("900_bad",
                "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;"));

        MigrationRunner runner = runner(plus(files, bad));
        assertThatThrownBy(() -> runner.migrate(false))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("900_bad")
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("line 3");

        MigrationState state = runner.status().get(files.size());
        assertThat(state.status()).isEqualTo(Status.FAILED);
        assertThat(state.error()).contains("no_such_table");
        try (Connection c = db.connect()) {
            assertThat(exists(c, "half_done")).as("the failed file's table was rolled back").isFalse();
        }

        Migration fixed = file("900_bad", recording("900_bad", "CREATE TABLE half_done (id int);"));
        assertThat(runner(plus(files, fixed)).migrate(false)).containsExactly("900_bad");
        try (Connection c = db.connect()) {
            assertThat(exists(c, "half_done")).isTrue();
        }
        assertThat(runner(plus(files, fixed)).status().get(files.size()).status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void aFileThatDoesNotRecordItselfFails() {
        Migration silent = file("900_silent", "CREATE TABLE silent (id int);");
        MigrationRunner runner = runner(plus(files, silent));
        assertThatThrownBy(() -> runner.migrate(false))
                .hasMessageContaining("900_silent")
                .hasMessageContaining("finished_at");
        assertThat(runner.status().get(files.size()).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void noTransactionFilesRunStatementByStatement() throws Exception {
        runner(files).migrate(false);
        Migration concurrently = file("900_concurrent_index", Migration.NO_TRANSACTION_MARKER + "\n"
                + recording("900_concurrent_index",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_test_concurrent ON work_items (bucket);"));
        assertThat(concurrently.transactional()).isFalse();
        assertThat(runner(plus(files, concurrently)).migrate(false)).containsExactly("900_concurrent_index");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_test_concurrent'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aMigrationWaitingOnABusyTableFailsAfterTheLockTimeout() throws Exception {
        runner(files).migrate(false);
        Migration alter = file("900_alter", recording("900_alter",
                "ALTER TABLE institutions ADD COLUMN IF NOT EXISTS extra int;"));
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE institutions IN ACCESS SHARE MODE");
            }
            long start = System.nanoTime();
            MigrationRunner runner = runner(plus(files, alter),
                    MigrationSettings.defaults().withLockTimeout(Duration.ofMillis(300)));
            assertThatThrownBy(() -> runner.migrate(false))
                    .hasMessageContaining("900_alter")
                    .hasMessageContaining("lock timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            holder.rollback();
        }
        assertThat(runner(plus(files, alter)).migrate(false)).containsExactly("900_alter");
    }

    @Test
    void aBusyLockIsTriedAgainUntilItIsFreeAndThenTheFileApplies() throws Exception {
        runner(files).migrate(false);
        Migration alter = file("900_alter", recording("900_alter",
                "ALTER TABLE institutions ADD COLUMN IF NOT EXISTS extra int;"));
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE institutions IN ACCESS SHARE MODE");
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<List<String>> applied = pool.submit(() -> runner(plus(files, alter),
                        MigrationSettings.defaults().withLockTimeout(Duration.ofSeconds(30))).migrate(false));
                Thread.sleep(2_000); // several half-second attempts fail meanwhile
                holder.rollback();
                assertThat(applied.get()).containsExactly("900_alter");
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(log).anyMatch(l -> l.contains("900_alter: a lock is busy") && l.contains("attempt 2"));
    }

    @Test
    void aMigrationThatDeadlocksWithAWriterIsTheOneThatYields() throws Exception {
        runner(files).migrate(false);
        // The migration takes storage_options, then wants institutions; the writer holds institutions and then
        // wants storage_options. Whoever waits longer than deadlock_timeout would be cancelled: the migration's
        // attempts end first, so the writer's transaction goes through and the migration then applies.
        Migration both = file("901_both", recording("901_both",
                "LOCK TABLE storage_options IN SHARE ROW EXCLUSIVE MODE;\n"
                        + "SELECT pg_sleep(0.3);\n"
                        + "ALTER TABLE institutions ADD COLUMN IF NOT EXISTS extra2 int;"));
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("UPDATE institutions SET updated_at = updated_at WHERE id = 1");
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    Future<List<String>> applied = pool.submit(() -> runner(plus(files, both),
                            MigrationSettings.defaults().withLockTimeout(Duration.ofSeconds(30))).migrate(false));
                    Thread.sleep(150); // the migration holds storage_options by now
                    st.execute("UPDATE storage_options SET updated_at = updated_at WHERE id = 1");
                    writer.commit();
                    assertThat(applied.get()).containsExactly("901_both");
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void twoRunnersAtOnceNeverInterleave() throws Exception {
        int runners = 3;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            Callable<List<String>> task = () -> {
                go.await();
                return runner(files).migrate(false);
            };
            results.add(pool.submit(task));
        }
        go.countDown();
        List<String> appliedByAll = new ArrayList<>();
        for (Future<List<String>> f : results) {
            appliedByAll.addAll(f.get());
        }
        pool.shutdown();
        assertThat(appliedByAll).containsExactlyInAnyOrderElementsOf(files.stream().map(Migration::version).toList());
        assertThat(runner(files).status()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.APPLIED));
    }

    @Test
    void aHeldLockMakesTheRunnerWaitThenGiveUpNamingTheHolder() throws Exception {
        try (Connection holder = db.connect()) {
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + MigrationRunner.LOCK_KEY + ")");
            }
            MigrationRunner runner = runner(files, MigrationSettings.defaults().withLockWait(Duration.ofMillis(800)));
            assertThatThrownBy(() -> runner.migrate(false))
                    .hasMessageContaining("another migration runner")
                    .hasMessageContaining("backend pid");
        }
        // The holder's connection is gone, and its lock with it: nothing is left stuck.
        assertThat(runner(files).migrate(false)).hasSize(files.size());
    }

    @Test
    void adoptsADatabaseMigratedByHandWithoutReapplyingAnything() throws Exception {
        try (Connection c = db.connect()) {
            for (Migration m : files) {
                PlainSql.run(c, m);
            }
        }
        List<String> before;
        try (Connection c = db.connect()) {
            before = withoutHistoryTable(CatalogFingerprint.of(c));
        }
        MigrationRunner runner = runner(files);
        assertThat(runner.status()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.ADOPTED));
        assertThat(runner.migrate(false)).isEmpty();
        try (Connection c = db.connect()) {
            assertThat(withoutHistoryTable(CatalogFingerprint.of(c))).isEqualTo(before);
        }
        assertThat(runner.status()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.ADOPTED));
    }

    @Test
    void adoptsTheOriginalsVersionOnlyHistoryRows() throws Exception {
        try (Connection c = db.connect()) {
            for (Migration m : files) {
                PlainSql.run(c, m);
            }
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE schema_migrations SET started_at = NULL, finished_at = NULL");
            }
        }
        MigrationRunner runner = runner(files);
        assertThat(runner.status()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.ADOPTED));
        assertThat(runner.migrate(false)).isEmpty();
    }

    @Test
    void aHandRunThatDiedHalfWayIsRetried() throws Exception {
        List<Migration> first = files.subList(0, 2);
        runner(first).migrate(false);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_migrations (version, started_at) VALUES ('" + files.get(2).version()
                    + "', now())");
        }
        MigrationRunner runner = runner(files);
        assertThat(runner.status().get(2).status()).isEqualTo(Status.FAILED);
        assertThat(runner.migrate(false)).first().isEqualTo(files.get(2).version());
    }

    @Test
    void reportsRowsWithoutAFile() throws Exception {
        runner(files).migrate(false);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_migrations (version, started_at, finished_at) VALUES"
                    + " ('999_from_the_future', now(), now())");
        }
        List<MigrationState> states = runner(files).status();
        assertThat(states.get(states.size() - 1).version()).isEqualTo("999_from_the_future");
        assertThat(states.get(states.size() - 1).status()).isEqualTo(Status.UNKNOWN);
    }

    private static List<String> withoutHistoryTable(List<String> fingerprint) {
        return fingerprint.stream().filter(l -> !l.contains("schema_migrations")).toList();
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
