package org.aptrust.registry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dropwizard.testing.DropwizardTestSupport;
import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.jobs.StatsScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances of the whole application on a real primary and a real hot standby (PostgreSQL's streaming
 * replication, {@link LocalStreamingCluster}), all on loopback ports of their own:
 * <ol>
 *   <li>writes through instance A are read through B and C from the standby (their per-replica read counters,
 *       and the standby's own pg_stat_activity);</li>
 *   <li>the reads really are the standby's: with its replay paused, B does not see A's new object, until the
 *       standby is more than replicaMaxLag behind and B reads the primary instead;</li>
 *   <li>the standby killed: reads fall back to the primary without errors once the check has seen it; started
 *       again, it catches up (replication slot) and reads return to it;</li>
 *   <li>the scheduled jobs, run by all three: one spot-test restoration per due institution, totals counted once.</li>
 * </ol>
 * Needs PostgreSQL's server programs with pg_basebackup (Debian's postgresql-15 package, or REGISTRY_PG_BIN);
 * skipped without them unless REGISTRY_REQUIRE_CLUSTER=true (as .ci/run sets it), which turns that into a failure.
 */
class StreamingReplicaClusterTest {

    private static final Duration MAX_LAG = Duration.ofSeconds(15);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static LocalStreamingCluster cluster;
    private static final List<DropwizardTestSupport<RegistryConfiguration>> INSTANCES = new ArrayList<>();
    private static Path config;
    private static long workItemsBefore;
    private static final Map<String, String> LEFTOVER_OVERRIDES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = LocalStreamingCluster.binaries();
        if ("true".equalsIgnoreCase(System.getenv("REGISTRY_REQUIRE_CLUSTER"))) {
            assertThat(bin).as("PostgreSQL with pg_basebackup (apt-get install postgresql-15)").isPresent();
        }
        Assumptions.assumeTrue(bin.isPresent(), "no PostgreSQL server programs with pg_basebackup");
        cluster = LocalStreamingCluster.start(bin.get(), ds -> new DatabaseReset(ds, MigrationFiles.fromClasspath(),
                line -> { }).reset(FixtureFiles.classpath()));
        workItemsBefore = number(cluster.primaryUrl(), "SELECT coalesce(max(id), 0) FROM work_items");
        // Only this file configures the instances: no test's leftover override (a dw.* system property) may.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dw."))
                .forEach(k -> LEFTOVER_OVERRIDES.put(k, System.clearProperty(k)));
        config = Files.createTempFile("registry-cluster", ".yml");
        Files.writeString(config, configuration());
        for (int i = 0; i < 3; i++) {
            DropwizardTestSupport<RegistryConfiguration> app =
                    new DropwizardTestSupport<>(RegistryApplication.class, config.toString());
            app.before();
            INSTANCES.add(app);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (DropwizardTestSupport<RegistryConfiguration> app : INSTANCES) {
            app.after();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (config != null) {
            Files.deleteIfExists(config);
        }
        LEFTOVER_OVERRIDES.forEach(System::setProperty);
    }

    private static String configuration() {
        return String.join("\n",
                "database:",
                "  url: " + cluster.primaryUrl(),
                "  user: postgres",
                "  password: ''",
                "  migrateOnStart: false",
                "  loadDemoData: false",
                "  maxConnections: 8",
                "  replicas: ['" + cluster.standbyUrl() + "']",
                "  replicaMaxLag: " + MAX_LAG.toSeconds() + "s",
                "  replicaCheckInterval: 250ms",
                "  readYourWritesFor: 30s",
                "web:",
                "  sessionKey: test-session-key-used-only-by-the-test-suite-0001",
                "  secureCookies: false",
                "api:",
                "  authRecheckInterval: 1s",
                "scheduler:",
                "  enabled: true",
                "  counts: {interval: 1s, initialDelay: 0s}",
                "  current: {enabled: false, interval: 1h, initialDelay: 1h}",
                "  historical: {enabled: false, interval: 1d, initialDelay: 1h}",
                "  empty: {enabled: true, interval: 0s, initialDelay: 0s}",
                "  spotTests: {enabled: true, interval: 2s, initialDelay: 1s}",
                "server:",
                "  requestLog: {appenders: []}",
                "  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
                "  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
                "logging:",
                "  level: WARN",
                "  loggers: {org.aptrust.registry.web.cluster: INFO}",
                "");
    }

    private static AdminPort admin(int i) {
        return new AdminPort(INSTANCES.get(i).getAdminPort());
    }

    private static ApiClient member(int i) {
        return ApiClient.as(INSTANCES.get(i).getLocalPort(), "user@inst1.edu");
    }

    private static ApiClient writer() {
        return ApiClient.as(INSTANCES.get(0).getLocalPort(), "system@aptrust.org");
    }

    @Test
    void writesThroughOneReadsThroughTheOthersFromTheStandbyFallingBackWhenItLagsOrDies() throws Exception {
        // The standby is one: in recovery, streaming from the primary.
        assertThat(number(cluster.standbyUrl(), "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'"))
                .isEqualTo(1);
        assertThat(text(cluster.standbyUrl(), "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
        Poll.until("the primary streams to the standby", DEADLINE, () -> number(cluster.primaryUrl(),
                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"), n -> n == 1);
        for (int i = 0; i < 3; i++) {
            AdminPort a = admin(i);
            Poll.until("instance " + i + " uses the standby", DEADLINE, () -> a.replica("replica-1"),
                    r -> Boolean.TRUE.equals(r.get("usable")));
        }

        // 1. Written through A, read through B and C from the standby.
        long bReads = admin(1).reads("replica-1");
        long cReads = admin(2).reads("replica-1");
        int first = createObject("cluster_bag_1");
        for (int i : new int[] {1, 2}) {
            ApiClient.Reply shown = Poll.until("instance " + i + " shows the new object", DEADLINE,
                    () -> member(i).get("/member-api/v3/objects/show/" + first), r -> r.status() == 200);
            assertThat(shown.json()).containsEntry("identifier", "institution1.edu/cluster_bag_1");
        }
        assertThat(admin(1).reads("replica-1")).isGreaterThan(bReads);
        assertThat(admin(2).reads("replica-1")).isGreaterThan(cReads);
        assertThat(number(cluster.standbyUrl(),
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'registry-replica'"))
                .as("the instances' read connections are the standby's sessions").isPositive();

        // 2. Replay paused: the standby misses A's next object, and B, reading it, answers 404 ...
        execute(cluster.standbyUrl(), "SELECT pg_wal_replay_pause()");
        int second = createObject("cluster_bag_2");
        assertThat(number(cluster.primaryUrl(), "SELECT count(*) FROM intellectual_objects WHERE id = " + second))
                .isEqualTo(1);
        long fellBack = admin(1).reads("primary");
        assertThat(member(1).get("/member-api/v3/objects/show/" + second).status())
                .as("read on the paused standby").isEqualTo(404);
        // ... until the standby is further behind than replicaMaxLag: then B reads the primary.
        Poll.until("B reads the primary once the standby lags", DEADLINE.plus(MAX_LAG),
                () -> member(1).get("/member-api/v3/objects/show/" + second), r -> r.status() == 200);
        assertThat((String) admin(1).replica("replica-1").get("state")).startsWith("lagging");
        assertThat(admin(1).health("replicas").get("healthy")).isEqualTo(false);
        assertThat(admin(1).reads("primary")).isGreaterThan(fellBack);
        execute(cluster.standbyUrl(), "SELECT pg_wal_replay_resume()");
        Poll.until("the standby in use again", DEADLINE, () -> admin(1).replica("replica-1"),
                r -> Boolean.TRUE.equals(r.get("usable")));
        Poll.until("the object read from the standby once it has replayed it", DEADLINE, () -> {
            long before = admin(1).reads("replica-1");
            int status = member(1).get("/member-api/v3/objects/show/" + second).status();
            return status == 200 && admin(1).reads("replica-1") > before;
        }, fromStandby -> fromStandby);

        // 3. The standby killed: once the check has seen it, every read goes to the primary, without errors.
        cluster.killStandby();
        for (int i : new int[] {1, 2}) {
            AdminPort a = admin(i);
            Poll.until("instance " + i + " sees the standby down", DEADLINE, () -> a.replica("replica-1"),
                    r -> "down".equals(r.get("state")));
        }
        long bStill = admin(1).reads("replica-1");
        long bPrimary = admin(1).reads("primary");
        for (int n = 0; n < 10; n++) {
            for (int i : new int[] {1, 2}) {
                ApiClient.Reply list = member(i).get("/member-api/v3/objects?per_page=5");
                assertThat(list.status()).as(list.toString()).isEqualTo(200);
            }
        }
        assertThat(admin(1).reads("replica-1")).isEqualTo(bStill);
        assertThat(admin(1).reads("primary") - bPrimary).isGreaterThanOrEqualTo(10);
        int third = createObject("cluster_bag_3");

        // 4. Started again: it catches up through its slot, and reads return to it.
        cluster.startStandby();
        for (int i : new int[] {1, 2}) {
            AdminPort a = admin(i);
            Poll.until("instance " + i + " uses the standby again", DEADLINE, () -> a.replica("replica-1"),
                    r -> Boolean.TRUE.equals(r.get("usable")));
        }
        // Usable again means within replicaMaxLag, not yet current: poll until it has replayed the object too.
        Poll.until("written while the standby was down, read from it", DEADLINE, () -> {
            long before = admin(2).reads("replica-1");
            int status = member(2).get("/member-api/v3/objects/show/" + third).status();
            return status == 200 && admin(2).reads("replica-1") > before;
        }, fromStandby -> fromStandby);

        // 5. Jobs run by three schedulers: each spot test made once; totals counted once.
        Poll.until("every instance ran the spot tests at least twice", DEADLINE, () -> {
            long least = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                AdminPort a = admin(i);
                String job = "org.aptrust.registry.web.jobs.StatsScheduler." + StatsScheduler.SPOT_TESTS + ".";
                least = Math.min(least, a.counter(job + "ran") + a.counter(job + "skipped"));
            }
            return least;
        }, n -> n >= 2);
        Map<String, String> spotItems = rows(cluster.primaryUrl(), "SELECT institution_id::text, count(*)::text"
                + " FROM work_items WHERE id > " + workItemsBefore + " AND \"user\" = 'system@aptrust.org'"
                + " AND action IN ('Restore Object', 'Glacier Restore') GROUP BY institution_id");
        Map<String, String> recorded = rows(cluster.primaryUrl(), "SELECT id::text, last_spot_restore_work_item_id::text"
                + " FROM institutions WHERE last_spot_restore_work_item_id > " + workItemsBefore);
        assertThat(spotItems).as("institutions given a spot test").isNotEmpty();
        assertThat(spotItems.keySet()).isEqualTo(recorded.keySet());
        assertThat(spotItems.values()).as("one restoration each, whichever instance ran it").containsOnly("1");
        long objects = number(cluster.primaryUrl(), "SELECT count(*) FROM intellectual_objects WHERE institution_id = 2");
        Poll.until("B's total (count cells, on the standby) equals the table's", DEADLINE,
                () -> member(1).get("/member-api/v3/objects?per_page=1").count(), n -> n == objects);
    }

    private static int createObject(String bag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Written through instance A");
        m.put("identifier", "institution1.edu/" + bag);
        m.put("access", "institution");
        m.put("institution_id", 2);
        m.put("state", "A");
        m.put("storage_option", "Standard");
        m.put("bagit_profile_identifier",
                "https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json");
        m.put("source_organization", "Institution One");
        ApiClient.Reply r = writer().post("/admin-api/v3/objects/create/2", m);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (Integer) r.json().get("id");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String text(String url, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    private static long number(String url, String sql) {
        return Long.parseLong(text(url, sql));
    }

    private static Map<String, String> rows(String url, String sql) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
        return out;
    }
}
