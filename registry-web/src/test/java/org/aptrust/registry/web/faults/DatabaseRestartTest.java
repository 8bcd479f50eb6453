package org.aptrust.registry.web.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.GenericType;
import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.FixtureFiles;
import org.aptrust.registry.db.migrate.MigrationFiles;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.faults.RequestStream.Sent;
import org.aptrust.registry.web.faults.RequestStream.Target;
import org.aptrust.registry.web.pages.PageClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The whole application on a PostgreSQL server this test owns (its own cluster, on a free port): the server is
 * stopped and started again under a stream of page and API reads, and then its pooled backends are terminated.
 * While it is down every answer is a 503 (the friendly page, or the API's JSON with Retry-After), never a 500;
 * within 5 s of its return the service answers again without a restart, and nothing fails after that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseRestartTest {

    private static final String DATABASE = "registry_faults_test";
    private static Path dataDir;
    private static int port;
    private static EmbeddedPostgresServer server;
    private static DropwizardAppExtension<RegistryConfiguration> app;
    private static List<Target> targets;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("registry-faults-pg");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = EmbeddedPostgresServer.start(dataDir, port);
        server.ensureDatabase(DATABASE);
        new DatabaseReset(dataSource(), MigrationFiles.fromClasspath(), line -> { }).reset(FixtureFiles.classpath());
        app = new DropwizardAppExtension<>(RegistryApplication.class, ConfigFiles.path("test.yml"),
                ConfigOverride.config("database.url", server.jdbcUrl(DATABASE)),
                ConfigOverride.config("database.user", EmbeddedPostgresServer.USER),
                ConfigOverride.config("database.password", ""));
        app.before();
        PageClient browser = new PageClient(app.getLocalPort()).signIn("user@inst1.edu");
        Map<String, String> cookie = Map.of("Cookie", "aptrust_session=" + browser.cookie("aptrust_session").get());
        Map<String, String> key = Map.of("X-Pharos-API-User", "user@inst1.edu", "X-Pharos-API-Key", "password");
        targets = List.of(new Target("/objects", cookie), new Target("/member-api/v3/objects?per_page=5", key),
                new Target("/work_items", cookie), new Target("/member-api/v3/items?per_page=5", key),
                new Target("/member-api/v3/files?per_page=3", key));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
        if (server != null) {
            server.close();
        }
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl(DATABASE));
        ds.setUser(EmbeddedPostgresServer.USER);
        return ds;
    }

    @Test
    @Order(1)
    void aStoppedDatabaseGives503sAndTheServiceRecoversWithin5sOfItsReturn() throws Exception {
        long stoppedAt;
        long backAt;
        long startingAt;
        String health;
        long healthMillis;
        List<Sent> all;
        try (RequestStream stream = new RequestStream(app.getLocalPort(), targets, 3, Duration.ofMillis(20))) {
            awaitAnswers(stream, 20);
            stoppedAt = System.nanoTime();
            server.close(); // pg_ctl stop: every backend ends, the port closes
            // Answers to requests sent from half a second after the stop (the window checked below), so that a
            // fast burst of 503s in the first half second cannot use up the count and leave the window empty.
            awaitAnswersAfter(stream, stoppedAt + 500_000_000L, 30);
            long h = System.nanoTime();
            health = app.client().target("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").request()
                    .get().readEntity(String.class);
            healthMillis = (System.nanoTime() - h) / 1_000_000;
            // The server accepts connections before start() returns: the outage ends when starting begins.
            startingAt = System.nanoTime();
            server = EmbeddedPostgresServer.start(dataDir, port);
            backAt = System.nanoTime();
            awaitAnswersAfter(stream, backAt + Duration.ofSeconds(6).toNanos(), 30);
            all = stream.sent();
        }
        assertThat(all).as("no 500 and no unanswered request, ever")
                .noneMatch(s -> s.status() >= 500 && s.status() != 503).noneMatch(s -> s.status() == -1);

        List<Sent> whileDown = all.stream().filter(s -> s.sentAt() > stoppedAt + 500_000_000L && s.answeredAt() < startingAt)
                .toList();
        assertThat(whileDown).as("requests while the database was down").isNotEmpty().allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(503);
            assertThat(s.retryAfter()).isEqualTo("5");
            if (s.path().startsWith("/member-api")) {
                assertThat(s.body()).contains("\"StatusCode\":503").contains("database is unreachable");
            } else {
                assertThat(s.body()).contains("Temporarily unavailable").doesNotContain("HTTP ERROR");
            }
            assertThat(s.body()).doesNotContainIgnoringCase("exception").doesNotContain("SELECT");
        });
        assertThat(health).contains("database unreachable").doesNotContain("Unable to successfully check");
        assertThat(healthMillis).as("health check answered in bounded time").isLessThan(15_000);

        long recovered = all.stream().filter(s -> s.sentAt() >= backAt && s.ok()).mapToLong(Sent::answeredAt).min()
                .orElseThrow();
        assertThat(Duration.ofNanos(recovered - backAt)).as("recovery after the database returned")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(all.stream().filter(s -> s.sentAt() >= recovered).toList()).as("every request after recovery")
                .isNotEmpty().allSatisfy(s -> assertThat(s.status()).as(s.path()).isEqualTo(200));
    }

    @Test
    @Order(2)
    void terminatedPooledBackendsCostNoFailedRequest() throws Exception {
        List<Sent> all;
        int terminated = 0;
        try (RequestStream stream = new RequestStream(app.getLocalPort(), targets, 3, Duration.ofMillis(10))) {
            awaitAnswers(stream, 20);
            for (int round = 0; round < 3; round++) {
                try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                             + " FROM pg_stat_activity WHERE application_name = 'registry'"
                             + " AND pid <> pg_backend_pid()")) {
                    rs.next();
                    terminated += rs.getInt(1);
                }
                long at = System.nanoTime();
                awaitAnswersAfter(stream, at, 20);
            }
            all = stream.sent();
        }
        assertThat(terminated).as("backends terminated").isPositive();
        assertThat(all).as("answers while pooled backends were terminated").hasSizeGreaterThan(60)
                .allSatisfy(s -> assertThat(s.status()).as(s.path() + " " + s.body()).isEqualTo(200));
        assertThat(((RegistryApplication) app.getApplication()).faults().purges()).isPositive();
    }

    @Test
    @Order(3)
    void healthIsGoodAgain() {
        Map<String, Map<String, Object>> health = app.client()
                .target("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck").request()
                .get(new GenericType<>() { });
        assertThat(health.get("database").get("healthy")).isEqualTo(true);
    }

    /** Waits (generously) until the stream has {@code n} answers. */
    private static void awaitAnswers(RequestStream stream, int n) throws InterruptedException {
        awaitAnswersAfter(stream, 0, n);
    }

    /** Waits (generously) until {@code n} requests sent after {@code nanos} have been answered. */
    private static void awaitAnswersAfter(RequestStream stream, long nanos, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (stream.sent().stream().filter(s -> s.sentAt() >= nanos).count() < n) {
            assertThat(System.nanoTime()).as("answers within 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
