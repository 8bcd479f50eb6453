package org.aptrust.registry.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.aptrust.registry.db.dao.CredentialsDao;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API-key check and its cache on the fixture users, with a clock the test moves: how long a remembered check
 * is trusted, and that a changed key or a deactivation ends it at the next look at the user's row.
 */
class ApiKeyAuthenticatorTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final Jdbi JDBI = TestJdbi.on(DB);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    /** Counts user-row reads, the only database work of a check. */
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private ApiKeyAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        Jdbi counted = TestJdbi.on(DB);
        counted.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRawSql().contains("FROM users")) {
                    reads.incrementAndGet();
                }
            }
        });
        authenticator = new ApiKeyAuthenticator(counted.onDemand(CredentialsDao.class), null, Duration.ofMinutes(5),
                RECHECK, 100, nanos::get);
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private ApiKeyAuthenticator.Outcome check(String email, String key) {
        return authenticator.authenticate(email, key, "127.0.0.1");
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aRememberedCheckIsTrustedUntilTheRecheckIntervalThenTheRowIsReadAgain() {
        assertThat(check("user@inst1.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        assertThat(reads).hasValue(1);
        for (int i = 0; i < 10; i++) {
            assertThat(check("USER@inst1.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        }
        assertThat(reads).hasValue(1);
        advance(RECHECK);
        assertThat(check("user@inst1.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangedKeyEndsTheRememberedCheckAtTheNextRead() {
        assertThat(check("user@inst2.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        JDBI.onDemand(CredentialsDao.class).setApiKeyHash(9, Passwords.hash("rotated"));
        advance(RECHECK);
        assertThat(check("user@inst2.edu", "password")).isEqualTo(
                new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
        assertThat(check("user@inst2.edu", "rotated")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
    }

    @Test
    void aDeactivationEndsItToo() {
        assertThat(check("admin@test.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        JDBI.useHandle(h -> h.execute("UPDATE users SET deactivated_at = now() WHERE email = 'admin@test.edu'"));
        advance(RECHECK);
        assertThat(check("admin@test.edu", "password")).isEqualTo(
                new ApiKeyAuthenticator.Refused(403, "this account is deactivated"));
    }

    @Test
    void failuresAreNeverRemembered() {
        assertThat(check("user@test.edu", "guess")).isInstanceOf(ApiKeyAuthenticator.Refused.class);
        assertThat(check("user@test.edu", "guess")).isInstanceOf(ApiKeyAuthenticator.Refused.class);
        assertThat(reads).hasValue(2);
        assertThat(check("no-one@example.org", "password")).isEqualTo(
                new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
        assertThat(check("", "password")).extracting(o -> ((ApiKeyAuthenticator.Refused) o).status()).isEqualTo(401);
    }

    /**
     * A user whose password must be reset first (users.force_password_update) is refused once the remembered check
     * is looked at again, and is not remembered: the key works at the first request after the new password, without
     * waiting for the cache.
     */
    @Test
    void aPendingForcedResetRefusesTheKeyAndTheCacheForgetsTheUser() {
        try {
            assertThat(check("user@test.edu", "password")).isInstanceOf(ApiKeyAuthenticator.Accepted.class);
            JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = true WHERE id = 11"));
            advance(RECHECK);
            assertThat(check("user@test.edu", "password"))
                    .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
            long before = reads.get();
            assertThat(check("user@test.edu", "password")).as("still refused, and read again at once")
                    .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
            assertThat(reads).hasValue(before + 1);

            JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = false WHERE id = 11"));
            assertThat(check("user@test.edu", "password"))
                    .as("accepted within the recheck interval: the refusal was not remembered")
                    .isInstanceOf(ApiKeyAuthenticator.Accepted.class);
            assertThat(check("user@test.edu", "wrong")).as("a wrong key is still a wrong key, reset or not")
                    .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
        } finally {
            JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = false WHERE id = 11"));
        }
    }

    @Test
    void aWrongKeyDoesNotTellThatAResetIsPending() {
        try {
            JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = true WHERE id = 12"));
            assertThat(check("user@example.edu", "guess"))
                    .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
            assertThat(check("user@example.edu", "password"))
                    .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
        } finally {
            JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = false WHERE id = 12"));
        }
    }
}
