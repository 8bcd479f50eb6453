package org.aptrust.registry.db.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.aptrust.registry.db.dao.AuthFailureDao;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows guessing of secrets (passwords, API keys, codes, tokens): after {@code threshold} failures for one holder
 * (an account) or ten times as many from one client address, within 15 minutes of each other, each further attempt
 * must wait, 1 s after the last failure and doubling up to 5 minutes. The caller refuses an attempt made while
 * waiting without checking the secret. The counts are rows of auth_failures (migration 070), so every instance on
 * the database sees and adds to the same counts, and a restart forgets nothing. Keys are SHA-256 hashes of the
 * purpose and the holder or address: the table keeps no email or address.
 *
 * <p>Counted per holder whether or not the account exists, so answers never tell the two apart. One instance per
 * purpose ("web" for sign-in and the account pages, "api" for API keys, "forgot" for password-reset requests):
 * each purpose counts on its own.
 */
public final class FailureThrottle {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int ADDRESS_FACTOR = 10;

    private final Jdbi jdbi;
    private final Clock clock;
    private final String purpose;
    private final int threshold;
    private final int addressThreshold;

    public FailureThrottle(Jdbi jdbi, Clock clock, String purpose, int threshold) {
        this(jdbi, clock, purpose, threshold, threshold * ADDRESS_FACTOR);
    }

    /** @param addressThreshold the failures from one client address before it must wait (else 10 x threshold) */
    public FailureThrottle(Jdbi jdbi, Clock clock, String purpose, int threshold, int addressThreshold) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.purpose = purpose;
        this.threshold = threshold;
        this.addressThreshold = addressThreshold;
    }

    /** How long this attempt must still wait; zero when it may go ahead. One indexed read. */
    public Duration waitBefore(String holder, String clientAddress) {
        String h = holderKey(holder);
        String a = addressKey(clientAddress);
        List<AuthFailureDao.Count> counts = jdbi.withExtension(AuthFailureDao.class,
                dao -> dao.counts(new String[] {h, a}));
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (AuthFailureDao.Count c : counts) {
            Duration w = wait(c, c.key().equals(h) ? threshold : addressThreshold, now);
            if (w.compareTo(wait) > 0) {
                wait = w;
            }
        }
        return wait;
    }

    /** Counts a failure against the holder and the address (one statement). */
    public void recordFailure(String holder, String clientAddress) {
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbi.useExtension(AuthFailureDao.class, dao -> {
            dao.fail(new String[] {holderKey(holder), addressKey(clientAddress)}, at, at.minus(WINDOW));
            if (ThreadLocalRandom.current().nextInt(200) == 0) {
                dao.forgetBefore(at.minus(WINDOW).minus(MAX_DELAY));
            }
        });
    }

    /** A success clears the holder's count (not the address's: one good account must not unlock guessing). */
    public void recordSuccess(String holder) {
        jdbi.useExtension(AuthFailureDao.class, dao -> dao.clear(holderKey(holder)));
    }

    private static Duration wait(AuthFailureDao.Count c, int limit, Instant now) {
        Instant last = c.lastFailureAt().toInstant();
        if (c.failures() < limit || last.plus(WINDOW).isBefore(now)) {
            return Duration.ZERO;
        }
        int extra = Math.min(c.failures() - limit, 20);
        Duration delay = Duration.ofSeconds(1L << extra);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        Duration left = Duration.between(now, last.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private String holderKey(String holder) {
        return hash(purpose + "\u0000h\u0000" + (holder == null ? "" : holder.strip().toLowerCase(Locale.ROOT)));
    }

    private String addressKey(String address) {
        return hash(purpose + "\u0000a\u0000" + (address == null ? "" : address));
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
