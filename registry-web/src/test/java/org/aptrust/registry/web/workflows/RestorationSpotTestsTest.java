package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.codahale.metrics.MetricRegistry;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.stats.StatsJob;
import org.aptrust.registry.db.stats.StatsRefresher;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.jobs.SchedulerConfiguration;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.aptrust.registry.web.mail.MailTemplates;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The restoration spot tests as several instances run them: three schedulers, each with its own connections, run
 * the job at the same moment; every due institution gets one restoration work item, recorded as its last spot
 * test, alerted and mailed to its institutional admins, published once; institutions that are not due get none.
 */
class RestorationSpotTestsTest {

    private static final long MIN_SIZE = 10000;

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestPostgres.fixtureDatabase();
        // Institution 2 (every 30 days) never had a spot test: due. Institution 4 (every 90 days) had one 100 days
        // ago: due. Institution 3 (every 60 days) had one 10 days ago: not due. 5 has frequency 0; 6 is deactivated.
        execute("UPDATE work_items SET date_processed = now() AT TIME ZONE 'UTC' - interval '100 days'"
                        + " WHERE id = (SELECT min(id) FROM work_items WHERE institution_id = 4)",
                "UPDATE institutions SET last_spot_restore_work_item_id ="
                        + " (SELECT min(id) FROM work_items WHERE institution_id = 4) WHERE id = 4",
                "UPDATE work_items SET date_processed = now() AT TIME ZONE 'UTC' - interval '10 days'"
                        + " WHERE id = (SELECT min(id) FROM work_items WHERE institution_id = 3)",
                "UPDATE institutions SET last_spot_restore_work_item_id ="
                        + " (SELECT min(id) FROM work_items WHERE institution_id = 3) WHERE id = 3",
                "UPDATE institutions SET spot_restore_frequency = 7 WHERE id = 6");
    }

    @AfterEach
    void tearDown() {
        db.drop();
    }

    @Test
    void threeSchedulersAtOnceMakeOneWorkItemPerDueInstitution() throws Exception {
        Map<Integer, Integer> expected = expectedObjects(List.of(2, 4));
        assertThat(expected).as("the fixtures give both due institutions an object to restore").hasSize(2);
        long itemsBefore = count("SELECT count(*) FROM work_items");
        Map<Integer, Long> lastBefore = lastSpotRestores();

        ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();
        List<StatsScheduler> schedulers = new ArrayList<>();
        List<MetricRegistry> metrics = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MetricRegistry m = new MetricRegistry();
            metrics.add(m);
            schedulers.add(scheduler("instance-" + i, false, m, published));
        }
        for (StatsScheduler s : schedulers) {
            s.start();
        }
        try {
            waitFor(() -> metrics.stream().allMatch(m -> ran(m) + skipped(m) + failed(m) == 1), "every run");
        } finally {
            for (StatsScheduler s : schedulers) {
                s.stop();
            }
        }
        assertThat(metrics.stream().mapToLong(RestorationSpotTestsTest::failed).sum()).isZero();
        assertThat(metrics.stream().mapToLong(RestorationSpotTestsTest::ran).sum()).isEqualTo(3);

        assertThat(count("SELECT count(*) FROM work_items")).isEqualTo(itemsBefore + 2);
        Map<Integer, Long> last = lastSpotRestores();
        assertThat(last.get(3)).isEqualTo(lastBefore.get(3));
        assertThat(last.get(5)).isNull();
        assertThat(last.get(6)).isNull();
        for (int inst : List.of(2, 4)) {
            long item = last.get(inst);
            assertThat(item).isNotEqualTo(lastBefore.get(inst));
            assertThat(text("SELECT intellectual_object_id || ' ' || \"user\" || ' ' || status || ' ' || stage"
                    + " FROM work_items WHERE id = " + item))
                    .isEqualTo(expected.get(inst) + " system@aptrust.org Pending Requested");
            String action = text("SELECT action FROM work_items WHERE id = " + item);
            String storage = text("SELECT storage_option FROM intellectual_objects WHERE id = " + expected.get(inst));
            assertThat(action).isEqualTo(storage.startsWith("Glacier") ? "Glacier Restore" : "Restore Object");
            assertThat(published).filteredOn(p -> p.startsWith(item + " ")).containsExactly(
                    item + " " + (action.equals("Glacier Restore") ? "restore_glacier" : "restore_object"));

            long alert = count("SELECT a.id FROM alerts a JOIN alerts_work_items aw ON aw.alert_id = a.id"
                    + " WHERE aw.work_item_id = " + item + " AND a.type = '" + RestorationSpotTests.ALERT + "'"
                    + " AND a.institution_id = " + inst);
            assertThat(column("SELECT u.email FROM alerts_users au JOIN users u ON u.id = au.user_id"
                    + " WHERE au.alert_id = " + alert + " ORDER BY u.email"))
                    .isEqualTo(column("SELECT email FROM users WHERE institution_id = " + inst
                            + " AND role = 'institutional_admin' AND deactivated_at IS NULL ORDER BY email"))
                    .isNotEmpty();
            assertThat(column("SELECT r.address FROM mail_outbox m JOIN mail_outbox_recipients r"
                    + " ON r.message_id = m.id WHERE m.alert_id = " + alert + " ORDER BY r.address"))
                    .isEqualTo(column("SELECT u.email FROM alerts_users au JOIN users u ON u.id = au.user_id"
                            + " WHERE au.alert_id = " + alert + " ORDER BY u.email"));
            String content = text("SELECT content FROM alerts WHERE id = " + alert);
            assertThat(content).contains(text("SELECT identifier FROM intellectual_objects WHERE id = "
                    + expected.get(inst))).contains("/work_items/show/" + item);
        }
        assertThat(count("SELECT count(*) FROM alerts WHERE type = '" + RestorationSpotTests.ALERT + "'"))
                .isEqualTo(2);

        // Run again: nobody is due any more.
        RestorationSpotTests again = new RestorationSpotTests(jdbi(), (id, topic) -> new WorkQueue.Publication(false, "not published by this test"), new MailTemplates(),
                "https://registry.example.org", MIN_SIZE);
        assertThat(again.run()).isEmpty();
        assertThat(count("SELECT count(*) FROM work_items")).isEqualTo(itemsBefore + 2);
    }

    @Test
    void maintenanceModeSkipsTheRun() throws Exception {
        MetricRegistry m = new MetricRegistry();
        long itemsBefore = count("SELECT count(*) FROM work_items");
        StatsScheduler s = scheduler("maintenance", true, m, new ConcurrentLinkedQueue<>());
        s.start();
        try {
            waitFor(() -> skipped(m) == 1, "a skipped run");
        } finally {
            s.stop();
        }
        assertThat(ran(m)).isZero();
        assertThat(count("SELECT count(*) FROM work_items")).isEqualTo(itemsBefore);
    }

    @Test
    void anInstitutionWithoutASuitableObjectIsLeftDueAndTheOthersAreServed() {
        // Every active object of institution 2 was restored successfully yesterday.
        execute("INSERT INTO work_items (created_at, updated_at, intellectual_object_id, name, etag, bucket, \"user\","
                + " note, action, stage, status, outcome, bag_date, date_processed, retry, pid, needs_admin_review,"
                + " institution_id, size) SELECT now() - interval '1 day', now() - interval '1 day', o.id,"
                + " o.bag_name || '.tar', o.etag, 'b', 'x@example.org', 'n', 'Restore Object', 'Cleanup', 'Success',"
                + " 'done', o.created_at, now(), false, 0, false, o.institution_id, o.size"
                + " FROM intellectual_objects o WHERE o.institution_id = 2 AND o.state = 'A'");
        Map<Integer, Integer> expected = expectedObjects(List.of(2, 4));
        assertThat(expected).containsOnlyKeys(4);
        List<RestorationSpotTests.Requested> done = new RestorationSpotTests(jdbi(), (id, topic) -> new WorkQueue.Publication(false, "not published by this test"),
                new MailTemplates(), "https://registry.example.org", MIN_SIZE).run();
        assertThat(done).extracting(RestorationSpotTests.Requested::institutionId).containsExactly(4);
        assertThat(done.get(0).objectId()).isEqualTo(expected.get(4));
        assertThat(lastSpotRestores().get(2)).isNull();
    }

    /**
     * The object each institution's spot test should restore, computed here from the files: the smallest active
     * object with at least MIN_SIZE bytes of active files, no successful restoration in the institution's
     * frequency and no unfinished work item.
     */
    private Map<Integer, Integer> expectedObjects(List<Integer> institutions) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int inst : institutions) {
            List<String> ids = column("SELECT o.id FROM intellectual_objects o"
                    + " JOIN institutions i ON i.id = o.institution_id"
                    + " JOIN (SELECT intellectual_object_id, sum(size) AS bytes FROM generic_files WHERE state = 'A'"
                    + " GROUP BY intellectual_object_id) f ON f.intellectual_object_id = o.id"
                    + " WHERE o.institution_id = " + inst + " AND o.state = 'A' AND f.bytes >= " + MIN_SIZE
                    + " AND o.id NOT IN (SELECT intellectual_object_id FROM work_items WHERE intellectual_object_id"
                    + " IS NOT NULL AND action IN ('Restore Object', 'Glacier Restore') AND status = 'Success'"
                    + " AND updated_at > current_date - i.spot_restore_frequency)"
                    + " AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.institution_id = o.institution_id"
                    + " AND (w.intellectual_object_id = o.id OR w.name IN (o.bag_name, o.bag_name || '.tar'))"
                    + " AND w.status NOT IN ('Success', 'Failed', 'Cancelled'))"
                    + " ORDER BY f.bytes, o.id LIMIT 1");
            if (!ids.isEmpty()) {
                out.put(inst, Integer.valueOf(ids.get(0)));
            }
        }
        return out;
    }

    private StatsScheduler scheduler(String name, boolean maintenance, MetricRegistry m,
                                     ConcurrentLinkedQueue<String> published) {
        SchedulerConfiguration c = new SchedulerConfiguration();
        io.dropwizard.util.Duration zero = io.dropwizard.util.Duration.milliseconds(0);
        for (StatsJob job : StatsJob.values()) {
            c.setSchedule(job, c.schedule(job).with(false, io.dropwizard.util.Duration.days(1), zero));
        }
        c.setSpotTests(c.spotTests().with(true, zero, io.dropwizard.util.Duration.milliseconds(300)));
        Jdbi jdbi = jdbi();
        WorkQueue queue = (id, topic) -> {
            published.add(id + " " + topic);
            return new WorkQueue.Publication(true, "recorded by the test");
        };
        RestorationSpotTests spots = new RestorationSpotTests(jdbi, queue, new MailTemplates(),
                "https://registry.example.org", MIN_SIZE);
        StatsScheduler s = new StatsScheduler(new StatsRefresher(jdbi, Duration.ofMinutes(1), name,
                Clock.systemUTC()), c, () -> maintenance, m, Clock.systemUTC());
        s.scheduleSpotTests(() -> RestorationSpotTests.describe(spots.run()));
        return s;
    }

    private static long ran(MetricRegistry m) {
        return m.counter(MetricRegistry.name(StatsScheduler.class, StatsScheduler.SPOT_TESTS, "ran")).getCount();
    }

    private static long skipped(MetricRegistry m) {
        return m.counter(MetricRegistry.name(StatsScheduler.class, StatsScheduler.SPOT_TESTS, "skipped"))
                .getCount();
    }

    private static long failed(MetricRegistry m) {
        return m.counter(MetricRegistry.name(StatsScheduler.class, StatsScheduler.SPOT_TESTS, "failed"))
                .getCount();
    }

    private Map<Integer, Long> lastSpotRestores() {
        Map<Integer, Long> out = new TreeMap<>();
        for (String row : column("SELECT id || ' ' || coalesce(last_spot_restore_work_item_id::text, '-')"
                + " FROM institutions")) {
            String[] p = row.split(" ");
            out.put(Integer.valueOf(p[0]), "-".equals(p[1]) ? null : Long.valueOf(p[1]));
        }
        return out;
    }

    private Jdbi jdbi() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        if (db.user() != null) {
            ds.setUser(db.user());
        }
        if (db.password() != null) {
            ds.setPassword(db.password());
        }
        return Jdbi.create(ds).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    private void execute(String... sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private List<String> column(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private String text(String sql) {
        List<String> all = column(sql);
        return all.isEmpty() ? null : all.get(0);
    }

    private long count(String sql) {
        return Long.parseLong(text(sql));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
