package org.aptrust.registry.api.queue;

import org.aptrust.registry.db.dao.WorkItemWrites;

/**
 * The queue used when none is configured: it records the request in the work item (its note names the topic,
 * queued_at stays unset), so a worker that polls for Pending items, or a later publish, finds it.
 */
public final class RecordingWorkQueue implements WorkQueue {

    private final WorkItemWrites items;

    public RecordingWorkQueue(WorkItemWrites items) {
        this.items = items;
    }

    @Override
    public Publication publish(int workItemId, String topic) {
        items.recordQueueRequest(workItemId, topic);
        return new Publication(false, "no queue is configured: the request for topic " + topic
                + " is recorded in the work item");
    }
}
