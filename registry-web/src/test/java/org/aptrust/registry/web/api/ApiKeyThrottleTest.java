package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import java.util.function.Supplier;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guessing API keys is throttled per user and per client address, in the database, so two instances on one
 * database share the counts; a caller whose key works is not slowed (429 with Retry-After and the API's JSON).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // both count against 127.0.0.1: the address's case comes last
class ApiKeyThrottleTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final DropwizardAppExtension<RegistryConfiguration> ONE = ApiTestApp.on(DB);
    private static final DropwizardAppExtension<RegistryConfiguration> TWO = ApiTestApp.on(DB);
    private static final String LIST = "/member-api/v3/objects?per_page=1";

    @Test
    @Order(1)
    void wrongKeysForOneUserAreThrottledOnEveryInstanceWhileItsRightKeyStillWorks() {
        ApiClient right = ApiClient.as(ONE.getLocalPort(), "user@inst1.edu");
        assertThat(right.get(LIST).status()).isEqualTo(200); // checked once: remembered

        ApiClient guessOnOne = ApiClient.as(ONE.getLocalPort(), "user@inst1.edu", "guess");
        for (int i = 0; i < 5; i++) {
            assertThat(guessOnOne.get(LIST).status()).as("failure " + (i + 1)).isEqualTo(401);
        }
        ApiClient.Reply throttled = guessUntilTheWaitIsLong(guessOnOne);
        assertThat(throttled.json()).containsEntry("StatusCode", 429);
        assertThat(throttled.error()).contains("too many failed API-key checks");

        ApiClient.Reply onTwo = ApiClient.as(TWO.getLocalPort(), "user@inst1.edu", "another guess").get(LIST);
        assertThat(onTwo.status()).as("the other instance sees the same count").isEqualTo(429);

        assertThat(right.get(LIST).status()).as("the holder of the right key is not slowed").isEqualTo(200);
        assertThat(ApiClient.as(ONE.getLocalPort(), "admin@inst1.edu").get(LIST).status())
                .as("other users from the same address are not slowed").isEqualTo(200);
    }

    @Test
    @Order(2)
    void oneAddressGuessingManyUsersIsThrottledToo() {
        int port = TWO.getLocalPort();
        int[] n = {0};
        guessUntilTheWaitIsLong(() -> ApiClient.as(port, "nobody" + (n[0]++) + "@example.org", "guess").get(LIST));
        assertThat(n[0]).as("the address's limit is ten times a user's").isGreaterThan(40);
        ApiClient.Reply r = ApiClient.as(ONE.getLocalPort(), "fresh@example.org", "guess").get(LIST);
        assertThat(r.status()).as("a new user from the same address, on the other instance").isEqualTo(429);
        assertThat(r.headers()).containsKey("retry-after");
    }

    /**
     * Goes on guessing (each 401 doubles the wait; a 429 is not counted) until a 429 asks for 8 s or more, so the
     * checks that follow fall inside the wait however slow the machine is.
     */
    private static ApiClient.Reply guessUntilTheWaitIsLong(ApiClient guesser) {
        return guessUntilTheWaitIsLong(() -> guesser.get(LIST));
    }

    private static ApiClient.Reply guessUntilTheWaitIsLong(Supplier<ApiClient.Reply> guess) {
        for (int i = 0; i < 400; i++) {
            ApiClient.Reply r = guess.get();
            assertThat(r.status()).isIn(401, 429);
            if (r.status() == 429) {
                long seconds = Long.parseLong(r.headers().get("retry-after").get(0));
                if (seconds >= 8) {
                    return r;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("never throttled for 8 s");
    }
}
