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
import org.junit.jupiter.api.Test;

/**
 * A user whose password must be reset first (users.force_password_update) is refused by the API-key check once
 * the remembered check is looked at again, and is not remembered: the key works at the first request after the new
 * password, without waiting for the cache.
 */
class ApiKeyForcedResetTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final Jdbi JDBI = TestJdbi.on(DB);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    @Test
    void aPendingForcedResetRefusesTheKeyAndTheCacheForgetsTheUser() {
        AtomicLong reads = new AtomicLong();
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Jdbi counted = TestJdbi.on(DB);
        counted.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRawSql().contains("FROM users")) {
                    reads.incrementAndGet();
                }
            }
        });
        ApiKeyAuthenticator keys = new ApiKeyAuthenticator(counted.onDemand(CredentialsDao.class), null,
                Duration.ofMinutes(5), RECHECK, 100, nanos::get);

        assertThat(keys.authenticate("user@test.edu", "password", "127.0.0.1"))
                .isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = true WHERE id = 11"));
        nanos.addAndGet(RECHECK.toNanos());
        assertThat(keys.authenticate("user@test.edu", "password", "127.0.0.1"))
                .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
        long before = reads.get();
        assertThat(keys.authenticate("user@test.edu", "password", "127.0.0.1"))
                .as("still refused, and read again at once: nothing remembered")
                .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
        assertThat(reads).hasValue(before + 1);

        JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = false WHERE id = 11"));
        assertThat(keys.authenticate("user@test.edu", "password", "127.0.0.1"))
                .as("accepted within the recheck interval: the refusal was not remembered")
                .isInstanceOf(ApiKeyAuthenticator.Accepted.class);
        assertThat(keys.authenticate("user@test.edu", "wrong", "127.0.0.1"))
                .as("a wrong key is still a wrong key, reset or not")
                .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
    }

    @Test
    void aWrongKeyDoesNotTellThatAResetIsPending() {
        JDBI.useHandle(h -> h.execute("UPDATE users SET force_password_update = true WHERE id = 12"));
        ApiKeyAuthenticator keys = new ApiKeyAuthenticator(JDBI.onDemand(CredentialsDao.class), null,
                Duration.ofMinutes(5), RECHECK, 100);
        assertThat(keys.authenticate("user@example.edu", "guess", "127.0.0.1"))
                .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.BAD_CREDENTIALS));
        assertThat(keys.authenticate("user@example.edu", "password", "127.0.0.1"))
                .isEqualTo(new ApiKeyAuthenticator.Refused(401, ApiKeyAuthenticator.RESET_FIRST));
    }
}
