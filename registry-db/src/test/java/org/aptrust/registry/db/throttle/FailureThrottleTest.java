package org.aptrust.registry.db.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The throttle on a real database (auth_failures, migration 070); two throttles on one database are two instances. */
class FailureThrottleTest {

    private static TestDatabase db;
    private static Jdbi jdbi;
    private static int purposes;

    @BeforeAll
    static void database() {
        db = TestPostgres.fixtureDatabase();
        jdbi = TestJdbi.on(db);
    }

    /** A throttle with a purpose of its own, so the tests' counts never meet. */
    private static FailureThrottle throttle(Clock clock, int threshold) {
        return new FailureThrottle(jdbi, clock, "test" + (++purposes), threshold);
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void waitsGrowAfterTheThresholdAndResetAfterAWhile() {
        ManualClock clock = new ManualClock();
        FailureThrottle t = throttle(clock, 3);
        for (int i = 0; i < 2; i++) {
            t.recordFailure("A@x.edu", "10.0.0.1");
            assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
        }
        t.recordFailure("a@x.edu", "10.0.0.1");
        assertThat(t.waitBefore("a@X.edu", "10.0.0.2")).isEqualTo(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
        t.recordFailure("a@x.edu", "10.0.0.1");
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        t.recordFailure("a@x.edu", "10.0.0.1");
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        // Other accounts are not held up (the address is far from its own, higher limit).
        assertThat(t.waitBefore("b@x.edu", "10.0.0.1")).isZero();
        clock.now = clock.now.plus(FailureThrottle.WINDOW).plusSeconds(1);
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
        t.recordFailure("a@x.edu", "10.0.0.1");
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() {
        ManualClock clock = new ManualClock();
        FailureThrottle t = throttle(clock, 2);
        for (int i = 0; i < 20; i++) {
            t.recordFailure("user" + i + "@x.edu", "10.9.9.9");
        }
        assertThat(t.waitBefore("fresh@x.edu", "10.9.9.9")).isPositive();
        assertThat(t.waitBefore("fresh@x.edu", "10.9.9.8")).isZero();
    }

    @Test
    void successClearsTheAccountAndTheDelayIsCapped() {
        ManualClock clock = new ManualClock();
        FailureThrottle t = throttle(clock, 1);
        for (int i = 0; i < 40; i++) {
            t.recordFailure("c@x.edu", "10.0.0." + i);
        }
        assertThat(t.waitBefore("c@x.edu", "10.1.1.1")).isEqualTo(FailureThrottle.MAX_DELAY);
        t.recordSuccess("C@x.edu");
        assertThat(t.waitBefore("c@x.edu", "10.1.1.1")).isZero();
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheCounts() {
        ManualClock clock = new ManualClock();
        purposes++;
        FailureThrottle first = new FailureThrottle(jdbi, clock, "shared" + purposes, 2);
        FailureThrottle second = new FailureThrottle(TestJdbi.on(db), clock, "shared" + purposes, 2);
        first.recordFailure("d@x.edu", "10.2.2.2");
        second.recordFailure("d@x.edu", "10.2.2.3");
        assertThat(first.waitBefore("d@x.edu", "10.2.2.4")).isEqualTo(Duration.ofSeconds(1));
        assertThat(second.waitBefore("d@x.edu", "10.2.2.4")).isEqualTo(Duration.ofSeconds(1));
        assertThat(new FailureThrottle(jdbi, clock, "other" + purposes, 2).waitBefore("d@x.edu", "10.2.2.4"))
                .as("another purpose counts on its own").isZero();
        long rows = jdbi.withHandle(h -> h.select("SELECT count(*) FROM auth_failures WHERE key LIKE '%@%'")
                .mapTo(Long.class).one());
        assertThat(rows).as("no email kept in the table").isZero();
    }
}
