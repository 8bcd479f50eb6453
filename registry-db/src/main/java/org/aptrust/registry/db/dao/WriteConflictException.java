package org.aptrust.registry.db.dao;

/**
 * A write the current data does not allow (an object that still has active files, a deletion nobody approved, a
 * retention period that has not passed, pending work). Thrown inside the write's transaction, so nothing of it is
 * kept; callers report it as a conflict with the reason.
 */
public class WriteConflictException extends RuntimeException {

    public WriteConflictException(String reason) {
        super(reason);
    }
}
