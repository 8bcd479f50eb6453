package org.aptrust.registry.db.seed;

import java.util.List;
import java.util.Locale;

/**
 * How much synthetic data to generate. M is a mid-sized repository; S is M/100 (tests, quick looks); L is 10×M
 * (production is about 4×L). The largest objects keep 10,000 files from M up, as real repositories' largest bags do.
 */
public enum Scale {
    S(1_000, 10_000, 20_000, 20_000, 30_000, 1_000, List.of(100, 50, 30)),
    M(100_000, 1_000_000, 2_000_000, 2_000_000, 3_000_000, 100_000, List.of(10_000, 5_000, 3_000)),
    L(1_000_000, 10_000_000, 20_000_000, 20_000_000, 30_000_000, 1_000_000, List.of(10_000, 10_000, 5_000, 5_000,
            3_000, 3_000));

    private final long objects;
    private final long files;
    private final long checksums;
    private final long storageRecords;
    private final long events;
    private final long workItems;
    private final List<Integer> largestObjects;

    Scale(long objects, long files, long checksums, long storageRecords, long events, long workItems,
          List<Integer> largestObjects) {
        this.objects = objects;
        this.files = files;
        this.checksums = checksums;
        this.storageRecords = storageRecords;
        this.events = events;
        this.workItems = workItems;
        this.largestObjects = largestObjects;
    }

    public static Scale parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scale '" + s + "': use S, M or L", e);
        }
    }

    public long objects() {
        return objects;
    }

    public long files() {
        return files;
    }

    public long checksums() {
        return checksums;
    }

    public long storageRecords() {
        return storageRecords;
    }

    public long events() {
        return events;
    }

    public long workItems() {
        return workItems;
    }

    /** File counts of the few giant objects (the first objects generated); the rest are log-normal. */
    public List<Integer> largestObjects() {
        return largestObjects;
    }
}
