package org.aptrust.registry.api.queue;

/**
 * Where requeued work items go for the preservation workers (the original posts them to NSQ). Whatever the
 * implementation, a request is never lost: when the item cannot be handed to a queue, the request is recorded in
 * the work item itself.
 */
public interface WorkQueue {

    /** What became of one publication. */
    record Publication(boolean queued, String detail) {
    }

    Publication publish(int workItemId, String topic);
}
