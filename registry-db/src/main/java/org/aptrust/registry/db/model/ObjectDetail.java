package org.aptrust.registry.db.model;

import java.util.List;

/**
 * What an object's page shows about the object itself, read in one call.
 *
 * @param object              the view row: counts and sizes of its active files included
 * @param formats             active files by file_format, largest total first
 * @param total               all active files (fileFormat null)
 * @param pendingWorkItems    a work item of the same institution for this object or named like its bag is still
 *                            open (not Success, Failed or Cancelled): restore and delete must wait
 */
public record ObjectDetail(IntellectualObject object, List<FileFormatTotal> formats, FileFormatTotal total,
                           boolean pendingWorkItems) {
    public ObjectDetail {
        formats = List.copyOf(formats);
    }
}
