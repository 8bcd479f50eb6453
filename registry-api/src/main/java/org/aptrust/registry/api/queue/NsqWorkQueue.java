package org.aptrust.registry.api.queue;

import org.aptrust.registry.db.dao.WorkItemWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes work item ids to nsqd over its HTTP API ({@code POST /pub?topic=...}, the id as the body), as the
 * original does. On success the item's queued_at is set; when nsqd cannot be reached or refuses, the request is
 * recorded in the work item like {@link RecordingWorkQueue} does, so nothing is lost.
 */
public final class NsqWorkQueue implements WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(NsqWorkQueue.class);

    private final NsqdClient nsqd;
    private final WorkItemWrites items;
    private final RecordingWorkQueue fallback;

    public NsqWorkQueue(String nsqUrl, WorkItemWrites items) {
        this(new NsqdClient(nsqUrl), items);
    }

    public NsqWorkQueue(NsqdClient nsqd, WorkItemWrites items) {
        this.nsqd = nsqd;
        this.items = items;
        this.fallback = new RecordingWorkQueue(items);
    }

    @Override
    public Publication publish(int workItemId, String topic) {
        String problem;
        try {
            nsqd.publish(topic, Integer.toString(workItemId));
            items.markQueued(workItemId);
            return new Publication(true, "published to topic " + topic);
        } catch (NsqdClient.NsqdException e) {
            problem = e.getMessage();
        }
        LOG.warn("work item {} not published to {} ({}); recorded in the work item instead", workItemId, topic,
                problem);
        fallback.publish(workItemId, topic);
        return new Publication(false, problem + "; the request is recorded in the work item");
    }
}
