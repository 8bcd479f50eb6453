package org.aptrust.registry.api.redis;

import java.util.List;
import java.util.Map;

/**
 * The preservation workers' in-flight state of work items, which they keep in Redis: one hash per work item, keyed
 * by its id, with fields such as {@code object:<identifier>}, {@code file:<identifier>} (one per file),
 * {@code workresult:<operation>} and {@code restoration:<identifier>}, each a JSON document. The Registry only
 * reads it (for admins debugging an item) and deletes an item's hash (a clean-up, or before sending an item back to
 * its first stage).
 */
public interface WorkItemStates extends AutoCloseable {

    /** What one item's hash holds, shown to admins. */
    record ItemState(int workItemId, Map<String, String> fields, long fileFields, List<String> sampleFiles) {
        public boolean exists() {
            return !fields.isEmpty() || fileFields > 0;
        }
    }

    /** Redis is not configured, or cannot be reached, or answered with an error. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Whether a Redis is configured at all. */
    boolean configured();

    /** Where it is (host:port), for the pages; "" when none is configured. */
    String describe();

    /**
     * The item's hash: every field but the per-file ones, which are counted (and the first few named).
     *
     * @throws Unavailable when Redis is not configured or cannot be read
     */
    ItemState read(int workItemId);

    /**
     * Deletes the item's hash.
     *
     * @return 1 when there was one, 0 when not
     * @throws Unavailable when Redis is not configured or cannot be written
     */
    long delete(int workItemId);

    /**
     * Ids of the work items that have a hash, at most {@code max}, in no particular order (keys that are not work
     * item ids are skipped).
     *
     * @throws Unavailable when Redis is not configured or cannot be read
     */
    List<Integer> itemIds(int max);

    @Override
    void close();

    /** The store when no Redis is configured: every operation is refused with that reason. */
    WorkItemStates NONE = new WorkItemStates() {
        private Unavailable refusal() {
            return new Unavailable("Redis is not configured (api.redis.address, REGISTRY_REDIS_ADDRESS):"
                    + " the preservation workers' state of work items cannot be read or deleted here.", null);
        }

        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public String describe() {
            return "";
        }

        @Override
        public ItemState read(int workItemId) {
            throw refusal();
        }

        @Override
        public long delete(int workItemId) {
            throw refusal();
        }

        @Override
        public List<Integer> itemIds(int max) {
            throw refusal();
        }

        @Override
        public void close() {
        }
    };

    static WorkItemStates of(RedisSettings settings) {
        return settings.configured() ? new RedisWorkItemStates(settings) : NONE;
    }
}
