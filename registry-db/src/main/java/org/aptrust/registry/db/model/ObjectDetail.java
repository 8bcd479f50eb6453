package org.aptrust.registry.db.model;

import java.util.List;

/**
 * What an object's page shows about the object itself, read in one call.
 *
 * @param object              the view row: counts and sizes of its active files included
 * @param formats             active files by file_format, largest total first
 * @param total               all active files (fileFormat null)
 * @param pendingWorkItems    the object has open work items (ObjectWork's rule): restore and delete must wait
 */
public record ObjectDetail(IntellectualObject object, List<FileFormatTotal> formats, FileFormatTotal total,
                           boolean pendingWorkItems) {
    public ObjectDetail {
        formats = List.copyOf(formats);
    }
}
