package org.aptrust.registry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read routing with two configured "replicas" and no standby: replica-1 is the test database itself, reached
 * through sessions that refuse every write ({@code default_transaction_read_only}), as a hot standby would;
 * replica-2 is a port nothing listens on. So every request the router sends to a replica must succeed without
 * writing, replica-2 is skipped as down, and the routing rules (which requests, read-your-writes, the header) are
 * seen in the per-replica read counters. The real standby is {@link StreamingReplicaClusterTest}'s.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReplicaRoutingTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();

    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("database.replicas", readOnly(DB.url()) + ",jdbc:postgresql://127.0.0.1:1/none"),
            ConfigOverride.config("database.replicaCheckInterval", "200ms"),
            ConfigOverride.config("database.readYourWritesFor", "30s"));

    private AdminPort admin;

    static String readOnly(String url) {
        return url + (url.contains("?") ? "&" : "?")
                + "ApplicationName=registry-read-only&options=-c%20default_transaction_read_only%3Don";
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @BeforeEach
    void replicaInUse() {
        admin = new AdminPort(APP.getAdminPort());
        Poll.until("replica-1 in use", Duration.ofSeconds(30), () -> admin.replica("replica-1"),
                r -> Boolean.TRUE.equals(r.get("usable")));
    }

    @Test
    void memberApiReadsGoToTheReplicaAndAnswerAsThePrimaryWould() {
        ApiClient api = ApiClient.as(APP.getLocalPort(), "user@inst1.edu");
        List<String> paths = List.of("/member-api/v3/objects?per_page=5", "/member-api/v3/files?per_page=5",
                "/member-api/v3/events?per_page=5", "/member-api/v3/items?per_page=5",
                "/member-api/v3/checksums?per_page=5", "/member-api/v3/deletions", "/member-api/v3/alerts",
                "/member-api/v3/objects/show/1", "/member-api/v3/files/show/1");
        long before = admin.reads("replica-1");
        long fellBack = admin.reads("primary");
        for (String path : paths) {
            ApiClient.Reply r = api.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        }
        assertThat(admin.reads("replica-1") - before).isGreaterThanOrEqualTo(paths.size());
        assertThat(admin.reads("primary")).as("no fallback while replica-1 is usable").isEqualTo(fellBack);
        assertThat(admin.reads("replica-2")).as("a down replica is never used").isZero();

        // The same answers as from the primary (the header asks for it), totals included.
        long replicaReads = admin.reads("replica-1");
        ApiClient.Reply fromReplica = api.get("/member-api/v3/objects?per_page=3&sort=identifier__asc");
        assertThat(admin.reads("replica-1") - replicaReads).isGreaterThanOrEqualTo(1);
        long afterReplica = admin.reads("replica-1");
        PageClient.Page fromPrimary = new PageClient(APP.getLocalPort()).get(
                "/member-api/v3/objects?per_page=3&sort=identifier__asc", Map.of("X-Pharos-API-User",
                        "user@inst1.edu", "X-Pharos-API-Key", "password", ReadRouteFilter.HEADER, "true"));
        assertThat(admin.reads("replica-1")).isEqualTo(afterReplica);
        assertThat(fromReplica.body()).isEqualTo(fromPrimary.body());
        assertThat(fromReplica.count()).isEqualTo(7);
    }

    @Test
    void theHeaderKeepsAReadOnThePrimary() {
        long before = admin.reads("replica-1");
        PageClient p = new PageClient(APP.getLocalPort());
        // the API-key check always reads the primary; with the header so does the list
        var r = p.get("/member-api/v3/objects", Map.of("X-Pharos-API-User", "user@inst1.edu",
                "X-Pharos-API-Key", "password", ReadRouteFilter.HEADER, "true"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(admin.reads("replica-1")).isEqualTo(before);
    }

    @Test
    void pagesReadTheReplicaWithoutWritingThere() {
        PageClient admin1 = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        assertThat(admin1.cookie(ReadRouteFilter.COOKIE)).as("a sign-in is a write").isPresent();
        admin1.removeCookie(ReadRouteFilter.COOKIE);
        List<String> pages = List.of("/dashboard", "/objects", "/objects/show/1", "/objects?format=csv", "/files",
                "/files/show/1", "/events", "/work_items", "/work_items/show/1", "/alerts", "/deletions/",
                "/deletions/show/1", "/institutions", "/institutions/show/2", "/users", "/users/show/4",
                "/reports/deposits", "/reports/deposits?report_type=over_time", "/reports/billing");
        for (String path : pages) {
            long before = admin.reads("replica-1");
            PageClient.Page page = admin1.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(admin.reads("replica-1")).as(path + " read the replica").isGreaterThan(before);
        }
    }

    @Test
    void afterAWriteTheSameClientReadsThePrimary() {
        PageClient user = new PageClient(APP.getLocalPort()).signIn("user@inst1.edu");
        user.removeCookie(ReadRouteFilter.COOKIE);
        long before = admin.reads("replica-1");
        assertThat(user.get("/objects").status()).isEqualTo(200);
        assertThat(admin.reads("replica-1")).isGreaterThan(before);

        user.get("/alerts");
        PageClient.Page marked = user.post("/alerts/mark_all_as_read", Map.of());
        assertThat(marked.status()).isLessThan(400);
        assertThat(user.cookie(ReadRouteFilter.COOKIE)).isPresent();
        long afterWrite = admin.reads("replica-1");
        assertThat(user.get("/alerts").status()).isEqualTo(200);
        assertThat(user.get("/objects").status()).isEqualTo(200);
        assertThat(admin.reads("replica-1")).as("read your writes: the primary").isEqualTo(afterWrite);
    }

    @Test
    void formsAndAccountPagesAlwaysReadThePrimary() {
        PageClient a = new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
        a.removeCookie(ReadRouteFilter.COOKIE);
        long before = admin.reads("replica-1");
        for (String path : List.of("/users/my_account", "/users/edit/4", "/institutions/edit/2",
                "/objects/request_restore/1", "/internal_metadata")) {
            assertThat(a.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(admin.reads("replica-1")).isEqualTo(before);
    }

    @Test
    void theStandInReplicaRefusesWritesAsAStandbyWould() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(readOnly(DB.url()), DB.user(),
                DB.password() == null ? "" : DB.password()); java.sql.Statement st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute("UPDATE users SET name = name"))
                    .hasMessageContaining("read-only transaction");
        }
    }

    @Test
    void theHealthCheckShowsEachReplica() {
        Map<String, Object> health = admin.health("replicas");
        assertThat(health.get("healthy")).as("replica-2 is down").isEqualTo(false);
        assertThat((String) health.get("message")).contains("replica-1 (127.0.0.1:").contains("in use")
                .contains("replica-2 (127.0.0.1:1/none): down");
        Map<String, Object> one = admin.replica("replica-1");
        assertThat(one.get("lagMillis")).isEqualTo(0);
        assertThat(one.get("inRecovery")).isEqualTo(false);
        Map<String, Object> two = admin.replica("replica-2");
        assertThat(two.get("usable")).isEqualTo(false);
        assertThat((String) two.get("error")).isNotBlank();
        assertThat(admin.health("database").get("healthy")).isEqualTo(true);
    }
}
