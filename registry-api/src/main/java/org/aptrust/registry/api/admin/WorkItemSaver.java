package org.aptrust.registry.api.admin;

import org.aptrust.registry.db.dao.WorkItemWrites;

/**
 * Saves a changed work item together with what its save sets off (the completion alerts of restorations, spot
 * tests and deletions), in one transaction. The application supplies it; the admin API's update and the web UI's
 * edit form both save through it.
 */
@FunctionalInterface
public interface WorkItemSaver {

    /** @param values the item's values after the change, already checked ({@link WorkItemEdits}) */
    void save(int itemId, WorkItemWrites.ItemValues values);
}
