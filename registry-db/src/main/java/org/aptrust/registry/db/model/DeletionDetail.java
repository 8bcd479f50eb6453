package org.aptrust.registry.db.model;

import java.util.List;

/** A deletion request with the files and objects it covers and the work items that carry it out. */
public record DeletionDetail(DeletionRequest request, List<GenericFile> files, List<IntellectualObject> objects,
                             List<WorkItem> workItems) {
    public DeletionDetail {
        files = List.copyOf(files);
        objects = List.copyOf(objects);
        workItems = List.copyOf(workItems);
    }
}
