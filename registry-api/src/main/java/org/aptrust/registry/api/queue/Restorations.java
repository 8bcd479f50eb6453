package org.aptrust.registry.api.queue;

import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;

/**
 * A restoration request, from the admin API or an institutional admin's web page alike: the work item (see
 * {@link IntellectualObjectWrites#requestRestoration}), then its publication to the action's queue topic.
 */
public final class Restorations {

    private Restorations() {
    }

    /**
     * @param storageOption the object's storage option, which decides the action and so the topic
     * @return the new work item's id
     * @throws org.aptrust.registry.db.dao.WriteConflictException when the object is deleted or has unfinished work
     */
    public static int request(IntellectualObjectWrites objects, WorkQueue queue, int objectId, String storageOption,
                              String requestedBy) {
        int itemId = objects.requestRestoration(objectId, requestedBy);
        publish(queue, itemId, storageOption);
        return itemId;
    }

    /**
     * Publishes an object's restoration work item to its action's topic (restore_object, or restore_glacier for
     * objects kept only in Glacier); for callers that made the item in a transaction of their own and publish after
     * its commit.
     */
    public static WorkQueue.Publication publish(WorkQueue queue, int itemId, String storageOption) {
        String action = IntellectualObjectWrites.restorationAction(storageOption);
        return queue.publish(itemId,
                QueueTopics.topicFor(action, IntellectualObjectWrites.RESTORATION_STAGE).orElseThrow());
    }

    /** The same for one file ({@link GenericFileWrites#requestRestoration}): Restore File, topic restore_file. */
    public static int requestFile(GenericFileWrites files, WorkQueue queue, int fileId, String storageOption,
                                  String requestedBy) {
        int itemId = files.requestRestoration(fileId, requestedBy);
        String action = GenericFileWrites.restorationAction(storageOption);
        queue.publish(itemId, QueueTopics.topicFor(action, IntellectualObjectWrites.RESTORATION_STAGE).orElseThrow());
        return itemId;
    }
}
