package org.aptrust.registry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.api.ApiClient;
import org.aptrust.registry.web.app.ConfigFiles;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database, as behind a load balancer: an API key replaced, or a user deactivated, through
 * instance A is refused by instance B within api.authRecheckInterval, although B had the old key's successful
 * check remembered (its cache lasts api.authCacheExpiry, 5 minutes); B's web sessions of a deactivated user end at
 * once (each request reads the session's row).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SharedStateAcrossInstancesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** The documented interval, with room for a busy machine. */
    private static final Duration WITHIN = RECHECK.plusSeconds(9);

    static final DropwizardAppExtension<RegistryConfiguration> A = WebApp.on(DB,
            ConfigOverride.config("api.authCacheExpiry", "5m"), ConfigOverride.config("api.authRecheckInterval", "1s"));
    /**
     * The same settings from a file rather than overrides: overrides are system properties, and two instances
     * setting the same ones leave the first one's values behind for the next test class when they stop.
     */
    static final DropwizardAppExtension<RegistryConfiguration> B = new DropwizardAppExtension<>(
            RegistryApplication.class, testConfigOn(DB, "api:\n  authCacheExpiry: 5m\n  authRecheckInterval: 1s\n"));

    private static final String ROUTE = "/member-api/v3/objects?per_page=1";

    /** config/test.yml with the database named in it, plus more YAML; a temporary file, deleted at exit. */
    static String testConfigOn(TestDatabase db, String moreYaml) {
        try {
            String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(ConfigFiles.path("test.yml")))
                    .replace("url: ${REGISTRY_DB_URL:-}", "url: " + db.url())
                    .replace("user: ${REGISTRY_DB_USER:-postgres}", "user: '" + (db.user() == null ? "" : db.user()) + "'")
                    .replace("password: ${REGISTRY_DB_PASSWORD:-}",
                            "password: '" + (db.password() == null ? "" : db.password()) + "'");
            java.nio.file.Path file = java.nio.file.Files.createTempFile("registry-instance", ".yml");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, yaml + "\n" + moreYaml);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void aKeyReplacedOnOneInstanceIsRefusedByTheOther() {
        ApiClient oldKeyOnB = ApiClient.as(B.getLocalPort(), "user@inst1.edu", "password");
        assertThat(oldKeyOnB.get(ROUTE).status()).isEqualTo(200);
        assertThat(oldKeyOnB.get(ROUTE).status()).as("remembered by B").isEqualTo(200);

        PageClient onA = new PageClient(A.getLocalPort()).signIn("user@inst1.edu");
        PageClient.Page account = onA.get("/users/my_account");
        String action = account.doc().select("form[action^=/users/get_api_key/]").attr("action");
        PageClient.Page shown = onA.post(action, Map.of());
        assertThat(shown.status()).isEqualTo(200);
        String newKey = shown.text("code.api-key");
        long replaced = System.nanoTime();

        Poll.until("B refuses the replaced key", WITHIN, () -> oldKeyOnB.get(ROUTE).status(), s -> s == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - replaced)).isLessThan(WITHIN);
        assertThat(ApiClient.as(B.getLocalPort(), "user@inst1.edu", newKey).get(ROUTE).status()).isEqualTo(200);
    }

    @Test
    void aUserDeactivatedOnOneInstanceIsRefusedByTheOther() {
        ApiClient keyOnB = ApiClient.as(B.getLocalPort(), "user@test.edu", "password");
        assertThat(keyOnB.get(ROUTE).status()).isEqualTo(200);
        PageClient sessionOnB = new PageClient(B.getLocalPort()).signIn("user@test.edu");
        assertThat(sessionOnB.get("/dashboard").status()).isEqualTo(200);

        PageClient adminOnA = new PageClient(A.getLocalPort()).signIn("admin@test.edu");
        adminOnA.get("/users/show/11");
        assertThat(adminOnA.post("/users/delete/11", Map.of()).status()).isEqualTo(303);
        long deactivated = System.nanoTime();

        assertThat(sessionOnB.get("/dashboard").status()).as("B's session ended at once").isEqualTo(303);
        Poll.until("B refuses the deactivated user's key", WITHIN, () -> keyOnB.get(ROUTE).status(), s -> s == 403);
        assertThat(Duration.ofNanos(System.nanoTime() - deactivated)).isLessThan(WITHIN);
    }
}
