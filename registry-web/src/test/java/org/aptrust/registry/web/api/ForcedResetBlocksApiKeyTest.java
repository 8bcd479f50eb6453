package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: a user with a pending forced password reset must choose a new password before anything else, and that
 * includes the API: the key is refused (401, the API's JSON saying why) until then, on the default recheck interval,
 * and works again at once afterwards.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ForcedResetBlocksApiKeyTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);
    private static final String LIST = "/member-api/v3/objects?per_page=1";

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void aForcedResetRefusesTheApiKeyUntilANewPasswordIsChosen() throws InterruptedException {
        ApiClient user = ApiClient.as(APP.getLocalPort(), "user@inst1.edu");
        assertThat(user.get(LIST).status()).isEqualTo(200); // remembered now

        // What an admin's reset leaves (PasswordPages' init_password_reset): a new password is due.
        ApiTestApp.execute(DB, "UPDATE users SET force_password_update = true WHERE email = 'user@inst1.edu'");
        Thread.sleep(1_100); // the default recheck interval (1 s): the row is read again after it
        ApiClient.Reply refused = user.get(LIST);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).containsEntry("StatusCode", 401);
        assertThat(refused.error()).contains("password must be reset first");
        assertThat(refused.headers().get("www-authenticate")).isNotEmpty();
        assertThat(user.get("/member-api/v3/objects/show/1").status()).as("every route").isEqualTo(401);
        assertThat(ApiClient.as(APP.getLocalPort(), "user@inst1.edu", "guess").get(LIST).error())
                .as("a wrong key learns nothing about the reset").doesNotContain("reset");
        assertThat(ApiClient.as(APP.getLocalPort(), "admin@inst1.edu").get(LIST).status())
                .as("other users of the institution go on").isEqualTo(200);

        // The new password ends it (CredentialsDao.setPasswordHash clears the mark); the refusal was not remembered.
        ApiTestApp.execute(DB, "UPDATE users SET force_password_update = false WHERE email = 'user@inst1.edu'");
        assertThat(user.get(LIST).status()).isEqualTo(200);
    }
}
