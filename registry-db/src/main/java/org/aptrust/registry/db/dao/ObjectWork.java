package org.aptrust.registry.db.dao;

/**
 * The one rule for "this object has work in progress", shared by the object page's flag and the checks before a
 * restoration or a deletion: a work item of the object's institution, for this object or named like its bag (with
 * or without ".tar", as ingests are named before they know their object), whose status is not Success, Failed or
 * Cancelled. The original matched the bare bag name only, which missed the ".tar" items that ingests,
 * restorations and deletions are named with.
 */
final class ObjectWork {

    /** FROM ... WHERE for the object :id's open work items, aliased wi; callers add their SELECT (and conditions). */
    static final String OPEN = " FROM intellectual_objects io JOIN work_items wi"
            + " ON wi.institution_id = io.institution_id AND (wi.intellectual_object_id = io.id"
            + " OR wi.name = io.bag_name OR wi.name = io.bag_name || '.tar')"
            + " WHERE io.id = :id AND wi.status NOT IN ('Success', 'Failed', 'Cancelled')";

    private ObjectWork() {
    }
}
