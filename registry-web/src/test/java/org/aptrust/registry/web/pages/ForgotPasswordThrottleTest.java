package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.dao.MailOutboxDao;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryApplication;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Forgot password" has a limiter of its own (FailureThrottle "forgot", rows of auth_failures): per address asked
 * for and per client address, apart from sign-in's. A throttled request gets the very same page; only no mail is
 * written to the outbox (the outbox is what the sender delivers, so no row means no mail).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ForgotPasswordThrottleTest {

    private static final int PER_CLIENT = 12;
    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("web.forgotPasswordRequestsBeforeDelay", "3"),
            ConfigOverride.config("web.forgotPasswordRequestsPerClientBeforeDelay", Integer.toString(PER_CLIENT)));

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    private static long resetMails(int userId) {
        return APP.<RegistryApplication>getApplication().jdbi().withExtension(MailOutboxDao.class,
                dao -> dao.aboutUser(userId)).stream().filter(m -> m.kind().equals("password_reset")).count();
    }

    private static PageClient.Page forgot(PageClient c, String email) {
        c.get("/users/forgot_password");
        return c.post("/users/forgot_password", PageClient.form("email", email));
    }

    private static PageClient.Page signIn(String email, String password) {
        PageClient c = client();
        c.get("/users/sign_in");
        return c.post("/users/sign_in", PageClient.form("email", email, "password", password));
    }

    @Test
    void forgotPasswordIsLimitedPerAddressAndPerClientApartFromSignInAndAnswersAlikeThroughout() {
        PageClient anon = client();
        String answer = forgot(anon, "nobody@nowhere.edu").text("main");

        // sign-in failures for an address do not hold back its reset mail
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = signIn("user@inst1.edu", "wrong").status();
        }
        assertThat(status).isEqualTo(429);
        PageClient.Page first = forgot(anon, "user@inst1.edu");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("main")).isEqualTo(answer);
        assertThat(resetMails(4)).isEqualTo(1);

        // per address: three requests mail, those right after them do not, and answer the same
        for (int i = 0; i < 6; i++) {
            PageClient.Page p = forgot(anon, i % 2 == 0 ? "user@test.edu" : "USER@test.edu");
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.text("main")).isEqualTo(answer);
        }
        assertThat(resetMails(11)).isBetween(3L, 4L);
        // and the throttled requests did not slow the address's sign-in
        assertThat(signIn("user@test.edu", "password").status()).isEqualTo(303);

        // per client: requests for many addresses from one client stop mailing anyone
        for (int i = 0; i < PER_CLIENT; i++) {
            assertThat(forgot(anon, "someone" + i + "@nowhere.edu").text("main")).isEqualTo(answer);
        }
        PageClient.Page throttled = forgot(anon, "admin@test.edu");
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.text("main")).isEqualTo(answer);
        assertThat(resetMails(10)).isZero();
        // sign-in from that client goes on
        assertThat(signIn("admin@test.edu", "password").status()).isEqualTo(303);
    }
}
