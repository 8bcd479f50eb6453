package org.aptrust.registry.web.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * How far behind the primary a replica is, from the primary's flushed WAL position sampled at every check rather
 * than from {@code pg_last_xact_replay_timestamp()} alone: on a primary with nothing to write the last replayed
 * transaction grows old although the replica misses nothing.
 *
 * <p>Each check first records the primary's flush position P(t). A replica that has replayed up to R holds every
 * transaction the primary had flushed at any sample t with P(t) &lt;= R. So it is current when R reaches the latest
 * sample, and otherwise at most {@code now - t} behind, t being the newest sample it has reached. When it has reached
 * none of the samples kept (a window of {@code keep}), it is at least that window behind.
 */
final class ReplicaLag {

    /** A replica's lag: zero when current; {@code atLeast} when older than every sample kept. */
    record Lag(Duration lag, boolean atLeast) {
        static final Lag CURRENT = new Lag(Duration.ZERO, false);
    }

    private record Sample(long nanos, long lsn) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final long keepNanos;

    ReplicaLag(Duration keep) {
        this.keepNanos = keep.toNanos();
    }

    synchronized void primaryAt(long nanos, long flushLsn) {
        samples.addLast(new Sample(nanos, flushLsn));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > keepNanos) {
            samples.removeFirst();
        }
    }

    synchronized boolean hasSamples() {
        return !samples.isEmpty();
    }

    /** The lag of a replica that has replayed up to replayLsn, at nowNanos. Needs at least one sample. */
    synchronized Lag of(long replayLsn, long nowNanos) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no primary position sampled yet");
        }
        if (replayLsn >= samples.peekLast().lsn()) {
            return Lag.CURRENT;
        }
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.lsn() <= replayLsn) {
                return new Lag(Duration.ofNanos(Math.max(0, nowNanos - s.nanos())), false);
            }
        }
        return new Lag(Duration.ofNanos(Math.max(0, nowNanos - samples.peekFirst().nanos())), true);
    }
}
