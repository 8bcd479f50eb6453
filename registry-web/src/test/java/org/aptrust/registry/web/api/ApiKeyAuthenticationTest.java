package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.api.auth.Passwords;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API-key authentication: who is refused and how, and the cache of successful checks, which must make repeated
 * calls cheap without ever accepting a key that was changed or a user who was deactivated since.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeyAuthenticationTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    /** Read the user's row on every request here, so changes are seen at once (the default waits up to 1 s). */
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB,
            ConfigOverride.config("api.authRecheckInterval", "0s"));

    private static final String ROUTE = "/member-api/v3/items/show/1";

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient.Reply get(String user, String key) {
        return ApiClient.as(APP.getLocalPort(), user, key).get(ROUTE);
    }

    @Test
    void missingUnknownOrWrongCredentialsAre401() {
        ApiClient.Reply none = get(null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("X-Pharos-API-User").contains("X-Pharos-API-Key");
        assertThat(none.headers().get("www-authenticate")).isNotEmpty();
        assertThat(get("user@inst1.edu", null).status()).isEqualTo(401);
        assertThat(get("nobody-here@example.org", "password").status()).isEqualTo(401);
        ApiClient.Reply wrong = get("user@inst1.edu", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(get("nobody-here@example.org", "guess").body());
    }

    @Test
    void deactivatedUsersAndRoleNoneAreRefused() {
        assertThat(get("inactive@inst1.edu", "password").status()).isEqualTo(403);
        assertThat(get("inactive@inst1.edu", "password").error()).contains("deactivated");
        assertThat(get("inactive@inst1.edu", "wrong").status()).isEqualTo(401);
        assertThat(get("nobody@inst1.edu", "password").status()).isEqualTo(403);
    }

    @Test
    void emailsMatchWhateverTheirCase() {
        assertThat(get("System@APTrust.org", "password").status()).isEqualTo(200);
    }

    @Test
    void aChangedKeyOrADeactivationTakesEffectAtOnceDespiteTheCache() {
        // Work item 1 belongs to institution 2, so these users get 404 once they are let in.
        assertThat(get("user@test.edu", "password").status()).isEqualTo(404);
        ApiTestApp.execute(DB, "UPDATE users SET encrypted_api_secret_key = '" + Passwords.hash("rotated")
                + "' WHERE email = 'user@test.edu'");
        assertThat(get("user@test.edu", "password").status()).isEqualTo(401);
        assertThat(get("user@test.edu", "rotated").status()).isEqualTo(404);

        assertThat(get("user@example.edu", "password").status()).isEqualTo(404);
        ApiTestApp.execute(DB, "UPDATE users SET deactivated_at = now() WHERE email = 'user@example.edu'");
        assertThat(get("user@example.edu", "password").status()).isEqualTo(403);
    }

    @Test
    void repeatedCallsDoNotPayForBcryptEachTime() {
        String hash = Passwords.hash("password");
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Passwords.matches("password", hash);
        }
        double bcryptMillis = (System.nanoTime() - t0) / 5e6;

        assertThat(get("admin@inst1.edu", "password").status()).isEqualTo(200);
        int calls = 50;
        long t1 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            assertThat(get("admin@inst1.edu", "password").status()).isEqualTo(200);
        }
        double totalMillis = (System.nanoTime() - t1) / 1e6;
        assertThat(totalMillis).as("%d cached calls vs one bcrypt check of %.1f ms", calls, bcryptMillis)
                .isLessThan(calls * bcryptMillis / 2);
    }
}
