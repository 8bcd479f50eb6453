package org.aptrust.registry.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

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
        SignInThrottle t = new SignInThrottle(clock, 3);
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
        clock.now = clock.now.plus(SignInThrottle.WINDOW).plusSeconds(1);
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
        t.recordFailure("a@x.edu", "10.0.0.1");
        assertThat(t.waitBefore("a@x.edu", "10.0.0.1")).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock, 2);
        for (int i = 0; i < 20; i++) {
            t.recordFailure("user" + i + "@x.edu", "10.9.9.9");
        }
        assertThat(t.waitBefore("fresh@x.edu", "10.9.9.9")).isPositive();
        assertThat(t.waitBefore("fresh@x.edu", "10.9.9.8")).isZero();
    }

    @Test
    void successClearsTheAccountAndTheDelayIsCapped() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock, 1);
        for (int i = 0; i < 40; i++) {
            t.recordFailure("c@x.edu", "10.0.0." + i);
        }
        assertThat(t.waitBefore("c@x.edu", "10.1.1.1")).isEqualTo(SignInThrottle.MAX_DELAY);
        t.recordSuccess("C@x.edu");
        assertThat(t.waitBefore("c@x.edu", "10.1.1.1")).isZero();
    }
}
