package org.aptrust.registry.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code threshold} failed sign-ins for one email (or ten times as many from one
 * client address) within 15 minutes, each further attempt must wait, 1 s after the next failure and doubling up
 * to 5 minutes. An attempt made while waiting is refused without checking the password. Counted per email whether
 * or not the account exists, so the answers never tell the two apart. Kept in memory: a restart forgets it.
 */
public final class SignInThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int IP_FACTOR = 10;
    private static final int MAX_ENTRIES = 50_000;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final int threshold;
    private final Map<String, Failures> byKey = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, int threshold) {
        this.clock = clock;
        this.threshold = threshold;
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    public Duration waitBefore(String email, String clientAddress) {
        Instant now = clock.instant();
        Duration a = wait(emailKey(email), threshold, now);
        Duration b = wait(ipKey(clientAddress), threshold * IP_FACTOR, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void recordFailure(String email, String clientAddress) {
        Instant now = clock.instant();
        if (byKey.size() > MAX_ENTRIES) {
            byKey.values().removeIf(f -> f.last().plus(WINDOW).isBefore(now));
        }
        for (String key : new String[] {emailKey(email), ipKey(clientAddress)}) {
            byKey.merge(key, new Failures(1, now), (old, one) -> old.last().plus(WINDOW).isBefore(now)
                    ? one : new Failures(old.count() + 1, now));
        }
    }

    /** A successful sign-in clears the email's count (not the address's: one good account must not unlock guessing). */
    public void recordSuccess(String email) {
        byKey.remove(emailKey(email));
    }

    private Duration wait(String key, int limit, Instant now) {
        Failures f = byKey.get(key);
        if (f == null || f.count() < limit || f.last().plus(WINDOW).isBefore(now)) {
            return Duration.ZERO;
        }
        int extra = Math.min(f.count() - limit, 20);
        Duration delay = Duration.ofSeconds(1L << extra);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        Duration left = Duration.between(now, f.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String emailKey(String email) {
        return "e:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String address) {
        return "a:" + (address == null ? "" : address);
    }
}
