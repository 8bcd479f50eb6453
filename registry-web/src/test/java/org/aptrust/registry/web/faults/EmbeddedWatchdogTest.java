package org.aptrust.registry.web.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.aptrust.registry.db.embedded.EmbeddedPostgresServer;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.faults.RequestStream.Sent;
import org.aptrust.registry.web.faults.RequestStream.Target;
import org.junit.jupiter.api.Test;

/**
 * The embedded default (config/registry.yml): when its PostgreSQL process dies, the watchdog starts it again on the
 * same port and data, and the service answers again by itself; meanwhile the API answers 503, never 500.
 */
class EmbeddedWatchdogTest {

    @Test
    void aKilledEmbeddedPostgresIsStartedAgainAndTheServiceRecovers() throws Exception {
        Path dataDir = Files.createTempDirectory("registry-watchdog-test");
        DropwizardAppExtension<RegistryConfiguration> app = new DropwizardAppExtension<>(
                RegistryApplication.class, ConfigFiles.path("registry.yml"),
                ConfigOverride.config("database.url", ""),
                ConfigOverride.config("database.embedded.dataDirectory", dataDir.resolve("postgres").toString()),
                ConfigOverride.config("database.watchdogInterval", "500ms"),
                ConfigOverride.config("scheduler.enabled", "false"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"));
        app.before();
        try {
            EmbeddedPostgresServer server = ((RegistryApplication) app.getApplication()).database().embeddedServer();
            Map<String, String> key = Map.of("X-Pharos-API-User", "user@inst1.edu", "X-Pharos-API-Key", "password");
            List<Target> targets = List.of(new Target("/member-api/v3/objects?per_page=5", key));
            List<Sent> all;
            long killedAt;
            try (RequestStream stream = new RequestStream(app.getLocalPort(), targets, 2, Duration.ofMillis(25))) {
                await(() -> stream.sent().stream().anyMatch(Sent::ok), "a first answer");
                killedAt = System.nanoTime();
                server.kill();
                await(() -> !server.isRunning() || stream.sent().stream()
                        .anyMatch(s -> s.sentAt() > killedAt && s.status() == 503), "the server gone");
                await(() -> server.isRunning() && stream.sent().stream()
                        .anyMatch(s -> s.sentAt() > killedAt && s.ok()), "answers again");
                long back = System.nanoTime();
                await(() -> stream.sent().stream().filter(s -> s.sentAt() > back).count() >= 20, "more answers");
                all = stream.sent();
            }
            assertThat(all).as("never a 500 nor an unanswered request")
                    .allSatisfy(s -> assertThat(s.status()).as(s.body()).isIn(200, 503));
            long firstOkAfter = all.stream().filter(s -> s.sentAt() > killedAt && s.ok()).mapToLong(Sent::sentAt)
                    .min().orElseThrow();
            assertThat(all.stream().filter(s -> s.sentAt() > firstOkAfter))
                    .allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        } finally {
            app.after();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
