package org.aptrust.registry.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.codahale.metrics.MetricRegistry;
import org.aptrust.registry.db.stats.JobRun;
import org.aptrust.registry.db.stats.Recomputed;
import org.aptrust.registry.db.stats.StatsDao;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.db.stats.StatsOutcome;
import org.aptrust.registry.db.stats.StatsRefresher;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The scheduler as several service instances run it: three schedulers, each with its own connections, firing every
 * job at once, again and again, while the data changes; a database that goes away and comes back; a statement that
 * fails; maintenance mode; a clean stop.
 */
class StatsSchedulerTest {

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestPostgres.fixtureDatabase();
    }

    @AfterEach
    void tearDown() {
        db.drop();
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        if (db.user() != null) {
            ds.setUser(db.user());
        }
        if (db.password() != null) {
            ds.setPassword(db.password());
        }
        return ds;
    }

    private static Jdbi jdbi(PGSimpleDataSource ds) {
        return Jdbi.create(ds).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    static SchedulerConfiguration every(java.time.Duration interval) {
        SchedulerConfiguration c = new SchedulerConfiguration();
        io.dropwizard.util.Duration i = io.dropwizard.util.Duration.milliseconds(interval.toMillis());
        io.dropwizard.util.Duration zero = io.dropwizard.util.Duration.milliseconds(0);
        for (StatsJob job : StatsJob.values()) {
            c.setSchedule(job, c.schedule(job).with(true, job == StatsJob.EMPTY ? zero : i, zero));
        }
        return c;
    }

    private StatsScheduler scheduler(String name, SchedulerConfiguration config, boolean maintenance,
                                     MetricRegistry metrics) {
        return new StatsScheduler(new StatsRefresher(jdbi(dataSource()), Duration.ofMinutes(1), name,
                Clock.systemUTC()), config, () -> maintenance, metrics, Clock.systemUTC());
    }

    private static long count(MetricRegistry m, StatsJob job, StatsOutcome outcome) {
        return m.counter(MetricRegistry.name(StatsScheduler.class, job.key(), outcome.label())).getCount();
    }

    @Test
    void threeInstancesFiringAtOnceNeverFailAndEndWithTheRecomputedFigures() throws Exception {
        List<MetricRegistry> metrics = new ArrayList<>();
        List<StatsScheduler> schedulers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MetricRegistry m = new MetricRegistry();
            metrics.add(m);
            schedulers.add(scheduler("instance-" + i, every(Duration.ofMillis(150)), false, m));
        }
        Jdbi writer = jdbi(dataSource());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                int n = writes.incrementAndGet();
                writer.useHandle(h -> {
                    h.execute("INSERT INTO generic_files (identifier, size, intellectual_object_id, institution_id,"
                            + " created_at, updated_at, state, storage_option, uuid) VALUES (?, 100, 13, 4,"
                            + " now() - interval '40 days', now(), 'A', 'Standard', gen_random_uuid()::text)",
                            "test.edu/test_bag_1/data/load_" + n);
                    h.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id,"
                            + " created_at, updated_at) VALUES (gen_random_uuid()::text, 'ingestion', now(), 'Success',"
                            + " 4, now(), now())");
                    h.execute("UPDATE work_items SET status = CASE status WHEN 'Pending' THEN 'Started'"
                            + " ELSE 'Pending' END WHERE id = 17");
                    if (n % 5 == 0) {
                        h.execute("DELETE FROM historical_deposit_stats WHERE end_date = '2026-01-01'");
                        h.execute("UPDATE generic_files SET state = 'D' WHERE identifier = ?",
                                "test.edu/test_bag_1/data/load_" + (n - 3));
                    }
                });
            }
        });
        for (StatsScheduler s : schedulers) {
            s.start();
        }
        // At least 4 s of concurrent writes and runs; on a loaded machine, until enough of both have happened.
        Thread.sleep(4000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && (writes.get() <= 5 || countsRuns(writer) <= 3)) {
            Thread.sleep(200);
        }
        writing.set(false);
        load.get(30, TimeUnit.SECONDS);
        for (StatsScheduler s : schedulers) {
            assertThat(s.alive()).isTrue();
            s.stop();
            assertThat(s.alive()).isFalse();
        }

        long ran = 0;
        for (MetricRegistry m : metrics) {
            for (StatsJob job : StatsJob.values()) {
                assertThat(count(m, job, StatsOutcome.FAILED)).as(job.key() + " failures").isZero();
                ran += count(m, job, StatsOutcome.RAN);
            }
            assertThat(m.timer(MetricRegistry.name(StatsScheduler.class, "counts")).getCount()).isPositive();
        }
        assertThat(ran).isPositive();
        assertThat(writes.get()).isGreaterThan(5);
        Jdbi check = jdbi(dataSource());
        check.useHandle(h -> {
            StatsDao dao = h.attach(StatsDao.class);
            dao.refreshCounts(false);
            dao.refreshCurrentDeposits(false, 0);
            Recomputed.assertEverythingEqualsRecomputation(h);
            JobRun counts = dao.jobRun("counts").orElseThrow();
            assertThat(counts.runs()).isGreaterThan(3);
            assertThat(counts.failures()).isZero();
            assertThat(counts.lastSuccessAt()).isNotNull();
            assertThat(counts.lastInstance()).startsWith("instance-");
        });
    }

    @Test
    void whenAllInstancesRunAJobAtTheSameMomentItsWorkIsDoneOnce() throws Exception {
        List<StatsScheduler> schedulers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SchedulerConfiguration off = new SchedulerConfiguration();
            off.setEnabled(false);
            schedulers.add(scheduler("instance-" + i, off, false, new MetricRegistry()));
        }
        Jdbi setup = jdbi(dataSource());
        for (int round = 0; round < 5; round++) {
            int r = round;
            setup.useHandle(h -> {
                h.execute("DELETE FROM historical_deposit_stats WHERE end_date >= '2026-0" + (r + 1) + "-01'");
                h.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id,"
                        + " created_at, updated_at) VALUES (gen_random_uuid()::text, 'ingestion', now(), 'Success',"
                        + " 2, now(), now())");
                h.execute("UPDATE generic_files SET size = size + 1 WHERE id = 20");
            });
            for (StatsJob job : List.of(StatsJob.COUNTS, StatsJob.CURRENT, StatsJob.HISTORICAL)) {
                CyclicBarrier together = new CyclicBarrier(3);
                List<CompletableFuture<StatsRefresher.Result>> runs = new ArrayList<>();
                for (StatsScheduler s : schedulers) {
                    runs.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return s.run(job, false, Duration.ofMinutes(30));
                    }));
                }
                List<StatsRefresher.Result> results = new ArrayList<>();
                for (CompletableFuture<StatsRefresher.Result> f : runs) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).as(job.key() + " round " + round + ": " + results)
                        .filteredOn(x -> x.outcome() == StatsOutcome.RAN).hasSize(1);
                assertThat(results).filteredOn(x -> x.outcome() == StatsOutcome.FAILED).isEmpty();
                // current: make it due again next round
                setup.useHandle(h -> h.execute("UPDATE stats_refresh_state SET refreshed_at = refreshed_at"
                        + " - interval '1 hour' WHERE name = 'current'"));
            }
        }
    }

    @Test
    void aFailedRunIsRetriedAtTheNextTickAndTheThreadLivesOn() throws Exception {
        PGSimpleDataSource ds = dataSource();
        String good = ds.getUrl();
        ds.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere_test?connectTimeout=1");
        MetricRegistry m = new MetricRegistry();
        SchedulerConfiguration config = every(Duration.ofMillis(100));
        for (StatsJob job : List.of(StatsJob.CURRENT, StatsJob.HISTORICAL, StatsJob.EMPTY)) {
            config.setSchedule(job, config.schedule(job).with(false, io.dropwizard.util.Duration.seconds(1),
                    io.dropwizard.util.Duration.seconds(0)));
        }
        StatsScheduler s = new StatsScheduler(new StatsRefresher(jdbi(ds), Duration.ofMinutes(1), "flaky",
                Clock.systemUTC()), config, () -> false, m, Clock.systemUTC());
        s.start();
        try {
            waitFor(() -> count(m, StatsJob.COUNTS, StatsOutcome.FAILED) >= 3, "runs failing while the database is away");
            assertThat(s.alive()).isTrue();
            ds.setUrl(good);
            waitFor(() -> count(m, StatsJob.COUNTS, StatsOutcome.RAN) + count(m, StatsJob.COUNTS, StatsOutcome.SKIPPED)
                    >= 2, "runs succeeding once the database is back");

            // a statement error: the job fails, says why in stats_job_runs, and recovers
            Jdbi admin = jdbi(dataSource());
            admin.useHandle(h -> {
                h.execute("ALTER TABLE stats_events_cells RENAME TO stats_events_cells_away");
                h.execute("INSERT INTO premis_events (identifier, event_type, date_time, outcome, institution_id,"
                        + " created_at, updated_at) VALUES ('fault', 'ingestion', now(), 'Success', 2, now(), now())");
            });
            long failedBefore = count(m, StatsJob.COUNTS, StatsOutcome.FAILED);
            waitFor(() -> count(m, StatsJob.COUNTS, StatsOutcome.FAILED) > failedBefore, "a failing statement");
            JobRun failed = admin.withExtension(StatsDao.class, d -> d.jobRun("counts")).orElseThrow();
            assertThat(failed.lastError()).contains("stats_events_cells");
            admin.useHandle(h -> h.execute("ALTER TABLE stats_events_cells_away RENAME TO stats_events_cells"));
            long ranBefore = count(m, StatsJob.COUNTS, StatsOutcome.RAN);
            waitFor(() -> count(m, StatsJob.COUNTS, StatsOutcome.RAN) > ranBefore, "recovery");
            assertThat(admin.withExtension(StatsDao.class, d -> d.jobRun("counts")).orElseThrow().lastOutcome())
                    .isIn("ran", "skipped");
            assertThat(s.alive()).isTrue();
        } finally {
            long t0 = System.nanoTime();
            s.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(16));
            assertThat(s.alive()).isFalse();
        }
    }

    @Test
    void maintenanceModeSkipsEveryJob() throws Exception {
        MetricRegistry m = new MetricRegistry();
        StatsScheduler s = scheduler("maintenance", every(Duration.ofMillis(100)), true, m);
        jdbi(dataSource()).useHandle(h -> h.execute("DELETE FROM historical_deposit_stats"));
        s.start();
        try {
            waitFor(() -> count(m, StatsJob.COUNTS, StatsOutcome.SKIPPED) >= 3, "skipped runs");
        } finally {
            s.stop();
        }
        for (StatsJob job : StatsJob.values()) {
            assertThat(count(m, job, StatsOutcome.RAN)).isZero();
        }
        jdbi(dataSource()).useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM historical_deposit_stats").mapTo(Long.class).one()).isZero();
            assertThat(h.attach(StatsDao.class).jobRun("counts").orElseThrow().lastDetail())
                    .isEqualTo("maintenance mode");
        });
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long countsRuns(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.attach(StatsDao.class).jobRun("counts").map(JobRun::runs).orElse(0L));
    }
}
