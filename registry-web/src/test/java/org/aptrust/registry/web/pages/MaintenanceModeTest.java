package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.maintenance.MaintenanceMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database: maintenance mode switched through one instance's admin task is seen by the other
 * within the cache interval (pages redirect, the API answers 503 JSON, the admin port keeps working), and switched
 * off again the same way. A third instance configured with {@code maintenance: true} starts in maintenance until an
 * operator's switch overrides its configuration.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MaintenanceModeTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    // Each instance states every setting another one overrides: a ConfigOverride stays a system property until its
    // application stops, whichever of them starts first.
    static final DropwizardAppExtension<RegistryConfiguration> A = WebApp.on(DB,
            ConfigOverride.config("maintenance", "false"), ConfigOverride.config("scheduler.enabled", "false"));
    /** With its scheduler on: the counts job every 200 ms, the others off. */
    static final DropwizardAppExtension<RegistryConfiguration> B = WebApp.on(DB,
            ConfigOverride.config("maintenance", "false"), ConfigOverride.config("scheduler.enabled", "true"),
            ConfigOverride.config("scheduler.counts.interval", "200ms"),
            ConfigOverride.config("scheduler.current.enabled", "false"),
            ConfigOverride.config("scheduler.historical.enabled", "false"),
            ConfigOverride.config("scheduler.empty.enabled", "false"));
    static final DropwizardAppExtension<RegistryConfiguration> CONFIGURED_ON = WebApp.on(DB,
            ConfigOverride.config("maintenance", "true"), ConfigOverride.config("scheduler.enabled", "false"));

    /** Seen within the cache interval, with room for a slow machine. */
    private static final Duration WITHIN = MaintenanceMode.CACHE_FOR.plusSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @AfterEach
    void nobodySwitched() throws Exception {
        execute("DELETE FROM registry_maintenance");
        Thread.sleep(MaintenanceMode.CACHE_FOR.toMillis() + 100);
    }

    @Test
    void switchedOnThroughOneInstanceTheOtherRedirectsAndRefusesTheApiThenSwitchedOff() throws Exception {
        PageClient b = new PageClient(B.getLocalPort()).signIn("user@inst1.edu");
        assertThat(b.get("/dashboard").status()).isEqualTo(200);
        assertThat(get(B.getLocalPort(), "/member-api/v3/objects").statusCode()).isEqualTo(401);
        assertThat(get(B.getLocalPort(), "/maintenance?format=json").body())
                .isEqualTo("{\"StatusCode\":200,\"Error\":\"\",\"Message\":\"Registry is operating normally.\"}");

        HttpResponse<String> on = task(A.getAdminPort(), "/tasks/maintenance?on=true");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).startsWith("maintenance on (switched by an operator");
        long switched = System.nanoTime();

        PageClient.Page redirected = waitFor(() -> b.get("/dashboard"), p -> p.status() == 302);
        assertThat(Duration.ofNanos(System.nanoTime() - switched)).isLessThan(WITHIN);
        assertThat(redirected.location()).endsWith("/maintenance");
        assertThat(redirected.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(b.get("/objects?institution_id=2").location()).endsWith("/maintenance");
        assertThat(b.get("/users/sign_in").location()).endsWith("/maintenance");

        HttpResponse<String> api = get(B.getLocalPort(), "/member-api/v3/objects");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(api.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(api.body()).isEqualTo(
                "{\"StatusCode\":503,\"Error\":\"APTrust Registry is currently undergoing maintenance.\"}");
        assertThat(get(B.getLocalPort(), "/admin-api/v3/institutions").statusCode()).isEqualTo(503);

        PageClient.Page page = b.get("/maintenance");
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.text("h1")).isEqualTo("System maintenance");
        assertThat(page.text("p.maintenance")).startsWith("The APTrust Registry is down for maintenance.");
        assertThat(get(B.getLocalPort(), "/maintenance?format=json").body()).isEqualTo(
                "{\"StatusCode\":503,\"Error\":\"APTrust Registry is currently undergoing maintenance.\","
                        + "\"Message\":\"\"}");
        assertThat(get(B.getLocalPort(), "/").statusCode()).isNotEqualTo(503);
        assertThat(get(B.getLocalPort(), "/").headers().firstValue("Location").orElse(""))
                .doesNotEndWith("/maintenance");
        assertThat(get(B.getLocalPort(), "/assets/registry.css").statusCode()).isEqualTo(200);

        // The admin port answers as always, and the other instance's scheduler skips its runs.
        waitFor(() -> text("SELECT last_outcome || ' ' || last_detail FROM stats_job_runs WHERE job = 'counts'"),
                "skipped maintenance mode"::equals);
        HttpResponse<String> health = get(B.getAdminPort(), "/healthcheck");
        assertThat(health.body()).contains("maintenance mode: the stats jobs are paused");
        assertThat(task(B.getAdminPort(), "/tasks/scheduler-status").body())
                .contains("(maintenance mode: scheduled runs skip)");

        HttpResponse<String> off = task(B.getAdminPort(), "/tasks/maintenance?on=false");
        assertThat(off.body()).startsWith("maintenance off (switched by an operator");
        long switchedOff = System.nanoTime();
        waitFor(() -> get(A.getLocalPort(), "/maintenance?format=json"), r -> r.statusCode() == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - switchedOff)).isLessThan(WITHIN);
        assertThat(b.get("/dashboard").status()).isEqualTo(200);
        assertThat(get(A.getLocalPort(), "/member-api/v3/objects").statusCode()).isEqualTo(401);
        waitFor(() -> text("SELECT coalesce(last_detail, '') FROM stats_job_runs WHERE job = 'counts'"),
                detail -> !"maintenance mode".equals(detail));
    }

    @Test
    void theConfigurationHoldsUntilAnOperatorSwitches() throws Exception {
        assertThat(get(CONFIGURED_ON.getLocalPort(), "/member-api/v3/objects").statusCode()).isEqualTo(503);
        assertThat(get(A.getLocalPort(), "/member-api/v3/objects").statusCode()).isEqualTo(401);
        assertThat(task(CONFIGURED_ON.getAdminPort(), "/tasks/maintenance").body())
                .startsWith("maintenance on (from this instance's configuration");

        task(A.getAdminPort(), "/tasks/maintenance?on=false");
        waitFor(() -> get(CONFIGURED_ON.getLocalPort(), "/member-api/v3/objects"), r -> r.statusCode() == 401);
        assertThat(task(CONFIGURED_ON.getAdminPort(), "/tasks/maintenance").body())
                .startsWith("maintenance off (switched by an operator; the configuration says on)");
    }

    @Test
    void theTaskRefusesAnythingButTrueOrFalse() throws Exception {
        HttpResponse<String> bad = task(A.getAdminPort(), "/tasks/maintenance?on=yes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("on must be true or false");
        assertThat(task(A.getAdminPort(), "/tasks/maintenance?off=true").statusCode()).isEqualTo(400);
        assertThat(value("SELECT count(*) FROM registry_maintenance")).isEqualTo(0);
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T waitFor(Call<T> call, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            T t = call.call();
            if (done.test(t) || System.nanoTime() > deadline) {
                assertThat(done.test(t)).as("condition reached in 10 s: " + t).isTrue();
                return t;
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> task(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(String sql) throws Exception {
        try (var c = DB.connect(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String text(String sql) throws Exception {
        try (var c = DB.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long value(String sql) throws Exception {
        try (var c = DB.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
